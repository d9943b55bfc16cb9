//! Indexing the workspace folders from disk: discovery (honouring
//! `.gitignore`), reading and parsing on every core, with work-done progress
//! reported to the client. Runs as a task; the state is locked only to install
//! the result, which a newer run (a folder or config change meanwhile)
//! supersedes.

use super::Shared;
use super::state::Root;
use crate::analysis;
use crate::fs;
use crate::workspace::{File, FileKind, Workspace};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use tower_lsp_server::ls_types as lsp;

/// Indexes the folders as run `run` (from [`State::start_indexing`]).
///
/// [`State::start_indexing`]: super::state::State::start_indexing
pub async fn index(shared: Shared, run: u64, report_progress: bool) {
    static RUNS: AtomicU32 = AtomicU32::new(0);
    let roots = shared.lock().roots.clone();
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
    // registries with it, before the state is locked to install it. Each
    // folder's files take their rule levels from its own config.
    let configs = roots
        .iter()
        .map(|r| (r.base.clone(), r.config.clone()))
        .collect();
    let ws = tokio::task::spawn_blocking(move || {
        // The registries go in first, alone; the tables derived from them are
        // then built on one core while the articles are indexed on the other.
        let (registries, articles): (Vec<File>, Vec<File>) =
            files.into_iter().partition(|f| f.registry().is_some());
        let mut ws = Workspace::default();
        ws.set_folder_configs(configs);
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
    let replay = shared.lock().install(ws, run);
    let message = match replay {
        Some(replay) => {
            shared.read_from_disk(replay);
            shared.wake.notify_one();
            format!("indexed {}", counted(count, roots.len()))
        }
        None => "indexing was superseded by a newer run".to_string(),
    };
    shared
        .client
        .log_message(lsp::MessageType::INFO, format!("newsmark lsp: {message}"))
        .await;
    if let Some(p) = progress {
        p.finish_with_message(format!("{count} files indexed"))
            .await;
    }
}

/// "12 files in 1 folder".
fn counted(files: usize, folders: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!("{files} file{} in {folders} folder{}", s(files), s(folders))
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
