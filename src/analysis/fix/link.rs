//! "Link mention" and "Link all mentions of X in this article": a known
//! actor's name or alias written as plain prose (`Lopez said`) becomes a
//! mention link (`[Lopez](@lopez) said`).
//!
//! A plain mention is a run of words that starts with a capital letter (or
//! "the") and names exactly one actor: by its full name or an alias (article-local or
//! registry), or by a surname when the article already refers to that actor.
//! Code, links, attribute blocks and front matter are never searched. Every
//! edit is checked by reading the result again: one that does not yield
//! exactly the intended mentions (inside another link's text, say) is not
//! offered.

use super::{Certainty, FileEdit, Fix, FixKind, TextEdit, apply};
use crate::attribution::Names;
use crate::model::{self, Article};
use crate::text::{TextRange, merge_sorted};
use crate::workspace::{File, Workspace};
use std::path::Path;

/// The most words one name may have.
const MAX_WORDS: usize = 6;

/// A known actor's name written as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlainMention {
    pub range: TextRange,
    pub id: String,
}

/// Every plain mention of a known actor in an article, in text order; only
/// in the runs of prose that meet `within`, when given (a cursor needs its
/// paragraph, not the whole article, read).
pub fn plain_mentions(ws: &Workspace, file: &File, within: Option<TextRange>) -> Vec<PlainMention> {
    let Some(article) = file.article() else {
        return Vec::new();
    };
    let text: &str = &file.text;
    let meets =
        |r: &&TextRange| within.is_none_or(|w| r.start() <= w.end() && w.start() <= r.end());
    let mut runs = article.prose.iter().filter(meets).peekable();
    if runs.peek().is_none() {
        return Vec::new();
    }
    let names = Names::new(ws, article, text);
    let skip = skipped(article);
    let mut out = Vec::new();
    for run in runs {
        let words: Vec<TextRange> = words(text, *run)
            .filter(|w| !overlaps_any(&skip, *w))
            .collect();
        let mut i = 0;
        while i < words.len() {
            let found = starts_name(text, words[i])
                .then(|| longest_name(text, &words[i..], &names))
                .flatten();
            match found {
                Some((n, range, id)) => {
                    out.push(PlainMention {
                        range,
                        id: id.to_string(),
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// "Link “Lopez” to Maria Lopez (@lopez)".
pub fn link_mention(ws: &Workspace, path: &Path, plain: &PlainMention) -> Option<Fix> {
    let file = ws.file(path)?;
    let written = plain.range.slice(&file.text);
    let name = display_name(ws, file, &plain.id);
    let title = format!("Link “{written}” to {name} (@{})", plain.id);
    let kind = FixKind::LinkMention {
        id: plain.id.clone(),
    };
    link(file, std::slice::from_ref(plain), title, kind)
}

/// "Link all 3 mentions of Maria Lopez (@lopez) in this article": every
/// plain mention of the actor of `plain`, when there is more than one.
pub fn link_all(ws: &Workspace, path: &Path, plains: &[PlainMention], id: &str) -> Option<Fix> {
    let file = ws.file(path)?;
    let same: Vec<PlainMention> = plains.iter().filter(|p| p.id == id).cloned().collect();
    if same.len() < 2 {
        return None;
    }
    let name = display_name(ws, file, id);
    let title = format!(
        "Link all {} mentions of {name} (@{id}) in this article",
        same.len()
    );
    let kind = FixKind::LinkAllMentions { id: id.to_string() };
    link(file, &same, title, kind)
}

/// One fix linking each of `plains` (any actors), titled `title`; `None`
/// unless the result reads back as exactly those new mentions.
pub fn link_each(
    ws: &Workspace,
    path: &Path,
    plains: &[PlainMention],
    title: String,
) -> Option<Fix> {
    let file = ws.file(path)?;
    link(file, plains, title, FixKind::Annotate)
}

fn display_name<'a>(ws: &'a Workspace, file: &'a File, id: &'a str) -> &'a str {
    ws.resolve_in(file, id)
        .map_or(id, |(_, actor)| actor.display_name())
}

/// The fix turning `plains` into links, if the result reads back as exactly
/// those new mentions and nothing else changed in the article's structure.
fn link(file: &File, plains: &[PlainMention], title: String, kind: FixKind) -> Option<Fix> {
    let text: &str = &file.text;
    let edits: Vec<TextEdit> = plains
        .iter()
        .map(|p| TextEdit {
            range: p.range,
            new_text: format!("[{}](@{})", p.range.slice(text), p.id),
        })
        .collect();
    let before = file.article()?;
    let after = model::lower(&apply(text, &edits));
    let n = plains.len();
    let reads_back = after.mentions.len() == before.mentions.len() + n
        && after.masked.len() == before.masked.len() + n
        && after.quotations.len() == before.quotations.len()
        && after.attributions.len() == before.attributions.len()
        && after.syntax_errors.len() == before.syntax_errors.len();
    if !reads_back {
        return None;
    }
    Some(Fix {
        title,
        kind,
        certainty: Certainty::Offered,
        edits: vec![FileEdit {
            path: file.path.clone(),
            create: false,
            edits,
        }],
    })
}

/// Ranges never searched, merged and sorted: code and link destinations,
/// mentions and attribute blocks.
fn skipped(article: &Article) -> Vec<TextRange> {
    let mut all: Vec<TextRange> = article.masked.clone();
    all.extend(article.mentions.iter().map(|m| m.range));
    all.extend(article.attributions.iter().map(|a| a.range));
    all.sort();
    merge_sorted(all)
}

/// Whether `r` overlaps one of the disjoint, sorted ranges.
fn overlaps_any(merged: &[TextRange], r: TextRange) -> bool {
    let i = merged.partition_point(|s| s.end() <= r.start());
    merged.get(i).is_some_and(|s| s.start() < r.end())
}

/// The words of a run of prose: letters and digits, with inner apostrophes,
/// hyphens and periods (`O’Brien`, `Jean-Luc`, `U.N`), and the period of an
/// initial (`J.`).
fn words(text: &str, run: TextRange) -> impl Iterator<Item = TextRange> + '_ {
    let s = run.slice(text);
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = start + first.len_utf8();
        let mut letters = 1;
        while let Some(&(i, c)) = chars.peek() {
            let next_is_letter = s[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() {
                letters += 1;
            } else if !(matches!(c, '\'' | '’' | '-' | '.') && next_is_letter) {
                if c == '.' && letters == 1 {
                    end = i + 1; // the period of an initial
                }
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(TextRange::new(run.start() + start, run.start() + end))
    })
}

/// A name starts with a capital letter, or with "the" (`the ministry`).
fn starts_name(text: &str, word: TextRange) -> bool {
    let w = word.slice(text);
    w.starts_with(char::is_uppercase) || w == "the"
}

/// The longest run of words from `words[0]` that names one actor: how many
/// words, the range to link (without a possessive `’s`), and the id.
fn longest_name<'n>(
    text: &str,
    words: &[TextRange],
    names: &'n Names,
) -> Option<(usize, TextRange, &'n str)> {
    // Words of one name are separated by whitespace only.
    let mut n = 1;
    while n < words.len().min(MAX_WORDS)
        && text[words[n - 1].end()..words[n].start()]
            .chars()
            .all(char::is_whitespace)
    {
        n += 1;
    }
    let min = if words[0].slice(text) == "the" { 2 } else { 1 };
    (min..=n).rev().find_map(|k| {
        let range = words[0].cover(words[k - 1]);
        let id = names.lookup_linkable(range.slice(text))?;
        let written = range.slice(text);
        let bare = written
            .strip_suffix("’s")
            .or_else(|| written.strip_suffix("'s"))
            .unwrap_or(written);
        Some((
            k,
            TextRange::new(range.start(), range.start() + bare.len()),
            id,
        ))
    })
}
