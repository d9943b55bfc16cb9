//! A small LSP client over stdio, shared by the end-to-end tests
//! (`tests/lsp_e2e.rs`) and the latency harness (`benches/lsp_latency.rs`):
//! starts `newsmark lsp`, frames messages with `Content-Length` headers, sends
//! requests and notifications, and reads messages until a response.

// Each includer uses part of it.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub struct Client {
    pub child: Child,
    stdin: ChildStdin,
    /// Messages from the server, read by a thread of their own.
    incoming: Receiver<Value>,
    next_id: i64,
    /// How long a request may wait for its answer before the client panics
    /// (so that a broken server cannot hang a run).
    pub timeout: Duration,
}

impl Client {
    /// Spawns `command` with piped stdin and stdout.
    pub fn spawn(command: &mut Command, timeout: Duration) -> Client {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the language server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                // A broken frame ends this thread: the client then sees the
                // server's output closed.
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message = serde_json::from_slice(&body).expect("a JSON message");
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            timeout,
        }
    }

    /// The server's input, for bytes that are not a well-formed message.
    pub fn child_stdin(&mut self) -> &mut ChildStdin {
        &mut self.stdin
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message if one comes within `wait`; panics when the server
    /// closed its output.
    pub fn recv_within(&mut self, wait: Duration) -> Option<Value> {
        match self.incoming.recv_timeout(wait) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// The next message; panics when none comes by `deadline`.
    pub fn recv_by(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.recv_within(left)
            .unwrap_or_else(|| panic!("no message from the server in time"))
    }

    /// The next message; panics when none comes within [`Client::timeout`].
    pub fn recv(&mut self) -> Value {
        self.recv_by(Instant::now() + self.timeout)
    }

    /// Answers a request from the server (progress tokens, capability
    /// registrations) with `null`; whether `message` was one.
    pub fn answer_server_request(&mut self, message: &Value) -> bool {
        match (message.get("id"), message.get("method")) {
            (Some(id), Some(_)) => {
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                true
            }
            _ => false,
        }
    }

    /// Sends a request and waits (at most [`Client::timeout`]) for its
    /// response: its result, or the error the server answered with. Every
    /// other message read meanwhile goes to `on_other`.
    pub fn request(
        &mut self,
        method: &str,
        params: Value,
        mut on_other: impl FnMut(&mut Client, Value),
    ) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + self.timeout;
        loop {
            let mut message = self.recv_by(deadline);
            // A request from the server may carry the same id.
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                // Taken, not cloned: the harness times this too.
                return match message.get_mut("error") {
                    Some(error) => Err(error.take()),
                    None => Ok(message.get_mut("result").map_or(Value::Null, Value::take)),
                };
            }
            on_other(self, message);
        }
    }
}
