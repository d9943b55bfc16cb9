//! The language server, `newsmark lsp`: LSP 3.17 over stdio on
//! tower-lsp-server. The only module that knows LSP types, JSON-RPC and tokio;
//! everything it answers comes from the pure core in byte ranges.

mod convert;
mod diagnostics;
mod document;
mod indexing;
mod server;
mod state;

use state::State;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::Notify;
use tower_lsp_server::{Client, LspService, Server};

/// What the handlers and tasks share: the state, the client, and the bell
/// that wakes the diagnostics task.
#[derive(Clone)]
pub(crate) struct Shared {
    state: Arc<Mutex<State>>,
    client: Client,
    wake: Arc<Notify>,
}

impl Shared {
    fn new(client: Client) -> Shared {
        Shared {
            state: Arc::default(),
            client,
            wake: Arc::default(),
        }
    }

    /// Locks the state. Never held across an `.await`. A panic while it was
    /// held leaves no half-done change behind worth refusing service over.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
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
    runtime.block_on(async move {
        let (service, socket) = LspService::build(move |client| server::Backend::new(client, flag))
            .custom_method("newsmark/documentText", server::Backend::document_text)
            .finish();
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
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
