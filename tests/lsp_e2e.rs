//! End-to-end tests of `newsmark lsp`: the built binary, driven over stdio by
//! the client of `tests/support/lsp.rs`, on temporary copies of `examples/`.

#[path = "support/lsp.rs"]
mod lsp;

use lsp::Client;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Only there to stop a broken server from hanging the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Session {
    client: Client,
    /// Notifications read while waiting for something else, and the requests
    /// the server made (answered on the way).
    backlog: Vec<Value>,
}

impl Session {
    /// Starts the server on `root` and initializes it with these position
    /// encodings; returns the `initialize` result too.
    fn start(root: &Path, encodings: &[&str]) -> (Session, Value) {
        Session::start_with(root, encodings, json!({}))
    }

    /// As [`Session::start`], with these `textDocument` client capabilities.
    fn start_with(root: &Path, encodings: &[&str], text_document: Value) -> (Session, Value) {
        Session::start_caps(root, encodings, text_document, json!({}))
    }

    /// As [`Session::start_with`], adding `workspace.workspaceEdit` client
    /// capabilities.
    fn start_caps(
        root: &Path,
        encodings: &[&str],
        text_document: Value,
        workspace_edit: Value,
    ) -> (Session, Value) {
        Session::start_folders(&[root], encodings, text_document, workspace_edit)
    }

    /// As [`Session::start_caps`], with several workspace folders.
    fn start_folders(
        roots: &[&Path],
        encodings: &[&str],
        text_document: Value,
        workspace_edit: Value,
    ) -> (Session, Value) {
        let folders: Vec<Value> = roots
            .iter()
            .map(|root| json!({"uri": uri(root), "name": "ws"}))
            .collect();
        let client = Client::spawn(
            Command::new(env!("CARGO_BIN_EXE_newsmark"))
                .args(["lsp", "--stdio"])
                .stderr(Stdio::inherit()),
            TIMEOUT,
        );
        let mut session = Session {
            client,
            backlog: Vec::new(),
        };
        let result = session.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "workspaceFolders": folders,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "window": {"workDoneProgress": true},
                    "workspace": {
                        "didChangeWatchedFiles": {"dynamicRegistration": true},
                        "workspaceEdit": workspace_edit,
                    },
                    "textDocument": text_document,
                },
            }),
        );
        session.notify("initialized", json!({}));
        (session, result)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.client.notify(method, params);
    }

    /// The next message; requests from the server are answered on the way
    /// (window/workDoneProgress/create, client/registerCapability) and kept.
    fn read(&mut self, deadline: Instant) -> Value {
        loop {
            let message = self.client.recv_by(deadline);
            if self.client.answer_server_request(&message) {
                self.backlog.push(message);
                continue;
            }
            return message;
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.try_request(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    /// The result of a request, or the error the server answered with.
    fn try_request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let backlog = &mut self.backlog;
        self.client.request(method, params, |client, message| {
            client.answer_server_request(&message);
            backlog.push(message);
        })
    }

    /// The first message (seen before or to come) that `matches`, taken out.
    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.read(deadline);
            if matches(&message) {
                return message;
            }
            assert!(
                Instant::now() < deadline,
                "waiting for {what}, got {message}"
            );
            self.backlog.push(message);
        }
    }

    fn wait_indexed(&mut self) -> Value {
        self.wait_for("the end of indexing", |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        })
    }

    fn diagnostics_of(&mut self, path: &Path, version: Option<i64>) -> Vec<Value> {
        let uri = uri(path);
        let message = self.wait_for(&format!("diagnostics of {uri} at {version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"].as_i64() == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "newsmark", "version": 1, "text": text}}),
        );
    }

    fn at(&mut self, method: &str, path: &Path, pos: (u32, u32), extra: Value) -> Value {
        let mut params = json!({
            "textDocument": {"uri": uri(path)},
            "position": {"line": pos.0, "character": pos.1},
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    /// `shutdown` then `exit`; the exit status.
    /// The code actions at a position (an empty range), asking only for
    /// the kinds in `only` unless it is null.
    fn code_actions(&mut self, path: &Path, pos: (u32, u32), only: Value) -> Value {
        let at = json!({"line": pos.0, "character": pos.1});
        let mut context = json!({"diagnostics": []});
        if !only.is_null() {
            context["only"] = only;
        }
        self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(path)}, "range": {"start": at, "end": at}, "context": context}),
        )
    }

    fn finish(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    fn exit_status(mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.client.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.client.child.kill();
        let _ = self.client.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A temporary copy of `examples/`.
fn examples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
        }
    }
    (dir, root)
}

/// Line and column (in `enc`) of a byte offset, the protocol's way: lines end
/// at `\n`, `\r\n` or `\r`. Written independently of the server's code.
fn position(text: &str, offset: usize, enc: &str) -> (u32, u32) {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.replace("\r\n", "\n").matches(['\n', '\r']).count();
    let prefix = &before[line_start..];
    let col = match enc {
        "utf-8" => prefix.len(),
        "utf-32" => prefix.chars().count(),
        _ => prefix.encode_utf16().count(),
    };
    (line as u32, col as u32)
}

#[test]
fn a_whole_session_on_the_examples() {
    let (_dir, root) = examples();
    let broken = root.join("extra.news.md");
    std::fs::write(&broken, "[Someone](@nobody) spoke.\n").unwrap();
    let (mut s, init) = Session::start(&root, &["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    // Progress while indexing, then diagnostics of every article, open or not.
    s.wait_for("progress begin", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    s.wait_indexed();
    let found = s.diagnostics_of(&broken, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "NM002");
    assert!(
        s.backlog
            .iter()
            .any(|m| m["method"] == "client/registerCapability"),
        "file watching was registered dynamically"
    );

    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    assert_eq!(s.diagnostics_of(&article, Some(1)), Vec::<Value>::new());

    // Hover on the first `@blinken`.
    let at = text.find("(@blinken)").unwrap() + 3;
    let pos = position(&text, at, "utf-16");
    let hover = s.at("textDocument/hover", &article, pos, json!({}));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("**Antony Blinken** · person"), "{card}");
    assert!(
        card.contains("Secretary of State, United States Department of State (on 2021-05-24)"),
        "{card}"
    );
    assert!(card.contains("in 2 articles"), "{card}");

    // Definition: the key line in actors.yaml.
    let registry = root.join("actors.yaml");
    let registry_text = std::fs::read_to_string(&registry).unwrap();
    let key_line = registry_text.lines().position(|l| l == "blinken:").unwrap();
    let def = s.at("textDocument/definition", &article, pos, json!({}));
    assert_eq!(def[0]["uri"], uri(&registry));
    assert_eq!(def[0]["range"]["start"]["line"], key_line);

    // Document links: each mention's `@id` to the same key, as `#Lline,col`.
    let links = s.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": uri(&article)}}),
    );
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), text.matches("](@").count());
    let first = links
        .iter()
        .find(|l| l["range"]["start"]["line"] == pos.0)
        .unwrap();
    assert_eq!(
        first["range"]["start"]["character"],
        pos.1 - 2,
        "from the `@`"
    );
    assert_eq!(
        first["target"],
        format!("{}#L{},1", uri(&registry), key_line + 1)
    );

    // References across both articles, with and without the declaration.
    let with = s.at(
        "textDocument/references",
        &article,
        pos,
        json!({"context": {"includeDeclaration": true}}),
    );
    let without = s.at(
        "textDocument/references",
        &article,
        pos,
        json!({"context": {"includeDeclaration": false}}),
    );
    let with = with.as_array().unwrap();
    assert_eq!(with.len(), without.as_array().unwrap().len() + 1);
    assert_eq!(with[0]["uri"], uri(&registry));
    let other = uri(&root.join("axios-blinken-palestinian-americans.news.md"));
    assert!(with.iter().any(|l| l["uri"] == other));
    assert!(with.iter().filter(|l| l["uri"] == uri(&article)).count() > 10);

    // Completion of a mention being typed at the end.
    let end = position(&text, text.len(), "utf-16");
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&article), "version": 2},
            "contentChanges": [{"range": {"start": {"line": end.0, "character": end.1}, "end": {"line": end.0, "character": end.1}}, "text": "\n[He](@bl"}],
        }),
    );
    let completion = s.at(
        "textDocument/completion",
        &article,
        (end.0 + 1, 8),
        json!({}),
    );
    let items = completion["items"].as_array().unwrap();
    let blinken = items.iter().find(|i| i["label"] == "blinken").unwrap();
    assert_eq!(
        blinken["detail"],
        "Antony Blinken — Secretary of State, United States Department of State"
    );
    assert_eq!(
        blinken["sortText"], "00blinken",
        "used in the article, and its id starts with the typed text: first"
    );
    assert_eq!(completion["isIncomplete"], false);
    assert_eq!(blinken["textEdit"]["newText"], "blinken");
    assert_eq!(blinken["textEdit"]["range"]["start"]["character"], 6);
    let resolved = s.request("completionItem/resolve", blinken.clone());
    let card = resolved["documentation"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Antony Blinken** · person"), "{card}");

    // A registry appears on disk: the other article's NM002 goes away.
    let more = root.join("more.actors.yaml");
    std::fs::write(&more, "nobody:\n  name: No Body\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&more), "type": 1}]}),
    );
    assert_eq!(s.diagnostics_of(&broken, None), Vec::<Value>::new());
    // ...and comes back when it is deleted; deleting the article clears its list.
    std::fs::remove_file(&more).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&more), "type": 3}]}),
    );
    assert_eq!(s.diagnostics_of(&broken, None).len(), 1);
    std::fs::remove_file(&broken).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&broken), "type": 3}]}),
    );
    assert_eq!(s.diagnostics_of(&broken, None), Vec::<Value>::new());

    // Unknown documents and positions past the end: null, not an error.
    let unknown = root.join("nowhere.news.md");
    assert_eq!(
        s.at("textDocument/hover", &unknown, (0, 0), json!({})),
        Value::Null
    );
    assert_eq!(
        s.at("textDocument/hover", &article, (9999, 0), json!({})),
        Value::Null
    );
    assert_eq!(
        s.at("textDocument/definition", &article, (9999, 5), json!({})),
        Value::Null
    );
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&article)}}),
    );
    assert!(symbols.as_array().unwrap().iter().any(|sym| {
        sym["name"]
            .as_str()
            .unwrap()
            .starts_with("Antony Blinken: “President Biden")
    }));
    let found = s.request("workspace/symbol", json!({"query": "tony blinken"}));
    assert_eq!(found[0]["name"], "Antony Blinken");

    assert_eq!(s.finish(), 0);
}

/// A small deterministic generator (xorshift), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A random char boundary of `text` that does not split a `\r\n`.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at)
        || (at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n'))
    {
        at -= 1;
    }
    at
}

#[test]
fn a_burst_of_incremental_changes_leaves_the_same_text() {
    let (_dir, root) = examples();
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    s.wait_indexed();
    let path = root.join("burst.news.md");
    let mut expected = String::from("Start 😀 line\r\n“Hi,”{@blinken} he said.\n");
    s.open(&path, &expected);
    let pieces = [
        "😀",
        "\r\n",
        "\n",
        "中",
        "a",
        "“Hi,”{@blinken} ",
        "é",
        "\r",
        " [Him](@biden) ",
        "",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let last = 1001;
    for version in 2..=last {
        let a = boundary(&expected, &mut rng);
        let b = boundary(&expected, &mut rng);
        let (start, end) = (a.min(b), a.max(b));
        // Mostly small edits: deletions stay short.
        let end = if end - start > 12 { start } else { end };
        let insert = pieces[rng.below(pieces.len())];
        let (sl, sc) = position(&expected, start, "utf-16");
        let (el, ec) = position(&expected, end, "utf-16");
        s.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&path), "version": version},
                "contentChanges": [{"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": insert}],
            }),
        );
        expected.replace_range(start..end, insert);
    }
    let held = s.request("newsmark/documentText", json!({"uri": uri(&path)}));
    assert_eq!(held["version"], last);
    assert_eq!(held["text"].as_str().unwrap(), expected);
    // Diagnostics come for the last version, and never go back in versions.
    let mut seen = Vec::new();
    loop {
        let m = s.wait_for("diagnostics of the burst", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri(&path)
        });
        let version = m["params"]["version"].as_i64().unwrap();
        seen.push(version);
        if version == last {
            break;
        }
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(s.finish(), 0);
}

#[test]
fn hover_after_an_emoji_in_utf16_and_utf8() {
    let (_dir, root) = examples();
    for enc in ["utf-16", "utf-8"] {
        let (mut s, init) = Session::start(&root, &[enc]);
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        s.wait_indexed();
        let path = root.join("emoji.news.md");
        let text = "😀 中 “Yes.”{@blinken} [Mr. Biden](@biden) said.\n";
        s.open(&path, text);
        let at = text.find("biden)").unwrap() + 2;
        let pos = position(text, at, enc);
        let hover = s.at("textDocument/hover", &path, pos, json!({}));
        let card = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(card.contains("**Joe Biden**"), "{enc}: {hover}");
        let start = position(text, text.find("biden)").unwrap(), enc);
        assert_eq!(hover["range"]["start"]["character"], start.1, "{enc}");
        assert_eq!(hover["range"]["end"]["character"], start.1 + 5, "{enc}");
        assert_eq!(s.finish(), 0);
    }
}

#[test]
fn completion_in_a_large_registry_is_cut_and_filtered() {
    let (_dir, root) = examples();
    let mut registry = String::new();
    for i in 0..300 {
        registry += &format!("p{i:03}:\n  name: Person Number {i}\n");
    }
    registry += "mlopez:\n  name: Maria Lopez\n";
    std::fs::write(root.join("many.actors.yaml"), registry).unwrap();
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    s.wait_indexed();
    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let mut version = 1;
    let mut complete = |typed: &str| {
        let text = format!("{text}\n[He](@{typed}");
        version += 1;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(&article), "version": version}, "contentChanges": [{"text": text}]}),
        );
        let pos = position(&text, text.len(), "utf-16");
        s.at("textDocument/completion", &article, pos, json!({}))
    };

    // Everything matches nothing typed: a cut list, which the editor must ask
    // for again as the user types.
    let all = complete("");
    assert_eq!(all["isIncomplete"], true);
    assert_eq!(all["items"].as_array().unwrap().len(), 100);
    // Narrower: complete, and a name matches too.
    let some = complete("p29");
    assert_eq!(some["isIncomplete"], false);
    assert_eq!(some["items"].as_array().unwrap().len(), 10);
    let lop = complete("lop");
    let items = lop["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels, ["mlopez"]);
    assert_eq!(items[0]["filterText"], "mlopez Maria Lopez");
    assert_eq!(items[0]["detail"], "Maria Lopez");
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let (_dir, root) = examples();
    let (mut s, _) = Session::start(&root, &[]);
    s.notify("exit", Value::Null);
    assert_eq!(s.exit_status(), 1);
}

/// The byte offset of a protocol position (`line`, `character` in `enc`),
/// the inverse of [`position`], written independently of the server's code.
fn offset(text: &str, pos: &Value, enc: &str) -> usize {
    let (line, col) = (
        pos["line"].as_u64().unwrap(),
        pos["character"].as_u64().unwrap(),
    );
    let mut start = 0;
    for _ in 0..line {
        let brk = text[start..].find(['\n', '\r']).unwrap() + start;
        start = brk
            + if text[brk..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= col as usize || ch == '\n' || ch == '\r' {
            return start + i;
        }
        units += match enc {
            "utf-8" => ch.len_utf8(),
            "utf-32" => 1,
            _ => ch.len_utf16(),
        };
    }
    text.len()
}

/// `text` with the protocol's text edits applied.
fn apply(text: &str, edits: &[Value], enc: &str) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let start = offset(text, &e["range"]["start"], enc);
            let end = offset(text, &e["range"]["end"], enc);
            (start, end, e["newText"].as_str().unwrap())
        })
        .collect();
    spans.sort();
    assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "edits overlap");
    let mut out = text.to_string();
    for (start, end, new) in spans.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

/// `newsmark check --format json` of a folder: its summary.
fn summary(root: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["summary"].clone()
}

#[test]
fn rename_across_the_examples_is_one_versioned_edit() {
    let (_dir, root) = examples();
    let before = summary(&root);
    let (mut s, init) = Session::start_with(
        &root,
        &["utf-16"],
        json!({"rename": {"prepareSupport": true}}),
    );
    assert_eq!(
        init["capabilities"]["renameProvider"]["prepareProvider"],
        true
    );
    s.wait_indexed();
    let article = root.join("latimes-blinken-mideast.news.md");
    let other = root.join("axios-blinken-palestinian-americans.news.md");
    let registry = root.join("actors.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    // Version 2 in the editor, with an emoji before the id to rename from.
    let text = format!("{text}\n😀 [He](@blinken) said “yes.”{{@blinken}}\n");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&article), "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let id = text.rfind("@blinken}").unwrap() + 1;
    let pos = position(&text, id + 3, "utf-16");
    let prepared = s.at("textDocument/prepareRename", &article, pos, json!({}));
    assert_eq!(prepared["placeholder"], "blinken");
    assert_eq!(offset(&text, &prepared["range"]["start"], "utf-16"), id);
    assert_eq!(offset(&text, &prepared["range"]["end"], "utf-16"), id + 7);

    // Not an id, a taken id, a bad id: refused, with a message that says why.
    let at = |pos: (u32, u32)| json!({"textDocument": {"uri": uri(&article)}, "position": {"line": pos.0, "character": pos.1}});
    let prose = position(&text, text.find("is heading").unwrap(), "utf-16");
    let refused = s
        .try_request("textDocument/prepareRename", at(prose))
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("no actor id here"),
        "{refused}"
    );
    for (new_name, why) in [
        ("biden", "already defined in `actors.yaml`"),
        ("Antony Blinken", "not a valid id"),
    ] {
        let mut params = at(pos);
        params["newName"] = json!(new_name);
        let refused = s.try_request("textDocument/rename", params).unwrap_err();
        assert!(
            refused["message"].as_str().unwrap().contains(why),
            "{refused}"
        );
    }

    let mut params = at(pos);
    params["newName"] = json!("antony-blinken");
    let edit = s.request("textDocument/rename", params);
    let changes = edit["documentChanges"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "{edit}");
    let mut renamed = Vec::new();
    for (path, version, old) in [
        (&article, json!(2), text.clone()),
        (
            &other,
            Value::Null,
            std::fs::read_to_string(&other).unwrap(),
        ),
        (
            &registry,
            Value::Null,
            std::fs::read_to_string(&registry).unwrap(),
        ),
    ] {
        let change = changes
            .iter()
            .find(|c| c["textDocument"]["uri"] == uri(path))
            .unwrap_or_else(|| panic!("no change to {}", path.display()));
        // `null` for a file only on disk: present, not left out.
        assert_eq!(change["textDocument"].get("version"), Some(&version));
        let new = apply(&old, change["edits"].as_array().unwrap(), "utf-16");
        renamed.push((path.clone(), new));
    }
    for (old, (_, new)) in [&text, &std::fs::read_to_string(&other).unwrap()]
        .into_iter()
        .zip(&renamed)
    {
        assert!(!new.contains("@blinken"));
        let count = old.matches("@blinken").count();
        assert!(count > 5);
        assert_eq!(new.matches("@antony-blinken").count(), count);
    }
    // The key is renamed; a comment that names `@blinken` is not an id.
    let new_registry = &renamed[2].1;
    assert!(new_registry.contains("\nantony-blinken:\n"));
    assert!(!new_registry.contains("\nblinken:"));

    // The renamed workspace checks as the original did.
    let (_dir2, root2) = examples();
    for (path, new) in &renamed {
        std::fs::write(root2.join(path.file_name().unwrap()), new).unwrap();
    }
    std::fs::write(root.join(article.file_name().unwrap()), &text).unwrap();
    assert_eq!(summary(&root2), summary(&root));
    assert_eq!(before["errors"], summary(&root2)["errors"]);
    assert_eq!(s.finish(), 0);
}

/// Decoded semantic tokens: line, column, length, type and modifiers.
fn decode(data: &Value, legend: &Value) -> Vec<(u64, u64, u64, String, Vec<String>)> {
    let names = |key: &str| -> Vec<String> {
        legend[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let (types, modifiers) = (names("tokenTypes"), names("tokenModifiers"));
    let data: Vec<u64> = data
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0, 0);
    let mut out = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        let mods = (0..modifiers.len())
            .filter(|i| t[4] & (1 << i) != 0)
            .map(|i| modifiers[i].clone())
            .collect();
        out.push((line, col, t[2], types[t[3] as usize].clone(), mods));
    }
    out
}

#[test]
fn semantic_tokens_code_lenses_and_folding_ranges() {
    let (_dir, root) = examples();
    for enc in ["utf-16", "utf-8"] {
        let (mut s, init) = Session::start(&root, &[enc]);
        let caps = &init["capabilities"];
        assert_eq!(caps["renameProvider"], true, "no prepareSupport asked for");
        let legend = &caps["semanticTokensProvider"]["legend"];
        s.wait_indexed();
        let path = root.join("tokens.news.md");
        let text = "---\ntitle: T\n---\n😀 “Yes,”{@blinken} [Mr. Biden](@biden) said.\r\n“Not\nsourced.”\n\n> We will.\n> {@blinken via=post}\n";
        s.open(&path, text);
        let doc = json!({"textDocument": {"uri": uri(&path)}});
        let full = s.request("textDocument/semanticTokens/full", doc.clone());
        let tokens = decode(&full["data"], legend);
        // What each token must be, worked out from the text on its own.
        // Each token: its text, found after the text before it in `text`.
        let expected: Vec<_> = [
            ("", "title", "property", ""),
            ("😀 ", "“Yes,”", "string", "readonly"),
            ("”", "{", "operator", ""),
            ("{", "@blinken", "variable", ""),
            ("@blinken", "}", "operator", ""),
            ("[", "Mr. Biden", "class", ""),
            ("(", "@biden", "variable", ""),
            ("\r\n", "“Not", "string", "deprecated"),
            ("Not\n", "sourced.”", "string", "deprecated"),
            ("> ", "We will.", "string", "readonly"),
            ("> ", "{", "operator", ""),
            ("> {", "@blinken", "variable", ""),
            ("@blinken ", "via", "property", ""),
            ("via", "=", "operator", ""),
            ("via=", "post", "enumMember", ""),
            ("post", "}", "operator", ""),
        ]
        .iter()
        .map(|(before, token, kind, modifier)| {
            let at = text.find(&format!("{before}{token}")).unwrap() + before.len();
            let (line, col) = position(text, at, enc);
            let (_, end) = position(text, at + token.len(), enc);
            let mods: Vec<String> = modifier.split_whitespace().map(String::from).collect();
            (
                line as u64,
                col as u64,
                (end - col) as u64,
                kind.to_string(),
                mods,
            )
        })
        .collect();
        assert_eq!(tokens, expected, "{enc}");

        // A range: only the tokens of the line with the mentions.
        let line = position(text, text.find("Mr.").unwrap(), enc).0;
        let mut params = doc.clone();
        params["range"] = json!({"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}});
        let ranged = s.request("textDocument/semanticTokens/range", params);
        let ranged = decode(&ranged["data"], legend);
        let on_line: Vec<_> = expected
            .iter()
            .filter(|t| t.0 == line as u64)
            .cloned()
            .collect();
        assert_eq!(ranged, on_line, "{enc}");

        let folds = s.request("textDocument/foldingRange", doc.clone());
        let folds: Vec<(u64, u64)> = folds
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["startLine"].as_u64().unwrap(),
                    f["endLine"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(folds, [(0, 2), (7, 8)], "{enc}");

        // Code lenses on the registry: figures in the title, references on click.
        let registry = root.join("actors.yaml");
        let registry_text = std::fs::read_to_string(&registry).unwrap();
        let key_line = registry_text.lines().position(|l| l == "blinken:").unwrap();
        let lenses = s.request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri(&registry)}}),
        );
        let lens = lenses
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["range"]["start"]["line"] == key_line)
            .unwrap()
            .clone();
        let resolved = s.request("codeLens/resolve", lens);
        let command = &resolved["command"];
        let title = command["title"].as_str().unwrap();
        assert!(title.ends_with("mentions in 3 articles"), "{title}");
        assert_eq!(command["command"], "editor.action.showReferences");
        let args = command["arguments"].as_array().unwrap();
        assert_eq!(args[0], uri(&registry));
        assert_eq!(args[1]["line"], key_line);
        let references = s.at(
            "textDocument/references",
            &registry,
            (key_line as u32, 1),
            json!({"context": {"includeDeclaration": false}}),
        );
        assert_eq!(args[2], references);
        assert_eq!(s.finish(), 0);
    }
}

/// The titles of a list of code actions.
fn titles_of(actions: &Value) -> Vec<&str> {
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

/// The quick-fix code actions of the attribution assistant, and the inlay
/// hints, through the protocol.
#[test]
fn quick_fixes_attribute_create_and_link_and_hints_name_speakers() {
    let (_dir, root) = examples();
    let (mut s, init) = Session::start(&root, &["utf-16"]);
    let caps = &init["capabilities"];
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.newsmark"])
    );
    assert_eq!(caps["inlayHintProvider"], true);
    s.wait_indexed();
    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let text = format!(
        "{text}\n😀 “We will keep talking,” Blinken said.\n\nLater Antony Blinken left; Blinken flew home.\n"
    );
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&article), "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let actions_at = |s: &mut Session, offset: usize, only: Value| {
        s.code_actions(&article, position(&text, offset, "utf-16"), only)
    };

    // On the unattributed quote: the speaker the prose names comes first,
    // preferred, tied to its NM001, as a versioned edit of the open document.
    let quote = text.rfind("keep talking").unwrap();
    let actions = actions_at(&mut s, quote, Value::Null);
    let first = &actions[0];
    assert_eq!(
        first["title"], "Attribute to Antony Blinken (@blinken)",
        "{actions}"
    );
    assert_eq!(first["kind"], "quickfix");
    assert_eq!(first["isPreferred"], true);
    assert_eq!(first["diagnostics"][0]["code"], "NM001");
    let change = &first["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], 2);
    let fixed = apply(&text, change["edits"].as_array().unwrap(), "utf-16");
    assert!(
        fixed.contains("😀 “We will keep talking,”{@blinken} Blinken said."),
        "{fixed}"
    );
    let titles = titles_of(&actions);
    for want in [
        "Mark as scare quote",
        "Mark as title",
        "Attribute to Joe Biden (@biden)",
    ] {
        assert!(titles.contains(&want), "{want} missing from {titles:?}");
    }
    // Asked only for refactorings, there are none.
    assert_eq!(actions_at(&mut s, quote, json!(["refactor"])), Value::Null);

    // On a plain name: link it, or all of them.
    let plain = text.rfind("Blinken flew").unwrap();
    let actions = actions_at(&mut s, plain + 2, Value::Null);
    let titles = titles_of(&actions);
    assert_eq!(
        titles[0], "Link “Blinken” to Antony Blinken (@blinken)",
        "{titles:?}"
    );
    let all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Link all "))
        .unwrap_or_else(|| panic!("no Link all in {titles:?}"));
    let linked = apply(
        &text,
        all["edit"]["documentChanges"][0]["edits"]
            .as_array()
            .unwrap(),
        "utf-16",
    );
    assert!(
        linked.contains("Later [Antony Blinken](@blinken) left; [Blinken](@blinken) flew home."),
        "{linked}"
    );

    // Inlay hints name the speaker after `{@id}` and `{@}`.
    let end = position(&text, text.len(), "utf-16");
    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri(&article)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": end.0, "character": end.1}}}),
    );
    let block = text.find("{@blinken via=interview}").unwrap() + "{@blinken via=interview}".len();
    let (line, character) = position(&text, block, "utf-16");
    let hint = hints
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["position"] == json!({"line": line, "character": character}))
        .unwrap_or_else(|| panic!("no hint after {{@blinken via=interview}}: {hints}"));
    assert_eq!(hint["label"], "Antony Blinken");
    assert_eq!(s.finish(), 0);

    // An unknown id where there is no registry: creating `actors.yaml` is
    // offered only to a client that can create files.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let lone = root.join("a.news.md");
    let text = "“Fine,”{@garvey} she said.\n";
    std::fs::write(&lone, text).unwrap();
    let id = text.find("garvey").unwrap() + 2;
    for (can_create, workspace_edit) in [
        (
            true,
            json!({"documentChanges": true, "resourceOperations": ["create"]}),
        ),
        (false, json!({"documentChanges": true})),
    ] {
        let (mut s, _) = Session::start_caps(&root, &["utf-16"], json!({}), workspace_edit);
        s.wait_indexed();
        s.open(&lone, text);
        let actions = s.code_actions(&lone, position(text, id, "utf-16"), Value::Null);
        let create = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == "Create actor `garvey` in actors.yaml");
        assert_eq!(create.is_some(), can_create, "{actions}");
        if let Some(create) = create {
            let changes = &create["edit"]["documentChanges"];
            assert_eq!(changes[0]["kind"], "create");
            assert_eq!(changes[0]["uri"], uri(&root.join("actors.yaml")));
            assert_eq!(
                changes[1]["textDocument"]["uri"],
                uri(&root.join("actors.yaml"))
            );
            let new_text = changes[1]["edits"][0]["newText"].as_str().unwrap();
            assert!(new_text.starts_with("garvey:\n  name:"), "{new_text}");
        }
        assert_eq!(s.finish(), 0);
    }
}

/// On a raw article: "Create actor … and attribute" on a quotation whose
/// named speaker no registry knows, and the source action "Annotate
/// article" (asked for by kind, or invoked with no kind) as one versioned
/// workspace edit that makes the registry too; for a client that cannot
/// create files, the new actors go to the front matter.
#[test]
fn create_speaker_and_annotate_article() {
    let article_text = "# Ferry halted\n\nService stopped on Tuesday. “The fleet is old,” said Chan Saveth, a senior investigator with the rights group Adhoc. “It should retire,” he said.\n\n“Nobody was hurt,” Mayor Grace Okafor told reporters.\n";
    for (can_create, workspace_edit) in [
        (
            true,
            json!({"documentChanges": true, "resourceOperations": ["create"]}),
        ),
        (false, json!({"documentChanges": true})),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let article = root.join("story.news.md");
        std::fs::write(&article, article_text).unwrap();
        let (mut s, _) = Session::start_caps(&root, &["utf-16"], json!({}), workspace_edit);
        s.open(&article, article_text);
        let registry = uri(&root.join("actors.yaml"));

        // The quick fix, first and preferred, tied to its NM001.
        let quote = article_text.find("fleet is old").unwrap();
        let at = position(article_text, quote, "utf-16");
        let actions = s.code_actions(&article, at, Value::Null);
        let titles = titles_of(&actions);
        let create = actions.as_array().unwrap().iter().find(|a| {
            a["title"] == "Create actor Chan Saveth (senior investigator, Adhoc) and attribute"
        });
        assert_eq!(create.is_some(), can_create, "{titles:?}");
        if let Some(create) = create {
            assert_eq!(titles[0], create["title"]);
            assert_eq!(create["kind"], "quickfix");
            assert_eq!(create["isPreferred"], true);
            assert_eq!(create["diagnostics"][0]["code"], "NM001");
            let changes = create["edit"]["documentChanges"].as_array().unwrap();
            assert_eq!(changes[0]["kind"], "create");
            assert_eq!(changes[0]["uri"], registry);
            let entry = changes[1]["edits"][0]["newText"].as_str().unwrap();
            assert!(
                entry.starts_with("chan-saveth:\n  name: Chan Saveth\n"),
                "{entry}"
            );
            assert_eq!(changes[2]["textDocument"]["version"], 1);
            let fixed = apply(
                article_text,
                changes[2]["edits"].as_array().unwrap(),
                "utf-16",
            );
            assert!(
                fixed.contains("“The fleet is old,”{@chan-saveth} said"),
                "{fixed}"
            );
        }
        // With no kind asked, the draft comes after the quick fixes; not
        // among the quick fixes, nor on a cursor move.
        assert!(
            titles.last().unwrap().starts_with("Annotate article"),
            "{titles:?}"
        );
        let quick = s.code_actions(&article, at, json!(["quickfix"]));
        assert!(!titles_of(&quick).iter().any(|t| t.starts_with("Annotate")));
        let moved = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&article)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "triggerKind": 2}}),
        );
        assert!(!moved.to_string().contains("Annotate article"), "{moved}");

        // The source action, asked for by its kind or a prefix of it.
        for only in [json!(["source.fixAll.newsmark"]), json!(["source"])] {
            let actions = s.code_actions(&article, (0, 0), only);
            let actions = actions.as_array().unwrap();
            assert_eq!(actions.len(), 1, "{actions:?}");
            let annotate = &actions[0];
            assert_eq!(annotate["kind"], "source.fixAll.newsmark");
            assert!(
                annotate["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("Annotate article (3 quotes attributed, 2 actors created"),
                "{annotate}"
            );
            let changes = annotate["edit"]["documentChanges"].as_array().unwrap();
            let edit = changes
                .iter()
                .find(|c| c["textDocument"]["uri"] == uri(&article))
                .unwrap();
            assert_eq!(edit["textDocument"]["version"], 1);
            let drafted = apply(article_text, edit["edits"].as_array().unwrap(), "utf-16");
            assert!(
                drafted.starts_with("---\ntitle: Ferry halted\n"),
                "{drafted}"
            );
            assert!(
                drafted.contains("“It should retire,”{@chan-saveth} he said.")
                    && drafted.contains(
                        "“Nobody was hurt,”{@grace-okafor} Mayor [Grace Okafor](@grace-okafor)"
                    ),
                "{drafted}"
            );
            if can_create {
                assert_eq!(changes[0]["kind"], "create");
                assert_eq!(changes[0]["uri"], registry);
                let text = changes[1]["edits"][0]["newText"].as_str().unwrap();
                assert!(
                    text.contains("grace-okafor:\n  name: Grace Okafor\n"),
                    "{text}"
                );
            } else {
                assert_eq!(changes.len(), 1, "{changes:?}");
                assert!(
                    drafted.contains("actors:\n  chan-saveth:\n    name: Chan Saveth\n"),
                    "{drafted}"
                );
            }
        }
        // No kind asked, invoked by the user: the quick fixes and the draft.
        let invoked = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&article)}, "range": {"start": {"line": at.0, "character": at.1}, "end": {"line": at.0, "character": at.1}}, "context": {"diagnostics": [], "triggerKind": 1}}),
        );
        assert!(
            titles_of(&invoked)
                .iter()
                .any(|t| t.starts_with("Annotate article")),
            "{invoked}"
        );
        assert_eq!(s.finish(), 0);
    }

    // A registry open in the editor gets its entries at its version.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("story.news.md");
    let registry = root.join("actors.yaml");
    let registry_text = "# ours\nlopez:\n  name: Maria Lopez\n";
    std::fs::write(&article, article_text).unwrap();
    std::fs::write(&registry, registry_text).unwrap();
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    s.open(&article, article_text);
    s.open(&registry, registry_text);
    let actions = s.code_actions(&article, (0, 0), json!(["source.fixAll.newsmark"]));
    let changes = actions[0]["edit"]["documentChanges"].as_array().unwrap();
    let to_registry = changes
        .iter()
        .find(|c| c["textDocument"]["uri"] == uri(&registry))
        .unwrap();
    assert_eq!(to_registry["textDocument"]["version"], 1);
    let extended = apply(
        registry_text,
        to_registry["edits"].as_array().unwrap(),
        "utf-16",
    );
    assert!(extended.starts_with(registry_text), "{extended}");
    assert!(extended.contains("\nchan-saveth:\n"), "{extended}");
    assert_eq!(s.finish(), 0);
}

/// A document opened while the workspace is still being indexed is not
/// reported against the registries that are not read yet: its first
/// diagnostics come after indexing, without false "unknown actor" errors.
#[test]
fn a_document_opened_during_indexing_waits_for_the_registries() {
    let (_dir, root) = examples();
    // Enough articles that indexing outlasts the debounce many times over.
    for i in 0..2000 {
        std::fs::write(
            root.join(format!("filler-{i}.news.md")),
            format!("[Blinken](@blinken) spoke, story {i}. “Yes,”{{@blinken}} he said.\n"),
        )
        .unwrap();
    }
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    let article = root.join("latimes-blinken-mideast.news.md");
    s.open(&article, &std::fs::read_to_string(&article).unwrap());
    let doc = uri(&article);
    let mut indexed = false;
    let deadline = Instant::now() + TIMEOUT;
    let first = loop {
        let m = s.read(deadline);
        if m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end" {
            indexed = true;
        }
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == doc {
            break m;
        }
    };
    assert!(
        indexed,
        "diagnostics of {doc} before the end of indexing: {first}"
    );
    let unknown: Vec<&Value> = first["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "NM002")
        .collect();
    assert!(unknown.is_empty(), "false unknown actors: {unknown:?}");
    assert_eq!(s.finish(), 0);
}

/// `examples/` with `n` more articles that each name `@blinken`: enough
/// files that indexing takes a while.
fn examples_with_fillers(n: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = examples();
    let fillers = root.join("fillers");
    std::fs::create_dir(&fillers).unwrap();
    for i in 0..n {
        std::fs::write(
            fillers.join(format!("filler-{i}.news.md")),
            format!(
                "[Blinken](@blinken) spoke, story {i}. “Yes,”{{@blinken}} he said.\n\n{}\n",
                "Words of the story, not quoted. ".repeat(40)
            ),
        )
        .unwrap();
    }
    (dir, root)
}

/// Sends requests without waiting for their answers; returns their ids.
fn send_all(s: &mut Session, requests: Vec<(&str, Value)>) -> Vec<i64> {
    let mut ids = Vec::new();
    for (i, (method, params)) in requests.into_iter().enumerate() {
        let id = 1000 + i as i64;
        s.client
            .send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        ids.push(id);
    }
    ids
}

/// The answers to `ids`, in the order they came, with every other message
/// kept in the backlog.
fn answers(s: &mut Session, ids: &[i64]) -> Vec<Value> {
    let deadline = Instant::now() + TIMEOUT;
    let answer = |m: &Value| m.get("method").is_none() && ids.iter().any(|id| m["id"] == *id);
    let (mut got, rest) = std::mem::take(&mut s.backlog)
        .into_iter()
        .partition::<Vec<_>, _>(answer);
    s.backlog = rest;
    while got.len() < ids.len() {
        let m = s.read(deadline);
        if answer(&m) {
            got.push(m);
        } else {
            s.backlog.push(m);
        }
    }
    got
}

/// Whether the end of indexing's `$/progress` has arrived.
fn indexing_ended(s: &Session) -> bool {
    s.backlog
        .iter()
        .any(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
}

/// What an editor does the moment it attaches: open a document and ask at
/// once, while thousands of files are still being indexed. Every answer is
/// the one a complete workspace gives (none says "not defined"), and the
/// rename edits every file that uses the id, indexed yet or not.
#[test]
fn the_first_requests_are_answered_from_the_whole_workspace() {
    const FILLERS: usize = 3000;
    let (_dir, root) = examples_with_fillers(FILLERS);
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let at = text.find("(@blinken)").unwrap() + 3;
    let pos = position(&text, at, "utf-16");
    let here = json!({"textDocument": {"uri": uri(&article)}, "position": {"line": pos.0, "character": pos.1}});
    let mut rename = here.clone();
    rename["newName"] = json!("antony-blinken");
    let mut complete = here.clone();
    complete["position"]["character"] = json!(pos.1 - 1); // right after `(@`
    let ids = send_all(
        &mut s,
        vec![
            ("textDocument/hover", here.clone()),
            ("textDocument/definition", here.clone()),
            ("textDocument/completion", complete),
            ("textDocument/rename", rename),
            (
                "textDocument/foldingRange",
                json!({"textDocument": {"uri": uri(&article)}}),
            ),
        ],
    );
    // Folding needs no workspace: its answer comes while indexing goes on,
    // which shows the other requests were sent during it.
    let folding = answers(&mut s, &ids[4..]);
    assert!(folding[0]["result"].is_array(), "{folding:?}");
    assert!(
        !indexing_ended(&s),
        "the requests were sent during indexing"
    );
    let mut got = answers(&mut s, &ids[..4]);
    got.sort_by_key(|m| m["id"].as_i64());
    let [hover, definition, completion, rename] = &got[..] else {
        unreachable!()
    };
    let card = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(card.contains("**Antony Blinken** · person"), "{hover}");
    assert!(
        card.contains(&format!("in {} articles", FILLERS + 2)),
        "{card}"
    );
    assert_eq!(
        definition["result"][0]["uri"],
        uri(&root.join("actors.yaml")),
        "{definition}"
    );
    let labels: Vec<&str> = completion["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{completion}"))
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"blinken"), "{labels:?}");
    let changes = rename["result"]["documentChanges"]
        .as_array()
        .unwrap_or_else(|| panic!("{rename}"));
    // Both examples, the registry, and every filler.
    assert_eq!(changes.len(), FILLERS + 3);
    for i in [0, FILLERS / 2, FILLERS - 1] {
        let filler = uri(&root.join(format!("fillers/filler-{i}.news.md")));
        let change = changes.iter().find(|c| c["textDocument"]["uri"] == filler);
        assert_eq!(change.unwrap()["edits"].as_array().unwrap().len(), 2);
    }
    assert_eq!(s.finish(), 0);
}

/// While the workspace is indexed, a request that needs it waits; one that
/// needs only its document (folding) is answered meanwhile, a waiting one
/// can be cancelled, and one whose document changes while it waits is
/// answered `ContentModified` rather than with stale positions.
#[test]
fn waiting_requests_hold_back_no_other_and_can_be_cancelled() {
    let (_dir, root) = examples_with_fillers(3000);
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let at = text.find("(@blinken)").unwrap() + 3;
    let pos = position(&text, at, "utf-16");
    let here = json!({"textDocument": {"uri": uri(&article)}, "position": {"line": pos.0, "character": pos.1}});
    let ids = send_all(
        &mut s,
        vec![
            ("textDocument/hover", here.clone()),
            ("textDocument/references", {
                let mut p = here.clone();
                p["context"] = json!({"includeDeclaration": true});
                p
            }),
            (
                "textDocument/foldingRange",
                json!({"textDocument": {"uri": uri(&article)}}),
            ),
        ],
    );
    s.notify("$/cancelRequest", json!({"id": ids[1]}));
    let first = answers(&mut s, &ids[2..]);
    assert!(first[0]["result"].is_array(), "{first:?}");
    let cancelled = answers(&mut s, &ids[1..2]);
    assert_eq!(cancelled[0]["error"]["code"], -32800, "{cancelled:?}");
    assert!(
        !indexing_ended(&s),
        "folding and the cancel were answered during indexing"
    );
    // The document changes while the hover waits.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&article), "version": 2},
               "contentChanges": [{"text": format!("Moved.\n{text}")}]}),
    );
    let hover = answers(&mut s, &ids[..1]);
    assert_eq!(hover[0]["error"]["code"], -32801, "{hover:?}");
    assert_eq!(s.finish(), 0);
}

/// Messages the transport cannot use are answered with a JSON-RPC error
/// (`id` null when it cannot be read) and the session goes on; a lone
/// surrogate in a document is replaced, not fatal.
#[test]
fn hostile_messages_get_errors_and_the_session_goes_on() {
    let (_dir, root) = examples();
    let (mut s, _) = Session::start(&root, &["utf-16"]);
    let article = root.join("latimes-blinken-mideast.news.md");
    let raw = |s: &mut Session, bytes: &str| {
        use std::io::Write as _;
        let stdin = s.client.child_stdin();
        stdin.write_all(bytes.as_bytes()).unwrap();
        stdin.flush().unwrap();
    };
    let framed = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let hostile = [
        (framed("[]"), Some((-32600, Value::Null))),
        (framed("{}"), Some((-32600, Value::Null))),
        (framed("{\"jsonrpc\":"), Some((-32700, Value::Null))),
        (
            framed(r#"{"id":7,"method":"textDocument/hover","params":{}}"#),
            Some((-32600, json!(7))),
        ),
        (
            {
                let body = r#"{"jsonrpc":"2.0","id":8,"method":"$/unknown/thing"}"#;
                format!("content-length: {}\r\n\r\n{body}", body.len())
            },
            Some((-32601, json!(8))),
        ),
        (
            {
                let body = r#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#;
                format!(
                    "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc\r\nX-Other: 1\r\n\r\n{body}",
                    body.len()
                )
            },
            None,
        ),
        (
            {
                let body = r#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#;
                format!(
                    "Content-Type: application/vscode-jsonrpc; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
            },
            None,
        ),
        (
            "Content-Type: text/plain\r\n\r\n".to_string(),
            Some((-32700, Value::Null)),
        ),
    ];
    for (bytes, answer) in &hostile {
        raw(&mut s, bytes);
        if let Some((code, id)) = answer {
            let error = s.wait_for(&format!("the error {code}"), |m| {
                m.get("method").is_none() && m["error"]["code"] == *code
            });
            assert_eq!(error["id"], *id, "{bytes:?}: {error}");
        }
    }
    // Half an emoji, as JSON.stringify writes it, in an opened document.
    let half = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"URI","languageId":"newsmark","version":1,"text":"Half \ud83d here.\n"}}}"#
        .replace("URI", &uri(&root.join("half.news.md")));
    raw(&mut s, &framed(&half));
    let held = s.request(
        "newsmark/documentText",
        json!({"uri": uri(&root.join("half.news.md"))}),
    );
    assert_eq!(held["text"], "Half \u{fffd} here.\n");
    // And the server still answers from the workspace.
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let pos = position(&text, text.find("(@blinken)").unwrap() + 3, "utf-16");
    let hover = s.at("textDocument/hover", &article, pos, json!({}));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Antony Blinken")
    );
    assert_eq!(s.finish(), 0);
}

/// A client that sends `initialized` before it has read the answer to
/// `initialize` still gets its folder indexed.
#[test]
fn initialized_sent_before_the_initialize_answer_is_not_lost() {
    let (_dir, root) = examples();
    let mut client = Client::spawn(
        Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(["lsp"])
            .stderr(Stdio::inherit()),
        TIMEOUT,
    );
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": null, "capabilities": {},
        "workspaceFolders": [{"uri": uri(&root), "name": "ws"}]}}),
    );
    client.notify("initialized", json!({}));
    let mut s = Session {
        client,
        backlog: Vec::new(),
    };
    s.wait_for("the initialize answer", |m| m["id"] == 1);
    let article = root.join("latimes-blinken-mideast.news.md");
    let text = std::fs::read_to_string(&article).unwrap();
    s.open(&article, &text);
    let pos = position(&text, text.find("(@blinken)").unwrap() + 3, "utf-16");
    let hover = s.at("textDocument/hover", &article, pos, json!({}));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("in 2 articles"), "{card}");
    assert_eq!(s.finish(), 0);
}

/// In a multi-root workspace each folder's files take their rule levels
/// from that folder's own `newsmark.toml`.
#[test]
fn each_folder_follows_its_own_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (strict, quiet) = (root.join("strict"), root.join("quiet"));
    for (folder, level) in [(&strict, "error"), (&quiet, "off")] {
        std::fs::create_dir(folder).unwrap();
        std::fs::write(
            folder.join("newsmark.toml"),
            format!("[rules]\nunattributed-quote = \"{level}\"\n"),
        )
        .unwrap();
        std::fs::write(
            folder.join("a.news.md"),
            "“Nobody said this,” the text goes.\n",
        )
        .unwrap();
    }
    let (mut s, _) = Session::start_folders(&[&strict, &quiet], &["utf-16"], json!({}), json!({}));
    // Told as information, not on stderr (which editors show as errors).
    let log = s.wait_for("the indexing log", |m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 3, "{log}");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .ends_with(" in 2 folders"),
        "{log}"
    );
    let found = s.diagnostics_of(&strict.join("a.news.md"), None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (&found[0]["code"], &found[0]["severity"]),
        (&json!("NM001"), &json!(1))
    );
    let text = std::fs::read_to_string(quiet.join("a.news.md")).unwrap();
    s.open(&quiet.join("a.news.md"), &text);
    assert_eq!(
        s.diagnostics_of(&quiet.join("a.news.md"), Some(1)),
        Vec::<Value>::new()
    );
    assert_eq!(s.finish(), 0);
}
