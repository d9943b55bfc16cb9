//! LSP latency harness: speaks LSP over stdio to the release build of
//! `newsmark lsp` on a generated corpus, in both shapes (annotated and
//! imported), and reports cold start (initialize to the diagnostics of every
//! article with findings), the first hover (sent as the client attaches),
//! hover / definition / references / completion
//! latencies (p50, p95, p99), didChange to publishDiagnostics, and peak RSS.
//!
//! `cargo bench --bench lsp_latency -- [ARTICLES...]` (default: 1000 10000).

#[path = "support/corpus.rs"]
mod corpus;

#[path = "../tests/support/lsp.rs"]
mod lsp;

use lsp::Client;
use newsmark::cli::run_rules;
use newsmark::workspace::{Config, Workspace};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REQUESTS: usize = 1_000;
const TIMEOUT: Duration = Duration::from_secs(600);

/// Sends a request and waits for its result (`null` for an error), answering
/// the server's own requests on the way.
fn request(server: &mut Client, method: &str, params: Value) -> Value {
    server
        .request(method, params, |s, m| {
            s.answer_server_request(&m);
        })
        .unwrap_or(Value::Null)
}

fn peak_rss_kib(server: &Client) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    format!(
        "p50 {:>9.3} ms  p95 {:>9.3} ms  p99 {:>9.3} ms  (n={})",
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples.len()
    )
}

/// LSP position (UTF-16) of a byte offset in ASCII-or-not text.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn run(binary: &Path, spec: corpus::Spec) {
    let articles = spec.articles;
    let dir = std::env::temp_dir().join(format!(
        "newsmark-lsp-bench-{articles}-{}",
        spec.shape.name()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let files = corpus::generate(spec);
    let corpus_bytes = corpus::write(&files, &dir).unwrap();
    let article_files: Vec<&corpus::GenFile> = files
        .iter()
        .filter(|f| f.path.ends_with(".news.md"))
        .collect();
    // The server publishes every article with findings (and need not send an
    // empty list for a clean file it never reported on): the core says which.
    let expected: HashSet<String> = {
        let texts = corpus::texts(&files, &dir);
        let ws = Workspace::from_texts(Config::default(), texts);
        let targets: Vec<PathBuf> = article_files.iter().map(|f| dir.join(&f.path)).collect();
        run_rules(&ws, &targets)
            .iter()
            .map(|d| uri(&d.path))
            .collect()
    };
    println!(
        "\n## {articles} {} articles ({:.1} MB, {} files)\n",
        spec.shape.name(),
        corpus_bytes as f64 / 1e6,
        files.len()
    );

    // Cursor spots: the id of each mention in the first articles.
    let mut spots = Vec::new();
    for f in article_files.iter().take(200) {
        // Every mention but the deliberate unknown id resolves.
        for (i, _) in f
            .text
            .match_indices("](@")
            .filter(|(i, _)| !f.text[*i..].starts_with("](@no-such-actor"))
        {
            spots.push((dir.join(&f.path), f.text.as_str(), i + 4));
        }
    }
    let at = |uri: &str, pos: Value| json!({"textDocument": {"uri": uri}, "position": pos});

    let mut server = Client::spawn(
        Command::new(binary).arg("lsp").stderr(Stdio::null()),
        TIMEOUT,
    );
    let started = Instant::now();
    let init = json!({
        "processId": std::process::id(),
        "rootUri": uri(&dir),
        "workspaceFolders": [{"uri": uri(&dir), "name": "corpus"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true},
            "textDocument": {"publishDiagnostics": {"versionSupport": true}}
        }
    });
    request(&mut server, "initialize", init);
    server.notify("initialized", json!({}));
    // A user hovers the moment the editor attaches: the answer waits until
    // the workspace is indexed, which may end after the last diagnostics.
    const FIRST_HOVER: u64 = 1 << 40;
    let (path, text, offset) = &spots[0];
    server.send(
        json!({"jsonrpc": "2.0", "id": FIRST_HOVER, "method": "textDocument/hover",
                       "params": at(&uri(path), position(text, *offset))}),
    );
    let mut published: HashSet<String> = HashSet::new();
    let (mut cold, mut first_hover) = (None, None);
    while cold.is_none() || first_hover.is_none() {
        assert!(
            started.elapsed() < TIMEOUT,
            "{} of {} articles with findings published",
            published.len(),
            expected.len()
        );
        let Some(m) = server.recv_within(Duration::from_secs(1)) else {
            continue;
        };
        if server.answer_server_request(&m) {
            continue;
        }
        if m.get("id") == Some(&json!(FIRST_HOVER)) {
            // The server waits for the index for a while, then asks the
            // client to ask again (`ContentModified`).
            let refused = m["error"]["code"] == json!(-32801);
            assert!(
                refused || !m["result"].is_null(),
                "the first hover answered {m}"
            );
            first_hover = Some((started.elapsed(), refused));
        } else if m.get("method") == Some(&json!("textDocument/publishDiagnostics")) {
            published.insert(m["params"]["uri"].as_str().unwrap_or("").to_string());
        }
        if cold.is_none() && expected.is_subset(&published) {
            cold = Some(started.elapsed());
        }
    }
    let cold = cold.unwrap_or_default();
    let (first_hover, refused) = first_hover.unwrap_or_default();
    println!("| figure | value |\n| --- | --- |");
    println!(
        "| cold start: initialize → diagnostics of the {} articles with findings ({} in all) | {:.0} ms |",
        expected.len(),
        article_files.len(),
        cold.as_secs_f64() * 1e3
    );
    println!(
        "| first hover, sent with `initialized` → answered | {:.0} ms{} |",
        first_hover.as_secs_f64() * 1e3,
        if refused {
            " (refused: still indexing, ask again)"
        } else {
            ""
        }
    );
    let measure = |server: &mut Client, method: &str, params: &dyn Fn(&str, Value) -> Value| {
        let mut samples = Vec::with_capacity(REQUESTS);
        for k in 0..REQUESTS {
            let (path, text, offset) = &spots[k % spots.len()];
            let p = params(&uri(path), position(text, *offset));
            let t = Instant::now();
            let result = request(server, method, p);
            samples.push(t.elapsed());
            assert!(!result.is_null(), "{method} answered null at a mention");
        }
        println!("| {method} | {} |", percentiles(samples));
    };
    measure(&mut server, "textDocument/hover", &at);
    measure(&mut server, "textDocument/definition", &at);
    measure(
        &mut server,
        "textDocument/references",
        &|uri, pos| json!({"textDocument": {"uri": uri}, "position": pos, "context": {"includeDeclaration": true}}),
    );
    measure(&mut server, "textDocument/completion", &at);

    // didChange → publishDiagnostics, on one open article.
    let f = article_files[0];
    let path = dir.join(&f.path);
    let doc = uri(&path);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": f.text}}),
    );
    let mut samples = Vec::new();
    for version in 2..102 {
        let t = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": ""}]}),
        );
        loop {
            let m = server.recv();
            server.answer_server_request(&m);
            if m.get("method") == Some(&json!("textDocument/publishDiagnostics"))
                && m["params"]["uri"] == json!(doc)
                && m["params"]["version"] == json!(version)
            {
                break;
            }
        }
        samples.push(t.elapsed());
    }
    println!(
        "| didChange → publishDiagnostics (debounce included) | {} |",
        percentiles(samples)
    );
    let rss = peak_rss_kib(&server);
    println!(
        "| peak RSS | {:.0} MB ({:.2}× corpus bytes) |",
        // Decimal megabytes, like the corpus size above (`VmHWM` is in KiB).
        rss as f64 * 1024.0 / 1e6,
        rss as f64 * 1024.0 / corpus_bytes as f64
    );
    request(&mut server, "shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let _ = server.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let sizes = corpus::sizes(&[1_000, 10_000]);
    // Cargo builds the binary with the bench (release) profile for this target.
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_newsmark"));
    for n in sizes {
        for shape in corpus::Shape::ALL {
            run(&binary, corpus::Spec::for_articles(n).shaped(shape));
        }
    }
}
