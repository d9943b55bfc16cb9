//! Peer benchmark (issue 5): drives stdio language servers, one after the
//! other, with the same workload on the same generated corpus and prints a
//! markdown table, one column per server. The servers are `newsmark lsp` (the
//! release build of this crate) and `harper-ls --stdio`, a grammar checker for
//! Markdown (skipped with a message when it is not on `PATH`; `HARPER_LS=path`
//! names another binary).
//!
//! For each server:
//! 1. spawn and `initialize` (rootUri and workspaceFolders = the corpus, UTF-16
//!    positions, publishDiagnostics with versions, work-done progress), then
//!    `initialized`;
//! 2. `didOpen` the first K articles (languageId `markdown`) and time from the
//!    first didOpen until a `textDocument/publishDiagnostics` has come for every
//!    one of the K URIs (publishes for files that are not open are ignored).
//!    The K didOpens go out at once; with `--paced`, each waits for the
//!    previous file's publish, and the per-file latency is reported too.
//!    A server that indexes the workspace and reports it with `$/progress`
//!    (newsmark) may publish an open file before its index is ready, so the
//!    time until every open file has been published again after the indexing
//!    ended is reported too;
//! 3. once the server has been quiet for a second: 200 edits of one open article
//!    (insert a word, delete it; incremental or full sync, as the server
//!    announces), each waiting for the next publishDiagnostics of that URI (of
//!    that version when the server sends versions): p50 / p95 / p99 / max;
//! 4. peak RSS of the server process (`VmHWM` of `/proc/PID/status`);
//! 5. `shutdown` + `exit`, timed until the process is gone.
//!
//! Every wait is bounded (each phase has a deadline, and 180 s without any
//! message from the server counts as a stall): a server that fails a phase
//! gets the message in the table and is killed. Each server's stderr goes to
//! `SERVER.stderr.log` next to the corpus (kept when a server fails).
//!
//! The harness answers the servers' requests at once: `null` to everything,
//! and to `workspace/configuration` a `null` per item (a client with no
//! settings); with `--settings`, the settings an editor configured for the
//! server would send instead (defaults, `{"harper-ls": {}}` for harper-ls).
//!
//! `cargo bench --bench peer -- [N] [K] [--paced] [--settings] [--only=NAME]`
//! (defaults: N = 1000 articles, K = 100 opened, both servers). The corpus is the one
//! `cargo run --release --example gen-corpus -- N DIR` writes (same generator,
//! seed 42), under the system temporary folder.

#[path = "support/corpus.rs"]
mod corpus;

#[path = "../tests/support/lsp.rs"]
mod lsp;

use lsp::Client;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const INIT_TIMEOUT: Duration = Duration::from_secs(60);
const OPEN_TIMEOUT: Duration = Duration::from_secs(1800);
/// A server that sends nothing for this long while the harness waits for it
/// is stalled (deadlocked, or lost a message): the phase fails.
const SILENCE: Duration = Duration::from_secs(180);
const EDIT_TIMEOUT: Duration = Duration::from_secs(30);
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(30);
/// Before the edits: how long the server must be silent, and the most the
/// harness waits for that silence.
const SETTLE_QUIET: Duration = Duration::from_secs(1);
const SETTLE_MAX: Duration = Duration::from_secs(60);
const EDITS: usize = 200;
/// How long past the deadline of the current wait the watchdog lets a stuck
/// harness (blocked writing to a server that stopped reading) be.
const WATCHDOG_GRACE: Duration = Duration::from_secs(5);
/// The word inserted and deleted by the edits (ASCII, so its length is the
/// same in every position encoding).
const WORD: &str = "Meanwhile ";

/// A language server to measure.
struct Server {
    name: &'static str,
    program: PathBuf,
    args: Vec<&'static str>,
    /// The settings of an editor configured for this server, which
    /// `workspace/configuration` answers with `--settings` (the whole object
    /// for an item without a section, else the value at the section's dotted
    /// path). Without `--settings` the harness is a client with no settings
    /// and answers `null` for every item, as the protocol says.
    settings: Value,
    /// Whether the server reads the workspace folder itself, reporting it
    /// with work-done progress: cold start then waits for its end as well.
    indexes_workspace: bool,
    notes: &'static [&'static str],
}

// The rows of the table, in order.
const SERVER: &str = "server (serverInfo)";
const SYNC: &str = "text sync announced";
const INIT: &str = "spawn → initialize response";
const OPEN_FIRST: &str = "first didOpen → first publishDiagnostics (any open file)";
const OPEN_ALL: &str = "first didOpen → publishDiagnostics for all K open files";
const OPEN_EACH: &str =
    "didOpen → its publishDiagnostics, one file at a time (`--paced`): p50 / p95 / max";
const INDEXED: &str = "first didOpen → workspace indexed (`$/progress` end)";
const OPEN_INDEXED: &str = "first didOpen → all K published after indexing";
const DIAGNOSTICS: &str = "diagnostics on the K open files (last publish)";
const NOT_OPEN: &str = "publishes for files not open (ignored)";
const EDIT_P50: &str = "didChange → publishDiagnostics, p50 / p95";
const EDIT_P99: &str = "didChange → publishDiagnostics, p99 / max (n)";
const RSS: &str = "peak RSS (VmHWM)";
const SHUTDOWN: &str = "shutdown request → process exit";
const ROWS: &[&str] = &[
    SERVER,
    SYNC,
    INIT,
    OPEN_FIRST,
    OPEN_ALL,
    OPEN_EACH,
    INDEXED,
    OPEN_INDEXED,
    DIAGNOSTICS,
    NOT_OPEN,
    EDIT_P50,
    EDIT_P99,
    RSS,
    SHUTDOWN,
];

type Column = HashMap<&'static str, String>;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The message of a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panic".into())
}

/// What the watchdog watches.
struct Watch {
    /// The deadline of the current phase; `None` stops the watchdog.
    deadline: Option<Instant>,
    /// When the harness last moved on (sent or received a message).
    moved: Instant,
    /// What it is doing, for the message.
    doing: String,
}

/// Kills the server, by its process id, when the harness is stuck with it:
/// still busy some time after the deadline of the current phase, or blocked
/// for [`SILENCE`] on one step. A write to a server that stopped reading its
/// input blocks forever, and the receive timeouts cannot see it; killing the
/// server makes the write fail.
struct Watchdog {
    watch: Arc<Mutex<Watch>>,
}

impl Watchdog {
    /// Watches process `pid`; says in `fired` why it killed it.
    fn start(pid: u32, deadline: Instant, fired: Arc<Mutex<Option<String>>>) -> Watchdog {
        let watch = Arc::new(Mutex::new(Watch {
            deadline: Some(deadline),
            moved: Instant::now(),
            doing: "starting".into(),
        }));
        let shared = watch.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let w = shared.lock().unwrap();
                let Some(deadline) = w.deadline else {
                    return;
                };
                let now = Instant::now();
                let why = if now > deadline + WATCHDOG_GRACE {
                    "past the deadline of its phase"
                } else if now > w.moved + SILENCE + WATCHDOG_GRACE {
                    "on one step for longer than the stall limit"
                } else {
                    continue;
                };
                *fired.lock().unwrap() = Some(format!("{why}, {}", w.doing));
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                return;
            }
        });
        Watchdog { watch }
    }

    /// A new step, with the deadline of its phase.
    fn arm(&self, deadline: Instant, doing: impl Into<String>) {
        let mut w = self.watch.lock().unwrap();
        w.deadline = Some(deadline);
        w.moved = Instant::now();
        w.doing = doing.into();
    }

    fn arm_off(&self) {
        self.watch.lock().unwrap().deadline = None;
    }
}

/// A running server: the client, what the harness tracks of the session, and
/// a guard that kills the process if a phase fails.
struct Session {
    client: Client,
    watchdog: Watchdog,
    name: &'static str,
    settings: Value,
    next_id: i64,
    /// Work-done progress tokens begun and not yet ended.
    progress_open: HashSet<String>,
    /// When the last progress ended.
    progress_ended: Option<Instant>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.watchdog.arm_off();
        // Nothing to do after a clean exit; otherwise do not leave it running.
        if let Ok(None) = self.client.child.try_wait() {
            let _ = self.client.child.kill();
            let _ = self.client.child.wait();
        }
    }
}

/// A `textDocument/publishDiagnostics` received.
struct Publish {
    uri: String,
    version: Option<i64>,
    count: usize,
    at: Instant,
}

impl Session {
    /// The next message by `deadline` (and within [`SILENCE`]), or why none
    /// came.
    fn next(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        let stalled = Instant::now() + SILENCE;
        let until = deadline.min(stalled);
        self.watchdog
            .arm(until, format!("waiting for {waiting_for}"));
        let left = until.saturating_duration_since(Instant::now());
        self.client.recv_within(left).ok_or_else(|| {
            if until == stalled {
                format!(
                    "stalled: {} sent nothing for {} s while the harness waited for {waiting_for}",
                    self.name,
                    SILENCE.as_secs()
                )
            } else {
                format!(
                    "timed out: {} sent nothing more by the deadline while the harness waited for {waiting_for}",
                    self.name
                )
            }
        })
    }

    /// Answers a request from the server, follows progress, and returns the
    /// message if it is a publishDiagnostics.
    fn handle(&mut self, message: &Value) -> Option<Publish> {
        let at = Instant::now();
        let method = message.get("method").and_then(Value::as_str)?;
        if let Some(id) = message.get("id") {
            let result = match method {
                "workspace/configuration" => {
                    let items = message["params"]["items"].as_array().cloned();
                    let answers: Vec<Value> = items
                        .unwrap_or_default()
                        .iter()
                        .map(|item| match item.get("section").and_then(Value::as_str) {
                            Some(section) => section
                                .split('.')
                                .try_fold(&self.settings, |v, key| v.get(key))
                                .cloned()
                                .unwrap_or(Value::Null),
                            None => self.settings.clone(),
                        })
                        .collect();
                    json!(answers)
                }
                // Progress tokens, capability registrations, messages: accepted.
                _ => Value::Null,
            };
            let id = id.clone();
            self.client
                .send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
            return None;
        }
        match method {
            "$/progress" => {
                let token = message["params"]["token"].to_string();
                match message["params"]["value"]["kind"].as_str() {
                    Some("begin") => {
                        self.progress_open.insert(token);
                    }
                    Some("end") => {
                        self.progress_open.remove(&token);
                        self.progress_ended = Some(at);
                    }
                    _ => {}
                }
                None
            }
            "textDocument/publishDiagnostics" => {
                let params = &message["params"];
                Some(Publish {
                    uri: params["uri"].as_str().unwrap_or_default().to_string(),
                    version: params["version"].as_i64(),
                    count: params["diagnostics"].as_array().map_or(0, Vec::len),
                    at,
                })
            }
            _ => None,
        }
    }

    /// Sends a request and waits for its result, handling (and dropping)
    /// whatever else comes meanwhile.
    fn request(&mut self, method: &str, params: Value, timeout: Duration) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let deadline = Instant::now() + timeout;
        self.watchdog
            .arm(deadline, format!("sending the `{method}` request"));
        self.client
            .send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut message = self.next(deadline, &format!("the answer to `{method}`"))?;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return match message.get_mut("error") {
                    Some(error) => Err(format!("`{method}` answered {error}")),
                    None => Ok(message.get_mut("result").map_or(Value::Null, Value::take)),
                };
            }
            self.handle(&message);
        }
    }
}

/// What the cold start saw of the open files.
#[derive(Default)]
struct Opened {
    first: HashMap<String, Instant>,
    after_index: HashMap<String, Instant>,
    last_count: HashMap<String, usize>,
    not_open: usize,
}

impl Opened {
    fn record(&mut self, open: &HashSet<String>, p: Publish, index_ended: Option<Instant>) {
        if !open.contains(&p.uri) {
            self.not_open += 1;
            return;
        }
        self.first.entry(p.uri.clone()).or_insert(p.at);
        if index_ended.is_some_and(|end| p.at >= end) {
            self.after_index.entry(p.uri.clone()).or_insert(p.at);
        }
        self.last_count.insert(p.uri, p.count);
    }
}

/// The line of the first paragraph of an article (after the front matter and
/// the heading), where the edits insert their word.
fn prose_line(text: &str) -> usize {
    let mut in_front_matter = false;
    for (i, line) in text.lines().enumerate() {
        if line == "---" {
            in_front_matter = i == 0;
            continue;
        }
        if !in_front_matter && !line.is_empty() && !line.starts_with('#') {
            return i;
        }
    }
    0
}

/// The kind of text sync the server announced: 1 full, 2 incremental.
fn sync_kind(capabilities: &Value) -> i64 {
    let sync = &capabilities["textDocumentSync"];
    sync.as_i64()
        .or_else(|| sync["change"].as_i64())
        .unwrap_or(0)
}

fn peak_rss_kib(client: &Client) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", client.child.id())).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// The workload on one server; fills `col` as it goes, so that a failure
/// leaves the figures measured before it.
fn workload(
    server: &Server,
    dir: &Path,
    articles: &[&corpus::GenFile],
    paced: bool,
    send_settings: bool,
    col: &mut Column,
    fired: &Arc<Mutex<Option<String>>>,
) -> Result<(), String> {
    let log_path = dir.join(format!("{}.stderr.log", server.name));
    let log = std::fs::File::create(&log_path).map_err(|e| format!("{e}"))?;
    let mut command = Command::new(&server.program);
    command.args(&server.args).current_dir(dir).stderr(log);

    // 1. spawn + initialize + initialized.
    let spawned = Instant::now();
    let client = Client::spawn(&mut command, INIT_TIMEOUT);
    let mut s = Session {
        watchdog: Watchdog::start(client.child.id(), spawned + INIT_TIMEOUT, fired.clone()),
        client,
        name: server.name,
        settings: if send_settings {
            server.settings.clone()
        } else {
            Value::Null
        },
        next_id: 0,
        progress_open: HashSet::new(),
        progress_ended: None,
    };
    let root = uri(dir);
    let init = json!({
        "processId": std::process::id(),
        "clientInfo": {"name": "newsmark peer bench"},
        "rootUri": root,
        "rootPath": dir,
        "workspaceFolders": [{"uri": root, "name": "corpus"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true},
            "workspace": {"configuration": true, "workspaceFolders": true},
            "textDocument": {
                "synchronization": {"didSave": true},
                "publishDiagnostics": {"versionSupport": true}
            }
        }
    });
    let result = s.request("initialize", init, INIT_TIMEOUT)?;
    col.insert(INIT, ms(spawned.elapsed()));
    let info = &result["serverInfo"];
    col.insert(
        SERVER,
        format!(
            "{} {}",
            info["name"].as_str().unwrap_or(server.name),
            info["version"].as_str().unwrap_or("")
        ),
    );
    let sync = sync_kind(&result["capabilities"]);
    col.insert(
        SYNC,
        match sync {
            1 => "full".into(),
            2 => "incremental".into(),
            k => format!("none ({k})"),
        },
    );
    s.client.notify("initialized", json!({}));

    // 2. didOpen K articles → a publish for each: all at once, or (paced)
    // each after the previous one's publish.
    let paths: Vec<String> = articles.iter().map(|f| uri(&dir.join(&f.path))).collect();
    let open: HashSet<String> = paths.iter().cloned().collect();
    let mut seen = Opened::default();
    let mut each = Vec::new();
    let started = Instant::now();
    let deadline = started + OPEN_TIMEOUT;
    for (i, (f, doc)) in articles.iter().zip(&paths).enumerate() {
        s.watchdog.arm(
            deadline,
            format!(
                "sending didOpen {} of {} ({} open files published so far)",
                i + 1,
                open.len(),
                seen.first.len()
            ),
        );
        let sent = Instant::now();
        s.client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": f.text}}),
        );
        if paced {
            while !seen.first.contains_key(doc) {
                let m = s.next(
                    deadline,
                    &format!("the diagnostics of open file {} of {}", i + 1, open.len()),
                )?;
                if let Some(p) = s.handle(&m) {
                    seen.record(&open, p, s.progress_ended);
                }
            }
            each.push(seen.first[doc].duration_since(sent));
        } else {
            // Keep the server unblocked (answer its requests) and time
            // publishes as they come.
            while let Some(m) = s.client.recv_within(Duration::ZERO) {
                if let Some(p) = s.handle(&m) {
                    seen.record(&open, p, s.progress_ended);
                }
            }
        }
    }
    let done = |s: &Session, seen: &Opened| {
        seen.first.len() == open.len()
            && s.progress_open.is_empty()
            && (s.progress_ended.is_none() || seen.after_index.len() == open.len())
            && (!server.indexes_workspace || s.progress_ended.is_some())
    };
    while !done(&s, &seen) {
        let m = s.next(
            deadline,
            &format!(
                "diagnostics of the {} open files ({} published, {} after indexing, {} progress open)",
                open.len(),
                seen.first.len(),
                seen.after_index.len(),
                s.progress_open.len()
            ),
        )?;
        if let Some(p) = s.handle(&m) {
            seen.record(&open, p, s.progress_ended);
        }
    }
    let since = |t: Instant| ms(t.duration_since(started));
    let latest = |times: &HashMap<String, Instant>| times.values().max().copied();
    col.insert(OPEN_FIRST, since(*seen.first.values().min().unwrap()));
    col.insert(OPEN_ALL, since(latest(&seen.first).unwrap()));
    if paced {
        each.sort();
        col.insert(
            OPEN_EACH,
            format!(
                "{} / {} / {}",
                ms(percentile(&each, 0.50)),
                ms(percentile(&each, 0.95)),
                ms(*each.last().unwrap())
            ),
        );
    } else {
        col.insert(OPEN_EACH, "— (all at once)".into());
    }
    match s.progress_ended {
        Some(end) => {
            col.insert(INDEXED, since(end));
            col.insert(OPEN_INDEXED, since(latest(&seen.after_index).unwrap()));
        }
        None => {
            col.insert(INDEXED, "— (no workspace indexing reported)".into());
            col.insert(OPEN_INDEXED, "— (same as all K)".into());
        }
    }

    // Settle: let the server finish what it publishes on its own.
    let settle_until = Instant::now() + SETTLE_MAX;
    s.watchdog.arm(
        settle_until + SETTLE_QUIET,
        "waiting for the server to settle",
    );
    while Instant::now() < settle_until {
        let Some(m) = s.client.recv_within(SETTLE_QUIET) else {
            break;
        };
        if let Some(p) = s.handle(&m) {
            seen.record(&open, p, s.progress_ended);
        }
    }
    let total: usize = seen.last_count.values().sum();
    col.insert(
        DIAGNOSTICS,
        format!("{total} ({:.1} per file)", total as f64 / open.len() as f64),
    );
    col.insert(NOT_OPEN, seen.not_open.to_string());

    // 3. didChange → publishDiagnostics on the first open article.
    if sync == 1 || sync == 2 {
        let f = articles[0];
        let doc = &paths[0];
        let line = prose_line(&f.text);
        let mut with_word = String::new();
        for (i, l) in f.text.split_inclusive('\n').enumerate() {
            if i == line {
                with_word.push_str(WORD);
            }
            with_word.push_str(l);
        }
        let mut samples = Vec::with_capacity(EDITS);
        for i in 0..EDITS {
            let version = 2 + i as i64;
            let insert = i % 2 == 0;
            let change = if sync == 1 {
                json!({"text": if insert { &with_word } else { &f.text }})
            } else {
                let end = if insert { 0 } else { WORD.len() };
                json!({"range": {"start": {"line": line, "character": 0},
                                 "end": {"line": line, "character": end}},
                       "text": if insert { WORD } else { "" }})
            };
            let sent = Instant::now();
            let deadline = sent + EDIT_TIMEOUT;
            s.watchdog
                .arm(deadline, format!("sending edit {} of {EDITS}", i + 1));
            s.client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [change]}),
            );
            loop {
                let m = s.next(
                    deadline,
                    &format!("diagnostics after edit {} of {EDITS}", i + 1),
                )?;
                let Some(p) = s.handle(&m) else { continue };
                if p.uri == *doc && p.version.is_none_or(|v| v == version) {
                    samples.push(p.at.duration_since(sent));
                    break;
                }
            }
        }
        samples.sort();
        col.insert(
            EDIT_P50,
            format!(
                "{} / {}",
                ms(percentile(&samples, 0.50)),
                ms(percentile(&samples, 0.95))
            ),
        );
        col.insert(
            EDIT_P99,
            format!(
                "{} / {} ({})",
                ms(percentile(&samples, 0.99)),
                ms(*samples.last().unwrap()),
                samples.len()
            ),
        );
    } else {
        col.insert(EDIT_P50, "— (no text sync announced)".into());
    }

    // 4. peak RSS.
    if let Some(kib) = peak_rss_kib(&s.client) {
        col.insert(RSS, format!("{:.0} MB", kib as f64 / 1024.0));
    }

    // 5. shutdown + exit.
    let asked = Instant::now();
    s.request("shutdown", Value::Null, SHUTDOWN_TIMEOUT)?;
    s.watchdog
        .arm(asked + SHUTDOWN_TIMEOUT, "waiting for the process to exit");
    s.client.notify("exit", Value::Null);
    loop {
        match s.client.child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if asked.elapsed() < SHUTDOWN_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(1));
            }
            _ => {
                return Err(format!(
                    "timed out: {} still running {} s after `exit`",
                    server.name,
                    SHUTDOWN_TIMEOUT.as_secs()
                ));
            }
        }
    }
    col.insert(SHUTDOWN, ms(asked.elapsed()));
    Ok(())
}

/// `name` on `PATH`, if there.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let paced = args.iter().any(|a| a == "--paced");
    let send_settings = args.iter().any(|a| a == "--settings");
    let only: Vec<&str> = args
        .iter()
        .filter_map(|a| a.strip_prefix("--only="))
        .collect();
    let n = numbers.first().copied().unwrap_or(1_000).max(1);
    let k = numbers.get(1).copied().unwrap_or(100).clamp(1, n);

    let mut servers = vec![Server {
        name: "newsmark",
        // Cargo builds it with the bench (release) profile: target/release/newsmark.
        program: PathBuf::from(env!("CARGO_BIN_EXE_newsmark")),
        args: vec!["lsp"],
        settings: json!({}),
        indexes_workspace: true,
        notes: &[
            "newsmark parses the annotations (front matter, mentions, quotations, attributions) and resolves actor ids across the whole workspace, which it reads from disk at `initialized`; it does not check prose.",
            "newsmark's didChange latency includes its debounce: diagnostics wait for 80 ms without edits (at most 500 ms).",
        ],
    }];
    let harper = std::env::var_os("HARPER_LS")
        .map(PathBuf::from)
        .or_else(|| on_path("harper-ls"));
    match harper {
        Some(program) => servers.push(Server {
            name: "harper-ls",
            program,
            args: vec!["--stdio"],
            // An editor configured for harper-ls with its defaults (the
            // object must hold this key, else harper-ls logs an error and
            // keeps its defaults).
            settings: json!({"harper-ls": {}}),
            indexes_workspace: false,
            notes: &[
                "harper-ls checks the grammar, spelling and style of the prose of the open files only (no workspace index); it knows nothing of the annotations, so ids, names and attribute blocks are just text to it.",
                "harper-ls 3.0 has no debounce by default (`diagnosticDelayMs` = 0): it lints and publishes inside its didChange handler, after a `workspace/configuration` round trip to the client on every didOpen and didChange (this harness answers at once); its publishes carry no version.",
                "harper-ls 3.0.0 stops for good when more than about 100 didOpens come at once: each didOpen handler asks the client for `workspace/configuration` and waits; tower-lsp-server 0.22 runs 4 handlers at a time and queues 100 more messages, and with the queue full it stops reading its input, where the answers wait. Open that many with `--paced`.",
                "With `--settings` (harper-ls then replaces its config under a write lock on every didOpen), harper-ls also stalled in some runs with only 100 didOpens at once; never without.",
            ],
        }),
        None => eprintln!(
            "harper-ls is not on PATH (nor named by HARPER_LS): skipped; `cargo install harper-ls` to compare"
        ),
    }

    servers.retain(|s| only.is_empty() || only.contains(&s.name));

    let dir = std::env::temp_dir().join(format!("newsmark-peer-bench-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let files = corpus::generate(corpus::Spec::for_articles(n));
    let bytes = corpus::write(&files, &dir).unwrap();
    let articles: Vec<&corpus::GenFile> = files
        .iter()
        .filter(|f| f.path.ends_with(".news.md"))
        .take(k)
        .collect();
    let opened_bytes: usize = articles.iter().map(|f| f.text.len()).sum();

    let mut columns = Vec::new();
    let mut failed = false;
    for server in &servers {
        eprintln!("peer bench: {} ({})", server.name, server.program.display());
        let mut col = Column::new();
        let fired = Arc::new(Mutex::new(None));
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            workload(server, &dir, &articles, paced, send_settings, &mut col, &fired)
        }))
        .unwrap_or_else(|payload| Err(panic_message(payload.as_ref())))
        .map_err(|e| {
            match fired.lock().unwrap().take() {
                // The error is then the failed write or read: the why is here.
                Some(why) => format!(
                    "stalled: the harness was stuck {why} (a blocked write means the server stopped reading its input), so {} was killed",
                    server.name
                ),
                None => e,
            }
        });
        if let Err(e) = outcome {
            failed = true;
            let first_missing = ROWS.iter().find(|r| !col.contains_key(*r)).copied();
            col.insert(first_missing.unwrap_or(ROWS[ROWS.len() - 1]), {
                format!("**failed**: {e}")
            });
            eprintln!(
                "peer bench: {} failed: {e} (its stderr: {})",
                server.name,
                dir.join(format!("{}.stderr.log", server.name)).display()
            );
        }
        columns.push(col);
    }

    println!(
        "\n## Peer servers: {n} articles ({:.1} MB, {} files), K = {k} opened ({:.1} MB), {}\n",
        bytes as f64 / 1e6,
        files.len(),
        opened_bytes as f64 / 1e6,
        if paced {
            "opened one at a time (`--paced`)"
        } else {
            "opened all at once"
        },
    );
    println!(
        "`workspace/configuration` answered with {}.\n",
        if send_settings {
            "each server's settings (`--settings`)"
        } else {
            "`null` (no settings)"
        }
    );
    let names: Vec<&str> = servers.iter().map(|s| s.name).collect();
    println!("| figure | {} |", names.join(" | "));
    println!("| --- |{}", " --- |".repeat(names.len()));
    for row in ROWS {
        let cells: Vec<&str> = columns
            .iter()
            .map(|c| c.get(row).map_or("—", String::as_str))
            .collect();
        println!("| {row} | {} |", cells.join(" | "));
    }
    println!();
    println!(
        "didChange: {EDITS} edits of {}, inserting then deleting `{}` at the start of its first paragraph, each waiting for the next publishDiagnostics of that URI.",
        articles[0].path,
        WORD.trim_end()
    );
    for server in &servers {
        for note in server.notes {
            println!("- {note}");
        }
    }
    if !failed {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
