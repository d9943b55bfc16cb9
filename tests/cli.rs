//! The `newsmark check` command, run as a process: exit statuses, formats,
//! discovery and bad input.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn newsmark(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, files: &[(&str, &[u8])]) {
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

const ACTORS: &[u8] = b"lopez:\n  name: Maria Lopez\n  aliases: [Lopez]\n";

#[test]
fn the_examples_are_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = newsmark(root, &["check", "examples"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("checked 3 files: 0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_report_schema_version_1() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", ACTORS),
            ("a.news.md", "😀 “Hi,” [Lopez](@lopez) said.\n".as_bytes()),
        ],
    );
    let out = newsmark(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail the run by default"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let expected = serde_json::json!({
        "version": 1,
        "summary": {"files": 2, "errors": 0, "warnings": 1, "infos": 0, "hints": 0},
        "diagnostics": [{
            "path": "a.news.md",
            "code": "NM001",
            "rule": "unattributed-quote",
            "severity": "warning",
            "message": "this quotation is not attributed: readers cannot tell who said it — the prose suggests Maria Lopez (“Lopez said”)",
            "help": "if that is right, add `{@lopez}` right after the closing mark; otherwise name the right speaker, or `{.scare}`, `{.title}` or `{.term}` if it is not speech",
            // The emoji is one column; bytes count its four UTF-8 bytes.
            "range": {"start": {"line": 1, "column": 3, "byte": 5}, "end": {"line": 1, "column": 8, "byte": 14}},
            "related": [],
            // NM001 names the speaker the prose suggests.
            "suggestion": {"speaker": "lopez", "name": "Maria Lopez", "text": "Lopez", "cue": "said"}
        }]
    });
    assert_eq!(report, expected);
    let deny = newsmark(
        dir.path(),
        &["check", "--format", "json", "--deny", "warnings"],
    );
    assert_eq!(deny.status.code(), Some(1));
}

#[test]
fn human_report_underlines_the_span() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", ACTORS),
            ("a.news.md", b"[Lopez](@lopz) said so.\n"),
        ],
    );
    let out = newsmark(dir.path(), &["check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when asked: {text}");
    assert!(
        text.contains("error[NM002/unknown-actor]: no actor `lopz` is defined"),
        "{text}"
    );
    assert!(text.contains("┌─ a.news.md:1:10"), "{text}");
    assert!(
        text.contains("1 │ [Lopez](@lopz) said so.\n  │          ^^^^"),
        "{text}"
    );
    assert!(text.contains("= help: did you mean `@lopez`?"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("checked 2 files: 1 error, 0 warnings, 0 infos, 0 hints"),
        "{text}"
    );
    // Piped output has no colour by default either.
    let auto = newsmark(dir.path(), &["check"]);
    assert!(!stdout(&auto).contains('\x1b'));
    let always = newsmark(dir.path(), &["check", "--color", "always"]);
    assert!(stdout(&always).contains('\x1b'));
}

#[test]
fn non_utf8_file_is_reported_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", ACTORS),
            ("bad.news.md", b"caf\xe9 \xff\n"),
            ("good.news.md", b"\xe2\x80\x9cHi\xe2\x80\x9d{@nobody}\n"),
        ],
    );
    let out = newsmark(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("bad.news.md", "NM000"), ("good.news.md", "NM002")]);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8 (at byte 3)")
    );
}

#[test]
fn missing_path_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsmark(dir.path(), &["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("newsmark: cannot read `no/such/dir`: "),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn unreadable_directory_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    // A symlink loop cannot be walked, even by root (who can read any mode).
    std::os::unix::fs::symlink("..", dir.path().join("corpus/loop")).unwrap();
    let out = newsmark(dir.path(), &["check", "corpus"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("corpus"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        newsmark(dir.path(), &["check", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(newsmark(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn explicit_files_are_checked_whatever_their_extension() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", ACTORS),
            ("notes/draft.txt", b"\xe2\x80\x9cHi\xe2\x80\x9d{@ghost}\n"),
            ("other.news.md", b"[x](@nobody)\n"),
        ],
    );
    let out = newsmark(
        dir.path(),
        &["check", "--format", "json", "notes/draft.txt"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"]["files"], 1,
        "only the named file is reported"
    );
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["path"], "notes/draft.txt");
    assert_eq!(diags[0]["code"], "NM002");
}

#[test]
fn a_named_article_sees_the_registries_of_its_workspace() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "newsmark.toml",
                b"[files]\nregistries = [\"people/*.yaml\"]\n",
            ),
            ("people/cast.yaml", ACTORS),
            ("stories/a.news.md", b"[Lopez](@lopez) said it.\n"),
        ],
    );
    let out = newsmark(&dir.path().join("stories"), &["check", "a.news.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn rule_levels_come_from_newsmark_toml_and_gitignore_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "newsmark.toml",
                b"[rules]\nunattributed-quote = \"error\"\nNM009 = \"off\"\n",
            ),
            (".gitignore", b"drafts/\n"),
            ("actors.yaml", ACTORS),
            ("a.news.md", "“Hi.” And “Bye.”{@lopez}\n".as_bytes()),
            ("drafts/b.news.md", b"[x](@nobody)\n"),
        ],
    );
    let out = newsmark(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 3, "errors": 1, "warnings": 0, "infos": 0, "hints": 0})
    );
    assert_eq!(report["diagnostics"][0]["severity"], "error");
    assert_eq!(report["diagnostics"][0]["code"], "NM001");
}

#[test]
fn a_broken_config_is_reported_on_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[("newsmark.toml", b"[rules\n"), ("a.news.md", b"fine\n")],
    );
    let out = newsmark(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["path"], "newsmark.toml");
    assert_eq!(report["diagnostics"][0]["code"], "NM007");
}

/// `check` lets each clean article go once analysed; what it reports must be
/// exactly what analysing the whole workspace at once reports.
#[test]
fn checking_an_article_at_a_time_reports_what_the_whole_workspace_does() {
    use newsmark::cli::{load_and_check, run_rules};
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", b"lopez:\n  name: Maria Lopez\nlopez:\n  name: Twice\nokafor:\n  name: Daniel Okafor\n"),
            ("a.news.md", b"[Lopez](@lopez) said \xe2\x80\x9cyes.\xe2\x80\x9d{@lopez}\n"),
            ("b.news.md", b"\xe2\x80\x9cUnattributed,\xe2\x80\x9d Okafor said. [Kim](@kim).\n"),
            ("c.news.md", b"---\nactors:\n  aide-1:\n    anonymous: true\n---\nClean \xe2\x80\x9cwords\xe2\x80\x9d{.scare}.\n"),
            ("d.news.md", b"\xff\xfe not UTF-8\n"),
            ("e.news.md", b"Nothing to say.\n"),
        ],
    );
    let roots = [
        (vec![dir.path().to_path_buf()], true),
        (
            vec![dir.path().join("b.news.md"), dir.path().join("e.news.md")],
            true,
        ),
        (
            vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")],
            false,
        ),
    ];
    for (paths, has_findings) in roots {
        let whole = newsmark::fs::load(&paths).unwrap();
        let expected = run_rules(&whole.workspace, &whole.targets);
        let (loaded, found) = load_and_check(&paths).unwrap();
        assert_eq!(found, expected, "for {paths:?}");
        assert_eq!(loaded.targets, whole.targets);
        assert_eq!(!found.is_empty(), has_findings, "for {paths:?}");
        // Every reported file is at hand to render the report.
        for d in &found {
            assert!(
                loaded.workspace.file(&d.path).is_some(),
                "{:?} missing",
                d.path
            );
        }
    }
}
