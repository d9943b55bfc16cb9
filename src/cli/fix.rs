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
use crate::workspace::{File, Workspace};
use std::collections::{BTreeMap, BTreeSet};
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
    /// Files written, in path order.
    pub written: BTreeSet<PathBuf>,
}

/// Rounds of fixes `check` runs at most: a fix can make another possible
/// (a space removed before an attribute block lets the prose suggest the
/// speaker of the next quote), and one run reaches what running again
/// would. Each round leaves fewer problems, so a few are plenty.
pub const MAX_ROUNDS: usize = 5;

impl Report {
    /// Adds what a later round did.
    pub fn absorb(&mut self, later: Report) {
        self.applied.extend(later.applied);
        self.skipped.extend(later.skipped);
        self.written.extend(later.written);
    }
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

/// Applies the wanted fixes of `diagnostics` to the files on disk. The
/// fixes of every file are found on every core (an imported archive has a
/// hundred thousand findings to look at), then written one file at a time.
pub fn run(ws: &Workspace, diagnostics: &[&Diagnostic], mode: FixMode) -> Report {
    use rayon::prelude::*;
    let mut report = Report::default();
    if mode == FixMode::Off {
        return report;
    }
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for &d in diagnostics {
        by_file.entry(&d.path).or_default().push(d);
    }
    let files: Vec<(&Path, Vec<&Diagnostic>)> = by_file.into_iter().collect();
    let plans: Vec<(&Path, Result<Plan, String>)> = files
        .par_iter()
        .filter_map(|(path, found)| Some((*path, plan(ws, path, found, mode)?)))
        .collect();
    for (path, plan) in plans {
        let plan = match plan {
            Ok(plan) => plan,
            Err(why) => {
                report.skipped.push((path.to_path_buf(), why));
                continue;
            }
        };
        let file = plan.file;
        match write_atomically(path, file.text.as_bytes(), &plan.new_text) {
            Ok(()) => {
                report.written.insert(path.to_path_buf());
                for (d, fix) in plan.applied {
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

/// The fixes `mode` applies to one file, and its text with them.
struct Plan<'a> {
    file: &'a File,
    new_text: String,
    applied: Vec<(&'a Diagnostic, Fix)>,
}

/// What the wanted fixes of `found` (the findings in the file at `path`)
/// make of it: `None` when there is none; `Err` says why they cannot be
/// applied.
fn plan<'a>(
    ws: &'a Workspace,
    path: &Path,
    found: &[&'a Diagnostic],
    mode: FixMode,
) -> Option<Result<Plan<'a>, String>> {
    let fixer = Fixer::new(ws, path)?;
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut applied = Vec::new();
    for &d in found {
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
        return None;
    }
    let file = fixer.file();
    let new_text = apply(&file.text, &edits);
    if !reads_back(&file.text, &new_text, applied.len()) {
        return Some(Err(
            "the fixed text did not read back as expected; nothing was written".into(),
        ));
    }
    Some(Ok(Plan {
        file,
        new_text,
        applied,
    }))
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

/// Writes `new` over the file at `path`, unless its bytes are no longer
/// `expected` (compared just before the write; what remains is the moment
/// between that read and the write) or it is read-only. A symbolic link is
/// followed: its target is written, the link stays.
///
/// The new text goes to a temporary file beside the file, which is then
/// renamed over it: the file has either its old text or its new one, never
/// part of either, and keeps its permissions, owner and group. Where a
/// rename would change what the file is, the text is written into the file
/// itself instead: a file with several names (hard links), which a rename
/// would part, or one whose owner or group the temporary file cannot take
/// (run by someone else than root). A copy of the old text is kept beside
/// it meanwhile: if the write fails, the old text is put back, or, failing
/// that too, the copy is left and named in the error.
pub fn write_atomically(path: &Path, expected: &[u8], new: &str) -> Result<(), String> {
    let (target, meta) = resolve_writable(path)?;
    unchanged(&target, expected)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot make a temporary file beside it: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let same_owner =
            std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        if meta.nlink() > 1 || same_owner.is_err() {
            drop(tmp);
            return write_in_place(&target, dir, expected, new);
        }
    }
    tmp.write_all(new.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .and_then(|()| tmp.as_file().set_permissions(meta.permissions()))
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    unchanged(&target, expected)?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot replace it: {}", e.error))?;
    Ok(())
}

/// Whether the file at `path` may be written: `Err` says why not (it cannot
/// be resolved, or it is read-only), in the words of [`write_atomically`].
pub fn check_writable(path: &Path) -> Result<(), String> {
    resolve_writable(path).map(|_| ())
}

/// The file a path names (a symbolic link followed) and its metadata, when
/// it may be written.
fn resolve_writable(path: &Path) -> Result<(PathBuf, std::fs::Metadata), String> {
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot resolve it: {e}"))?;
    let meta = std::fs::metadata(&target).map_err(|e| format!("cannot read it again: {e}"))?;
    if meta.permissions().readonly() || !writable(&target) {
        return Err("it is read-only; nothing was written (make it writable to fix it)".into());
    }
    Ok((target, meta))
}

/// Whether the file's bytes are still `expected`.
fn unchanged(target: &Path, expected: &[u8]) -> Result<(), String> {
    let now = std::fs::read(target).map_err(|e| format!("cannot read it again: {e}"))?;
    if now == expected {
        Ok(())
    } else {
        Err("it changed since it was read; nothing was written, run again".into())
    }
}

/// Whether this process may write the file (root may write any file its
/// permission bits do not forbid to all).
fn writable(target: &Path) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::access(target, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        true
    }
}

/// Writes `new` into the file itself, a copy of its old text kept beside it
/// until the write is done; see [`write_atomically`].
fn write_in_place(target: &Path, dir: &Path, expected: &[u8], new: &str) -> Result<(), String> {
    use std::io::{Seek, SeekFrom};
    let copy = tempfile::NamedTempFile::new_in(dir)
        .and_then(|mut copy| {
            copy.write_all(expected)?;
            copy.as_file().sync_all()?;
            Ok(copy)
        })
        .map_err(|e| format!("cannot keep a copy of it beside it ({e}); nothing was written"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| format!("cannot open it to write: {e}"))?;
    unchanged(target, expected)?;
    let mut write = |bytes: &[u8]| -> std::io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    };
    let Err(e) = write(new.as_bytes()) else {
        return Ok(());
    };
    if write(expected).is_ok() {
        return Err(format!(
            "cannot write it ({e}); its text was put back as it was"
        ));
    }
    let kept = copy.path().to_path_buf();
    copy.keep().map_err(|k| {
        format!(
            "cannot write it ({e}), nor keep the copy of its text ({})",
            k.error
        )
    })?;
    Err(format!(
        "cannot write it ({e}), nor put its text back: its text before the fix is in `{}`",
        display_path(&kept)
    ))
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
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" }
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
    fn a_read_only_file_is_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.news.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomically(&path, b"old", "new").unwrap_err();
        assert!(
            err.starts_with("it is read-only; nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o444);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Every name of a file with several sees the fix: it is written in
    /// place, and the copy of the old text kept meanwhile is gone after.
    #[test]
    fn a_hard_linked_file_is_written_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.news.md");
        let other = dir.path().join("other-name.md");
        std::fs::write(&path, "the old, longer text").unwrap();
        std::fs::hard_link(&path, &other).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();
        write_atomically(&path, b"the old, longer text", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.ino(), meta.nlink()), (inode, 2));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // Changed since read: left alone there too.
        let err = write_atomically(&path, b"what was read", "x").unwrap_err();
        assert!(err.contains("changed since it was read"), "{err}");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
    }

    /// Run by root on someone else's file, the file stays theirs. (Only
    /// root can give a file away: as anyone else the test has nothing to
    /// check.)
    #[test]
    fn the_owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        if !rustix::process::geteuid().is_root() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.news.md");
        std::fs::write(&path, "old").unwrap();
        std::os::unix::fs::chown(&path, Some(1000), Some(1001)).unwrap();
        write_atomically(&path, b"old", "new").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!((meta.uid(), meta.gid()), (1000, 1001));
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
