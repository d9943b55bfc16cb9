//! Conversions between the core's answers (paths, byte ranges) and the
//! protocol's types (URIs, positions in the negotiated encoding). Positions go
//! through [`crate::text::LineIndex`], the one conversion module.

use crate::analysis::at_offset::FileRange;
use crate::analysis::code_actions::Action;
use crate::analysis::completion::{Completion, Context};
use crate::analysis::edit::FileEdit;
use crate::analysis::fix::FixKind;
use crate::analysis::semantic_tokens::{Modifier, Token, TokenKind};
use crate::analysis::symbols::{Symbol, SymbolKind, WorkspaceSymbol};
use crate::analysis::{self, Severity};
use crate::analysis::{code_lens, folding, inlay_hints, rename};
use crate::text::{Encoding, LineCol, LineIndex, TextRange};
use crate::workspace::{File, Workspace};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types as lsp;

pub fn encoding_kind(enc: Encoding) -> lsp::PositionEncodingKind {
    match enc {
        Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        Encoding::Utf32 => lsp::PositionEncodingKind::UTF32,
    }
}

/// The client's preferred encoding among those we like: UTF-8, else
/// UTF-32, else the protocol's default UTF-16.
pub fn negotiate(offered: Option<&[lsp::PositionEncodingKind]>) -> Encoding {
    let offered = offered.unwrap_or_default();
    if offered.contains(&lsp::PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&lsp::PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

pub fn path(uri: &lsp::Uri) -> Option<PathBuf> {
    let scheme = uri.scheme();
    if !scheme.as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn uri(path: &Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

pub fn line_col(pos: lsp::Position) -> LineCol {
    LineCol {
        line: pos.line,
        col: pos.character,
    }
}

pub fn position(file: &File, offset: usize, enc: Encoding) -> lsp::Position {
    position_in(file.line_index(), &file.text, offset, enc)
}

fn position_in(lines: &LineIndex, text: &str, offset: usize, enc: Encoding) -> lsp::Position {
    let lc = lines.line_col(text, offset, enc);
    lsp::Position::new(lc.line, lc.col)
}

pub fn range(file: &File, range: TextRange, enc: Encoding) -> lsp::Range {
    range_in(file.line_index(), &file.text, range, enc)
}

fn range_in(lines: &LineIndex, text: &str, range: TextRange, enc: Encoding) -> lsp::Range {
    lsp::Range::new(
        position_in(lines, text, range.start(), enc),
        position_in(lines, text, range.end(), enc),
    )
}

/// [`range`] in a file that may not be the request's. An article is one of
/// the many a request may point into: its line index is made for this
/// alone (see [`File::with_line_index`]). A registry is one of few, and
/// long: its index is kept.
fn range_elsewhere(file: &File, range: TextRange, enc: Encoding) -> lsp::Range {
    if file.is_article() {
        file.with_line_index(|lines| range_in(lines, &file.text, range, enc))
    } else {
        self::range(file, range, enc)
    }
}

/// The byte offset of a position in a file, or `None` for a line past the
/// end (a column past the end of its line is clamped).
pub fn offset(file: &File, pos: lsp::Position, enc: Encoding) -> Option<usize> {
    if pos.line as usize >= file.line_index().line_count() {
        return None;
    }
    Some(file.line_index().offset(&file.text, line_col(pos), enc))
}

/// A mention's link. The target opens the defining file at the key's line
/// and column (`#L12,5`, the fragment VS Code and others follow).
pub fn document_link(
    ws: &Workspace,
    file: &File,
    link: analysis::document_links::Link,
    enc: Encoding,
) -> Option<lsp::DocumentLink> {
    let target_file = ws.file(&link.target.path)?;
    let at = position(target_file, link.target.range.start(), enc);
    let target = format!(
        "{}#L{},{}",
        uri(&link.target.path)?.as_str(),
        at.line + 1,
        at.character + 1
    );
    let text = link.range.slice(&file.text);
    Some(lsp::DocumentLink {
        range: range(file, link.range, enc),
        target: target.parse().ok(),
        tooltip: Some(if link.defined {
            format!("Go to the actor {text}")
        } else {
            format!("{text} is not defined")
        }),
        data: None,
    })
}

pub fn location(ws: &Workspace, at: &FileRange, enc: Encoding) -> Option<lsp::Location> {
    let file = ws.file(&at.path)?;
    Some(lsp::Location::new(
        uri(&at.path)?,
        range_elsewhere(file, at.range, enc),
    ))
}

pub fn diagnostic(
    ws: &Workspace,
    d: &analysis::Diagnostic,
    enc: Encoding,
) -> Option<lsp::Diagnostic> {
    Some(diagnostic_in(ws, ws.file(&d.path)?, d, enc))
}

/// [`diagnostic`] of a file already in hand, which need not be the
/// workspace's (an article analysed while the workspace is indexed).
pub fn diagnostic_in(
    ws: &Workspace,
    file: &File,
    d: &analysis::Diagnostic,
    enc: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let at = if r.path == file.path {
                file
            } else {
                ws.file(&r.path)?
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri(&r.path)?, range(at, r.range, enc)),
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(file, d.range, enc),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        source: Some("newsmark".into()),
        message: if d.help.is_empty() {
            d.message.clone()
        } else {
            format!("{}\nhelp: {}", d.message, d.help)
        },
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

pub fn hover(file: &File, h: analysis::hover::Hover, enc: Encoding) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(range(file, h.range, enc)),
    }
}

/// What a completion item carries until it is resolved.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ItemData {
    pub path: PathBuf,
    pub id: String,
}

pub fn completion(file: &File, c: Completion, enc: Encoding) -> lsp::CompletionResponse {
    let replace = range(file, c.replace, enc);
    let items = c
        .items
        .into_iter()
        .map(|item| lsp::CompletionItem {
            label: item.id.clone(),
            kind: Some(match (c.context, item.kind.as_deref()) {
                (_, Some("person")) => lsp::CompletionItemKind::CONSTRUCTOR,
                (Context::Org, _) | (_, Some("organization")) => lsp::CompletionItemKind::MODULE,
                _ => lsp::CompletionItemKind::REFERENCE,
            }),
            label_details: Some(lsp::CompletionItemLabelDetails {
                detail: None,
                description: Some(item.detail.clone()),
            }),
            detail: Some(item.detail),
            data: serde_json::to_value(ItemData {
                path: file.path.clone(),
                id: item.id.clone(),
            })
            .ok(),
            // The core's order: used in the article, then how well it matched.
            sort_text: Some(format!(
                "{}{}{}",
                if item.used { 0 } else { 1 },
                item.matched as u8,
                item.id
            )),
            filter_text: Some(item.filter),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                replace,
                item.insert,
            ))),
            ..lsp::CompletionItem::default()
        })
        .collect();
    // A cut list makes the editor ask again as the user types.
    lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: c.incomplete,
        items,
    })
}

pub fn markdown(value: String) -> lsp::Documentation {
    lsp::Documentation::MarkupContent(lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value,
    })
}

fn symbol_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Actor => lsp::SymbolKind::OBJECT,
        SymbolKind::Quotation => lsp::SymbolKind::STRING,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbol(file: &File, s: Symbol, enc: Encoding) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: range(file, s.range, enc),
        selection_range: range(file, s.selection, enc),
        children: None,
    }
}

pub fn workspace_symbol(
    ws: &Workspace,
    s: WorkspaceSymbol,
    enc: Encoding,
) -> Option<lsp::WorkspaceSymbol> {
    Some(lsp::WorkspaceSymbol {
        name: s.name,
        kind: lsp::SymbolKind::OBJECT,
        tags: None,
        container_name: Some(s.detail),
        location: lsp::OneOf::Left(location(ws, &s.location, enc)?),
        data: None,
    })
}

// Rename, semantic tokens, code lenses and folding ranges.

/// The id a rename starts from, with the id itself as the text to edit.
pub fn prepare_rename(file: &File, t: rename::Target, enc: Encoding) -> lsp::PrepareRenameResponse {
    lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range: range(file, t.range, enc),
        placeholder: t.id,
    }
}

/// A rename as one workspace edit of versioned document changes: an open
/// document names the version the edit was computed on, a file only on disk
/// names none (`null`).
pub fn workspace_edit(
    ws: &Workspace,
    files: Vec<FileEdit>,
    versions: &HashMap<PathBuf, i32>,
    enc: Encoding,
) -> lsp::WorkspaceEdit {
    let creates = files.iter().any(|fe| fe.create);
    let mut operations = Vec::new();
    for fe in files {
        let Some(uri) = uri(&fe.path) else { continue };
        let edits = if fe.create {
            // A new file: its one edit is its whole text, at 0:0.
            operations.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(
                lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(false),
                    }),
                    annotation_id: None,
                },
            )));
            let text: String = fe.edits.into_iter().map(|e| e.new_text).collect();
            vec![lsp::TextEdit::new(lsp::Range::default(), text)]
        } else {
            let Some(file) = ws.file(&fe.path) else {
                continue;
            };
            fe.edits
                .into_iter()
                .map(|e| lsp::TextEdit::new(range_elsewhere(file, e.range, enc), e.new_text))
                .collect()
        };
        operations.push(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
            text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                version: versions.get(&fe.path).copied(),
                uri,
            },
            edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
        }));
    }
    let document_changes = if creates {
        lsp::DocumentChanges::Operations(operations)
    } else {
        let edits = operations.into_iter().filter_map(|op| match op {
            lsp::DocumentChangeOperation::Edit(e) => Some(e),
            lsp::DocumentChangeOperation::Op(_) => None,
        });
        lsp::DocumentChanges::Edits(edits.collect())
    };
    lsp::WorkspaceEdit {
        document_changes: Some(document_changes),
        ..lsp::WorkspaceEdit::default()
    }
}

/// The kind of the "Annotate article" source action.
pub const ANNOTATE_KIND: &str = "source.fixAll.newsmark";

/// Whether a client's `only` list asks for actions of `kind`: no list, or
/// an entry that is `kind` or a prefix of it (`source`, `source.fixAll`).
pub fn kind_asked(only: &[lsp::CodeActionKind], kind: &str) -> bool {
    only.is_empty()
        || only.iter().any(|k| {
            let k = k.as_str();
            k.is_empty() || kind == k || kind.strip_prefix(k).is_some_and(|r| r.starts_with('.'))
        })
}

/// A quick fix, with the diagnostic it resolves.
pub fn code_action(
    ws: &Workspace,
    action: Action,
    versions: &HashMap<PathBuf, i32>,
    enc: Encoding,
) -> lsp::CodeAction {
    let preferred = action.preferred();
    let kind = match action.fix.kind {
        FixKind::Annotate => lsp::CodeActionKind::new(ANNOTATE_KIND),
        _ => lsp::CodeActionKind::QUICKFIX,
    };
    lsp::CodeAction {
        title: action.fix.title,
        kind: Some(kind),
        diagnostics: action
            .diagnostic
            .and_then(|d| diagnostic(ws, &d, enc))
            .map(|d| vec![d]),
        edit: Some(workspace_edit(ws, action.fix.edits, versions, enc)),
        is_preferred: preferred.then_some(true),
        ..lsp::CodeAction::default()
    }
}

pub fn inlay_hint(file: &File, hint: inlay_hints::InlayHint, enc: Encoding) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position(file, hint.offset, enc),
        label: lsp::InlayHintLabel::String(hint.label),
        kind: None,
        text_edits: None,
        tooltip: hint
            .previous
            .then(|| lsp::InlayHintTooltip::String("the previous speaker (`{@}`)".into())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// The standard token type each kind is shown as, so that themes colour
/// them without any configuration.
fn token_type(kind: TokenKind) -> lsp::SemanticTokenType {
    match kind {
        TokenKind::Id => lsp::SemanticTokenType::VARIABLE,
        TokenKind::MentionText => lsp::SemanticTokenType::CLASS,
        TokenKind::PreviousSpeaker => lsp::SemanticTokenType::KEYWORD,
        TokenKind::Punctuation => lsp::SemanticTokenType::OPERATOR,
        TokenKind::Class => lsp::SemanticTokenType::DECORATOR,
        TokenKind::Key | TokenKind::FrontMatterKey => lsp::SemanticTokenType::PROPERTY,
        TokenKind::Value => lsp::SemanticTokenType::ENUM_MEMBER,
        TokenKind::Quotation => lsp::SemanticTokenType::STRING,
    }
}

/// Standard modifiers. An unattributed quotation is `deprecated`: some
/// clients strike it through (Neovim, coc.nvim), and any theme can style
/// `string.deprecated`.
fn token_modifier(modifier: Modifier) -> lsp::SemanticTokenModifier {
    match modifier {
        Modifier::Definition => lsp::SemanticTokenModifier::DECLARATION,
        Modifier::Attributed => lsp::SemanticTokenModifier::READONLY,
        Modifier::Unattributed => lsp::SemanticTokenModifier::DEPRECATED,
    }
}

/// The legend: token types in the order of [`TokenKind::ALL`], modifiers in
/// the order of [`Modifier::ALL`], so kinds and bits pass through as they are.
pub fn semantic_tokens_legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TokenKind::ALL.iter().map(|k| token_type(*k)).collect(),
        token_modifiers: Modifier::ALL.iter().map(|m| token_modifier(*m)).collect(),
    }
}

/// Tokens (sorted, disjoint, each within a line) in the protocol's relative
/// encoding, with lengths in the negotiated unit.
pub fn semantic_tokens(file: &File, tokens: &[Token], enc: Encoding) -> lsp::SemanticTokens {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut line, mut col) = (0, 0);
    for t in tokens {
        let start = file.line_index().line_col(&file.text, t.range.start(), enc);
        let end = file.line_index().line_col(&file.text, t.range.end(), enc);
        if end.line != start.line || end.col <= start.col {
            continue; // never so from the core; a token must not span lines
        }
        let delta_start = if start.line == line {
            start.col - col
        } else {
            start.col
        };
        data.push(lsp::SemanticToken {
            delta_line: start.line - line,
            delta_start,
            length: end.col - start.col,
            token_type: t.kind.index(),
            token_modifiers_bitset: t.modifiers,
        });
        (line, col) = (start.line, start.col);
    }
    lsp::SemanticTokens {
        result_id: None,
        data,
    }
}

/// The byte range of a protocol range; positions past the end are clamped.
pub fn byte_range(file: &File, r: lsp::Range, enc: Encoding) -> TextRange {
    let at = |pos| offset(file, pos, enc).unwrap_or(file.text.len());
    let start = at(r.start);
    TextRange::new(start, at(r.end).max(start))
}

/// What a code lens carries until it is resolved.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct LensData {
    pub path: PathBuf,
    pub id: String,
}

/// A code lens without its command: figures and references are worked out
/// when the client resolves it (only for lenses on screen).
pub fn code_lens(file: &File, lens: code_lens::Lens, enc: Encoding) -> lsp::CodeLens {
    lsp::CodeLens {
        range: range(file, lens.range, enc),
        command: None,
        data: serde_json::to_value(LensData {
            path: file.path.clone(),
            id: lens.id,
        })
        .ok(),
    }
}

/// The figures as the title, and a click that shows the references with
/// VS Code's `editor.action.showReferences` (URI, position, locations), the
/// usual convention; clients without that command still show the title.
pub fn code_lens_command(
    ws: &Workspace,
    data: &LensData,
    at: lsp::Position,
    figures: code_lens::Figures,
    locations: &[FileRange],
    enc: Encoding,
) -> lsp::Command {
    let locations: Vec<lsp::Location> = locations
        .iter()
        .filter_map(|l| location(ws, l, enc))
        .collect();
    let arguments = uri(&data.path).map(|u| {
        vec![
            serde_json::json!(u),
            serde_json::json!(at),
            serde_json::json!(locations),
        ]
    });
    lsp::Command {
        title: figures.title(),
        command: "editor.action.showReferences".into(),
        arguments,
    }
}

pub fn folding_range(file: &File, fold: folding::Fold) -> lsp::FoldingRange {
    let line = |offset| file.line_index().line_of(offset) as u32;
    lsp::FoldingRange {
        start_line: line(fold.range.start()),
        end_line: line(fold.range.end()),
        ..lsp::FoldingRange::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_negotiated_in_order_of_preference() {
        use lsp::PositionEncodingKind as K;
        assert_eq!(negotiate(None), Encoding::Utf16);
        assert_eq!(negotiate(Some(&[K::UTF16, K::UTF32])), Encoding::Utf32);
        assert_eq!(
            negotiate(Some(&[K::UTF16, K::UTF32, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(negotiate(Some(&[K::from("utf-7")])), Encoding::Utf16);
    }

    #[test]
    fn places_in_other_files_keep_no_line_index() {
        use crate::analysis::edit::TextEdit;
        let path = PathBuf::from("/b.news.md");
        let mut file = File::new(
            path.clone(),
            crate::workspace::FileKind::Article,
            "x\n“Hi.”{@ann}\n",
        );
        file.forget_model();
        let mut ws = Workspace::default();
        ws.set_file(file);
        let ann = TextRange::new(13, 16);
        let held = |ws: &Workspace| ws.file(&path).unwrap().has_line_index();
        let at = FileRange {
            path: path.clone(),
            range: ann,
        };
        let found = location(&ws, &at, Encoding::Utf16).unwrap();
        assert_eq!(
            found.range,
            lsp::Range::new(lsp::Position::new(1, 7), lsp::Position::new(1, 10))
        );
        let edit = FileEdit {
            path: path.clone(),
            create: false,
            edits: vec![TextEdit {
                range: ann,
                new_text: "bo".into(),
            }],
        };
        let edit = workspace_edit(&ws, vec![edit], &HashMap::new(), Encoding::Utf16);
        let json = serde_json::to_string(&edit).unwrap();
        assert!(
            json.contains(r#""start":{"line":1,"character":7}"#),
            "{json}"
        );
        assert!(!held(&ws), "a line index was kept");
        // The request's own file keeps it: its positions are read again.
        position(ws.file(&path).unwrap(), 13, Encoding::Utf16);
        assert!(held(&ws));
        // So does a registry: there are few, and they are long.
        let registry = PathBuf::from("/actors.yaml");
        ws.set_file(File::new(
            registry.clone(),
            crate::workspace::FileKind::Registry,
            "ann:\n  name: Ann\n",
        ));
        let at = FileRange {
            path: registry.clone(),
            range: TextRange::new(0, 3),
        };
        assert!(location(&ws, &at, Encoding::Utf16).is_some());
        assert!(ws.file(&registry).unwrap().has_line_index());
    }

    #[test]
    fn ranges_and_offsets_round_trip_and_clamp() {
        let file = File::new(
            PathBuf::from("/a.news.md"),
            crate::workspace::FileKind::Article,
            "“😀” [X](@x)\r\nnext",
        );
        let x = file.text.find("@x").unwrap() + 1;
        let r = range(&file, TextRange::new(x, x + 1), Encoding::Utf16);
        assert_eq!((r.start.line, r.start.character), (0, 10));
        assert_eq!(offset(&file, r.start, Encoding::Utf16), Some(x));
        let r8 = range(&file, TextRange::new(x, x + 1), Encoding::Utf8);
        assert_eq!(r8.start.character, 16);
        assert_eq!(
            offset(&file, lsp::Position::new(0, 999), Encoding::Utf16),
            Some(file.text.find('\r').unwrap())
        );
        assert_eq!(
            offset(&file, lsp::Position::new(5, 0), Encoding::Utf16),
            None
        );
    }

    #[test]
    fn file_uris() {
        let p = Path::new("/tmp/some dir/a.news.md");
        let u = uri(p).unwrap();
        assert_eq!(u.as_str(), "file:///tmp/some%20dir/a.news.md");
        assert_eq!(path(&u).unwrap(), p);
        let untitled: lsp::Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(path(&untitled), None);
    }
}
