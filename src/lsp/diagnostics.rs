//! Publishing diagnostics. One task, woken after every change, waits for a
//! quiet moment (the debounce; not right after indexing, when no typing is
//! under way), takes the queue of out-of-date files with a snapshot, computes
//! their diagnostics off the async threads, and publishes each file's as soon
//! as it is computed (one slow file holds back no other), only if nothing
//! newer was queued for that file meanwhile. Being the only publisher, it can
//! never send an old version after a newer one. While the workspace is being
//! indexed it computes nothing: every id would look unknown.

use super::{Shared, convert, guard};
use crate::analysis;
use crate::text::Encoding;
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types as lsp;

/// How long the edits must pause before diagnostics are computed.
const QUIET: Duration = Duration::from_millis(80);
/// During continuous typing, diagnostics still come this often.
const MAX_WAIT: Duration = Duration::from_millis(500);

type Result = (PathBuf, Option<i32>, Vec<lsp::Diagnostic>);

pub async fn run(shared: Shared) {
    // Files whose last published list was not empty: they need clearing.
    let mut published: HashSet<PathBuf> = HashSet::new();
    loop {
        shared.wake.notified().await;
        let started = Instant::now();
        let indexed = shared.lock().take_indexed();
        if !indexed {
            debounce(&shared, started).await;
        }
        if shared.lock().is_indexing() {
            // The registries are not read yet: every id would look unknown.
            // What is queued stays queued; the end of indexing wakes us.
            continue;
        }
        let (pending, enc) = {
            let mut state = shared.lock();
            (state.take_pending(), state.encoding())
        };
        let mut files = pending.files;
        let snapshot = pending.snapshot;
        if pending.all {
            // Files gone from the workspace still need their list cleared.
            // Every file of the workspace is listed; so are a few others.
            let others: HashSet<&Path> = files
                .iter()
                .map(|(p, _)| p.as_path())
                .filter(|p| snapshot.file(p).is_none())
                .collect();
            let gone: Vec<_> = published
                .iter()
                .filter(|p| snapshot.file(p).is_none() && !others.contains(p.as_path()))
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
            let open = version.is_some();
            if diagnostics.is_empty() {
                if !published.remove(&path) && !open {
                    continue; // nothing to say, nothing to clear
                }
            } else {
                published.insert(path.clone());
            }
            let Some(uri) = convert::uri(&path) else {
                continue;
            };
            shared
                .client
                .publish_diagnostics(uri, diagnostics, version)
                .await;
        }
    }
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
/// skipped.
fn compute(
    ws: &Workspace,
    files: Vec<(PathBuf, Option<i32>)>,
    enc: Encoding,
    out: &UnboundedSender<Result>,
) {
    files.into_par_iter().for_each(|(path, version)| {
        let diagnostics = guard("diagnostics", || {
            analysis::diagnostics(ws, &path)
                .iter()
                .filter_map(|d| convert::diagnostic(ws, d, enc))
                .collect()
        });
        if let Some(diagnostics) = diagnostics {
            let _ = out.send((path, version, diagnostics));
        }
    });
}
