//! The protocol handlers. Notifications change the state synchronously, before
//! any `.await`, so changes apply in arrival order; requests take a snapshot,
//! call one analysis function under a panic guard, and convert its answer.

use super::state::{Change, Root, State};
use super::{Shared, compute, convert, diagnostics, indexing};
use crate::analysis::{code_actions, code_lens, folding, inlay_hints, rename, semantic_tokens};
use crate::analysis::{completion, definition, document_links, hover, references, symbols};
use crate::text::Encoding;
use crate::workspace::config::CONFIG_FILE;
use crate::workspace::{File, Workspace};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// The globs watched for changes on disk.
const WATCHED: [&str; 4] = [
    "**/*.news.md",
    "**/actors.yaml",
    "**/*.actors.yaml",
    "**/newsmark.toml",
];
/// The most workspace symbols one answer holds.
const SYMBOL_LIMIT: usize = 256;

pub struct Backend {
    shared: Shared,
    shutdown: Arc<AtomicBool>,
    /// What the client can do, from `initialize`.
    progress: AtomicBool,
    watch_dynamic: AtomicBool,
    /// The client applies workspace edits that create files.
    create_files: AtomicBool,
}

/// A whole-document request's snapshot and file.
struct Doc {
    ws: Arc<Workspace>,
    file: Arc<File>,
    enc: Encoding,
}

/// A request's position, resolved against a snapshot.
struct At {
    ws: Arc<Workspace>,
    file: Arc<File>,
    path: PathBuf,
    offset: usize,
    enc: Encoding,
}

/// Whether a request needs the whole workspace (and so waits for indexing)
/// or only its own document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Workspace,
    Document,
}

/// The answer of the `newsmark/documentText` request.
#[derive(Serialize, Deserialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

impl Backend {
    pub fn new(
        client: Client,
        shutdown: Arc<AtomicBool>,
        backlog: Arc<super::dispatch::Backlog>,
    ) -> Backend {
        Backend {
            shared: Shared::new(client, backlog),
            shutdown,
            progress: AtomicBool::new(false),
            watch_dynamic: AtomicBool::new(false),
            create_files: AtomicBool::new(false),
        }
    }

    /// The snapshot for a request about `path` (about no one document when
    /// `None`), complete when it `needs` the workspace, with what `more`
    /// takes from the state under the same lock (so that it agrees with the
    /// snapshot). The document's version is read before anything waits, so
    /// that a change arriving meanwhile is noticed.
    async fn snapshot<T>(
        &self,
        path: Option<&Path>,
        needs: Needs,
        more: impl FnOnce(&State) -> T,
    ) -> Result<(Arc<Workspace>, Encoding, T)> {
        if needs == Needs::Workspace {
            let version = path.and_then(|p| self.shared.lock().version(p));
            self.shared.indexed(path, version).await?;
        }
        let mut state = self.shared.lock();
        Ok((state.snapshot(), state.encoding(), more(&state)))
    }

    /// The snapshot, file and byte offset of a position; `None` for an
    /// unknown document or a line past its end.
    async fn at(&self, doc: &TextDocumentPositionParams) -> Result<Option<At>> {
        Ok(self.at_with(doc, |_| ()).await?.map(|(at, ())| at))
    }

    /// As [`Backend::at`], with `more` taken from the state under the same
    /// lock as the snapshot.
    async fn at_with<T>(
        &self,
        doc: &TextDocumentPositionParams,
        more: impl FnOnce(&State) -> T,
    ) -> Result<Option<(At, T)>> {
        let Some(path) = convert::path(&doc.text_document.uri) else {
            return Ok(None);
        };
        let (ws, enc, more) = self.snapshot(Some(&path), Needs::Workspace, more).await?;
        let Some(file) = ws.file(&path).cloned() else {
            return Ok(None);
        };
        let Some(offset) = convert::offset(&file, doc.position, enc) else {
            return Ok(None);
        };
        let at = At {
            ws,
            file,
            path,
            offset,
            enc,
        };
        Ok(Some((at, more)))
    }

    /// The snapshot and file of a whole-document request.
    async fn doc(&self, doc: &TextDocumentIdentifier, needs: Needs) -> Result<Option<Doc>> {
        let Some(path) = convert::path(&doc.uri) else {
            return Ok(None);
        };
        let (ws, enc, ()) = self.snapshot(Some(&path), needs, |_| ()).await?;
        let file = ws.file(&path).cloned();
        Ok(file.map(|file| Doc { ws, file, enc }))
    }

    fn reindex(&self) {
        let folders: Vec<PathBuf> = {
            let state = self.shared.lock();
            state.roots.iter().map(|r| r.folder.clone()).collect()
        };
        self.set_roots(folders);
    }

    /// Indexes these folders anew. Requests wait from now on, not from when
    /// the indexing task first runs.
    fn set_roots(&self, folders: Vec<PathBuf>) {
        let roots = folders.into_iter().map(Root::load).collect();
        let run = {
            let mut state = self.shared.lock();
            state.roots = roots;
            state.start_indexing()
        };
        let progress = self.progress.load(Ordering::Relaxed);
        tokio::spawn(indexing::index(self.shared.clone(), run, progress));
    }

    /// Custom request: the text the server holds for an open document.
    pub async fn document_text(&self, doc: TextDocumentIdentifier) -> Result<Option<DocumentText>> {
        let Some(path) = convert::path(&doc.uri) else {
            return Ok(None);
        };
        let text = self.shared.lock().document_text(&path);
        Ok(text.map(|(version, text)| DocumentText { version, text }))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let enc = convert::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let progress = caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        let watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        // `prepareProvider` may only be announced to a client that asks for it.
        let prepare_rename = caps
            .text_document
            .as_ref()
            .and_then(|t| t.rename.as_ref())
            .and_then(|r| r.prepare_support)
            .unwrap_or(false);
        let create_files = caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .is_some_and(|e| {
                e.document_changes == Some(true)
                    && e.resource_operations
                        .as_ref()
                        .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
            });
        self.create_files.store(create_files, Ordering::Relaxed);
        self.progress.store(progress, Ordering::Relaxed);
        self.watch_dynamic.store(watch, Ordering::Relaxed);
        #[allow(deprecated)] // `rootUri` is what older clients send
        let folders: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => folders
                .iter()
                .filter_map(|f| convert::path(&f.uri))
                .collect(),
            (_, Some(root)) => convert::path(root).into_iter().collect(),
            _ => Vec::new(),
        };
        let roots = folders.into_iter().map(Root::load).collect();
        {
            let mut state = self.shared.lock();
            state.encoding = Some(enc);
            state.roots = roots;
            // Indexing starts at `initialized`; until it ends, requests wait
            // and no diagnostics are computed against an empty workspace.
            state.start_indexing();
        }
        tokio::spawn(diagnostics::run(self.shared.clone()));
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(enc)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["@".into()]),
                    resolve_provider: Some(true),
                    ..CompletionOptions::default()
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                rename_provider: Some(if prepare_rename {
                    OneOf::Right(RenameOptions {
                        prepare_provider: Some(true),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    })
                } else {
                    OneOf::Left(true)
                }),
                semantic_tokens_provider: Some(
                    SemanticTokensOptions {
                        legend: convert::semantic_tokens_legend(),
                        range: Some(true),
                        full: Some(SemanticTokensFullOptions::Bool(true)),
                        ..SemanticTokensOptions::default()
                    }
                    .into(),
                ),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(true),
                }),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(convert::ANNOTATE_KIND),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "newsmark".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.watch_dynamic.load(Ordering::Relaxed) {
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: WATCHED
                        .iter()
                        .map(|g| FileSystemWatcher {
                            glob_pattern: GlobPattern::String(g.to_string()),
                            kind: None,
                        })
                        .collect(),
                };
                let registration = Registration {
                    id: "newsmark-watched-files".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = client.register_capability(vec![registration]).await {
                    let message = format!("the client refused to watch files: {e}");
                    client.log_message(MessageType::WARNING, message).await;
                }
            });
        }
        let run = self.shared.lock().start_indexing();
        let progress = self.progress.load(Ordering::Relaxed);
        tokio::spawn(indexing::index(self.shared.clone(), run, progress));
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if let Some(path) = convert::path(&doc.uri) {
            self.shared.lock().open(path, &doc.text, doc.version);
            self.shared.wake.notify_one();
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = convert::path(&doc.uri) else {
            return;
        };
        let changes: Vec<Change> = params
            .content_changes
            .into_iter()
            .map(|c| {
                let range = c
                    .range
                    .map(|r| (convert::line_col(r.start), convert::line_col(r.end)));
                (range, c.text)
            })
            .collect();
        if self.shared.lock().change(&path, doc.version, changes) {
            self.shared.wake.notify_one();
        } else {
            let message = format!(
                "change to a document that is not open: {}",
                doc.uri.as_str()
            );
            self.shared
                .client
                .log_message(MessageType::WARNING, message)
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some(path) = convert::path(&params.text_document.uri) {
            self.shared.lock().close(&path);
            self.shared.read_from_disk(vec![path]);
            self.shared.wake.notify_one();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut to_read = Vec::new();
        {
            let mut state = self.shared.lock();
            for change in &params.changes {
                let Some(path) = convert::path(&change.uri) else {
                    continue;
                };
                if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                    config_changed = true;
                } else if state.disk_changed(&path) {
                    to_read.push(path);
                }
            }
        }
        self.shared.read_from_disk(to_read);
        if config_changed {
            // New globs may take in or leave out any file: index again.
            self.reindex();
        }
        self.shared.wake.notify_one();
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = params
            .event
            .removed
            .iter()
            .filter_map(|f| convert::path(&f.uri))
            .collect();
        let mut folders: Vec<PathBuf> = {
            let state = self.shared.lock();
            state.roots.iter().map(|r| r.folder.clone()).collect()
        };
        folders.retain(|f| !removed.contains(f));
        folders.extend(
            params
                .event
                .added
                .iter()
                .filter_map(|f| convert::path(&f.uri)),
        );
        self.set_roots(folders);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let Some(at) = self.at(&params.text_document_position_params).await? else {
            return Ok(None);
        };
        compute("hover", move || {
            let h = hover::hover(&at.ws, &at.path, at.offset)?;
            Some(convert::hover(&at.file, h, at.enc))
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let Some(at) = self.at(&params.text_document_position_params).await? else {
            return Ok(None);
        };
        compute("definition", move || {
            let targets = definition::definition(&at.ws, &at.path, at.offset);
            let locations: Vec<Location> = targets
                .iter()
                .filter_map(|t| convert::location(&at.ws, t, at.enc))
                .collect();
            (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let Some(at) = self.at(&params.text_document_position).await? else {
            return Ok(None);
        };
        let include = params.context.include_declaration;
        compute("references", move || {
            let found = references::references(&at.ws, &at.path, at.offset, include);
            Some(
                found
                    .iter()
                    .filter_map(|r| convert::location(&at.ws, r, at.enc))
                    .collect(),
            )
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some(at) = self.at(&params.text_document_position).await? else {
            return Ok(None);
        };
        compute("completion", move || {
            let c = completion::completion(&at.ws, &at.path, at.offset)?;
            Some(convert::completion(&at.file, c, at.enc))
        })
        .await
    }

    async fn completion_resolve(&self, mut item: CompletionItem) -> Result<CompletionItem> {
        let data = item
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<convert::ItemData>(d).ok());
        let Some(data) = data else {
            return Ok(item);
        };
        let (ws, _, ()) = self.snapshot(None, Needs::Workspace, |_| ()).await?;
        let doc = compute("completion resolve", move || {
            completion::documentation(&ws, &data.path, &data.id)
        })
        .await?;
        item.documentation = doc.map(convert::markdown);
        Ok(item)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        // Symbols name the actors their ids resolve to.
        let Some(d) = self.doc(&params.text_document, Needs::Workspace).await? else {
            return Ok(None);
        };
        compute("document symbols", move || {
            let symbols = symbols::document_symbols(&d.ws, &d.file.path)
                .into_iter()
                .map(|s| convert::document_symbol(&d.file, s, d.enc))
                .collect();
            Some(DocumentSymbolResponse::Nested(symbols))
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (ws, enc, ()) = self.snapshot(None, Needs::Workspace, |_| ()).await?;
        compute("workspace symbols", move || {
            let symbols = symbols::workspace_symbols(&ws, &params.query, SYMBOL_LIMIT)
                .into_iter()
                .filter_map(|s| convert::workspace_symbol(&ws, s, enc))
                .collect();
            Some(WorkspaceSymbolResponse::Nested(symbols))
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(at) = self.at(&params).await? else {
            return Ok(None);
        };
        let target = compute("prepare rename", move || {
            rename::prepare_rename(&at.ws, &at.path, at.offset)
                .map(|t| convert::prepare_rename(&at.file, t, at.enc))
        })
        .await?;
        target
            .map(Some)
            .map_err(|rename::Refusal(message)| Error::invalid_params(message))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let doc = &params.text_document_position;
        let Some((at, versions)) = self.at_with(doc, State::versions).await? else {
            return Ok(None);
        };
        let new_name = params.new_name;
        let edit = compute("rename", move || {
            rename::rename(&at.ws, &at.path, at.offset, &new_name)
                .map(|files| convert::workspace_edit(&at.ws, files, &versions, at.enc))
        })
        .await?;
        edit.map(Some)
            .map_err(|rename::Refusal(message)| Error::invalid_params(message))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(d) = self.doc(&params.text_document, Needs::Document).await? else {
            return Ok(None);
        };
        compute("semantic tokens", move || {
            let tokens = semantic_tokens::semantic_tokens(&d.ws, &d.file.path, None);
            Some(convert::semantic_tokens(&d.file, &tokens, d.enc).into())
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(d) = self.doc(&params.text_document, Needs::Document).await? else {
            return Ok(None);
        };
        let range = params.range;
        compute("semantic tokens", move || {
            let within = convert::byte_range(&d.file, range, d.enc);
            let tokens = semantic_tokens::semantic_tokens(&d.ws, &d.file.path, Some(within));
            Some(convert::semantic_tokens(&d.file, &tokens, d.enc).into())
        })
        .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(d) = self.doc(&params.text_document, Needs::Workspace).await? else {
            return Ok(None);
        };
        compute("code lens", move || {
            let lenses = code_lens::code_lenses(&d.ws, &d.file.path);
            Some(
                lenses
                    .into_iter()
                    .map(|lens| convert::code_lens(&d.file, lens, d.enc))
                    .collect(),
            )
        })
        .await
    }

    async fn code_lens_resolve(&self, mut lens: CodeLens) -> Result<CodeLens> {
        let data = lens.data.clone();
        let data = data.and_then(|d| serde_json::from_value::<convert::LensData>(d).ok());
        let Some(data) = data else {
            return Ok(lens);
        };
        let (ws, enc, ()) = self.snapshot(None, Needs::Workspace, |_| ()).await?;
        let start = lens.range.start;
        let command = compute("code lens resolve", move || {
            let figures = code_lens::figures(&ws, &data.id);
            let locations = code_lens::locations(&ws, &data.id);
            convert::code_lens_command(&ws, &data, start, figures, &locations, enc)
        })
        .await?;
        lens.command = Some(command);
        Ok(lens)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        // Quick fixes, and "Annotate article" (`source.fixAll.newsmark`):
        // that one when asked for by kind, or with no kind asked when the
        // user invoked the menu (not on every cursor move).
        let only = params.context.only.as_deref().unwrap_or_default();
        let quick_fixes = convert::kind_asked(only, "quickfix");
        let annotate = convert::kind_asked(only, convert::ANNOTATE_KIND)
            && (!only.is_empty()
                || params.context.trigger_kind != Some(CodeActionTriggerKind::AUTOMATIC));
        if !quick_fixes && !annotate {
            return Ok(None);
        }
        let Some(path) = convert::path(&params.text_document.uri) else {
            return Ok(None);
        };
        let (ws, enc, versions) = self
            .snapshot(Some(&path), Needs::Workspace, State::versions)
            .await?;
        let create_files = self.create_files.load(Ordering::Relaxed);
        let range = params.range;
        compute("code actions", move || {
            let file = ws.file(&path)?;
            let range = convert::byte_range(file, range, enc);
            let quick = quick_fixes.then(|| code_actions::code_actions(&ws, &path, range));
            let draft = annotate
                .then(|| code_actions::annotate_article(&ws, &path, create_files))
                .flatten();
            let actions = quick
                .into_iter()
                .flatten()
                .chain(draft)
                .filter(|a| create_files || a.fix.edits.iter().all(|e| !e.create))
                .map(|a| convert::code_action(&ws, a, &versions, enc).into())
                .collect();
            Some(actions)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(d) = self.doc(&params.text_document, Needs::Workspace).await? else {
            return Ok(None);
        };
        let range = params.range;
        compute("inlay hints", move || {
            let within = convert::byte_range(&d.file, range, d.enc);
            let hints = inlay_hints::inlay_hints(&d.ws, &d.file.path, Some(within));
            Some(
                hints
                    .into_iter()
                    .map(|h| convert::inlay_hint(&d.file, h, d.enc))
                    .collect(),
            )
        })
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some(d) = self.doc(&params.text_document, Needs::Workspace).await? else {
            return Ok(None);
        };
        compute("document links", move || {
            let links = document_links::document_links(&d.ws, &d.file.path);
            Some(
                links
                    .into_iter()
                    .filter_map(|link| convert::document_link(&d.ws, &d.file, link, d.enc))
                    .collect(),
            )
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(d) = self.doc(&params.text_document, Needs::Document).await? else {
            return Ok(None);
        };
        compute("folding ranges", move || {
            let folds = folding::folding_ranges(&d.ws, &d.file.path);
            Some(
                folds
                    .into_iter()
                    .map(|fold| convert::folding_range(&d.file, fold))
                    .collect(),
            )
        })
        .await
    }
}
