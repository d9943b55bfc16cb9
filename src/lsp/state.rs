//! The one owner of the server's mutable state: open documents, the current
//! workspace, whether it is fully indexed, and which files await new
//! diagnostics. It lives behind one mutex that no one holds across an
//! `.await` or while reading a file; readers take an immutable
//! `Arc<Workspace>` snapshot and compute without it.

use super::diagnostics::FirstResults;
use super::document::Document;
use crate::fs;
use crate::text::{Encoding, LineCol};
use crate::workspace::config::{CONFIG_FILE, Config, FileKind};
use crate::workspace::{File, Workspace};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::watch;

/// A workspace folder, and the config that classifies its files.
#[derive(Clone, Debug)]
pub struct Root {
    pub folder: PathBuf,
    /// Where the globs are relative to: the directory of `newsmark.toml`
    /// (the folder or an ancestor), else the folder.
    pub base: PathBuf,
    pub config: Config,
    /// `newsmark.toml`, when there is one.
    pub config_file: Option<PathBuf>,
}

impl Root {
    /// Reads the folder's config (IO: one small file; never under the lock).
    pub fn load(folder: PathBuf) -> Root {
        let dir = fs::find_config_dir(&folder);
        let config_file = dir.as_ref().map(|d| d.join(CONFIG_FILE));
        let config = config_file
            .as_deref()
            .and_then(|p| fs::read_text(p).ok())
            .map(|text| Config::parse(&text).0)
            .unwrap_or_default();
        Root {
            base: dir.unwrap_or_else(|| folder.clone()),
            folder,
            config,
            config_file,
        }
    }
}

/// One text change, converted from the protocol: a range (none for the
/// whole text) and the new text.
pub type Change = (Option<(LineCol, LineCol)>, String);

/// What the diagnostics task must recompute.
pub struct Pending {
    pub snapshot: Arc<Workspace>,
    /// Files to recompute, with the version of the open ones.
    pub files: Vec<(PathBuf, Option<i32>)>,
    /// Files published before may be gone from the workspace (it was
    /// indexed anew, or every file is recomputed): clear those.
    pub clear_gone: bool,
}

/// A file as read from the disk for the workspace: `None` when it is gone
/// or not a Newsmark file. Read without the state's lock ([`State::load`]),
/// then put in ([`State::put_disk`]).
pub type DiskFile = Option<File>;

#[derive(Default)]
pub struct State {
    pub encoding: Option<Encoding>,
    pub roots: Vec<Root>,
    docs: HashMap<PathBuf, Document>,
    ws: Arc<Workspace>,
    /// Open documents edited since `ws` last took their text.
    dirty: BTreeSet<PathBuf>,
    /// Files whose diagnostics are out of date.
    pending: BTreeSet<PathBuf>,
    pending_all: bool,
    /// The workspace was indexed anew: files gone from it need clearing.
    clear_gone: bool,
    /// The diagnostics the current indexing run computes, until the
    /// diagnostics task takes them to publish.
    first: Option<FirstResults>,
    /// The workspace was just indexed: no edit to wait for, so diagnostics go
    /// out without the debounce.
    indexed: bool,
    /// Whether the workspace is complete: false from `initialize` until the
    /// folders are indexed, and again while they are indexed anew. Requests
    /// that need the whole workspace wait for it.
    ready: watch::Sender<bool>,
    /// The latest indexing run; an older run's result is dropped.
    generation: u64,
    /// Disk changes seen while indexing, read again after it.
    replay: Vec<PathBuf>,
}

impl State {
    pub fn encoding(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// What a path is to Newsmark, by the globs of the root it lies in (the
    /// default globs outside every root).
    pub fn classify(&self, path: &Path) -> Option<FileKind> {
        let root = self
            .roots
            .iter()
            .filter(|r| path.starts_with(&r.base))
            .max_by_key(|r| r.base.as_os_str().len());
        match root {
            Some(root) => root.config.classify(path.strip_prefix(&root.base).ok()?),
            None => Config::default().classify(Path::new(path.file_name()?)),
        }
    }

    pub fn open(&mut self, path: PathBuf, text: &str, version: i32) {
        self.docs.insert(path.clone(), Document::new(text, version));
        self.dirty.insert(path.clone());
        self.touch(&path);
    }

    /// Applies changes in order; false for a document that is not open.
    pub fn change(&mut self, path: &Path, version: i32, changes: Vec<Change>) -> bool {
        let encoding = self.encoding();
        let Some(doc) = self.docs.get_mut(path) else {
            return false;
        };
        for (range, text) in changes {
            doc.edit(range, &text, encoding);
        }
        doc.version = version;
        self.dirty.insert(path.to_path_buf());
        self.touch(path);
        true
    }

    /// The editor let go of the document: the disk has the say again (its
    /// file is to be read and put back with [`State::put_disk`]).
    pub fn close(&mut self, path: &Path) {
        self.docs.remove(path);
        self.dirty.remove(path);
    }

    /// A file changed, appeared or vanished on disk: whether to read it
    /// (not while the editor holds it open).
    pub fn disk_changed(&mut self, path: &Path) -> bool {
        if !*self.ready.borrow() {
            self.replay.push(path.to_path_buf());
        }
        !self.docs.contains_key(path)
    }

    /// Reads a file for the workspace, classified by `kind` (from
    /// [`State::classify`]). IO: called without the lock.
    pub fn load(path: &Path, kind: Option<FileKind>) -> DiskFile {
        let kind = kind?;
        // A FIFO or device is refused without a read (`fs::read_text`), as
        // is a file gone meanwhile, which is no file of the workspace.
        match fs::read_text(path) {
            Err(_) if !path.is_file() => None,
            text => Some(File::read(path.to_path_buf(), kind, text)),
        }
    }

    /// Puts a file read from the disk into the workspace, or drops it when
    /// it is gone or not ours, unless the editor opened it meanwhile.
    pub fn put_disk(&mut self, path: &Path, file: DiskFile) {
        if self.docs.contains_key(path) {
            return;
        }
        self.touch(path);
        let ws = Arc::make_mut(&mut self.ws);
        match file {
            Some(file) => ws.set_file(file),
            None => {
                ws.remove_file(path);
            }
        }
    }

    /// Marks a file's diagnostics out of date, and every file's when it is
    /// (or was) a registry or the config.
    fn touch(&mut self, path: &Path) {
        let global =
            |kind: Option<FileKind>| matches!(kind, Some(FileKind::Registry | FileKind::Config));
        let was = self.ws.file(path).map(|f| {
            if f.registry().is_some() {
                FileKind::Registry
            } else {
                FileKind::Article
            }
        });
        if global(self.classify(path)) || global(was) {
            self.pending_all = true;
        }
        self.pending.insert(path.to_path_buf());
    }

    /// Brings the open documents' edits into the workspace and returns it.
    pub fn snapshot(&mut self) -> Arc<Workspace> {
        for path in std::mem::take(&mut self.dirty) {
            let (Some(doc), Some(kind)) = (self.docs.get(&path), self.classify(&path)) else {
                continue;
            };
            let file = File::new(path, kind, doc.text());
            Arc::make_mut(&mut self.ws).set_file(file);
        }
        self.ws.clone()
    }

    /// Whether indexing just finished (asked once: the flag is cleared).
    pub fn take_indexed(&mut self) -> bool {
        std::mem::take(&mut self.indexed)
    }

    /// What awaits new diagnostics, taken (the queue is emptied).
    pub fn take_pending(&mut self) -> Pending {
        let snapshot = self.snapshot();
        let all = std::mem::take(&mut self.pending_all);
        let queued = std::mem::take(&mut self.pending);
        // Not a set of every path: hashing 10k paths took longer than the rest.
        let mut paths: Vec<PathBuf> = if all {
            snapshot.files().map(|f| f.path.clone()).collect()
        } else {
            Vec::new()
        };
        paths.extend(
            queued
                .into_iter()
                .filter(|p| !all || snapshot.file(p).is_none()),
        );
        let files = paths
            .into_iter()
            .map(|p| {
                let version = self.docs.get(&p).map(|d| d.version);
                (p, version)
            })
            .collect();
        Pending {
            snapshot,
            files,
            clear_gone: all || std::mem::take(&mut self.clear_gone),
        }
    }

    /// Hands over the diagnostics an indexing run is about to compute.
    pub fn first_diagnostics(&mut self, first: FirstResults) {
        self.first = Some(first);
    }

    /// The diagnostics an indexing run computes, taken (once).
    pub fn take_first_diagnostics(&mut self) -> Option<FirstResults> {
        self.first.take()
    }

    /// Whether diagnostics that indexing run `run` computed for the disk's
    /// version of `path` are still the latest: the run was not superseded,
    /// the editor does not hold the file, and no change to it was queued.
    pub fn is_first_current(&self, path: &Path, run: u64) -> bool {
        run == self.generation && !self.docs.contains_key(path) && self.is_current(path, None)
    }

    /// Whether diagnostics computed for `version` of `path` are still the
    /// latest: nothing newer has been queued for it since.
    pub fn is_current(&self, path: &Path, version: Option<i32>) -> bool {
        !self.pending_all
            && !self.pending.contains(path)
            && !self.dirty.contains(path)
            && self.docs.get(path).map(|d| d.version) == version
    }

    /// The text the server holds for an open document, with its version.
    pub fn document_text(&self, path: &Path) -> Option<(i32, String)> {
        self.docs.get(path).map(|d| (d.version, d.text()))
    }

    /// The version of every open document: with a snapshot taken under the
    /// same lock, the versions its texts are.
    pub fn versions(&self) -> HashMap<PathBuf, i32> {
        self.docs
            .iter()
            .map(|(p, d)| (p.clone(), d.version))
            .collect()
    }

    /// Whether the workspace is being indexed: until it is, a document's
    /// ids would look unknown, so no diagnostics are computed.
    pub fn is_indexing(&self) -> bool {
        !*self.ready.borrow()
    }

    /// A watch of whether the workspace is complete.
    pub fn readiness(&self) -> watch::Receiver<bool> {
        self.ready.subscribe()
    }

    /// Marks the workspace incomplete until the run this starts installs its
    /// result; returns the run's number.
    pub fn start_indexing(&mut self) -> u64 {
        self.ready.send_replace(false);
        self.replay.clear();
        self.generation += 1;
        self.generation
    }

    /// Replaces the workspace by the one indexing run `generation` built,
    /// unless a newer run has started since; open documents keep their
    /// editor text (their disk version is replaced at the next snapshot).
    /// Returns the disk changes seen meanwhile, to read again and put in
    /// with [`State::put_disk`]; `None` when the result was stale.
    pub fn install(&mut self, ws: Workspace, generation: u64) -> Option<Vec<PathBuf>> {
        if generation != self.generation {
            return None;
        }
        self.ws = Arc::new(ws);
        // Indexing published every file's diagnostics but those the editor
        // holds: their text is the editor's.
        self.dirty.extend(self.docs.keys().cloned());
        self.pending.extend(self.docs.keys().cloned());
        self.clear_gone = true;
        self.indexed = true;
        self.ready.send_replace(true);
        Some(std::mem::take(&mut self.replay))
    }

    /// The version of an open document.
    pub fn version(&self, path: &Path) -> Option<i32> {
        self.docs.get(path).map(|d| d.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_at(dir: &Path) -> State {
        State {
            roots: vec![Root::load(dir.to_path_buf())],
            ..State::default()
        }
    }

    #[test]
    fn open_documents_override_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.news.md");
        std::fs::write(&article, "on disk\n").unwrap();
        let early = dir.path().join("b.news.md");
        std::fs::write(&early, "b on disk\n").unwrap();
        let mut state = state_at(dir.path());
        // Opened while the workspace was being indexed from the disk.
        let run = state.start_indexing();
        state.open(early.clone(), "b in editor\n", 1);
        let mut indexed = Workspace::default();
        indexed.extend([
            File::new(article.clone(), FileKind::Article, "on disk\n"),
            File::new(early.clone(), FileKind::Article, "b on disk\n"),
        ]);
        assert!(
            state.install(Workspace::default(), run - 1).is_none(),
            "stale"
        );
        assert!(state.is_indexing());
        assert_eq!(state.install(indexed, run), Some(Vec::new()));
        assert!(!state.is_indexing());
        state.open(article.clone(), "in editor\n", 1);
        let snapshot = state.snapshot();
        assert_eq!(&*snapshot.file(&article).unwrap().text, "in editor\n");
        assert_eq!(&*snapshot.file(&early).unwrap().text, "b in editor\n");
        // A disk change to an open document is ignored...
        std::fs::write(&article, "changed on disk\n").unwrap();
        assert!(!state.disk_changed(&article), "not read while open");
        assert_eq!(
            &*state.snapshot().file(&article).unwrap().text,
            "in editor\n"
        );
        // ...until the editor closes it.
        state.close(&article);
        let kind = state.classify(&article);
        state.put_disk(&article, State::load(&article, kind));
        assert_eq!(
            &*state.snapshot().file(&article).unwrap().text,
            "changed on disk\n"
        );
        std::fs::remove_file(&article).unwrap();
        assert!(state.disk_changed(&article));
        state.put_disk(&article, State::load(&article, kind));
        assert!(state.snapshot().file(&article).is_none());
        let pending = state.take_pending();
        assert!(
            pending.files.iter().any(|(p, _)| p == &article),
            "a deleted file gets cleared"
        );
    }

    #[test]
    fn registries_affect_every_file_and_versions_go_stale() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_at(dir.path());
        let a = dir.path().join("a.news.md");
        let b = dir.path().join("b.news.md");
        state.open(a.clone(), "x\n", 1);
        state.open(b.clone(), "y\n", 1);
        let pending = state.take_pending();
        assert!(!pending.clear_gone);
        assert_eq!(pending.files, [(a.clone(), Some(1)), (b.clone(), Some(1))]);
        assert!(state.is_current(&a, Some(1)));
        let edit = |s: &str| vec![(None, s.to_string())];
        assert!(state.change(&a, 2, edit("x2\n")));
        assert!(!state.is_current(&a, Some(1)), "a newer version is queued");
        assert_eq!(state.take_pending().files, [(a.clone(), Some(2))]);
        state.open(dir.path().join("actors.yaml"), "a:\n  name: A\n", 1);
        let pending = state.take_pending();
        assert!(pending.clear_gone);
        assert_eq!(pending.files.len(), 3);
        assert!(!state.change(&dir.path().join("nope.news.md"), 1, edit("")));
        assert_eq!(state.document_text(&a), Some((2, "x2\n".to_string())));
    }
}
