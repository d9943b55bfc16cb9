//! `--format human`: rustc-style snippets rendered by codespan-reporting (of
//! excerpts: a long line is cut around the spans, see `excerpt`), and a
//! one-line summary.

use super::Summary;
use super::excerpt::{Excerpts, Labelled};
use crate::analysis::{Diagnostic, Severity};
use crate::fs::display_path;
use crate::text::{LineIndex, TextRange};
use crate::workspace::Workspace;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::term::{
    self,
    termcolor::{Buffer, WriteColor},
};
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// The line index of a file the workspace does not hold: no text.
static EMPTY: LazyLock<LineIndex> = LazyLock::new(|| LineIndex::new(""));

/// The report: each file's findings rendered on every core (see
/// [`super::ordered`]), then the summary line.
pub fn write(
    out: &mut impl Write,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    summary: Summary,
    color: bool,
) -> std::io::Result<()> {
    super::ordered::write_by_file(
        diagnostics,
        |file| {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            render(&mut buffer, ws, file)?;
            Ok(buffer.into_inner())
        },
        |text| out.write_all(text),
    )?;
    write_summary(out, summary)
}

/// The findings as rustc-style snippets.
fn render(
    out: &mut dyn WriteColor,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let config = term::Config::default();
    let mut names: HashMap<&Path, String> = HashMap::new();
    for d in diagnostics {
        // The files the finding points into, in the order they come, each
        // with the ranges it labels there.
        let mut labelled: Vec<(&Path, Vec<TextRange>)> = Vec::new();
        for (path, range) in
            std::iter::once((&d.path, d.range)).chain(d.related.iter().map(|r| (&r.path, r.range)))
        {
            match labelled.iter_mut().find(|(p, _)| *p == path.as_path()) {
                Some((_, ranges)) => ranges.push(range),
                None => labelled.push((path, vec![range])),
            }
        }
        let mut excerpts = Excerpts::default();
        let mut shown: Vec<(&Path, usize, std::vec::IntoIter<Range<usize>>)> = Vec::new();
        for (path, ranges) in labelled {
            let name = names
                .entry(path)
                .or_insert_with(|| display_path(path))
                .clone();
            let (text, index) = match ws.file(path) {
                Some(file) => (&*file.text, file.line_index()),
                None => ("", &*EMPTY),
            };
            let (id, ranges) = excerpts.add(&Labelled {
                name,
                text,
                index,
                ranges,
            });
            shown.push((path, id, ranges.into_iter()));
        }
        let mut ranges = |path: &Path| {
            let (_, id, ranges) = shown.iter_mut().find(|(p, _, _)| *p == path)?;
            Some((*id, ranges.next()?))
        };
        let mut labels = Vec::new();
        if let Some((id, range)) = ranges(&d.path) {
            labels.push(Label::primary(id, range));
        }
        for r in &d.related {
            if let Some((id, range)) = ranges(&r.path) {
                labels.push(Label::secondary(id, range).with_message(r.message.clone()));
            }
        }
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Note,
            Severity::Hint => Level::Help,
        };
        let report = Report::new(level)
            .with_code(format!("{}/{}", d.code.as_str(), d.code.name()))
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(vec![format!("help: {}", d.help)]);
        term::emit_to_write_style(out, &config, &excerpts, &report).map_err(|e| match e {
            // Kept whole: a closed pipe is told apart from other failures.
            codespan_reporting::files::Error::Io(e) => e,
            e => std::io::Error::other(e),
        })?;
    }
    Ok(())
}

/// `checked 3 files: 0 errors, 2 warnings, 0 infos, 1 hint`.
fn write_summary(out: &mut impl Write, summary: Summary) -> std::io::Result<()> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "checked {}: {}, {}, {}, {}",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.hints, "hint"),
    )
}
