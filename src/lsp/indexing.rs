//! Indexing the workspace folders from disk: discovery (honouring
//! `.gitignore`), reading and parsing on every core, with work-done progress
//! reported to the client. Each article is analysed while it is read (its
//! findings depend on the registries alone, which are read first), its
//! diagnostics go to the diagnostics task to be published at once, its
//! model is let go, and its text is packed with others' into a chunk: the
//! workspace keeps texts, not models. Runs as a task;
//! the state is locked only to install the result, which a newer run (a
//! folder or config change meanwhile) supersedes.

use super::state::Root;
use super::{Shared, diagnostics};
use crate::analysis;
use crate::fs;
use crate::text::Encoding;
use crate::workspace::{self, Config, File, FileKind, Packer, Uses, Workspace};
use rayon::prelude::*;
use std::path::PathBuf;
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
    let mut found = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let root = root.clone();
        let files = tokio::task::spawn_blocking(move || discover(&root))
            .await
            .unwrap_or_default();
        found.extend(files);
        if let Some(p) = &progress {
            let done = (i + 1) as u32 * 100 / roots.len().max(1) as u32;
            p.report_with_message(
                format!(
                    "{} of {} folders, {} files",
                    i + 1,
                    roots.len(),
                    found.len()
                ),
                done.min(99),
            )
            .await;
        }
    }
    let count = found.len();
    // Each folder's files take their rule levels from its own config.
    let configs = roots
        .iter()
        .map(|r| (r.base.clone(), r.config.clone()))
        .collect();
    let (first, results) = diagnostics::first(run);
    let enc = {
        let mut state = shared.lock();
        state.first_diagnostics(results);
        state.encoding()
    };
    shared.wake.notify_one();
    // The workspace is built, and the tables every analysis derives from the
    // registries with it, before the state is locked to install it.
    let ws = tokio::task::spawn_blocking(move || build(found, configs, enc, &first))
        .await
        .unwrap_or_default();
    let replay = shared.lock().install(ws, run);
    let installed = replay.is_some();
    let message = match replay {
        Some(replay) => {
            shared.read_from_disk(replay);
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
    // The open documents' diagnostics, now that the registries are in:
    // after the progress end, so that a client sees indexing end first.
    if installed {
        shared.wake.notify_one();
    }
}

/// "12 files in 1 folder".
fn counted(files: usize, folders: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!("{files} file{} in {folders} folder{}", s(files), s(folders))
}

/// The files of one workspace folder.
fn discover(root: &Root) -> Vec<(PathBuf, FileKind)> {
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
    found
}

/// Reads and parses the files found, the registries and configs first,
/// then each article, which is analysed at once: its diagnostics go to
/// `first`, its uses of ids to the index, its model is let go, and its text
/// is packed with others' (`workspace::text`).
fn build(
    found: Vec<(PathBuf, FileKind)>,
    configs: Vec<(PathBuf, Config)>,
    enc: Encoding,
    first: &diagnostics::FirstSender,
) -> Workspace {
    let (articles, others): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|(_, kind)| *kind == FileKind::Article);
    // The texts kept are packed a chunk at a time as the articles come.
    let packer = Packer::new(articles.len(), |(file, _): &mut (File, Uses)| {
        &mut file.text
    });
    let (mut ws, (), _) = workspace::alongside_registries(
        || {
            let files: Vec<File> = others.into_par_iter().map(read).collect();
            let mut ws = Workspace::default();
            ws.set_folder_configs(configs);
            ws.extend(files);
            analysis::prepare(&ws);
            ws
        },
        // The registries' and configs' own findings.
        |ws| {
            let files: Vec<_> = ws.files().collect();
            files
                .into_par_iter()
                .for_each(|file| first.send(ws, file, enc));
        },
        articles,
        read,
        |ws, mut file| {
            first.send(ws, &file, enc);
            let uses = Uses::of(&file);
            file.forget_model();
            packer.add((file, uses));
        },
    );
    ws.extend_with_uses(packer.finish());
    ws
}

fn read((path, kind): (PathBuf, FileKind)) -> File {
    let text = fs::read_text(&path);
    File::read(path, kind, text)
}
