//! Admission: which sockets the server keeps open. A socket that has not
//! yet said a valid `hello` is *pending*. Past the caps on pending sockets
//! (server-wide and per address), a new socket makes room by closing
//! pending sockets that have waited longer than `pending_grace`, oldest
//! first. A real player connects and says `hello` within milliseconds, so
//! only idle or half-open sockets are ever stale: a classroom joining at
//! once from behind one address gets in while a flood of idle sockets is
//! cleared. Young sockets may exceed a cap up to `YOUNG_FACTOR` times it;
//! past that the oldest is closed whatever its age, so descriptors stay
//! bounded. A socket that has joined holds one of the server's permits
//! for joined connections, which pending sockets cannot take.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

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
    /// Pending sockets, oldest first: their address, when they came, and
    /// what closes them.
    pending: BTreeMap<u64, (IpAddr, Instant, oneshot::Sender<()>)>,
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

/// How far young pending sockets may exceed a cap: this many times it.
pub(super) const YOUNG_FACTOR: usize = 8;

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

    /// Register a socket just accepted from `ip` at `now`. Past a cap,
    /// pending sockets older than `pending_grace` are told to close,
    /// oldest first (of the same address for its cap); past
    /// `YOUNG_FACTOR` times a cap, the oldest whatever its age.
    pub(super) fn admit(self: &Arc<Self>, ip: IpAddr, now: Instant) -> Pending {
        let (tx, rx) = oneshot::channel();
        let grace = self.limits.pending_grace;
        let stale = |since: Instant| now.saturating_duration_since(since) >= grace;
        let per_ip = self.limits.max_pending_per_address.max(1);
        let all = self.limits.max_pending.max(1);
        let mut g = self.lock();
        let id = g.next;
        g.next += 1;
        loop {
            let here = g.pending_by_ip.get(&ip).copied().unwrap_or(0);
            if here < per_ip {
                break;
            }
            let oldest = g
                .pending
                .iter()
                .find(|(_, (a, _, _))| *a == ip)
                .map(|(id, (_, t, _))| (*id, *t));
            match oldest {
                Some((old, since)) if stale(since) || here >= per_ip.saturating_mul(YOUNG_FACTOR) => g.evict(old),
                _ => break,
            }
        }
        loop {
            let n = g.pending.len();
            if n < all {
                break;
            }
            let oldest = g.pending.iter().next().map(|(id, (_, t, _))| (*id, *t));
            match oldest {
                Some((old, since)) if stale(since) || n >= all.saturating_mul(YOUNG_FACTOR) => g.evict(old),
                _ => break,
            }
        }
        g.pending.insert(id, (ip, now, tx));
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
        if let Some((ip, _, tx)) = self.pending.remove(&id) {
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
    use std::time::Duration;

    use super::*;

    fn limits() -> Limits {
        Limits {
            max_connections: 3,
            max_per_address: 2,
            max_pending: 4,
            max_pending_per_address: 2,
            pending_grace: Duration::from_secs(1),
            ..Limits::default()
        }
    }

    fn closed(p: &mut Pending) -> bool {
        p.closed.as_mut().is_some_and(|rx| rx.try_recv().is_ok())
    }

    #[test]
    fn a_stale_pending_socket_of_an_address_makes_room_for_a_new_one() {
        let gate = Gate::new(limits());
        let t0 = Instant::now();
        let later = t0 + Duration::from_secs(2);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let mut first = gate.admit(a, t0);
        let mut second = gate.admit(a, t0);
        let _other = gate.admit(b, t0);
        let mut third = gate.admit(a, later);
        assert!(closed(&mut first), "the oldest stale socket of the address goes");
        assert!(!closed(&mut second));
        assert!(!closed(&mut third));
        assert_eq!(gate.pending(), 3);
    }

    #[test]
    fn young_sockets_are_kept_past_the_cap_up_to_its_multiple() {
        let gate = Gate::new(limits());
        let now = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        // A burst from one address, all within the grace period.
        let mut burst: Vec<Pending> = (0..2 * YOUNG_FACTOR).map(|_| gate.admit(a, now)).collect();
        assert!(burst.iter_mut().all(|p| !closed(p)), "no young socket is closed");
        assert_eq!(gate.pending(), 2 * YOUNG_FACTOR);
        let _one_more = gate.admit(a, now);
        assert!(closed(&mut burst[0]), "past the multiple, the oldest goes");
        assert_eq!(gate.pending(), 2 * YOUNG_FACTOR);
    }

    #[test]
    fn past_the_server_wide_cap_stale_sockets_go_first() {
        let gate = Gate::new(limits());
        let t0 = Instant::now();
        let later = t0 + Duration::from_secs(2);
        let ips: Vec<IpAddr> = (1..=6).map(|i| IpAddr::from([10, 0, 0, i])).collect();
        let mut old: Vec<Pending> = ips[..4].iter().map(|ip| gate.admit(*ip, t0)).collect();
        let _new = gate.admit(ips[4], later);
        assert!(closed(&mut old[0]));
        assert!(old[1..].iter_mut().all(|p| !closed(p)));
        let _young = gate.admit(ips[5], later);
        assert!(closed(&mut old[1]), "the next stale one goes, not a young one");
    }

    #[test]
    fn joined_connections_are_limited_per_address_and_in_all() {
        let gate = Gate::new(limits());
        let now = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let j1 = gate.admit(a, now).join().unwrap();
        let _j2 = gate.admit(a, now).join().unwrap();
        assert_eq!(gate.admit(a, now).join().err(), Some(Full::Address));
        let _j3 = gate.admit(b, now).join().unwrap();
        assert_eq!(gate.admit(b, now).join().err(), Some(Full::Server));
        drop(j1);
        assert!(gate.admit(b, now).join().is_ok());
        assert_eq!(gate.pending(), 0);
    }
}
