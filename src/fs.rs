//! The disk edge: finds the workspace root and config, discovers articles and
//! registries (honouring `.gitignore`), and reads them into a [`Workspace`].

use crate::workspace::Workspace;
use crate::workspace::config::{self, CONFIG_FILE, Config, FileKind};
use anyhow::{Context, bail};
use ignore::WalkState;
use rayon::slice::ParallelSliceMut;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// The files a command works on, found but not read yet.
pub struct Plan {
    pub root: PathBuf,
    pub config: Config,
    /// Every file to load, with its kind, in path order.
    pub files: Vec<(PathBuf, FileKind)>,
    /// Files to report on, in path order.
    pub targets: Vec<PathBuf>,
    /// What the walks stepped over, in path order.
    pub skipped: Vec<Skipped>,
}

/// A workspace read from disk, and which of its files were asked for.
pub struct Loaded {
    pub root: PathBuf,
    pub workspace: Workspace,
    /// Files to report on, in path order.
    pub targets: Vec<PathBuf>,
    /// What the walks stepped over, in path order.
    pub skipped: Vec<Skipped>,
}

/// The nearest directory at or above `start` holding `newsmark.toml`.
pub fn find_config_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        // Whatever is there: a `newsmark.toml` that is no regular file
        // (a FIFO, a link to nothing) is reported as unreadable, not passed by.
        .find(|d| std::fs::symlink_metadata(d.join(CONFIG_FILE)).is_ok())
        .map(Path::to_path_buf)
}

/// Loads the files under `paths` (directories are searched, files are taken
/// whatever their extension) plus every registry of the workspace they are in.
pub fn load(paths: &[PathBuf]) -> anyhow::Result<Loaded> {
    let plan = plan(paths)?;
    Ok(Loaded {
        workspace: Workspace::from_texts(plan.config, read_all(plan.files)),
        root: plan.root,
        targets: plan.targets,
        skipped: plan.skipped,
    })
}

/// The texts of some files, read on every core.
pub fn read_all(
    files: Vec<(PathBuf, FileKind)>,
) -> Vec<(PathBuf, FileKind, Result<String, String>)> {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .map(|(path, kind)| {
            let text = read_text(&path);
            (path, kind, text)
        })
        .collect()
}

/// Finds the files under `paths` and the registries of their workspace, as
/// [`load`] does, without reading them.
pub fn plan(paths: &[PathBuf]) -> anyhow::Result<Plan> {
    let mut metas = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        metas.push((path, meta.is_dir()));
    }
    let Some(&(first, first_is_dir)) = metas.first() else {
        bail!("no path to check");
    };
    let start = if first_is_dir {
        first.clone()
    } else {
        parent(first)
    };
    let config_dir = find_config_dir(&absolute(&start)?);
    // A config that cannot be read is reported on itself (NM000) when the
    // files are read; meanwhile the defaults apply.
    let (config, root) = match &config_dir {
        Some(dir) => {
            let text = read_text(&dir.join(CONFIG_FILE)).unwrap_or_default();
            (Config::parse(&text).0, dir.clone())
        }
        None => (Config::default(), absolute(&start)?),
    };

    // Every file to load, by absolute path, with whether it is a target. A
    // path found twice is found with the same kind (by the config's globs),
    // so either copy may stay.
    let mut found: Vec<(PathBuf, FileKind, bool)> = Vec::new();
    let mut walked_root = false;
    let mut skipped = Vec::new();
    for (path, is_dir) in &metas {
        let abs = absolute(path)?;
        walked_root |= *is_dir && abs == root;
        if *is_dir {
            let walked = walk(&abs, &root, &config)?;
            skipped.extend(walked.skipped);
            found.extend(
                walked
                    .files
                    .into_iter()
                    .map(|(file, kind)| (file, kind, true)),
            );
        } else {
            let kind = config
                .classify(relative(&abs, &root))
                .unwrap_or_else(|| config::kind_of_named_file(&abs));
            found.push((abs, kind, true));
        }
    }
    // Registries of the whole workspace give meaning to the ids of the targets
    // (already found when the whole workspace is a target).
    if !walked_root {
        let walked = walk(&root, &root, &config)?;
        skipped.extend(walked.skipped);
        for (file, kind) in walked.files {
            if kind == FileKind::Registry {
                found.push((file, kind, false));
            }
        }
    }
    skipped.sort();
    skipped.dedup();
    if let Some(dir) = &config_dir {
        found.push((dir.join(CONFIG_FILE), FileKind::Config, true));
    }
    found.par_sort_by_cached_key(|(path, _, _)| path_order(path));
    // The same file found twice has the same bytes (both are `absolute`);
    // it is a target if either copy is.
    found.dedup_by(|later, kept| {
        let same = later.0.as_os_str() == kept.0.as_os_str();
        kept.2 |= same && later.2;
        same
    });
    let targets = found
        .iter()
        .filter(|(_, _, target)| *target)
        .map(|(path, _, _)| path.clone())
        .collect();
    let files = found
        .into_iter()
        .map(|(path, kind, _)| (path, kind))
        .collect();
    Ok(Plan {
        root,
        config,
        files,
        targets,
        skipped,
    })
}

/// The largest file newsmark reads from disk, in bytes (64 MiB): a
/// hundred times the longest news article, far below what a `u32` range can
/// point into, and small enough that a file nobody meant to check (a dump, a
/// disk image named `*.news.md`) costs a refusal rather than the memory and
/// minutes of parsing it.
pub const MAX_FILE_LEN: u64 = 64 * 1024 * 1024;

/// A file's text, or why it cannot be had. Only a regular file (a symbolic
/// link is followed) of at most [`MAX_FILE_LEN`] bytes of UTF-8 is read: a
/// FIFO, a device or a socket is refused without a read that could block or
/// never end.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A regular file's bytes, up to the size it had when opened, read with one
/// `read` call where `std::fs::read` makes two (the second to see the end);
/// at 10k articles that is 10k system calls fewer.
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = open_regular(path)?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len > MAX_FILE_LEN {
        return Err(too_big(len));
    }
    let mut bytes = Vec::new();
    // The size is known and bounded; the reserve cannot fail short of memory.
    bytes.reserve_exact(usize::try_from(len).unwrap_or(0));
    // `take` ends the read at the size without asking the system again. A
    // size of 0 may be a file whose size the system does not know (those of
    // `/proc`): it is read to its end, or one byte past the limit.
    let limit = if len == 0 { MAX_FILE_LEN + 1 } else { len };
    (&file)
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_LEN {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Writes the file at `path` through a temporary file beside it and a
/// rename, so that a reader finds the old file or the new one, never a part.
/// An existing file keeps its permissions (a new one gets the usual ones,
/// as the umask allows), and a symbolic link is followed: its target is
/// replaced, the link stays.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use std::io::{ErrorKind, Write};
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) if e.kind() == ErrorKind::NotFound => absolute(path)?,
        Err(e) => return Err(e).context("cannot resolve it"),
    };
    let permissions = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e).context("cannot read its permissions"),
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsmark-");
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot make a temporary file in `{}`", display_path(dir)))?;
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

fn too_big(len: u64) -> String {
    format!(
        "it is {len} bytes long, more than the {MAX_FILE_LEN} bytes (64 MiB) newsmark reads from disk"
    )
}

/// The file at `path` opened for reading, if it is a regular file. On Unix
/// it is opened without blocking (opening a FIFO that has no writer would
/// wait for one) and then asked what it is, so a file swapped for a FIFO
/// between a look and the open is refused as well.
fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = options
        .open(path)
        .map_err(|e| broken_link(path).unwrap_or_else(|| e.to_string()))?;
    let kind = file.metadata().map_err(|e| e.to_string())?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(format!("it is {}, not a regular file", describe(kind)))
}

/// What a file that is not a regular file is, for a message.
fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// An entry a walk stepped over, and why: a symbolic link that leads
/// nowhere or back to a directory that holds it, a directory that cannot be
/// listed, an ignore file that cannot be read. The walk goes on without it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "skipped `{}`: {}", display_path(&self.path), self.reason)
    }
}

/// What a walk found: the articles and registries, and what it skipped.
#[derive(Debug, Default)]
pub struct Walk {
    /// In no particular order.
    pub files: Vec<(PathBuf, FileKind)>,
    /// In path order.
    pub skipped: Vec<Skipped>,
}

/// Articles and registries under `dir`, as [`walk`] finds them; what the
/// walk skipped is told on stderr (the language server's log).
pub fn discover(
    dir: &Path,
    root: &Path,
    config: &Config,
) -> anyhow::Result<Vec<(PathBuf, FileKind)>> {
    let found = walk(dir, root, config)?;
    for skipped in &found.skipped {
        eprintln!("newsmark: warning: {skipped}");
    }
    Ok(found.files)
}

/// Articles and registries under `dir`, by the config's globs relative to
/// `root`; `.gitignore`d and hidden files are skipped. The walk runs on every
/// core (a corpus of 10k articles spreads over a hundred directories), so the
/// files come in no particular order.
///
/// Symbolic links are followed. An entry named like an article or a
/// registry is listed even when it cannot be read (a link to nothing, a
/// FIFO): reading it says why, as for any unreadable file. Any other entry
/// the walk cannot follow (a link to nothing, a link back to a directory
/// above it, a directory that cannot be listed) is [`Skipped`]. Only `dir`
/// itself failing is an error.
pub fn walk(dir: &Path, root: &Path, config: &Config) -> anyhow::Result<Walk> {
    let found = Mutex::new(Walk::default());
    let failure = Mutex::new(None);
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(true)
        .threads(rayon::current_num_threads())
        .build_parallel()
        .run(|| {
            let (found, failure) = (&found, &failure);
            Box::new(move |entry| {
                let wanted = |path: &Path| match config.classify(relative(path, root)) {
                    Some(FileKind::Config) | None => None,
                    Some(kind) => Some(kind),
                };
                match entry {
                    Ok(entry) => {
                        // Followed: the type of what a link points to. A
                        // directory is walked; anything else named like an
                        // article or a registry is listed.
                        if !entry.file_type().is_none_or(|t| t.is_dir())
                            && let Some(kind) = wanted(entry.path())
                        {
                            lock_ignoring_poison(found)
                                .files
                                .push((entry.into_path(), kind));
                        }
                    }
                    Err(e) => {
                        for (path, depth, reason) in problems(&e) {
                            // The directory asked for cannot be read.
                            if depth == Some(0) {
                                lock_ignoring_poison(failure).get_or_insert(reason);
                                return WalkState::Quit;
                            }
                            let path = path.unwrap_or_else(|| dir.to_path_buf());
                            let broken = broken_link(&path);
                            let mut found = lock_ignoring_poison(found);
                            match (wanted(&path), broken) {
                                // Reading it will say why it cannot be read.
                                (Some(kind), Some(_)) => found.files.push((path, kind)),
                                (None, Some(broken)) => found.skipped.push(Skipped {
                                    path,
                                    reason: broken,
                                }),
                                (_, None) => found.skipped.push(Skipped { path, reason }),
                            }
                        }
                    }
                }
                WalkState::Continue
            })
        });
    if let Some(reason) = lock_ignoring_poison(&failure).take() {
        bail!("cannot read directory `{}`: {reason}", display_path(dir));
    }
    let mut found = std::mem::take(&mut *lock_ignoring_poison(&found));
    found.skipped.sort();
    found.skipped.dedup();
    Ok(found)
}

/// The problems in one error of a walk: the entry each is about (when it
/// says), how deep that entry is (the directory walked is 0), and why, on
/// one line.
fn problems(e: &ignore::Error) -> Vec<(Option<PathBuf>, Option<usize>, String)> {
    use ignore::Error;
    match e {
        Error::Partial(errors) => errors.iter().flat_map(problems).collect(),
        Error::WithDepth { depth, err } => problems(err)
            .into_iter()
            .map(|(path, d, reason)| (path, d.or(Some(*depth)), reason))
            .collect(),
        Error::WithPath { path, err } => problems(err)
            .into_iter()
            .map(|(p, depth, reason)| (p.or_else(|| Some(path.clone())), depth, reason))
            .collect(),
        Error::WithLineNumber { line, err } => problems(err)
            .into_iter()
            .map(|(path, depth, reason)| (path, depth, format!("line {line}: {reason}")))
            .collect(),
        Error::Loop { ancestor, child } => vec![(
            Some(child.clone()),
            None,
            format!(
                "it is a symbolic link to `{}`, a directory that holds it: following it would loop",
                display_path(ancestor)
            ),
        )],
        Error::Io(io) => vec![(None, None, format!("cannot read it: {io}"))],
        other => vec![(None, None, one_line(&other.to_string()))],
    }
}

/// Why a symbolic link at `path` cannot be followed, if it is one: it
/// points nowhere, or round in a circle.
fn broken_link(path: &Path) -> Option<String> {
    let link = std::fs::symlink_metadata(path).ok()?;
    if !link.file_type().is_symlink() {
        return None;
    }
    let err = std::fs::metadata(path).err()?;
    let target = std::fs::read_link(path).unwrap_or_default();
    let target = target.display();
    Some(if err.kind() == std::io::ErrorKind::NotFound {
        format!("it is a symbolic link to `{target}`, which does not exist")
    } else {
        format!("it is a symbolic link to `{target}`, which cannot be followed: {err}")
    })
}

/// A walk's lock: a visitor that panicked has been reported already.
fn lock_ignoring_poison<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A key that sorts paths as `Path::cmp` does (component by component) when
/// they hold no `.` or `..` below the root, as a walk yields them: the bytes,
/// with each separator made the smallest byte. 10k paths sort by these keys
/// in a fraction of the time `Path::cmp` takes.
fn path_order(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    // No path holds a NUL byte, so 0 sorts below everything else.
    let separator = |c: u8| std::path::is_separator(char::from(c));
    bytes
        .iter()
        .map(|&c| if separator(c) { 0 } else { c })
        .collect()
}

fn one_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("cannot resolve `{}`", path.display()))
}

/// `path` below `root`, or `path` itself when it is not below it. Walked
/// paths are `root` joined with more, so their text is compared first:
/// `Path::strip_prefix` goes component by component, which was a sixth of
/// planning a 10k corpus.
fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    let separator = std::path::is_separator;
    let plain = |s: &str| {
        !s.is_empty()
            && !s.starts_with(separator)
            && !s.ends_with(separator)
            && !s.starts_with('.')
            && !s.ends_with('.')
    };
    let below = path
        .to_str()
        .zip(root.to_str())
        .filter(|(_, root)| !root.is_empty())
        .and_then(|(path, root)| path.strip_prefix(root))
        .and_then(|rest| rest.strip_prefix(separator))
        .filter(|rest| plain(rest));
    match below {
        Some(rest) => Path::new(rest),
        None => path.strip_prefix(root).unwrap_or(path),
    }
}

/// How to show a path: relative to the current directory when under it.
pub fn display_path(path: &Path) -> String {
    // Asked of the system once: newsmark never changes its directory, and a
    // report shows thousands of paths.
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    let cwd = CWD.get_or_init(|| std::env::current_dir().ok());
    let shown = cwd
        .as_deref()
        .and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path);
    if shown.as_os_str().is_empty() {
        // The current directory itself.
        return ".".into();
    }
    shown.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_read_whole_and_bad_bytes_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let long = "“A quote”{@a} ".repeat(10_000);
        assert_eq!(read_text(&write("long.news.md", long.as_bytes())), Ok(long));
        assert_eq!(read_text(&write("empty.news.md", b"")), Ok(String::new()));
        assert_eq!(
            read_text(&write("latin1.news.md", b"caf\xe9")),
            Err("it is not valid UTF-8 (at byte 3)".to_string())
        );
        let missing = read_text(&dir.path().join("missing.news.md")).unwrap_err();
        assert!(missing.contains("No such file"), "{missing}");
    }

    /// What is not a regular file is refused without a read: a FIFO with no
    /// writer (whose open or read would wait for one), a link to an endless
    /// device, a link to nothing; a file past the limit is refused by size.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.news.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        assert_eq!(
            read_text(&fifo),
            Err("it is a named pipe (FIFO), not a regular file".to_string())
        );
        let zero = dir.path().join("zero.news.md");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(
            read_text(&zero),
            Err("it is a character device, not a regular file".to_string())
        );
        let dangling = dir.path().join("gone.news.md");
        std::os::unix::fs::symlink("nowhere.news.md", &dangling).unwrap();
        assert_eq!(
            read_text(&dangling),
            Err("it is a symbolic link to `nowhere.news.md`, which does not exist".to_string())
        );
        // Sparse: no disk is used for the bytes past the limit.
        let big = dir.path().join("big.news.md");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_FILE_LEN + 1).unwrap();
        let err = read_text(&big).unwrap_err();
        assert!(err.contains("64 MiB"), "{err}");
        file.set_len(MAX_FILE_LEN).unwrap();
        assert_eq!(read_text(&big).map(|t| t.len()), Ok(MAX_FILE_LEN as usize));
    }

    #[test]
    fn a_plan_lists_each_file_once_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // By bytes `a-b…` sorts before `a/…`; by path components `a` comes first.
        for name in [
            "a/x.news.md",
            "a-b.news.md",
            "a.news.md",
            "b/people.actors.yaml",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        // The root and one file under it: the file is found twice.
        let plan = plan(&[root.to_path_buf(), root.join("a/x.news.md")]).unwrap();
        let root = std::path::absolute(root).unwrap();
        let files: Vec<_> = plan
            .files
            .iter()
            .map(|(p, _)| p.strip_prefix(&root).unwrap())
            .collect();
        let want = [
            "a/x.news.md",
            "a-b.news.md",
            "a.news.md",
            "b/people.actors.yaml",
        ];
        assert_eq!(files, want.map(Path::new));
        assert_eq!(plan.targets.len(), 4);
        let kinds: Vec<_> = plan.files.iter().map(|(_, k)| *k).collect();
        assert_eq!(kinds[3], FileKind::Registry);
        assert!(kinds[..3].iter().all(|k| *k == FileKind::Article));
    }

    /// A walk steps over what it cannot follow, naming it, and lists what is
    /// named like an article even when it cannot be read; only the directory
    /// walked failing is an error.
    #[cfg(unix)]
    #[test]
    fn a_walk_steps_over_what_it_cannot_follow() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/x.news.md"), "").unwrap();
        // Followed, the link leads back to where it is: a loop.
        symlink(root.join("a"), root.join("a/b/back")).unwrap();
        symlink("nowhere", root.join("a/notes.txt")).unwrap();
        symlink("nowhere", root.join("a/gone.news.md")).unwrap();
        let walked = walk(root, root, &Config::default()).unwrap();
        let mut files: Vec<_> = walked
            .files
            .iter()
            .map(|(p, _)| p.strip_prefix(root).unwrap())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [Path::new("a/b/x.news.md"), Path::new("a/gone.news.md")]
        );
        let skipped: Vec<_> = walked
            .skipped
            .iter()
            .map(|s| (s.path.strip_prefix(root).unwrap(), s.reason.as_str()))
            .collect();
        let loop_reason = format!(
            "it is a symbolic link to `{}`, a directory that holds it: following it would loop",
            display_path(&root.join("a"))
        );
        assert_eq!(
            skipped,
            [
                (Path::new("a/b/back"), loop_reason.as_str()),
                (
                    Path::new("a/notes.txt"),
                    "it is a symbolic link to `nowhere`, which does not exist"
                ),
            ]
        );
        let err = walk(&root.join("missing"), root, &Config::default()).unwrap_err();
        let shown = format!("{err:#}");
        assert!(shown.starts_with("cannot read directory `"), "{shown}");
        assert!(shown.contains("missing`: cannot read it: "), "{shown}");
    }

    proptest::proptest! {
        #[test]
        fn path_order_is_the_order_of_components(
            a in proptest::collection::vec("[a.-]{1,3}", 1..4),
            b in proptest::collection::vec("[a.-]{1,3}", 1..4),
        ) {
            let (a, b) = (PathBuf::from(format!("/{}", a.join("/"))), PathBuf::from(format!("/{}", b.join("/"))));
            // `.` and `..` are not components of the paths a walk yields.
            let walked = |p: &Path| !p.to_string_lossy().split('/').any(|c| c == "." || c == "..");
            proptest::prop_assume!(walked(&a) && walked(&b));
            proptest::prop_assert_eq!(path_order(&a).cmp(&path_order(&b)), a.cmp(&b));
        }

        #[test]
        fn relative_paths_are_those_of_strip_prefix(
            root in "/?(?:(?:a|b|\\.|\\.\\.|)/){0,3}(?:a|ab|\\.)?",
            rest in "(?:(?:a|b|\\.|\\.\\.|)/?){0,4}",
        ) {
            let (root, path) = (PathBuf::from(&root), PathBuf::from(format!("{root}{rest}")));
            let by_components = path.strip_prefix(&root).unwrap_or(&path);
            proptest::prop_assert_eq!(relative(&path, &root).as_os_str(), by_components.as_os_str());
        }
    }
}
