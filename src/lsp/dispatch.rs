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

use super::transport::{self, Incoming};
use futures::{SinkExt, StreamExt};
use std::io::{BufRead, Write};
use std::sync::mpsc;
use std::task::Poll;
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
) {
    let out = Outbox::spawn(output);
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

/// The writer: a thread that writes each message whole, in the order sent,
/// and flushes when it has nothing more to write.
#[derive(Clone)]
struct Outbox(mpsc::Sender<Vec<u8>>);

impl Outbox {
    fn spawn(mut output: impl Write + Send + 'static) -> Outbox {
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let spawned = std::thread::Builder::new()
            .name("lsp-writer".into())
            .spawn(move || {
                while let Ok(body) = rx.recv() {
                    let mut written = transport::write(&mut output, &body);
                    while let (Ok(()), Ok(more)) = (&written, rx.try_recv()) {
                        written = transport::write(&mut output, &more);
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
        Outbox(tx)
    }

    fn send(&self, message: &impl serde::Serialize) {
        match serde_json::to_vec(message) {
            Ok(body) => {
                let _ = self.0.send(body);
            }
            Err(e) => eprintln!("newsmark lsp: cannot write a message as JSON: {e}"),
        }
    }
}
