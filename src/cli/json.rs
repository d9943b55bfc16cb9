//! `--format json`: one JSON document, schema version 1 (see README.md).

use super::Summary;
use super::location;
use crate::analysis::Diagnostic;
use crate::fs::display_path;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct SummaryJson {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    path: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    range: RangeJson,
    related: Vec<RelatedJson<'a>>,
    /// NM001 only, when the prose names a likely speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<SuggestionJson<'a>>,
}

/// `{"speaker": "blinken" or null, "name": "Antony Blinken", "text": "he", "cue": "said"}`
#[derive(Serialize)]
struct SuggestionJson<'a> {
    speaker: Option<&'a str>,
    name: &'a str,
    text: String,
    cue: String,
}

fn suggestion<'a>(file: Option<&'a File>, d: &'a Diagnostic) -> Option<SuggestionJson<'a>> {
    let s = d.suggestion.as_ref()?;
    let text = file.map_or("", |f| &f.text);
    let words = |r: TextRange| crate::text::collapse_whitespace(r.slice(text));
    Some(SuggestionJson {
        speaker: s.speaker.as_deref(),
        name: &s.name,
        text: words(s.text),
        cue: words(s.cue),
    })
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    path: String,
    range: RangeJson,
    message: &'a str,
}

#[derive(Serialize)]
struct RangeJson {
    start: PointJson,
    end: PointJson,
}

#[derive(Serialize)]
struct PointJson {
    line: u32,
    column: u32,
    byte: usize,
}

/// Lines and columns are 1-based, columns in Unicode scalar values (as
/// [`location::span`] counts them); bytes 0-based.
fn range(file: Option<&File>, range: TextRange) -> RangeJson {
    let span = location::span_in(file, range);
    RangeJson {
        start: PointJson {
            line: span.start_line,
            column: span.start_column,
            byte: range.start(),
        },
        end: PointJson {
            line: span.end_line,
            column: span.end_column,
            byte: range.end(),
        },
    }
}

/// The report, as `serde_json::to_writer_pretty` writes a `{version,
/// summary, diagnostics}` object, byte for byte; the diagnostics are
/// rendered on every core and written in order (see [`super::ordered`]).
pub fn write(
    out: &mut impl Write,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    s: Summary,
) -> std::io::Result<()> {
    let summary = SummaryJson {
        files: s.files,
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        hints: s.hints,
    };
    let mut head = b"{\n  \"version\": 1,\n  \"summary\": ".to_vec();
    let summary = serde_json::to_vec_pretty(&summary)?;
    // The first line follows the key: it is not indented.
    let (first, rest) = summary.split_at(
        summary
            .iter()
            .position(|&b| b == b'\n')
            .map_or(summary.len(), |i| i + 1),
    );
    head.extend_from_slice(first);
    indent(&mut head, rest, b"  ");
    head.extend_from_slice(b",\n  \"diagnostics\": [");
    out.write_all(&head)?;
    if diagnostics.is_empty() {
        out.write_all(b"]")?;
    } else {
        let mut first = true;
        super::ordered::write_by_file(
            diagnostics,
            |file| Ok(render_file(ws, file)),
            |text| {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                out.write_all(text)
            },
        )?;
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b"\n}\n")
}

/// The diagnostics of one file as elements of the report's array: each at
/// its indentation there, separated by commas, with no newline before the
/// first or after the last.
fn render_file(ws: &Workspace, diagnostics: &[Diagnostic]) -> Vec<u8> {
    let mut text = Vec::new();
    let Some(first) = diagnostics.first() else {
        return text;
    };
    let file = ws.file(&first.path).map(|f| &**f);
    let path = display_path(&first.path);
    let mut one = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            text.extend_from_slice(b",\n");
        }
        one.clear();
        serde_json::to_writer_pretty(&mut one, &diagnostic(ws, file, &path, d))
            .expect("a diagnostic serializes to memory");
        indent(&mut text, &one, b"    ");
    }
    text
}

/// Appends pretty JSON written at the top level, nested `indent` deep: every
/// line indented (a JSON string never holds a raw newline).
fn indent(out: &mut Vec<u8>, json: &[u8], indent: &[u8]) {
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', json) {
        out.extend_from_slice(indent);
        out.extend_from_slice(&json[start..=newline]);
        start = newline + 1;
    }
    if start < json.len() {
        out.extend_from_slice(indent);
        out.extend_from_slice(&json[start..]);
    }
}

/// One diagnostic of `file`, shown as `path`.
fn diagnostic<'a>(
    ws: &Workspace,
    file: Option<&'a File>,
    path: &'a str,
    d: &'a Diagnostic,
) -> DiagnosticJson<'a> {
    DiagnosticJson {
        path,
        code: d.code.as_str(),
        rule: d.code.name(),
        severity: d.severity.as_str(),
        message: &d.message,
        help: &d.help,
        range: range(file, d.range),
        related: d
            .related
            .iter()
            .map(|r| RelatedJson {
                path: display_path(&r.path),
                range: range(ws.file(&r.path).map(|f| &**f), r.range),
                message: &r.message,
            })
            .collect(),
        suggestion: suggestion(file, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::workspace::fixture;

    /// The report as one `to_writer_pretty` of the whole document writes it.
    fn whole(ws: &Workspace, diagnostics: &[Diagnostic], s: Summary) -> String {
        let paths: Vec<String> = diagnostics.iter().map(|d| display_path(&d.path)).collect();
        #[derive(Serialize)]
        struct Report<'a> {
            version: u32,
            summary: SummaryJson,
            diagnostics: Vec<DiagnosticJson<'a>>,
        }
        let report = Report {
            version: 1,
            summary: SummaryJson {
                files: s.files,
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                hints: s.hints,
            },
            diagnostics: diagnostics
                .iter()
                .zip(&paths)
                .map(|(d, path)| diagnostic(ws, ws.file(&d.path).map(|f| &**f), path, d))
                .collect(),
        };
        serde_json::to_string_pretty(&report).unwrap() + "\n"
    }

    #[test]
    fn the_report_is_what_one_pretty_document_would_be() {
        // Files with findings (one with related places, one with a
        // suggestion) and without, more than a batch of them.
        let mut fixture = String::from(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\nlopez:\n  name: Maria Lopez\n",
        );
        for i in 0..300 {
            fixture.push_str(&format!(
                "//- /a{i}.news.md\n“Hi,” Lopez said, {}.\n",
                if i % 3 == 0 {
                    "[x](@nobody)"
                } else {
                    "“fine”{@lopez}"
                }
            ));
        }
        let (ws, _) = fixture::workspace(&fixture);
        let paths: Vec<_> = ws.files().map(|f| f.path.clone()).collect();
        let diagnostics: Vec<Diagnostic> = paths
            .iter()
            .flat_map(|p| analysis::diagnostics(&ws, p))
            .collect();
        assert!(diagnostics.iter().any(|d| !d.related.is_empty()));
        assert!(diagnostics.iter().any(|d| d.suggestion.is_some()));
        for found in [&diagnostics[..], &diagnostics[..1], &[]] {
            let summary = Summary::count(paths.len(), found);
            let mut out = Vec::new();
            write(&mut out, &ws, found, summary).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole(&ws, found, summary));
        }
    }
}
