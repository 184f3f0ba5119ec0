//! Join codes: 120 random bits from the operating system, written in a
//! lowercase alphabet without look-alike characters, in dashed groups.

use rand::rngs::OsRng;
use rand::RngCore;

/// 32 symbols: no i, l, o or 1, which people misread.
const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";

/// A fresh code: 24 characters of 5 bits each (120 bits).
pub fn new_code() -> String {
    let mut bytes = [0u8; 15];
    OsRng.fill_bytes(&mut bytes);
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let mut out = String::with_capacity(29);
    for i in 0..24 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let v = ((bits >> (5 * (23 - i))) & 31) as usize;
        out.push(ALPHABET[v] as char);
    }
    out
}

/// Codes compare without regard to case, spaces or dashes typed by people.
pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
