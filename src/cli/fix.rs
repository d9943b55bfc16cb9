//! `newsmark check --fix`: applies the fixes that are certain (and, with
//! `--fix-suggestions`, the speaker the prose suggests when it is a known
//! actor) to the files on disk. Each file is checked after the edits, written
//! to a temporary file in its directory and renamed over the original; a file
//! whose bytes changed since they were read is left alone and reported.

use crate::analysis::fix::{Certainty, Fix, FixKind, Fixer, TextEdit, apply};
use crate::analysis::{Code, Diagnostic};
use crate::fs::display_path;
use crate::model;
use crate::syntax::SyntaxErrorKind;
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Which fixes `check` applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Report only (the default).
    #[default]
    Off,
    /// `--fix`: the certain fixes.
    Certain,
    /// `--fix-suggestions`: also the suggested speakers that are known actors.
    Suggestions,
}

/// One fix applied to a file.
#[derive(Clone, Debug)]
pub struct Applied {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub code: Code,
    pub title: String,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub applied: Vec<Applied>,
    /// Files left alone, and why.
    pub skipped: Vec<(PathBuf, String)>,
    pub files_written: usize,
}

/// Whether `mode` applies this fix: never an offered choice, never a speaker
/// that is not a known actor, never the `{@}` continuation (no fix writes it).
fn wanted(ws: &Workspace, path: &Path, fix: &Fix, mode: FixMode) -> bool {
    let single_file = fix.edits.len() == 1 && fix.edits[0].path == path && !fix.edits[0].create;
    single_file
        && match fix.certainty {
            Certainty::Certain => mode != FixMode::Off,
            Certainty::Suggested => {
                mode == FixMode::Suggestions
                    && matches!(&fix.kind, FixKind::Attribute { id } if ws.resolve(path, id).is_some())
            }
            Certainty::Likely | Certainty::Offered => false,
        }
}

/// Applies the wanted fixes of `diagnostics` to the files on disk.
pub fn run(ws: &Workspace, diagnostics: &[Diagnostic], mode: FixMode) -> Report {
    let mut report = Report::default();
    if mode == FixMode::Off {
        return report;
    }
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        by_file.entry(&d.path).or_default().push(d);
    }
    for (path, found) in by_file {
        let Some(fixer) = Fixer::new(ws, path) else {
            continue;
        };
        let mut edits: Vec<TextEdit> = Vec::new();
        let mut applied = Vec::new();
        for d in found {
            let Some(fix) = fixer
                .fixes(d)
                .into_iter()
                .find(|f| wanted(ws, path, f, mode))
            else {
                continue;
            };
            let new = &fix.edits[0].edits;
            // Two fixes at one place would clash: the first one wins.
            let clash = new.iter().any(|n| {
                edits
                    .iter()
                    .any(|e| n.range.start() <= e.range.end() && e.range.start() <= n.range.end())
            });
            if clash {
                continue;
            }
            edits.extend(new.iter().cloned());
            applied.push((d, fix));
        }
        if applied.is_empty() {
            continue;
        }
        let Some(file) = ws.file(path) else { continue };
        let new_text = apply(&file.text, &edits);
        if !reads_back(&file.text, &new_text, applied.len()) {
            report.skipped.push((
                path.to_path_buf(),
                "the fixed text did not read back as expected; nothing was written".into(),
            ));
            continue;
        }
        match write_atomically(path, file.text.as_bytes(), &new_text) {
            Ok(()) => {
                report.files_written += 1;
                for (d, fix) in applied {
                    let lc =
                        file.line_index()
                            .line_col(&file.text, d.range.start(), Encoding::Utf32);
                    report.applied.push(Applied {
                        path: path.to_path_buf(),
                        line: lc.line + 1,
                        column: lc.col + 1,
                        code: d.code,
                        title: fix.title,
                    });
                }
            }
            Err(why) => report.skipped.push((path.to_path_buf(), why)),
        }
    }
    report
}

/// The fixed article must parse with no new annotation problem and at least
/// `fixed` fewer problems (unattributed quotations or misplaced blocks).
fn reads_back(old: &str, new: &str, fixed: usize) -> bool {
    let problems = |text: &str| {
        let a = model::lower(text);
        let malformed = a
            .syntax_errors
            .iter()
            .filter(|e| e.kind == SyntaxErrorKind::Malformed)
            .count();
        let unattributed = a
            .quotations
            .iter()
            .filter(|q| q.is_top_level())
            .filter(|q| {
                q.effective_attribution()
                    .map(|i| &a.attributions[i])
                    .is_none_or(|at| at.speaker.is_none() && !at.is_non_speech())
            })
            .count();
        (malformed, unattributed)
    };
    let (m0, u0) = problems(old);
    let (m1, u1) = problems(new);
    m1 <= m0 && m0 + u0 >= m1 + u1 + fixed
}

/// Writes `new` over `path` through a temporary file in the same directory
/// and a rename, keeping the file's permissions, unless the file's bytes are
/// no longer `expected` (compared just before the rename; what remains is
/// the moment between that read and the rename). A symbolic link is
/// followed: its target is replaced, the link stays.
pub fn write_atomically(path: &Path, expected: &[u8], new: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot resolve it: {e}"))?;
    let unchanged = || -> Result<(), String> {
        let now = std::fs::read(&target).map_err(|e| format!("cannot read it again: {e}"))?;
        if now == expected {
            Ok(())
        } else {
            Err("it changed since it was read; nothing was written, run again".into())
        }
    };
    unchanged()?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot make a temporary file beside it: {e}"))?;
    let permissions = std::fs::metadata(&target)
        .map_err(|e| format!("cannot read its permissions: {e}"))?
        .permissions();
    tmp.write_all(new.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .and_then(|()| tmp.as_file().set_permissions(permissions))
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    unchanged()?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot replace it: {}", e.error))?;
    Ok(())
}

/// The report on stderr (stdout holds the diagnostics, in whatever format).
pub fn print(report: &Report) {
    let mut err = std::io::stderr().lock();
    for a in &report.applied {
        let _ = writeln!(
            err,
            "fixed {}:{}:{} {}: {}",
            display_path(&a.path),
            a.line,
            a.column,
            a.code.as_str(),
            a.title
        );
    }
    for (path, why) in &report.skipped {
        let _ = writeln!(err, "newsmark: left {} alone: {why}", display_path(path));
    }
    let n = report.applied.len();
    let _ = writeln!(
        err,
        "fixed {n} finding{} in {} file{}",
        if n == 1 { "" } else { "s" },
        report.files_written,
        if report.files_written == 1 { "" } else { "s" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.news.md");
        std::fs::write(&path, "changed by someone else").unwrap();
        let err = write_atomically(&path, b"what was read", "the fix").unwrap_err();
        assert!(err.contains("changed since it was read"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "changed by someone else"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_write_replaces_the_file_and_keeps_its_permissions_and_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.news.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.news.md");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomically(&link, b"old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_fix_that_does_not_read_back_is_refused() {
        assert!(reads_back("“a” {@x}", "“a”{@x}", 1));
        assert!(
            !reads_back("“a”", "“a”{@x", 1),
            "an unterminated block is new"
        );
        assert!(!reads_back("“a”", "“a”", 1), "nothing was fixed");
    }
}
