//! `newsmark check --format sarif` and `--format github`, run as a process:
//! the SARIF log validates against the official SARIF 2.1.0 schema
//! (tests/data/sarif-schema-2.1.0.json, see tests/data/README.md), and the
//! workflow commands are escaped as GitHub reads them.

#[path = "support/shell.rs"]
mod shell;
use shell::{newsmark, write};

use serde_json::{Value, json};
use std::fs;
use std::path::Path;

/// A workspace with an error carrying related places (a duplicate id), a
/// warning after an emoji, an unknown id and a note.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("actors.yaml", b"lopez:\n  name: Maria Lopez\n"),
            ("people/more.actors.yaml", b"lopez:\n  name: Maria Lopez\n"),
            (
                "stories/day one.news.md",
                "😀 “Hi,” she said. [Lopez](@lopz) left.\n\n“Yes.”{@lopez}\n".as_bytes(),
            ),
        ],
    );
    dir
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = fs::read_to_string(path).unwrap();
    // The official schema's patterns for `language` hold an unescaped `]`,
    // which ECMA-262 (Annex B) allows but the `jsonschema` crate's check of the
    // schema itself refuses. Escape it here; the file stays as published, and
    // `newsmark` never writes `language`.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2, "the schema file changed");
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
}

#[test]
fn sarif_log_is_valid_and_complete() {
    let dir = workspace();
    let out = newsmark(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "errors fail the run as usual");
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_valid(&sarif_validator(), &log);

    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "newsmark");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 10, "one rule per code");
    assert_eq!(rules[2]["id"], "NM002");
    assert_eq!(rules[2]["name"], "unknown-actor");
    assert_eq!(rules[2]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[9]["defaultConfiguration"]["level"], "note");
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                rule[field]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{rule}"
            );
        }
    }
    let base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );

    let results = run["results"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = results
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
                loc["artifactLocation"]["uri"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("NM003", "error", "actors.yaml"),
            ("NM003", "error", "people/more.actors.yaml"),
            ("NM001", "warning", "stories/day%20one.news.md"),
            ("NM002", "error", "stories/day%20one.news.md"),
            ("NM009", "note", "stories/day%20one.news.md"),
        ]
    );
    let warning = &results[2];
    assert_eq!(
        warning["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {"uri": "stories/day%20one.news.md", "uriBaseId": "SRCROOT"},
            // The emoji is one column: columns count Unicode scalar values.
            "region": {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 8}
        })
    );
    let text = warning["message"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("this quotation is not attributed")
            && text.contains("\nhelp: ")
            && text.contains("add `{@id}`"),
        "message and help: {text}"
    );
    assert_eq!(warning["ruleIndex"], 1);
    let related = &results[0]["relatedLocations"][0];
    assert_eq!(related["id"], 0);
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "people/more.actors.yaml"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 1);
    assert!(related["message"]["text"].is_string());
}

#[test]
fn sarif_of_a_clean_workspace_is_valid_with_no_results() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = newsmark(root, &["check", "examples", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&sarif_validator(), &log);
    assert_eq!(log["runs"][0]["results"], json!([]));
}

#[test]
fn the_schema_check_is_not_a_formality() {
    let dir = workspace();
    let out = newsmark(dir.path(), &["check", "--format", "sarif"]);
    let mut log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = sarif_validator();
    log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&log), "an unknown level is refused");
    log["runs"][0]["results"][0]["level"] = json!("error");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        json!(0);
    assert!(!validator.is_valid(&log), "columns are 1-based");
}

#[test]
fn github_workflow_commands() {
    let dir = workspace();
    write(
        dir.path(),
        &[("odd,name:1.news.md", b"[Somebody](@nobody) 100%\n")],
    );
    let out = newsmark(dir.path(), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=actors.yaml,line=1,col=1,endLine=1,endColumn=6,title=NM003 duplicate-actor::"
        ),
        "{text}"
    );
    // Related places follow the help, on lines of their own.
    assert!(
        lines[0].contains("%0Apeople/more.actors.yaml:1:1: "),
        "{text}"
    );
    assert!(
        lines[1].starts_with(
            "::error file=odd%2Cname%3A1.news.md,line=1,col=13,endLine=1,endColumn=19,title=NM002 unknown-actor::no actor `nobody` is defined"
        ),
        "properties escape `,` and `:`: {text}"
    );
    assert!(lines[1].contains("%0Ahelp: "), "{text}");
    assert!(
        lines[3].starts_with(
            "::warning file=stories/day one.news.md,line=1,col=3,endLine=1,endColumn=8,title=NM001 unattributed-quote::"
        ),
        "{text}"
    );
    assert!(
        lines[5].starts_with("::notice file=stories/day one.news.md,line=3,"),
        "info is a notice: {text}"
    );
    assert_eq!(
        lines[6],
        "newsmark: checked 4 files: 4 errors, 1 warnings, 1 infos, 0 hints"
    );
    for line in &lines[..6] {
        let message = line.split("::").nth(2).unwrap();
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
}
