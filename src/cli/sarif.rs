//! `--format sarif`: one SARIF 2.1.0 log (OASIS Static Analysis Results
//! Interchange Format), as code-scanning services read it. Every rule is listed
//! with its description; columns count Unicode scalar values
//! (`columnKind: unicodeCodePoints`), as in the JSON report.

use super::location::{Span, span};
use crate::analysis::{Code, Diagnostic, Severity};
use crate::text::TextRange;
use crate::workspace::Workspace;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path};

pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The base that relative artifact URIs are resolved against: the directory
/// `newsmark` ran in (given in `originalUriBaseIds`).
pub const SRCROOT: &str = "SRCROOT";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<MessageRef<'a>>,
}

#[derive(Serialize)]
struct MessageRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl From<Span> for Region {
    fn from(s: Span) -> Self {
        Region {
            start_line: s.start_line,
            start_column: s.start_column,
            end_line: s.end_line,
            end_column: s.end_column,
        }
    }
}

/// SARIF has four levels; info and hint are both notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        name: code.name(),
        short_description: Message {
            text: code.summary().to_string(),
        },
        full_description: Message {
            text: code.explanation().to_string(),
        },
        help: Message {
            text: format!(
                "{} Set its level in newsmark.toml: `{} = \"error\" | \"warning\" | \"info\" | \"hint\" | \"off\"` under `[rules]`.",
                code.explanation(),
                code.name()
            ),
        },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

/// Characters that cannot stand in a URI path segment as they are. `/` is
/// not among them: it only ever joins segments here.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encoded path segments joined by `/`, for a path's normal parts.
fn encode_segments(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => {
                Some(utf8_percent_encode(&s.to_string_lossy(), SEGMENT).to_string())
            }
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    segments.join("/")
}

/// `file:///…` for an absolute path (a directory gets a trailing `/`). On
/// Windows the drive stays as is: `file:///C:/…`.
fn file_uri(path: &Path, directory: bool) -> String {
    let mut uri = String::from("file://");
    for c in path.components() {
        if let Component::Prefix(p) = c {
            uri.push('/');
            uri.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
        }
    }
    uri.push('/');
    uri.push_str(&encode_segments(path));
    if directory && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Relative to `base` (with `uriBaseId`) when under it, else absolute.
fn artifact(path: &Path, base: &Path) -> ArtifactLocation {
    match path.strip_prefix(base) {
        Ok(relative) if base.is_absolute() => ArtifactLocation {
            uri: encode_segments(relative),
            uri_base_id: Some(SRCROOT),
        },
        _ => ArtifactLocation {
            uri: file_uri(path, false),
            uri_base_id: None,
        },
    }
}

fn physical(ws: &Workspace, path: &Path, range: TextRange, base: &Path) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(path, base),
        region: span(ws, path, range).into(),
    }
}

/// Writes the log. `base` is the directory paths are shown relative to (the
/// current directory).
pub fn write(
    out: &mut impl Write,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    base: &Path,
) -> std::io::Result<()> {
    let results = diagnostics
        .iter()
        .map(|d| SarifResult {
            rule_id: d.code.as_str(),
            rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
            level: level(d.severity),
            message: Message {
                text: format!("{}\nhelp: {}", d.message, d.help),
            },
            locations: [Location {
                id: None,
                physical_location: physical(ws, &d.path, d.range, base),
                message: None,
            }],
            related_locations: d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| Location {
                    id: Some(i),
                    physical_location: physical(ws, &r.path, r.range, base),
                    message: Some(MessageRef { text: &r.message }),
                })
                .collect(),
        })
        .collect();
    let mut bases = BTreeMap::new();
    if base.is_absolute() {
        bases.insert(
            SRCROOT,
            ArtifactLocation {
                uri: file_uri(base, true),
                uri_base_id: None,
            },
        );
    }
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "newsmark",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: Code::ALL.into_iter().map(rule).collect(),
                },
            },
            original_uri_base_ids: bases,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn uris_are_relative_under_the_base_and_percent_encoded() {
        let base = Path::new("/work/news");
        let a = artifact(Path::new("/work/news/stories/a b#1.news.md"), base);
        assert_eq!(a.uri, "stories/a%20b%231.news.md");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        let outside = artifact(Path::new("/elsewhere/ü.news.md"), base);
        assert_eq!(outside.uri, "file:///elsewhere/%C3%BC.news.md");
        assert_eq!(outside.uri_base_id, None);
        assert_eq!(file_uri(base, true), "file:///work/news/");
        assert_eq!(file_uri(Path::new("/"), true), "file:///");
        assert_eq!(encode_segments(&PathBuf::from("a:b/c")), "a%3Ab/c");
    }

    #[test]
    fn levels_map_info_and_hint_to_note() {
        let levels: Vec<_> = Code::ALL
            .into_iter()
            .map(|c| level(c.default_severity()))
            .collect();
        assert_eq!(
            levels,
            [
                "error", "warning", "error", "error", "warning", "error", "warning", "error",
                "note", "note"
            ]
        );
    }
}
