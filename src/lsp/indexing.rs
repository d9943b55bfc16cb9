//! Indexing the workspace folders from disk: discovery (honouring
//! `.gitignore`), reading and parsing on every core, with work-done progress
//! reported to the client. Runs as a task; the state is locked only to install
//! the result.

use super::Shared;
use super::state::Root;
use crate::analysis;
use crate::fs;
use crate::workspace::{File, FileKind, Workspace};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use tower_lsp_server::ls_types as lsp;

pub async fn index(shared: Shared, report_progress: bool) {
    static RUNS: AtomicU32 = AtomicU32::new(0);
    let roots = {
        let mut state = shared.lock();
        state.start_indexing();
        state.roots.clone()
    };
    let mut progress = None;
    if report_progress {
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let token = lsp::NumberOrString::String(format!("newsmark/index/{run}"));
        // Progress is a courtesy: if the client refuses the token, index anyway.
        if shared
            .client
            .create_work_done_progress(token.clone())
            .await
            .is_ok()
        {
            let begun = shared
                .client
                .progress(token, "Indexing Newsmark files")
                .with_percentage(0)
                .begin()
                .await;
            progress = Some(begun);
        }
    }
    let mut files = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let root = root.clone();
        let found = tokio::task::spawn_blocking(move || load(&root))
            .await
            .unwrap_or_default();
        files.extend(found);
        if let Some(p) = &progress {
            let done = (i + 1) as u32 * 100 / roots.len().max(1) as u32;
            p.report_with_message(
                format!(
                    "{} of {} folders, {} files",
                    i + 1,
                    roots.len(),
                    files.len()
                ),
                done.min(99),
            )
            .await;
        }
    }
    let count = files.len();
    // The workspace is built, and the tables every analysis derives from the
    // registries with it, before the state is locked to install it.
    let config = roots
        .iter()
        .find(|r| r.config_file.is_some())
        .map(|r| r.config.clone())
        .unwrap_or_default();
    let ws = tokio::task::spawn_blocking(move || {
        // The registries go in first, alone; the tables derived from them are
        // then built on one core while the articles are indexed on the other.
        let (registries, articles): (Vec<File>, Vec<File>) =
            files.into_iter().partition(|f| f.registry().is_some());
        let mut ws = Workspace::new(config);
        ws.extend(registries);
        let with_registries = ws.clone();
        rayon::join(
            || ws.extend(articles),
            || analysis::prepare(&with_registries),
        );
        ws
    })
    .await
    .unwrap_or_default();
    shared.lock().install(ws);
    shared.wake.notify_one();
    eprintln!(
        "newsmark lsp: indexed {count} files in {} folders",
        roots.len()
    );
    if let Some(p) = progress {
        p.finish_with_message(format!("{count} files indexed"))
            .await;
    }
}

/// The files of one workspace folder, read and parsed.
fn load(root: &Root) -> Vec<File> {
    let mut found = match fs::discover(&root.folder, &root.base, &root.config) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("newsmark lsp: indexing {}: {e:#}", root.folder.display());
            Vec::new()
        }
    };
    if let Some(config) = &root.config_file {
        found.push((config.clone(), FileKind::Config));
    }
    // Registries first: the biggest files, shared out between the cores at
    // the start rather than left to one core at the end.
    found.sort_by_key(|(_, kind)| *kind != FileKind::Registry);
    found
        .into_par_iter()
        .map(|(path, kind)| match fs::read_text(&path) {
            Ok(text) => File::new(path, kind, text),
            Err(reason) => File::unreadable(path, reason),
        })
        .collect()
}
