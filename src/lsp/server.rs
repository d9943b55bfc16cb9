//! The protocol handlers. Notifications change the state synchronously, before
//! any `.await`, so changes apply in arrival order; requests take a snapshot,
//! call one analysis function under a panic guard, and convert its answer.

use super::state::{Change, Root, State};
use super::{Shared, convert, diagnostics, guard, indexing};
use crate::analysis::{code_actions, code_lens, folding, inlay_hints, rename, semantic_tokens};
use crate::analysis::{completion, definition, hover, references, symbols};
use crate::text::Encoding;
use crate::workspace::config::CONFIG_FILE;
use crate::workspace::{File, Workspace};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
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

/// The answer of the `newsmark/documentText` request.
#[derive(Serialize, Deserialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            shared: Shared::new(client),
            shutdown,
            progress: AtomicBool::new(false),
            watch_dynamic: AtomicBool::new(false),
            create_files: AtomicBool::new(false),
        }
    }

    /// The snapshot, file and byte offset of a position; `None` for an
    /// unknown document or a line past its end.
    fn at(&self, doc: &TextDocumentPositionParams) -> Option<At> {
        self.at_with(doc, |_| ()).map(|(at, ())| at)
    }

    /// As [`Backend::at`], with `more` taken from the state under the same
    /// lock, so that it agrees with the snapshot.
    fn at_with<T>(
        &self,
        doc: &TextDocumentPositionParams,
        more: impl FnOnce(&State) -> T,
    ) -> Option<(At, T)> {
        let path = convert::path(&doc.text_document.uri)?;
        let (ws, enc, more) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding(), more(&state))
        };
        let file = ws.file(&path)?.clone();
        let offset = convert::offset(&file, doc.position, enc)?;
        let at = At {
            ws,
            file,
            path,
            offset,
            enc,
        };
        Some((at, more))
    }

    /// The snapshot and file of a whole-document request.
    fn doc(&self, doc: &TextDocumentIdentifier) -> Option<Doc> {
        let path = convert::path(&doc.uri)?;
        let (ws, enc) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding())
        };
        let file = ws.file(&path)?.clone();
        Some(Doc { ws, file, enc })
    }

    fn reindex(&self) {
        let folders: Vec<PathBuf> = {
            let state = self.shared.lock();
            state.roots.iter().map(|r| r.folder.clone()).collect()
        };
        self.set_roots(folders);
    }

    fn set_roots(&self, folders: Vec<PathBuf>) {
        let roots = folders.into_iter().map(Root::load).collect();
        self.shared.lock().roots = roots;
        let progress = self.progress.load(Ordering::Relaxed);
        tokio::spawn(indexing::index(self.shared.clone(), progress));
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
        {
            let mut state = self.shared.lock();
            state.encoding = Some(enc);
            state.roots = folders.into_iter().map(Root::load).collect();
            // Indexing starts at `initialized`; a document opened before it
            // ends must not be reported against an empty workspace.
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
                    eprintln!("newsmark lsp: the client refused to watch files: {e}");
                }
            });
        }
        let progress = self.progress.load(Ordering::Relaxed);
        tokio::spawn(indexing::index(self.shared.clone(), progress));
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
            eprintln!(
                "newsmark lsp: change to a document that is not open: {}",
                doc.uri.as_str()
            );
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some(path) = convert::path(&params.text_document.uri) {
            self.shared.lock().close(&path);
            self.shared.wake.notify_one();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        {
            let mut state = self.shared.lock();
            for change in &params.changes {
                let Some(path) = convert::path(&change.uri) else {
                    continue;
                };
                if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                    config_changed = true;
                } else {
                    state.disk_changed(&path);
                }
            }
        }
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
        let Some(at) = self.at(&params.text_document_position_params) else {
            return Ok(None);
        };
        Ok(guard("hover", || {
            let h = hover::hover(&at.ws, &at.path, at.offset)?;
            Some(convert::hover(&at.file, h, at.enc))
        })
        .flatten())
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let Some(at) = self.at(&params.text_document_position_params) else {
            return Ok(None);
        };
        Ok(guard("definition", || {
            let targets = definition::definition(&at.ws, &at.path, at.offset);
            let locations: Vec<Location> = targets
                .iter()
                .filter_map(|t| convert::location(&at.ws, t, at.enc))
                .collect();
            (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
        })
        .flatten())
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let Some(at) = self.at(&params.text_document_position) else {
            return Ok(None);
        };
        let include = params.context.include_declaration;
        Ok(guard("references", || {
            references::references(&at.ws, &at.path, at.offset, include)
                .iter()
                .filter_map(|r| convert::location(&at.ws, r, at.enc))
                .collect()
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some(at) = self.at(&params.text_document_position) else {
            return Ok(None);
        };
        Ok(guard("completion", || {
            let c = completion::completion(&at.ws, &at.path, at.offset)?;
            Some(convert::completion(&at.file, c, at.enc))
        })
        .flatten())
    }

    async fn completion_resolve(&self, mut item: CompletionItem) -> Result<CompletionItem> {
        let data = item
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<convert::ItemData>(d).ok());
        if let Some(data) = data {
            let ws = self.shared.lock().snapshot();
            let doc = guard("completion resolve", || {
                completion::documentation(&ws, &data.path, &data.id)
            });
            item.documentation = doc.flatten().map(convert::markdown);
        }
        Ok(item)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(path) = convert::path(&params.text_document.uri) else {
            return Ok(None);
        };
        let (ws, enc) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding())
        };
        let Some(file) = ws.file(&path) else {
            return Ok(None);
        };
        Ok(guard("document symbols", || {
            let symbols = symbols::document_symbols(&ws, &path)
                .into_iter()
                .map(|s| convert::document_symbol(file, s, enc))
                .collect();
            DocumentSymbolResponse::Nested(symbols)
        }))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (ws, enc) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding())
        };
        Ok(guard("workspace symbols", || {
            let symbols = symbols::workspace_symbols(&ws, &params.query, SYMBOL_LIMIT)
                .into_iter()
                .filter_map(|s| convert::workspace_symbol(&ws, s, enc))
                .collect();
            WorkspaceSymbolResponse::Nested(symbols)
        }))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(at) = self.at(&params) else {
            return Ok(None);
        };
        let target = guard("prepare rename", || {
            rename::prepare_rename(&at.ws, &at.path, at.offset)
        });
        match target {
            Some(Ok(t)) => Ok(Some(convert::prepare_rename(&at.file, t, at.enc))),
            Some(Err(rename::Refusal(message))) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let doc = &params.text_document_position;
        let Some((at, versions)) = self.at_with(doc, State::versions) else {
            return Ok(None);
        };
        let edits = guard("rename", || {
            rename::rename(&at.ws, &at.path, at.offset, &params.new_name)
        });
        match edits {
            Some(Ok(files)) => Ok(Some(convert::workspace_edit(
                &at.ws, files, &versions, at.enc,
            ))),
            Some(Err(rename::Refusal(message))) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(d) = self.doc(&params.text_document) else {
            return Ok(None);
        };
        Ok(guard("semantic tokens", || {
            let tokens = semantic_tokens::semantic_tokens(&d.ws, &d.file.path, None);
            convert::semantic_tokens(&d.file, &tokens, d.enc).into()
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(d) = self.doc(&params.text_document) else {
            return Ok(None);
        };
        let within = convert::byte_range(&d.file, params.range, d.enc);
        Ok(guard("semantic tokens", || {
            let tokens = semantic_tokens::semantic_tokens(&d.ws, &d.file.path, Some(within));
            convert::semantic_tokens(&d.file, &tokens, d.enc).into()
        }))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(d) = self.doc(&params.text_document) else {
            return Ok(None);
        };
        Ok(guard("code lens", || {
            code_lens::code_lenses(&d.ws, &d.file.path)
                .into_iter()
                .map(|lens| convert::code_lens(&d.file, lens, d.enc))
                .collect()
        }))
    }

    async fn code_lens_resolve(&self, mut lens: CodeLens) -> Result<CodeLens> {
        let data = lens.data.clone();
        let data = data.and_then(|d| serde_json::from_value::<convert::LensData>(d).ok());
        let Some(data) = data else {
            return Ok(lens);
        };
        let (ws, enc) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding())
        };
        lens.command = guard("code lens resolve", || {
            let figures = code_lens::figures(&ws, &data.id);
            let locations = code_lens::locations(&ws, &data.id);
            convert::code_lens_command(&ws, &data, lens.range.start, figures, &locations, enc)
        });
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
        let (ws, enc, versions) = {
            let mut state = self.shared.lock();
            (state.snapshot(), state.encoding(), state.versions())
        };
        let Some(file) = ws.file(&path) else {
            return Ok(None);
        };
        let range = convert::byte_range(file, params.range, enc);
        let create_files = self.create_files.load(Ordering::Relaxed);
        Ok(guard("code actions", || {
            let quick = quick_fixes.then(|| code_actions::code_actions(&ws, &path, range));
            let draft = annotate
                .then(|| code_actions::annotate_article(&ws, &path, create_files))
                .flatten();
            quick
                .into_iter()
                .flatten()
                .chain(draft)
                .filter(|a| create_files || a.fix.edits.iter().all(|e| !e.create))
                .map(|a| convert::code_action(&ws, a, &versions, enc).into())
                .collect()
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(d) = self.doc(&params.text_document) else {
            return Ok(None);
        };
        let within = convert::byte_range(&d.file, params.range, d.enc);
        Ok(guard("inlay hints", || {
            inlay_hints::inlay_hints(&d.ws, &d.file.path, Some(within))
                .into_iter()
                .map(|h| convert::inlay_hint(&d.file, h, d.enc))
                .collect()
        }))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(d) = self.doc(&params.text_document) else {
            return Ok(None);
        };
        Ok(guard("folding ranges", || {
            folding::folding_ranges(&d.ws, &d.file.path)
                .into_iter()
                .map(|fold| convert::folding_range(&d.file, fold))
                .collect()
        }))
    }
}
