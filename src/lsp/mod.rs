//! The language server, `newsmark lsp`: LSP 3.17 over stdio, with
//! tower-lsp-server's typed handlers behind a transport and message loop of
//! our own. The only module that knows LSP types, JSON-RPC and tokio;
//! everything it answers comes from the pure core in byte ranges.

mod convert;
mod diagnostics;
mod dispatch;
mod document;
mod indexing;
mod server;
mod state;
mod transport;

use state::State;
use std::io::BufReader;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::{Client, LspService};

/// How long a request that needs the whole workspace waits for indexing
/// before it is answered `ContentModified`.
const INDEX_WAIT: Duration = Duration::from_secs(10);

/// What the handlers and tasks share: the state, the client, the bell
/// that wakes the diagnostics task, and the count of bytes not yet written.
#[derive(Clone)]
pub(crate) struct Shared {
    state: Arc<Mutex<State>>,
    client: Client,
    wake: Arc<Notify>,
    /// What waits to be written to the client.
    backlog: Arc<dispatch::Backlog>,
}

impl Shared {
    fn new(client: Client, backlog: Arc<dispatch::Backlog>) -> Shared {
        Shared {
            state: Arc::default(),
            client,
            wake: Arc::default(),
            backlog,
        }
    }

    /// Locks the state. Never held across an `.await`. A panic while it was
    /// held leaves no half-done change behind worth refusing service over.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads files that changed on disk (or that the editor closed) without
    /// the lock, then puts them into the workspace.
    fn read_from_disk(&self, paths: Vec<std::path::PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let kinds: Vec<_> = {
            let state = self.lock();
            paths.iter().map(|p| state.classify(p)).collect()
        };
        let files: Vec<_> = paths
            .into_iter()
            .zip(kinds)
            .map(|(path, kind)| {
                let file = State::load(&path, kind);
                (path, file)
            })
            .collect();
        let mut state = self.lock();
        for (path, file) in files {
            state.put_disk(&path, file);
        }
    }

    /// Waits until the workspace is indexed (at once when it is), at most
    /// [`INDEX_WAIT`], and until then answers nothing: a request must not
    /// say "not defined" of an id whose registry is not read yet, nor rename
    /// in part of the workspace. `version` is that of the request's document
    /// when it came: if the document changed while the request waited, its
    /// positions no longer hold.
    async fn indexed(
        &self,
        path: Option<&std::path::Path>,
        version: Option<i32>,
    ) -> Result<(), Error> {
        let mut ready = self.lock().readiness();
        if !*ready.borrow_and_update() {
            let waited = tokio::time::timeout(INDEX_WAIT, ready.wait_for(|r| *r)).await;
            if !matches!(waited, Ok(Ok(_))) {
                return Err(not_ready(
                    "newsmark is still indexing the workspace; ask again when it is done",
                ));
            }
            if let Some(path) = path
                && self.lock().version(path) != version
            {
                return Err(not_ready(
                    "the document changed while the workspace was indexed",
                ));
            }
        }
        Ok(())
    }
}

/// The answer to a request that cannot be answered from the workspace as
/// it is: the client may ask again.
fn not_ready(message: &'static str) -> Error {
    Error {
        code: ErrorCode::ContentModified,
        message: message.into(),
        data: None,
    }
}

/// Runs pure work for a request on the blocking pool, off the async
/// threads, under the panic guard: a slow request holds back no other. When
/// the request is cancelled (its future dropped), work not yet started is
/// skipped.
async fn compute<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    struct CancelOnDrop(Arc<AtomicBool>);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let cancelled = Arc::new(AtomicBool::new(false));
    let _cancel = CancelOnDrop(cancelled.clone());
    let task = tokio::task::spawn_blocking(move || {
        if cancelled.load(Ordering::Relaxed) {
            return None;
        }
        guard(what, work)
    });
    match task.await {
        Ok(Some(value)) => Ok(value),
        _ => Err(Error {
            code: ErrorCode::InternalError,
            message: format!("newsmark failed to compute {what}; the server goes on").into(),
            data: None,
        }),
    }
}

/// Runs `f`, turning a panic into `None` and a line on stderr, so that one
/// bad request cannot take the server down.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("newsmark lsp: {what} failed (panic: {message}); the server goes on");
            None
        }
    }
}

/// Serves LSP on stdin/stdout until `exit`. The status is 0 when `shutdown`
/// came first, else 1, as the protocol asks.
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("newsmark lsp: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let backlog = Arc::new(dispatch::Backlog::default());
    let written = backlog.clone();
    runtime.block_on(async move {
        let (service, socket) =
            LspService::build(move |client| server::Backend::new(client, flag, written))
                .custom_method("newsmark/documentText", server::Backend::document_text)
                .finish();
        let input = BufReader::new(std::io::stdin());
        dispatch::serve(service, socket, input, std::io::stdout(), backlog).await;
    });
    // Indexing or stdin reads may still be running: do not wait for them.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_is_caught_and_reported() {
        assert_eq!(super::guard("test", || 7), Some(7));
        let caught: Option<()> = super::guard("test", || panic!("boom"));
        assert_eq!(caught, None);
    }
}
