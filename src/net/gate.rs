//! Admission: which sockets the server keeps open. A socket that has not
//! yet said a valid `hello` is *pending*: there may be only so many of
//! them, server-wide and per address, and when a new one comes the oldest
//! pending socket is closed to make room. A flood of idle or half-open
//! sockets therefore never stops a real player, who connects and says
//! `hello` within milliseconds. A socket that has joined holds one of the
//! server's permits for joined connections, which pending sockets cannot
//! take.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::oneshot;

use super::server::Limits;

/// The server's admission book, shared by the accept loop and the
/// connections.
pub(super) struct Gate {
    limits: Limits,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    /// Pending sockets, oldest first: their address and what closes them.
    pending: BTreeMap<u64, (IpAddr, oneshot::Sender<()>)>,
    pending_by_ip: HashMap<IpAddr, usize>,
    joined_by_ip: HashMap<IpAddr, usize>,
    joined: usize,
}

/// Why a pending socket may not join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Full {
    /// The server holds `max_connections` joined connections.
    Server,
    /// This address holds `max_per_address` joined connections.
    Address,
}

fn dec(map: &mut HashMap<IpAddr, usize>, ip: IpAddr) {
    if let Some(n) = map.get_mut(&ip) {
        *n -= 1;
        if *n == 0 {
            map.remove(&ip);
        }
    }
}

impl Gate {
    pub(super) fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate {
            limits,
            inner: Mutex::new(Inner::default()),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing panics while holding the lock; a poisoned one is still sound.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Register a socket just accepted from `ip`. To keep within the
    /// limits, the oldest pending socket of the same address, or else the
    /// oldest of all, is told to close.
    pub(super) fn admit(self: &Arc<Self>, ip: IpAddr) -> Pending {
        let (tx, rx) = oneshot::channel();
        let mut g = self.lock();
        let id = g.next;
        g.next += 1;
        if g.pending_by_ip.get(&ip).copied().unwrap_or(0) >= self.limits.max_pending_per_address.max(1) {
            let oldest = g.pending.iter().find(|(_, (a, _))| *a == ip).map(|(id, _)| *id);
            if let Some(old) = oldest {
                g.evict(old);
            }
        }
        while g.pending.len() >= self.limits.max_pending.max(1) {
            let Some(old) = g.pending.keys().next().copied() else {
                break;
            };
            g.evict(old);
        }
        g.pending.insert(id, (ip, tx));
        *g.pending_by_ip.entry(ip).or_insert(0) += 1;
        Pending {
            gate: Arc::clone(self),
            id,
            ip,
            closed: Some(rx),
        }
    }

    /// Close the oldest pending socket, to free a file descriptor; whether
    /// there was one.
    pub(super) fn evict_oldest(&self) -> bool {
        let mut g = self.lock();
        let Some(old) = g.pending.keys().next().copied() else {
            return false;
        };
        g.evict(old);
        true
    }

    /// Pending sockets now open.
    #[cfg(test)]
    pub(super) fn pending(&self) -> usize {
        self.lock().pending.len()
    }
}

impl Inner {
    fn evict(&mut self, id: u64) {
        if let Some((ip, tx)) = self.pending.remove(&id) {
            dec(&mut self.pending_by_ip, ip);
            let _ = tx.send(());
        }
    }
}

/// A socket that has not yet joined. Dropping it frees its place.
pub(super) struct Pending {
    gate: Arc<Gate>,
    id: u64,
    ip: IpAddr,
    closed: Option<oneshot::Receiver<()>>,
}

impl Pending {
    /// Completes when the gate wants this socket closed, to make room for
    /// a newer one.
    pub(super) async fn evicted(&mut self) {
        match self.closed.as_mut() {
            Some(rx) => {
                let _ = rx.await;
            }
            None => std::future::pending().await,
        }
    }

    /// The socket said a valid `hello`: it takes a permit for joined
    /// connections, if one is free.
    pub(super) fn join(mut self) -> Result<Joined, Full> {
        let gate = Arc::clone(&self.gate);
        let full = {
            let mut g = gate.lock();
            if g.joined >= gate.limits.max_connections {
                Some(Full::Server)
            } else if g.joined_by_ip.get(&self.ip).copied().unwrap_or(0) >= gate.limits.max_per_address {
                Some(Full::Address)
            } else {
                if g.pending.remove(&self.id).is_some() {
                    dec(&mut g.pending_by_ip, self.ip);
                }
                g.joined += 1;
                *g.joined_by_ip.entry(self.ip).or_insert(0) += 1;
                None
            }
        };
        // Dropping a refused socket's place takes the lock again, so only
        // once it is released.
        if let Some(f) = full {
            return Err(f);
        }
        self.closed = None;
        Ok(Joined { gate, ip: self.ip })
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.closed.is_some() {
            let mut g = self.gate.lock();
            if g.pending.remove(&self.id).is_some() {
                dec(&mut g.pending_by_ip, self.ip);
            }
        }
    }
}

/// A joined connection's permit, given back when it is dropped.
pub(super) struct Joined {
    gate: Arc<Gate>,
    ip: IpAddr,
}

impl Drop for Joined {
    fn drop(&mut self) {
        let mut g = self.gate.lock();
        g.joined = g.joined.saturating_sub(1);
        dec(&mut g.joined_by_ip, self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_connections: 3,
            max_per_address: 2,
            max_pending: 4,
            max_pending_per_address: 2,
            ..Limits::default()
        }
    }

    #[test]
    fn the_oldest_pending_socket_of_an_address_makes_room_for_a_new_one() {
        let gate = Gate::new(limits());
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let mut first = gate.admit(a);
        let _second = gate.admit(a);
        let _other = gate.admit(b);
        let _third = gate.admit(a);
        assert_eq!(first.closed.as_mut().map(|rx| rx.try_recv().is_ok()), Some(true));
        assert_eq!(gate.pending(), 3);
    }

    #[test]
    fn joined_connections_are_limited_per_address_and_in_all() {
        let gate = Gate::new(limits());
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let j1 = gate.admit(a).join().unwrap();
        let _j2 = gate.admit(a).join().unwrap();
        assert_eq!(gate.admit(a).join().err(), Some(Full::Address));
        let _j3 = gate.admit(b).join().unwrap();
        assert_eq!(gate.admit(b).join().err(), Some(Full::Server));
        drop(j1);
        assert!(gate.admit(b).join().is_ok());
        assert_eq!(gate.pending(), 0);
    }
}
