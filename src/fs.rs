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
}

/// A workspace read from disk, and which of its files were asked for.
pub struct Loaded {
    pub root: PathBuf,
    pub workspace: Workspace,
    /// Files to report on, in path order.
    pub targets: Vec<PathBuf>,
}

/// The nearest directory at or above `start` holding `newsmark.toml`.
pub fn find_config_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(CONFIG_FILE).is_file())
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
    let (config, root) = match &config_dir {
        Some(dir) => {
            let path = dir.join(CONFIG_FILE);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            (Config::parse(&text).0, dir.clone())
        }
        None => (Config::default(), absolute(&start)?),
    };

    // Every file to load, by absolute path, with whether it is a target. A
    // path found twice is found with the same kind (by the config's globs),
    // so either copy may stay.
    let mut found: Vec<(PathBuf, FileKind, bool)> = Vec::new();
    let mut walked_root = false;
    for (path, is_dir) in &metas {
        let abs = absolute(path)?;
        walked_root |= *is_dir && abs == root;
        if *is_dir {
            let files = discover(&abs, &root, &config)?;
            found.extend(files.into_iter().map(|(file, kind)| (file, kind, true)));
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
        for (file, kind) in discover(&root, &root, &config)? {
            if kind == FileKind::Registry {
                found.push((file, kind, false));
            }
        }
    }
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
    })
}

/// A file's text, or why it cannot be had.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bytes(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A file's bytes: those of a regular file up to the size it had when
/// opened, read with one `read` call where `std::fs::read` makes two (the
/// second to see the end); at 10k articles that is 10k system calls fewer.
/// Anything else (a pipe, a file whose size the system does not know) is
/// read to its end.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() == 0 {
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(meta.len()).unwrap_or(usize::MAX))
        .map_err(std::io::Error::other)?;
    // `take` ends the read at the size without asking the system again.
    file.take(meta.len()).read_to_end(&mut bytes)?;
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

/// Articles and registries under `dir`, by the config's globs relative to
/// `root`; `.gitignore`d and hidden files are skipped. The walk runs on every
/// core (a corpus of 10k articles spreads over a hundred directories), so the
/// files come in no particular order.
pub fn discover(
    dir: &Path,
    root: &Path,
    config: &Config,
) -> anyhow::Result<Vec<(PathBuf, FileKind)>> {
    let found = Mutex::new(Vec::new());
    let failure = Mutex::new(None);
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(true)
        .threads(rayon::current_num_threads())
        .build_parallel()
        .run(|| {
            let (found, failure) = (&found, &failure);
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        lock_ignoring_poison(failure).get_or_insert(e);
                        return WalkState::Quit;
                    }
                };
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    let path = entry.into_path();
                    match config.classify(relative(&path, root)) {
                        Some(FileKind::Config) | None => {}
                        Some(kind) => lock_ignoring_poison(found).push((path, kind)),
                    }
                }
                WalkState::Continue
            })
        });
    if let Some(e) = lock_ignoring_poison(&failure).take() {
        return Err(anyhow::anyhow!("{}", one_line(&e.to_string())))
            .with_context(|| format!("cannot read directory `{}`", display_path(dir)));
    }
    Ok(std::mem::take(&mut *lock_ignoring_poison(&found)))
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
        // Not a regular file: read to its end all the same.
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo.news.md");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
            let writer = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::write(fifo, "piped text"))
            };
            assert_eq!(read_text(&fifo), Ok("piped text".to_string()));
            writer.join().unwrap().unwrap();
        }
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

    #[cfg(unix)]
    #[test]
    fn a_walk_that_fails_says_which_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/x.news.md"), "").unwrap();
        // Followed, the link leads back to where it is: a loop.
        std::os::unix::fs::symlink(root.join("a"), root.join("a/b/back")).unwrap();
        let err = discover(root, root, &Config::default()).unwrap_err();
        let shown = format!("{err:#}");
        assert!(shown.starts_with("cannot read directory `"), "{shown}");
        assert!(shown.contains("loop"), "{shown}");
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
