//! `--format json`: one JSON document, schema version 1 (see README.md).

use super::Summary;
use crate::analysis::Diagnostic;
use crate::fs::display_path;
use crate::text::{Encoding, TextRange};
use crate::workspace::Workspace;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

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

fn suggestion<'a>(ws: &'a Workspace, d: &'a Diagnostic) -> Option<SuggestionJson<'a>> {
    let s = d.suggestion.as_ref()?;
    let text = ws.file(&d.path).map_or("", |f| &f.text);
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

/// Lines and columns are 1-based, columns in Unicode scalar values; bytes 0-based.
fn range(ws: &Workspace, path: &Path, range: TextRange) -> RangeJson {
    let point = |offset: usize| match ws.file(path) {
        Some(file) => {
            let lc = file
                .line_index()
                .line_col(&file.text, offset, Encoding::Utf32);
            PointJson {
                line: lc.line + 1,
                column: lc.col + 1,
                byte: offset,
            }
        }
        None => PointJson {
            line: 1,
            column: 1,
            byte: offset,
        },
    };
    RangeJson {
        start: point(range.start()),
        end: point(range.end()),
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
            .map(|d| DiagnosticJson {
                path: display_path(&d.path),
                code: d.code.as_str(),
                rule: d.code.name(),
                severity: d.severity.as_str(),
                message: &d.message,
                help: &d.help,
                range: range(ws, &d.path, d.range),
                related: d
                    .related
                    .iter()
                    .map(|r| RelatedJson {
                        path: display_path(&r.path),
                        range: range(ws, &r.path, r.range),
                        message: &r.message,
                    })
                    .collect(),
                suggestion: suggestion(ws, d),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
