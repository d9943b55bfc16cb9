//! `--format human`: rustc-style snippets rendered by codespan-reporting, and a
//! one-line summary.

use super::Summary;
use crate::analysis::{Diagnostic, Severity};
use crate::fs::display_path;
use crate::workspace::Workspace;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{BufferedStandardStream, ColorChoice, WriteColor},
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn write(
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    summary: Summary,
    color: bool,
) -> std::io::Result<()> {
    let mut out = BufferedStandardStream::stdout(if color {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    });
    render(&mut out, ws, diagnostics, summary)?;
    std::io::Write::flush(&mut out)
}

pub fn render(
    out: &mut dyn WriteColor,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    summary: Summary,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<PathBuf, usize> = HashMap::new();
    let mut id_of = |path: &Path| -> usize {
        *ids.entry(path.to_path_buf()).or_insert_with(|| {
            let text = ws.file(path).map_or("", |f| &f.text);
            files.add(display_path(path), text)
        })
    };
    let mut reports = Vec::new();
    for d in diagnostics {
        let file = id_of(&d.path);
        let mut labels = vec![Label::primary(file, d.range.start()..d.range.end())];
        for r in &d.related {
            labels.push(
                Label::secondary(id_of(&r.path), r.range.start()..r.range.end())
                    .with_message(r.message.clone()),
            );
        }
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Note,
            Severity::Hint => Level::Help,
        };
        reports.push(
            Report::new(level)
                .with_code(format!("{}/{}", d.code.as_str(), d.code.name()))
                .with_message(d.message.clone())
                .with_labels(labels)
                .with_notes(vec![format!("help: {}", d.help)]),
        );
    }
    let config = term::Config::default();
    for report in &reports {
        term::emit_to_write_style(out, &config, &files, report).map_err(std::io::Error::other)?;
    }
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
