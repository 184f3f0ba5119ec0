//! The server's SSH host key: an Ed25519 key made on first use and kept
//! in OpenSSH's file format next to the room logs, readable by its owner
//! only, so a resumed host shows participants the same fingerprint.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rand::rngs::OsRng;
use rand::RngCore;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::LineEnding;
use russh::keys::{HashAlg, PrivateKey};

/// The key's file name inside the host's directory.
pub const FILE_NAME: &str = "ssh_host_ed25519_key";

/// Where the host key of rooms kept in `dir` lives.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Read the host key at `path`, or make one there if there is none (the
/// file is created with mode 0600, never overwritten). Errors: the file
/// cannot be read or written, is not an OpenSSH private key, or (on Unix)
/// can be read by other users.
pub fn load_or_create(path: &Path) -> Result<PrivateKey, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            check_private(path)?;
            PrivateKey::from_openssh(text.as_bytes())
                .map_err(|e| format!("{} is not an SSH private key: {e}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(e) => Err(format!("cannot read the SSH host key {}: {e}", path.display())),
    }
}

fn create(path: &Path) -> Result<PrivateKey, String> {
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the SSH host key: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot create the SSH host key {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write the SSH host key {}: {e}", path.display()))?;
    Ok(key)
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| format!("cannot read the SSH host key {}: {e}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "the SSH host key {} can be read by other users: run `chmod 600` on it",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), String> {
    Ok(())
}

/// The key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:` and 43
/// base64 characters), for participants to compare with what `ssh` shows.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}
