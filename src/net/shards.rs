//! The threads rooms run on: one single-threaded runtime per core. Each
//! holds some of the rooms and, once they have said `hello`, the
//! connections of those rooms' players, so a room and its players wake
//! no other thread and steal no work from each other.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

pub(super) struct Shards {
    handles: Vec<Handle>,
    stops: Vec<oneshot::Sender<()>>,
}

impl Shards {
    /// One runtime per core the machine offers, and no more than there are
    /// rooms (at least one).
    pub(super) fn start(rooms: usize) -> io::Result<Shards> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let n = cores.min(rooms).max(1);
        let mut shards = Shards {
            handles: Vec::new(),
            stops: Vec::new(),
        };
        for i in 0..n {
            // Tasks woken from other threads come first: above all a room whose
            // log sync has finished, which then sends the turn's views. With
            // the default, such a room waited behind 31 polls of local tasks
            // for each room ahead of it, often over 10 ms in a burst.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .global_queue_interval(1)
                .enable_all()
                .build()?;
            let (stop, stopped) = oneshot::channel::<()>();
            shards.handles.push(runtime.handle().clone());
            shards.stops.push(stop);
            std::thread::Builder::new()
                .name(format!("demarche-rooms-{i}"))
                .spawn(move || {
                    // The tasks still here when the server stops are dropped
                    // with the runtime, on its own thread.
                    runtime.block_on(async {
                        let _ = stopped.await;
                    });
                })?;
        }
        Ok(shards)
    }

    /// The runtime that holds room `room`.
    pub(super) fn of_room(&self, room: usize) -> Handle {
        self.handles[room % self.handles.len()].clone()
    }

    /// Stop every runtime; what still runs on them is dropped.
    pub(super) fn stop(self) {
        for stop in self.stops {
            let _ = stop.send(());
        }
    }
}

/// The TCP stream under a websocket. It can be taken out, with what the
/// websocket has already read still buffered above it, and registered
/// again on the runtime of the connection's room.
pub(super) struct Movable(pub(super) Option<TcpStream>);

fn moved() -> io::Error {
    io::Error::new(io::ErrorKind::NotConnected, "the connection is between threads")
}

impl AsyncRead for Movable {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().0 {
            Some(s) => Pin::new(s).poll_read(cx, buf),
            None => Poll::Ready(Err(moved())),
        }
    }
}

impl AsyncWrite for Movable {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().0 {
            Some(s) => Pin::new(s).poll_write(cx, buf),
            None => Poll::Ready(Err(moved())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().0 {
            Some(s) => Pin::new(s).poll_flush(cx),
            None => Poll::Ready(Err(moved())),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().0 {
            Some(s) => Pin::new(s).poll_shutdown(cx),
            None => Poll::Ready(Err(moved())),
        }
    }
}
