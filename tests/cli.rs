//! The `newsmark check` command, run as a process: exit statuses, formats,
//! discovery and bad input.

#[path = "support/shell.rs"]
mod shell;
use shell::{newsmark, stderr, stdout, write};

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// Runs the binary, failing (rather than hanging the suite) if it has not
/// ended within a minute: a FIFO read blocks for good.
fn newsmark_within_a_minute(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("newsmark {args:?} still runs after a minute");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
}

/// Asserts the paths and codes of a JSON report's findings.
fn assert_findings(out: &Output, want: &[(&str, &str)]) {
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let found: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(found, want, "{}", stderr(out));
}

/// What cannot be walked is stepped over: a link to nothing or in a circle
/// is a warning naming it; one named like an article, and a FIFO or a device
/// so named, is an article that cannot be read (NM000). None stops the walk,
/// nor blocks it.
#[test]
fn what_cannot_be_walked_is_skipped_naming_it() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("actors.yaml", ACTORS),
            ("corpus/a.news.md", b"[x](@nobody)\n"),
        ],
    );
    symlink("nowhere", root.join("corpus/notes.txt")).unwrap();
    symlink("..", root.join("corpus/loop")).unwrap();
    symlink("nowhere.news.md", root.join("corpus/gone.news.md")).unwrap();
    symlink("/dev/zero", root.join("corpus/zero.news.md")).unwrap();
    mkfifo(&root.join("corpus/fifo.news.md"));
    let out = newsmark_within_a_minute(root, &["check", "--format", "json", "corpus"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_findings(
        &out,
        &[
            ("corpus/a.news.md", "NM002"),
            ("corpus/fifo.news.md", "NM000"),
            ("corpus/gone.news.md", "NM000"),
            ("corpus/zero.news.md", "NM000"),
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages[1].ends_with("it is a named pipe (FIFO), not a regular file"));
    assert!(
        messages[2].ends_with("it is a symbolic link to `nowhere.news.md`, which does not exist")
    );
    assert!(messages[3].ends_with("it is a character device, not a regular file"));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(
        warnings,
        [
            "newsmark: warning: skipped `corpus/loop`: it is a symbolic link to `.`, a directory that holds it: following it would loop",
            "newsmark: warning: skipped `corpus/notes.txt`: it is a symbolic link to `nowhere`, which does not exist",
        ],
        "{err}"
    );
    // The other commands walk the same way, and say so.
    for args in [
        &["export", "corpus"][..],
        &["report", "--format", "json", "corpus"],
        &["annotate", "--diff", "corpus"],
    ] {
        let out = newsmark_within_a_minute(root, args);
        let err = stderr(&out);
        // A finding or a file left alone, but no usage error, panic or signal.
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {err}",
            out.status
        );
        for warning in &warnings {
            assert!(err.contains(warning), "{args:?}: {err}");
        }
    }
}

/// A FIFO named on the command line is reported as unreadable, as any
/// unreadable file is, without waiting for a writer; the other files are
/// checked.
/// SPEC §1: a `newsmark.toml` that cannot be read is NM000, even when it is
/// no regular file; it is not passed by for a config further up.
#[test]
fn a_config_that_is_a_fifo_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("sub/b.news.md", b"[x](@nobody)\n")]);
    mkfifo(&dir.path().join("newsmark.toml"));
    let out = newsmark_within_a_minute(dir.path(), &["check", "--format", "json", "sub/b.news.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert_findings(
        &out,
        &[("newsmark.toml", "NM000"), ("sub/b.news.md", "NM002")],
    );
}

#[test]
fn a_named_fifo_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("b.news.md", b"[x](@nobody)\n")]);
    mkfifo(&dir.path().join("a.news.md"));
    let out = newsmark_within_a_minute(
        dir.path(),
        &["check", "--format", "json", "a.news.md", "b.news.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_findings(&out, &[("a.news.md", "NM000"), ("b.news.md", "NM002")]);
}

/// Runs `newsmark ARGS` in `dir` as a user whom permission bits stop. Root,
/// who runs the tests in CI, gives up the two capabilities that pass them by
/// (`setpriv` is part of util-linux, on every Debian).
fn newsmark_unprivileged(dir: &Path, args: &[&str]) -> Output {
    if !rustix::process::geteuid().is_root() {
        return newsmark(dir, args);
    }
    Command::new("setpriv")
        .args([
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
            env!("CARGO_BIN_EXE_newsmark"),
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("setpriv runs the binary")
}

/// A directory named on the command line that cannot be listed ends the run
/// (status 2); one found under it is a warning.
#[test]
fn an_unreadable_directory_is_a_warning_below_and_an_error_when_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[("a.news.md", b"fine\n"), ("private/b.news.md", b"fine\n")],
    );
    // Run from the directory itself: its name is `.`, never empty.
    std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
    let out = newsmark(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "newsmark: warning: skipped `loop`: it is a symbolic link to `.`, a directory that holds it: following it would loop\n"
    );
    let private = dir.path().join("private");
    fs::set_permissions(&private, fs::Permissions::from_mode(0o000)).unwrap();
    let below = newsmark_unprivileged(dir.path(), &["check"]);
    let named = newsmark_unprivileged(dir.path(), &["check", "private"]);
    fs::set_permissions(&private, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(below.status.code(), Some(0), "{}", stderr(&below));
    assert!(stderr(&below).contains("skipped `private`: cannot read it:"));
    assert_eq!(named.status.code(), Some(2));
    assert!(stderr(&named).starts_with("newsmark: cannot read directory `private`: "));
}

/// A `newsmark.toml` that is not UTF-8 is reported on itself; the files are
/// checked with the default settings.
#[test]
fn a_config_that_is_not_text_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("newsmark.toml", b"\xff = 1\n"),
            ("a.news.md", b"[x](@nobody)\n"),
        ],
    );
    let out = newsmark(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_findings(&out, &[("a.news.md", "NM002"), ("newsmark.toml", "NM000")]);
}

/// `check | head`: the reader leaves, the checker ends quietly with the
/// status of what it found.
#[test]
fn a_closed_pipe_ends_the_report_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    // Thousands of findings: more report than a pipe holds.
    write(
        dir.path(),
        &[("a.news.md", "“a”{@nobody} ".repeat(5_000).as_bytes())],
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["check", "--color", "never"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("error[NM002"), "{first}");
    // The pipe closes here, with the rest of the report unread.
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(1));
}

/// A report or an export that cannot be written says what it could not
/// write, and fails.
#[test]
fn a_full_disk_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("a.news.md", "“a”{@nobody}\n".as_bytes())]);
    for (args, what) in [
        (
            &["export"][..],
            "cannot write the export to standard output: ",
        ),
        (&["check"][..], "cannot write the report: "),
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(args)
            .current_dir(dir.path())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(&format!("newsmark: {what}")), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
    }
}

/// A long line is cut around the finding: a file of one 10 KB line of
/// unattributed quotes reports each in a few lines of bounded length
/// (the whole line every time was 77 MB).
#[test]
fn long_lines_are_cut_around_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("a.news.md", "\"".repeat(10_000).as_bytes())]);
    let out = newsmark(dir.path(), &["check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 400, "a line of {widest} characters");
    assert!(text.len() < 5_000_000, "{} bytes", text.len());
    assert!(text.contains("┌─ a.news.md:1:3\n"), "{}", &text[..2000]);
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
