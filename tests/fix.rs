//! `newsmark check --fix` and `--fix-suggestions`, run as a process on files
//! in a temporary directory: what is fixed, what never is, and what is
//! reported.

#[path = "support/shell.rs"]
mod shell;
use shell::{newsmark, stderr, stdout};

use std::fs;

const ACTORS: &str =
    "lopez:\n  name: Maria Lopez\n  pronouns: she\nkim:\n  name: Rachel Kim\n  aliases: [Kim]\n";

/// An article with one certain fix (the space), one suggestion of a known
/// actor, one of an unknown person, one of an anonymous source, one scare
/// quote, and a `{@}` already in place.
const ARTICLE: &str = "[Maria Lopez](@lopez) arrived.\r\n\r\n“We will,” she said. “Soon.”{@}\r\n\r\nKim said “yes” {@kim} twice.\r\n\r\n“Fine,” said Tom Reed.\r\n\r\n“No,” an official said. Critics saw a “fig leaf”.\r\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("actors.yaml"), ACTORS).unwrap();
    fs::write(dir.path().join("a.news.md"), ARTICLE).unwrap();
    dir
}

#[test]
fn fix_applies_only_what_is_certain() {
    let dir = setup();
    let out = newsmark(dir.path(), &["check", "--fix", "--color", "never"]);
    let err = stderr(&out);
    assert!(
        err.contains("fixed a.news.md:5:16 NM005: Remove the space before the attribute block"),
        "{err}"
    );
    assert!(err.contains("fixed 1 finding in 1 file"), "{err}");
    let text = fs::read_to_string(dir.path().join("a.news.md")).unwrap();
    assert_eq!(
        text,
        ARTICLE.replace("“yes” {@kim}", "“yes”{@kim}"),
        "CRLF and all else kept"
    );
    // The report is of the files as they are now: the misplaced block is gone.
    assert!(
        !stdout(&out).contains("attached to nothing"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("NM001"),
        "the suggestions wait for --fix-suggestions"
    );
    // Nothing left to fix: a second run writes nothing.
    let again = newsmark(dir.path(), &["check", "--fix"]);
    assert!(
        stderr(&again).contains("fixed 0 findings in 0 files"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.news.md")).unwrap(),
        text
    );
}

#[test]
fn fix_suggestions_attributes_known_actors_only() {
    let dir = setup();
    let out = newsmark(
        dir.path(),
        &["check", "--fix-suggestions", "--format", "json"],
    );
    let err = stderr(&out);
    assert!(
        err.contains("fixed a.news.md:3:1 NM001: Attribute to Maria Lopez (@lopez)"),
        "{err}"
    );
    assert!(err.contains("fixed 2 findings in 1 file"), "{err}");
    let text = fs::read_to_string(dir.path().join("a.news.md")).unwrap();
    let expected = ARTICLE
        .replace("“We will,” she", "“We will,”{@lopez} she")
        .replace("“yes” {@kim}", "“yes”{@kim}");
    assert_eq!(text, expected);
    // Tom Reed and the official are no known actors; the scare quote is
    // not speech; `{@}` is never written.
    assert!(!text.contains("{@}{") && text.matches("{@}").count() == 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout stays JSON");
    let left: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["NM001", "NM001", "NM001"], "{report:#}");
    assert_eq!(report["diagnostics"][0]["suggestion"]["name"], "Tom Reed");
    assert_eq!(
        report["diagnostics"][0]["suggestion"]["speaker"],
        serde_json::Value::Null
    );
}

#[test]
fn without_fix_nothing_is_written() {
    let dir = setup();
    let out = newsmark(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "the NM005 error fails the run");
    assert!(!stderr(&out).contains("fixed"));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.news.md")).unwrap(),
        ARTICLE
    );
}

#[test]
fn the_exit_status_is_that_of_what_is_left() {
    let dir = setup();
    // `{@}` follows an unattributed quote: an error until the quote has a speaker.
    let out = newsmark(dir.path(), &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let out = newsmark(dir.path(), &["check", "--fix-suggestions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let strict = newsmark(dir.path(), &["check", "--deny", "warnings"]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "the other NM001 warnings remain"
    );
}

/// One run reaches what running again would: a space removed before an
/// attribute block lets the prose suggest the speaker of the next quote,
/// and that is fixed in the same run.
#[test]
fn one_run_reaches_the_fixed_point() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("actors.yaml"), ACTORS).unwrap();
    let path = dir.path().join("a.news.md");
    fs::write(&path, "“Yes.”\t{@lopez} she added.\n\n“Later.” she says.\n").unwrap();
    let out = newsmark(dir.path(), &["check", "--fix-suggestions"]);
    assert!(
        stderr(&out).contains("fixed 2 findings in 1 file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "“Yes.”{@lopez} she added.\n\n“Later.”{@lopez} she says.\n"
    );
    let again = newsmark(dir.path(), &["check", "--fix-suggestions"]);
    assert!(
        stderr(&again).contains("fixed 0 findings in 0 files"),
        "{}",
        stderr(&again)
    );
}

/// A read-only article is left alone with a word; the others are fixed.
#[test]
fn a_read_only_article_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    let path = dir.path().join("a.news.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    fs::write(dir.path().join("b.news.md"), "Kim said “no” {@kim}.\n").unwrap();
    let out = newsmark(dir.path(), &["check", "--fix"]);
    let err = stderr(&out);
    assert!(
        err.contains("newsmark: left a.news.md alone: it is read-only; nothing was written"),
        "{err}"
    );
    assert!(err.contains("fixed 1 finding in 1 file"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), ARTICLE);
    assert_eq!(
        fs::read_to_string(dir.path().join("b.news.md")).unwrap(),
        "Kim said “no”{@kim}.\n"
    );
}

mod generated {
    //! Generated articles full of what the fixes act on: a second
    //! `--fix-suggestions` run changes nothing, and what the first reports
    //! is what a fresh check of the fixed files finds (each round checks
    //! again only the files it wrote).
    use super::ACTORS;
    use newsmark::cli::fix::FixMode;
    use newsmark::cli::{check_and_fix, load_and_check};
    use proptest::prelude::*;
    use std::fs;

    fn sentence() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec!["Yes", "We will see", "It is narrow", "Not now"]);
        let gap = prop::sample::select(vec!["", "", " ", "\t"]);
        let block = prop::sample::select(vec!["", "", "{@lopez}", "{@kim}", "{@}", "{.scare}"]);
        let who = prop::sample::select(vec![
            "she",
            "he",
            "Lopez",
            "Kim",
            "[Lopez](@lopez)",
            "an official",
            "Tom Reed",
        ]);
        let verb = prop::sample::select(vec![
            "said",
            "says",
            "added",
            "told reporters",
            "has not said",
            "has not yet said",
        ]);
        (words, gap, block, who, verb, 0..5u8).prop_map(|(w, gap, block, who, verb, shape)| {
            let block = if block.is_empty() { "" } else { block };
            let gap = if block.is_empty() { "" } else { gap };
            match shape {
                0 => format!("“{w}.”{gap}{block} {who} {verb}."),
                1 => format!("“{w},”{gap}{block} {verb} {who}."),
                2 => format!("{who} {verb}: “{w}.”{gap}{block}"),
                3 => format!("“{w}.”{gap}{block}"),
                _ => "The vote is due.".to_string(),
            }
        })
    }

    fn article() -> impl Strategy<Value = String> {
        let paragraph = prop::collection::vec(sentence(), 1..5).prop_map(|s| s.join(" "));
        prop::collection::vec(paragraph, 1..6).prop_map(|p| p.join("\n\n") + "\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn a_second_run_changes_nothing(articles in prop::collection::vec(article(), 1..3)) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().to_path_buf();
            let paths = std::slice::from_ref(&root);
            fs::write(root.join("actors.yaml"), ACTORS).unwrap();
            for (i, text) in articles.iter().enumerate() {
                fs::write(root.join(format!("{i}.news.md")), text).unwrap();
            }
            let (_, left, first) = check_and_fix(paths, FixMode::Suggestions).unwrap();
            let texts = |i: usize| fs::read_to_string(root.join(format!("{i}.news.md"))).unwrap();
            let after: Vec<String> = (0..articles.len()).map(texts).collect();
            let (_, fresh) = load_and_check(paths).unwrap();
            prop_assert_eq!(left, fresh);
            let (_, _, second) = check_and_fix(paths, FixMode::Suggestions).unwrap();
            prop_assert!(first.skipped.is_empty(), "{:?}", first.skipped);
            prop_assert!(
                second.applied.is_empty(),
                "a second run fixed {:?} in\n{}",
                second.applied.iter().map(|a| &a.title).collect::<Vec<_>>(),
                after.join("\n----\n")
            );
            let again: Vec<String> = (0..articles.len()).map(texts).collect();
            prop_assert_eq!(again, after);
        }
    }
}
