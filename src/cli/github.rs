//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::…`),
//! which the runner turns into annotations on the changed files, and a plain
//! summary line for the log.

use super::Summary;
use super::location::span;
use crate::analysis::{Diagnostic, Severity};
use crate::fs::display_path;
use crate::workspace::Workspace;
use std::io::Write;

/// The workflow command for a severity: GitHub has no level below `notice`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// A command's message: `%`, CR and LF are percent-encoded (as in GitHub's
/// `@actions/core`, which defines the format).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which delimit properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One line per diagnostic, each file's rendered on every core (see
/// [`super::ordered`]), then the summary.
pub fn write(
    out: &mut impl Write,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    summary: Summary,
) -> std::io::Result<()> {
    super::ordered::write_by_file(
        diagnostics,
        |file| {
            let mut lines = Vec::new();
            for d in file {
                line(&mut lines, ws, d)?;
            }
            Ok(lines)
        },
        |text| out.write_all(text),
    )?;
    writeln!(
        out,
        "newsmark: checked {} files: {} errors, {} warnings, {} infos, {} hints",
        summary.files, summary.errors, summary.warnings, summary.infos, summary.hints
    )
}

/// The workflow command of one diagnostic.
fn line(out: &mut impl Write, ws: &Workspace, d: &Diagnostic) -> std::io::Result<()> {
    let at = span(ws, &d.path, d.range);
    let mut message = format!("{}\nhelp: {}", d.message, d.help);
    for r in &d.related {
        let s = span(ws, &r.path, r.range);
        message.push_str(&format!(
            "\n{}:{}:{}: {}",
            display_path(&r.path),
            s.start_line,
            s.start_column,
            r.message
        ));
    }
    writeln!(
        out,
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        command(d.severity),
        escape_property(&display_path(&d.path)),
        at.start_line,
        at.start_column,
        at.end_line,
        at.end_column,
        escape_property(&format!("{} {}", d.code.as_str(), d.code.name())),
        escape_data(&message),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("dir:x,y/100%.news.md\n"),
            "dir%3Ax%2Cy/100%25.news.md%0A"
        );
    }

    #[test]
    fn info_and_hint_are_notices() {
        assert_eq!(command(Severity::Error), "error");
        assert_eq!(command(Severity::Warning), "warning");
        assert_eq!(command(Severity::Info), "notice");
        assert_eq!(command(Severity::Hint), "notice");
    }
}
