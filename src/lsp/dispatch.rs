//! The message loop: one thread reads the client's messages
//! ([`transport::read`]), this loop hands them to tower-lsp-server's typed
//! service in arrival order, and one thread writes every outgoing message
//! whole.
//!
//! Order and concurrency:
//! - `initialize` is answered before the next message is read, so an
//!   `initialized` sent early is not lost.
//! - Notifications run to completion in arrival order (their handlers change
//!   the state synchronously and never wait on the client).
//! - A request runs its synchronous start (taking its snapshot) in arrival
//!   order too, then goes on as a task of its own: a slow request never holds
//!   back another, a notification, or a `$/cancelRequest` for it.
//! - A request no handler knows (`$/…` with an id) is answered
//!   `MethodNotFound`, as the protocol asks.
//! - What waits to be written is counted ([`Backlog`]): the diagnostics
//!   task, which sends the bulk of all messages, waits while a client that
//!   reads slowly has more than [`Backlog::LIMIT`] bytes to read.

use super::transport::{self, Incoming};
use futures::{SinkExt, StreamExt};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::Poll;
use tokio::sync::Notify;
use tower::{Service, ServiceExt};
use tower_lsp_server::jsonrpc::{Error, Id, Response};
use tower_lsp_server::{ClientSocket, ExitedError, LanguageServer, LspService};

/// Serves `service` on `input` and `output` until `exit` or the end of the
/// input.
pub async fn serve<S: LanguageServer>(
    mut service: LspService<S>,
    socket: ClientSocket,
    input: impl BufRead + Send + 'static,
    output: impl Write + Send + 'static,
    backlog: Arc<Backlog>,
) {
    let out = Outbox::spawn(output, backlog);
    let (mut to_client, mut client_answers) = socket.split();
    let forward = out.clone();
    tokio::spawn(async move {
        while let Some(request) = to_client.next().await {
            forward.send(&request);
        }
    });
    let mut incoming = spawn_reader(input);
    while let Some(message) = incoming.recv().await {
        let request = match message {
            Incoming::Request(request) => request,
            Incoming::Response(response) => {
                if client_answers.send(response).await.is_err() {
                    break;
                }
                continue;
            }
            Incoming::Invalid { why, reply } => {
                eprintln!("newsmark lsp: ignored {why}");
                if let Some(reply) = reply {
                    out.send(&reply);
                }
                continue;
            }
        };
        let id = request.id().cloned();
        let exit = request.method() == "exit";
        let whole = id.is_none() || request.method() == "initialize";
        let Ok(ready) = service.ready().await else {
            break; // the service has exited
        };
        let mut answer = ready.call(request);
        if exit {
            let _ = answer.await;
            break;
        }
        if whole {
            reply(&out, id, answer.await);
            continue;
        }
        // The handler's synchronous start runs now, in arrival order.
        match futures::poll!(&mut answer) {
            Poll::Ready(result) => reply(&out, id, result),
            Poll::Pending => {
                let out = out.clone();
                tokio::spawn(async move { reply(&out, id, answer.await) });
            }
        }
    }
}

/// Sends a handler's answer; a request that got none was not known.
fn reply(out: &Outbox, id: Option<Id>, result: Result<Option<Response>, ExitedError>) {
    match (result, id) {
        (Ok(Some(response)), _) => out.send(&response),
        (Ok(None), Some(id)) => out.send(&Response::from_error(id, Error::method_not_found())),
        (Ok(None), None) | (Err(_), _) => {}
    }
}

/// Reads messages on a thread of its own, so that a client that stops
/// mid-message blocks nothing else.
fn spawn_reader(mut input: impl BufRead + Send + 'static) -> tokio::sync::mpsc::Receiver<Incoming> {
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    let spawned = std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            loop {
                match transport::read(&mut input) {
                    Ok(Some(message)) => {
                        if tx.blocking_send(message).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(e) => {
                        eprintln!("newsmark lsp: cannot read the client's messages: {e}");
                        return;
                    }
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("newsmark lsp: cannot start the reader thread: {e}");
    }
    rx
}

/// The bytes of the messages sent but not yet written: a client that reads
/// slowly (an editor busy with each list of diagnostics) left nearly every
/// diagnostic of a 10k-article workspace queued here: about 60 MiB more at
/// the server's peak when the client took 0.5 ms per message.
#[derive(Debug, Default)]
pub(crate) struct Backlog {
    bytes: AtomicUsize,
    drained: Notify,
}

impl Backlog {
    /// How many bytes may wait before [`Backlog::room`] waits.
    pub(crate) const LIMIT: usize = 1 << 20;

    fn queued(&self, bytes: usize) {
        self.bytes.fetch_add(bytes, Ordering::SeqCst);
    }

    fn written(&self, bytes: usize) {
        let before = self.bytes.fetch_sub(bytes, Ordering::SeqCst);
        if before >= Self::LIMIT && before - bytes < Self::LIMIT {
            self.drained.notify_waiters();
        }
    }

    /// Waits until fewer than [`Backlog::LIMIT`] bytes wait to be written.
    pub(crate) async fn room(&self) {
        loop {
            let drained = self.drained.notified();
            tokio::pin!(drained);
            // Registered before the count is read: a drain in between wakes it.
            drained.as_mut().enable();
            if self.bytes.load(Ordering::SeqCst) < Self::LIMIT {
                return;
            }
            drained.await;
        }
    }
}

/// The writer: a thread that writes each message whole, in the order sent,
/// and flushes when it has nothing more to write.
#[derive(Clone)]
struct Outbox {
    queue: mpsc::Sender<Vec<u8>>,
    backlog: Arc<Backlog>,
}

impl Outbox {
    fn spawn(mut output: impl Write + Send + 'static, backlog: Arc<Backlog>) -> Outbox {
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let counted = backlog.clone();
        let spawned = std::thread::Builder::new()
            .name("lsp-writer".into())
            .spawn(move || {
                while let Ok(body) = rx.recv() {
                    let mut written = transport::write(&mut output, &body);
                    counted.written(body.len());
                    while let (Ok(()), Ok(more)) = (&written, rx.try_recv()) {
                        written = transport::write(&mut output, &more);
                        counted.written(more.len());
                    }
                    if let Err(e) = written.and_then(|()| output.flush()) {
                        eprintln!("newsmark lsp: cannot write to the client: {e}");
                        return;
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("newsmark lsp: cannot start the writer thread: {e}");
        }
        Outbox { queue: tx, backlog }
    }

    fn send(&self, message: &impl serde::Serialize) {
        match serde_json::to_vec(message) {
            Ok(body) => {
                self.backlog.queued(body.len());
                if let Err(mpsc::SendError(body)) = self.queue.send(body) {
                    // The writer is gone: nothing will be written.
                    self.backlog.written(body.len());
                }
            }
            Err(e) => eprintln!("newsmark lsp: cannot write a message as JSON: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    /// An output that writes only once it is opened: a client that does not
    /// read yet.
    struct Gate {
        open: mpsc::Receiver<()>,
        opened: bool,
        written: Arc<std::sync::Mutex<Vec<u8>>>,
    }

    impl Write for Gate {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if !self.opened {
                self.open.recv().map_err(std::io::Error::other)?;
                self.opened = true;
            }
            self.written.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_backlog_holds_back_its_waiters_until_the_client_reads() {
        let (open, gate) = mpsc::channel();
        let written = Arc::default();
        let backlog = Arc::new(Backlog::default());
        let out = Outbox::spawn(
            Gate {
                open: gate,
                opened: false,
                written: Arc::clone(&written),
            },
            backlog.clone(),
        );
        // Below the limit, there is room.
        out.send(&"small");
        assert!(backlog.room().now_or_never().is_some());
        // Past it, none until the client reads.
        let big = "x".repeat(Backlog::LIMIT);
        out.send(&big);
        out.send(&big);
        assert!(backlog.room().now_or_never().is_none());
        let waiting = backlog.room();
        open.send(()).unwrap();
        // The count falls below the limit once the second is written.
        waiting.await;
        let expected: String = [
            "\"small\"".to_string(),
            format!("\"{big}\""),
            format!("\"{big}\""),
        ]
        .iter()
        .map(|b| format!("Content-Length: {}\r\n\r\n{b}", b.len()))
        .collect();
        assert_eq!(
            String::from_utf8(written.lock().unwrap().clone()).unwrap(),
            expected
        );
    }
}
