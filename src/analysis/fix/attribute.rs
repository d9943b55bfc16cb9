//! "Attribute to X" and "Mark as scare quote / title / term": the edit that
//! puts a speaker or a class into a quotation's attribution: right after its
//! closing mark (`“…”{@lopez}`), into the block it already has (`{.partial}`
//! → `{@lopez .partial}`, or a span's `[…]{.partial}`), or as a block
//! quote's last line (`> {@lopez}`).

use super::{Certainty, FileEdit, Fix, FixKind, TextEdit};
use crate::model::Article;
use crate::syntax::QuoteKind;
use crate::workspace::Workspace;
use std::path::Path;

/// "Attribute to Maria Lopez (@lopez)" for a quotation (index into the
/// article's quotations), whoever `id` is: the editor lists every actor.
pub fn attribute(ws: &Workspace, path: &Path, q: usize, id: &str) -> Option<Fix> {
    let file = ws.file(path)?;
    let edit = add_item(&file.text, file.article()?, q, &format!("@{id}"))?;
    let name = ws
        .resolve(path, id)
        .map_or(id, |(_, actor)| actor.display_name());
    Some(Fix {
        title: format!("Attribute to {name} (@{id})"),
        kind: FixKind::Attribute { id: id.to_string() },
        certainty: Certainty::Offered,
        edits: vec![FileEdit {
            path: path.to_path_buf(),
            create: false,
            edits: vec![edit],
        }],
    })
}

/// "Mark as scare quote", "Mark as title", "Mark as term".
pub fn mark_non_speech(ws: &Workspace, path: &Path, q: usize, class: &'static str) -> Option<Fix> {
    let file = ws.file(path)?;
    let what = match class {
        "scare" => "scare quote",
        "title" => "title",
        "term" => "term",
        _ => return None,
    };
    let edit = add_item(&file.text, file.article()?, q, &format!(".{class}"))?;
    Some(Fix {
        title: format!("Mark as {what}"),
        kind: FixKind::MarkNonSpeech { class },
        certainty: Certainty::Offered,
        edits: vec![FileEdit {
            path: path.to_path_buf(),
            create: false,
            edits: vec![edit],
        }],
    })
}

/// The edit that adds `item` (`@lopez`, `.scare`) to a quotation's
/// attribution.
pub fn add_item(text: &str, article: &Article, q: usize, item: &str) -> Option<TextEdit> {
    let quotation = article.quotations.get(q)?;
    if let Some(a) = quotation.effective_attribution() {
        let block = article.attributions[a].range;
        let inner = text.get(block.start() + 1..block.end().saturating_sub(1))?;
        let space = if inner.trim().is_empty() { "" } else { " " };
        return Some(TextEdit::insert(
            block.start() + 1,
            format!("{item}{space}"),
        ));
    }
    let end = quotation.range.end();
    if quotation.kind != QuoteKind::Block {
        return Some(TextEdit::insert(end, format!("{{{item}}}")));
    }
    // A last line with as many `>` as the block quote is deep; after a block
    // quote nested in it, a separating line first (else the line would
    // continue the nested one).
    let line_of = |at: usize| &text[text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)..at];
    let depth = line_of(quotation.range.start()).matches('>').count() + 1;
    let last = line_of(end);
    let last_depth = last[..last.len() - last.trim_start_matches(['>', ' ', '\t']).len()]
        .matches('>')
        .count();
    let prefix = vec![">"; depth].join(" ");
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let separator = if last_depth > depth {
        format!("{newline}{prefix}")
    } else {
        String::new()
    };
    Some(TextEdit::insert(
        end,
        format!("{separator}{newline}{prefix} {{{item}}}"),
    ))
}
