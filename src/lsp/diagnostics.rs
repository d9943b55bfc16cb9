//! Publishing diagnostics. One task, woken after every change, waits for a
//! quiet moment (the debounce; not right after indexing, when no typing is
//! under way), takes the queue of out-of-date files with a snapshot, computes
//! their diagnostics off the async threads, and publishes each file's as soon
//! as it is computed (one slow file holds back no other), only if nothing
//! newer was queued for that file meanwhile. Being the only publisher, it can
//! never send an old version after a newer one. While the workspace is being
//! indexed it computes nothing (every id would look unknown): it publishes
//! what indexing computes ([`first`]), each article's as soon as it is read,
//! against registries already read.

use super::{Shared, convert, guard};
use crate::analysis;
use crate::text::Encoding;
use crate::workspace::{File, Workspace};
use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types as lsp;

/// How long the edits must pause before diagnostics are computed.
const QUIET: Duration = Duration::from_millis(80);
/// During continuous typing, diagnostics still come this often.
const MAX_WAIT: Duration = Duration::from_millis(500);

type Result = (PathBuf, Option<i32>, Vec<lsp::Diagnostic>);

/// How many files' diagnostics indexing may compute ahead of their
/// publication.
const AHEAD: usize = 64;

/// Where an indexing run sends the diagnostics of the files it reads.
pub struct FirstSender(tokio::sync::mpsc::Sender<(PathBuf, Vec<lsp::Diagnostic>)>);

/// The diagnostics an indexing run computes, for the task to publish.
pub struct FirstResults {
    run: u64,
    results: tokio::sync::mpsc::Receiver<(PathBuf, Vec<lsp::Diagnostic>)>,
}

/// The channel of indexing run `run`'s diagnostics.
pub fn first(run: u64) -> (FirstSender, FirstResults) {
    let (tx, results) = tokio::sync::mpsc::channel(AHEAD);
    (FirstSender(tx), FirstResults { run, results })
}

impl FirstSender {
    /// Computes the diagnostics of `file` (which need not be the
    /// workspace's) and sends them, waiting while the task is
    /// [`AHEAD`] files behind. Off the async threads only.
    pub fn send(&self, ws: &Workspace, file: &File, enc: Encoding) {
        let diagnostics = guard("diagnostics", || {
            analysis::diagnostics_of(ws, file)
                .iter()
                .map(|d| convert::diagnostic_in(ws, file, d, enc))
                .collect()
        });
        if let Some(diagnostics) = diagnostics {
            // The task is gone only when the server is.
            let _ = self.0.blocking_send((file.path.clone(), diagnostics));
        }
    }
}

pub async fn run(shared: Shared) {
    // Files whose last published list was not empty: they need clearing.
    let mut published: HashSet<PathBuf> = HashSet::new();
    loop {
        shared.wake.notified().await;
        publish_first(&shared, &mut published).await;
        let started = Instant::now();
        let indexed = shared.lock().take_indexed();
        if !indexed {
            debounce(&shared, started).await;
        }
        if shared.lock().is_indexing() {
            // The registries are not read yet: every id would look unknown.
            // What is queued stays queued; the end of indexing wakes us.
            // What indexing computes is published meanwhile (the bell that
            // announced it may have rung during the debounce).
            publish_first(&shared, &mut published).await;
            continue;
        }
        let (pending, enc) = {
            let mut state = shared.lock();
            (state.take_pending(), state.encoding())
        };
        let mut files = pending.files;
        let snapshot = pending.snapshot;
        if pending.clear_gone {
            // Files gone from the workspace still need their list cleared:
            // every published file the snapshot no longer holds, unless it
            // is listed already (a closed document outside the workspace).
            let held = Held::of(&snapshot);
            let others: HashSet<&Path> = files
                .iter()
                .map(|(p, _)| p.as_path())
                .filter(|p| !held.contains(p))
                .collect();
            let gone: Vec<_> = published
                .iter()
                .filter(|p| !held.contains(p) && !others.contains(p.as_path()))
                .map(|p| (p.clone(), None))
                .collect();
            files.extend(gone);
        }
        let (tx, mut results) = tokio::sync::mpsc::unbounded_channel();
        tokio::task::spawn_blocking(move || compute(&snapshot, files, enc, &tx));
        while let Some((path, version, diagnostics)) = results.recv().await {
            if !shared.lock().is_current(&path, version) {
                continue; // superseded: a newer computation is queued
            }
            publish(&shared, &mut published, path, version, diagnostics).await;
        }
    }
}

/// Whether a snapshot holds a path, asked of every published file after
/// indexing: by the path's bytes first, in a hash set, and only for the
/// rare path that is not there byte for byte in the workspace's own
/// path-ordered map. That map compares paths component by component: the
/// 76,691 lookups after indexing an imported 100k archive took 140 ms on an
/// async thread (15 ms this way), while the first hovers came.
struct Held<'a> {
    snapshot: &'a Workspace,
    bytes: foldhash::HashSet<&'a OsStr>,
}

impl<'a> Held<'a> {
    fn of(snapshot: &'a Workspace) -> Held<'a> {
        let bytes = snapshot.files().map(|f| f.path.as_os_str()).collect();
        Held { snapshot, bytes }
    }

    fn contains(&self, path: &Path) -> bool {
        self.bytes.contains(path.as_os_str()) || self.snapshot.file(path).is_some()
    }
}

/// Publishes what indexing runs compute, each file's as it comes, until
/// they are done.
async fn publish_first(shared: &Shared, published: &mut HashSet<PathBuf>) {
    loop {
        let first = shared.lock().take_first_diagnostics();
        let Some(mut first) = first else { return };
        while let Some((path, diagnostics)) = first.results.recv().await {
            if shared.lock().is_first_current(&path, first.run) {
                publish(shared, published, path, None, diagnostics).await;
            }
        }
    }
}

/// Publishes a file's diagnostics, unless there is nothing to say and
/// nothing to clear.
async fn publish(
    shared: &Shared,
    published: &mut HashSet<PathBuf>,
    path: PathBuf,
    version: Option<i32>,
    diagnostics: Vec<lsp::Diagnostic>,
) {
    let open = version.is_some();
    if diagnostics.is_empty() {
        if !published.remove(&path) && !open {
            return;
        }
    } else {
        published.insert(path.clone());
    }
    let Some(uri) = convert::uri(&path) else {
        return;
    };
    // A client that reads slowly holds back what is computed for it, rather
    // than let every file's list wait, written out, in the server's memory.
    shared.backlog.room().await;
    shared
        .client
        .publish_diagnostics(uri, diagnostics, version)
        .await;
}

/// Waits until the edits pause for [`QUIET`], or [`MAX_WAIT`] has passed
/// since `started`.
async fn debounce(shared: &Shared, started: Instant) {
    loop {
        tokio::select! {
            () = shared.wake.notified() => {
                if started.elapsed() >= MAX_WAIT {
                    return;
                }
            }
            () = tokio::time::sleep(QUIET) => return,
        }
    }
}

/// Diagnostics of some files of a snapshot, on every core, each sent as
/// soon as it is computed. A file that makes a rule panic is logged and
/// skipped. An article whose model the workspace let go is analysed on a
/// copy, so that the snapshot's files do not all take their models back.
fn compute(
    ws: &Workspace,
    files: Vec<(PathBuf, Option<i32>)>,
    enc: Encoding,
    out: &UnboundedSender<Result>,
) {
    files.into_par_iter().for_each(|(path, version)| {
        let diagnostics = guard("diagnostics", || {
            let Some(file) = ws.file(&path) else {
                return Vec::new();
            };
            let copy = file.derived_copy();
            let file = copy.as_ref().unwrap_or(file);
            analysis::diagnostics_of(ws, file)
                .iter()
                .map(|d| convert::diagnostic_in(ws, file, d, enc))
                .collect()
        });
        if let Some(diagnostics) = diagnostics {
            let _ = out.send((path, version, diagnostics));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileKind;

    #[test]
    fn a_held_path_is_found_byte_for_byte_or_component_by_component() {
        let mut ws = Workspace::default();
        ws.extend([File::new(
            PathBuf::from("/news/a.news.md"),
            FileKind::Article,
            "Text.\n",
        )]);
        let held = Held::of(&ws);
        assert!(held.contains(Path::new("/news/a.news.md")));
        assert!(
            held.contains(Path::new("/news//a.news.md")),
            "the same path"
        );
        assert!(!held.contains(Path::new("/news/b.news.md")));
    }
}
