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
struct Report<'a> {
    version: u32,
    summary: SummaryJson,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

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
    path: String,
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
    let words = |r: TextRange| {
        r.slice(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
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

pub fn write(
    out: &mut impl Write,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    s: Summary,
) -> std::io::Result<()> {
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
            .map(|d| {
                let file = ws.file(&d.path).map(|f| &**f);
                DiagnosticJson {
                    path: display_path(&d.path),
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
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
