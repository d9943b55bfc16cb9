//! Semantic tokens: what each stretch of an article or registry is (an actor
//! id, a mention's text, the parts of an attribute block, a quotation's words,
//! a front-matter key), so editors colour by meaning. The tokens come sorted,
//! disjoint, non-empty and each within one line, as the protocol wants; the
//! edge only turns them into positions and picks the legend.

use crate::model::{Article, Attribution, Quotation, Speaker, org_refs};
use crate::registry::yaml::{self, Node};
use crate::syntax::{AttrTarget, QuoteKind, front_matter_block};
use crate::text::{TextRange, merge_sorted, with_at};
use crate::workspace::Workspace;
use std::path::Path;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `@id` (the `@` included): a mention's, speaker's, `to=` or role `org`
    /// reference, or the key that defines an actor.
    Id,
    /// The words of a mention: `Lopez` in `[Lopez](@lopez)`.
    MentionText,
    /// `@` alone in `{@}`: the previous speaker.
    PreviousSpeaker,
    /// `{`, `}` and `=` of an attribute block; `[` and `]` of an attributed span.
    Punctuation,
    /// `.partial`, `.scare`… (the dot included).
    Class,
    /// `to`, `via`, `url`, `date` in an attribute block.
    Key,
    /// A value in an attribute block other than an `@id`: `post`, a URL, a date.
    Value,
    /// A quotation, marks included (a block quote: its text).
    Quotation,
    /// A key of the front matter: `title`, `published`, an actor's `name`.
    FrontMatterKey,
}

impl TokenKind {
    /// Every kind, in the order of the legend.
    pub const ALL: [TokenKind; 9] = [
        TokenKind::Id,
        TokenKind::MentionText,
        TokenKind::PreviousSpeaker,
        TokenKind::Punctuation,
        TokenKind::Class,
        TokenKind::Key,
        TokenKind::Value,
        TokenKind::Quotation,
        TokenKind::FrontMatterKey,
    ];

    /// The kind's place in [`TokenKind::ALL`].
    pub fn index(self) -> u32 {
        TokenKind::ALL.iter().position(|k| *k == self).unwrap_or(0) as u32
    }
}

/// Something more about a token; a token holds a set of them as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// The key that defines an actor.
    Definition,
    /// A quotation that names its speaker or is marked as not speech.
    Attributed,
    /// A quotation that credits no one (NM001).
    Unattributed,
}

impl Modifier {
    /// Every modifier, in the order of the legend (bit `i` is `ALL[i]`).
    pub const ALL: [Modifier; 3] = [
        Modifier::Definition,
        Modifier::Attributed,
        Modifier::Unattributed,
    ];

    pub fn bit(self) -> u32 {
        1 << Modifier::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub kind: TokenKind,
    /// [`Modifier::bit`]s.
    pub modifiers: u32,
}

impl Token {
    fn new(range: TextRange, kind: TokenKind) -> Token {
        Token {
            range,
            kind,
            modifiers: 0,
        }
    }

    fn with(mut self, modifier: Modifier) -> Token {
        self.modifiers |= modifier.bit();
        self
    }
}

/// The tokens of a file, or of the part of it that `within` overlaps.
pub fn semantic_tokens(ws: &Workspace, path: &Path, within: Option<TextRange>) -> Vec<Token> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let text: &str = &file.text;
    let mut tokens = Vec::new();
    let mut blocks = Vec::new();
    match file.article() {
        Some(article) => {
            tokens = article_tokens(text, article);
            blocks = outermost(
                article
                    .quotations
                    .iter()
                    .filter(|q| q.kind == QuoteKind::Block)
                    .map(|q| q.range),
            );
        }
        None => {
            for actor in file.actors() {
                tokens.push(Token::new(actor.id_range, TokenKind::Id).with(Modifier::Definition));
            }
            for (r, _) in org_refs(file.actors()) {
                tokens.push(Token::new(with_at(text, r.range), TokenKind::Id));
            }
        }
    }
    let mut out = Vec::new();
    for token in disjoint(tokens) {
        split_lines(text, token, &blocks, &mut out);
    }
    if let Some(within) = within {
        out.retain(|t| t.range.start() < within.end() && within.start() < t.range.end());
    }
    out
}

fn article_tokens(text: &str, article: &Article) -> Vec<Token> {
    let mut fg = Vec::new();
    // Where quotation text gives way to the annotation inside it.
    let mut carve: Vec<TextRange> = article.masked.clone();
    if article.meta.range.is_some()
        && let Some(block) = front_matter_block(text)
        && let Some(root) = yaml::parse(block.yaml.slice(text), block.yaml.start()).root
    {
        yaml_keys(&root, Level::Top, &mut fg);
    }
    for actor in &article.local_actors {
        fg.push(Token::new(actor.id_range, TokenKind::Id).with(Modifier::Definition));
    }
    for (r, _) in org_refs(&article.local_actors) {
        fg.push(Token::new(with_at(text, r.range), TokenKind::Id));
    }
    for m in &article.mentions {
        carve.push(m.range);
        fg.push(Token::new(m.text, TokenKind::MentionText));
        fg.push(Token::new(with_at(text, m.id.range), TokenKind::Id));
    }
    for a in &article.attributions {
        attribution_tokens(text, a, &mut fg, &mut carve);
    }
    let mut bg = Vec::new();
    for q in article.quotations.iter().filter(|q| q.is_top_level()) {
        let modifiers = match attributed(article, q) {
            Some(true) => Modifier::Attributed.bit(),
            Some(false) => Modifier::Unattributed.bit(),
            None => 0,
        };
        for &range in q.segments() {
            bg.push(Token {
                range,
                kind: TokenKind::Quotation,
                modifiers,
            });
        }
    }
    carve.sort();
    fg.extend(subtract(flatten(bg), &carve));
    fg
}

/// Whether a top-level quotation is attributed, as NM001 sees it; `None` for
/// a block quote that credits no one itself but holds annotated quotations.
fn attributed(article: &Article, q: &Quotation) -> Option<bool> {
    let a = q.effective_attribution().map(|a| &article.attributions[a]);
    if a.is_some_and(|a| a.speaker.is_some() || a.is_non_speech()) {
        return Some(true);
    }
    if q.kind == QuoteKind::Block {
        // Attributions are in text order: the first one at or after the start.
        let first = article
            .attributions
            .partition_point(|a| a.range.start() < q.range.start());
        if article
            .attributions
            .get(first)
            .is_some_and(|a| q.range.contains_range(a.range))
        {
            return None;
        }
    }
    Some(false)
}

fn attribution_tokens(
    text: &str,
    a: &Attribution,
    fg: &mut Vec<Token>,
    carve: &mut Vec<TextRange>,
) {
    let punct = |at: usize| Token::new(TextRange::new(at, at + 1), TokenKind::Punctuation);
    carve.push(a.range);
    fg.push(punct(a.range.start()));
    if a.range.end() > a.range.start() + 1 && text.as_bytes().get(a.range.end() - 1) == Some(&b'}')
    {
        fg.push(punct(a.range.end() - 1));
    }
    match &a.speaker {
        Some(Speaker::Explicit(r)) => fg.push(Token::new(with_at(text, r.range), TokenKind::Id)),
        Some(Speaker::Previous { range, .. }) => {
            fg.push(Token::new(*range, TokenKind::PreviousSpeaker))
        }
        None => {}
    }
    for &r in a.extra_speakers() {
        fg.push(Token::new(r, TokenKind::Id));
    }
    for (_, name) in &a.classes {
        let dot = TextRange::new(name.start().saturating_sub(1), name.end());
        fg.push(Token::new(dot, TokenKind::Class));
    }
    for p in a.pairs() {
        fg.push(Token::new(p.key_range, TokenKind::Key));
        fg.push(punct(p.key_range.end()));
        match a.to() {
            Some(to) if p.key == "to" && p.value_range.contains_range(to.range) => {
                fg.push(Token::new(with_at(text, to.range), TokenKind::Id));
            }
            _ => fg.push(Token::new(p.value_range, TokenKind::Value)),
        }
    }
    if let AttrTarget::Span { range } = a.target {
        let inner = AttrTarget::span_inner(range);
        for at in [range.start(), inner.end()] {
            carve.push(TextRange::new(at, at + 1));
            fg.push(punct(at));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    /// The front matter's own keys.
    Top,
    /// The keys under `actors:`: ids, tokens of their own.
    Ids,
    /// Fields of actors and roles.
    Inner,
}

fn yaml_keys(node: &Node, level: Level, out: &mut Vec<Token>) {
    match node {
        Node::Map(entries, _) => {
            for (key, value) in entries {
                if level != Level::Ids
                    && let Node::Scalar(s) = key
                {
                    out.push(Token::new(s.range, TokenKind::FrontMatterKey));
                }
                let actors = level == Level::Top && key.as_str() == Some("actors");
                yaml_keys(value, if actors { Level::Ids } else { Level::Inner }, out);
            }
        }
        Node::Seq(items, _) => {
            for item in items {
                yaml_keys(item, Level::Inner, out);
            }
        }
        Node::Scalar(_) | Node::Alias(_) => {}
    }
}

/// Nested tokens made flat: where one lies inside another, the inner one
/// wins (a quotation inside a block quote keeps its own modifiers).
fn flatten(mut tokens: Vec<Token>) -> Vec<Token> {
    tokens.sort_by_key(|t| (t.range.start(), std::cmp::Reverse(t.range.end())));
    let mut out = Vec::new();
    let mut stack: Vec<Token> = Vec::new();
    let mut cursor = 0;
    let mut emit = |t: &Token, end: usize, cursor: &mut usize| {
        let start = (*cursor).max(t.range.start());
        if start < end {
            out.push(Token {
                range: TextRange::new(start, end),
                ..*t
            });
            *cursor = end;
        }
    };
    for t in tokens {
        while let Some(top) = stack.last().copied()
            && top.range.end() <= t.range.start()
        {
            emit(&top, top.range.end(), &mut cursor);
            stack.pop();
        }
        if let Some(top) = stack.last().copied() {
            emit(&top, t.range.start(), &mut cursor);
        }
        cursor = cursor.max(t.range.start());
        stack.push(t);
    }
    while let Some(top) = stack.pop() {
        emit(&top, top.range.end(), &mut cursor);
    }
    out
}

/// `tokens` (sorted, disjoint) without the parts inside `holes` (sorted).
fn subtract(tokens: Vec<Token>, holes: &[TextRange]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut h = 0;
    for t in tokens {
        while h < holes.len() && holes[h].end() <= t.range.start() {
            h += 1;
        }
        let mut start = t.range.start();
        let mut i = h;
        while i < holes.len() && holes[i].start() < t.range.end() {
            if holes[i].start() > start {
                out.push(Token {
                    range: TextRange::new(start, holes[i].start()),
                    ..t
                });
            }
            start = start.max(holes[i].end());
            i += 1;
        }
        if start < t.range.end() {
            out.push(Token {
                range: TextRange::new(start, t.range.end()),
                ..t
            });
        }
    }
    out
}

/// Sorted, with every empty token and every token that overlaps an earlier
/// one dropped.
fn disjoint(mut tokens: Vec<Token>) -> Vec<Token> {
    tokens.sort_by_key(|t| (t.range.start(), t.range.end()));
    let mut end = 0;
    tokens.retain(|t| {
        let keep = !t.range.is_empty() && t.range.start() >= end;
        if keep {
            end = t.range.end();
        }
        keep
    });
    tokens
}

/// The outermost of some ranges, sorted and merged.
fn outermost(ranges: impl Iterator<Item = TextRange>) -> Vec<TextRange> {
    let mut ranges: Vec<TextRange> = ranges.collect();
    ranges.sort();
    merge_sorted(ranges)
}

/// Cuts a token at line breaks. A piece that starts a line loses the
/// indentation before it, and the `>` markers in a block quote; one that
/// ends at a line break loses the spaces before it.
fn split_lines(text: &str, token: Token, blocks: &[TextRange], out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut start = token.range.start();
    while start < token.range.end() {
        let line_end = text[start..token.range.end()]
            .find(['\n', '\r'])
            .map_or(token.range.end(), |i| start + i);
        let mut s = start;
        let line_start = s == 0 || matches!(bytes[s - 1], b'\n' | b'\r');
        if line_start {
            let in_block = blocks
                .get(blocks.partition_point(|b| b.end() <= s))
                .is_some_and(|b| b.start() <= s);
            while s < line_end
                && (matches!(bytes[s], b' ' | b'\t') || (in_block && bytes[s] == b'>'))
            {
                s += 1;
            }
        }
        let mut e = line_end;
        while e > s && line_end < token.range.end() && matches!(bytes[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        if s < e {
            out.push(Token {
                range: TextRange::new(s, e),
                ..token
            });
        }
        // Past the line break (`\r\n` counts once).
        start = line_end + 1;
        if bytes.get(line_end) == Some(&b'\r') && bytes.get(line_end + 1) == Some(&b'\n') {
            start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    /// One token a line: its text, kind and modifiers.
    fn check_within(fixture: &str, within: Option<TextRange>, expected: Expect) {
        let f = Fixture::parse(fixture);
        let text = &f.ws.file(&f.path).unwrap().text;
        let mut out = String::new();
        for t in semantic_tokens(&f.ws, &f.path, within) {
            let mods: Vec<String> = Modifier::ALL
                .iter()
                .filter(|m| t.modifiers & m.bit() != 0)
                .map(|m| format!(" +{m:?}"))
                .collect();
            out.push_str(&format!(
                "{:?} {:?}{}\n",
                t.range.slice(text),
                t.kind,
                mods.concat()
            ));
        }
        expected.assert_eq(&out);
    }

    fn check(fixture: &str, expected: Expect) {
        check_within(fixture, None, expected);
    }

    #[test]
    fn mentions_blocks_and_quotations() {
        check(
            "//- /a.news.md\n“We have a narrow window,”{@lopez} [Lopez](@lopez) told reporters. “We intend to use it.”{@}\n",
            expect![[r#"
                "“We have a narrow window,”" Quotation +Attributed
                "{" Punctuation
                "@lopez" Id
                "}" Punctuation
                "Lopez" MentionText
                "@lopez" Id
                "“We intend to use it.”" Quotation +Attributed
                "{" Punctuation
                "@" PreviousSpeaker
                "}" Punctuation
            "#]],
        );
        check(
            "//- /a.news.md\n[Lopez](@lopez) told [the group](@group-1) [that aid would arrive]{@lopez .indirect to=@group-1 via=interview}.\n",
            expect![[r#"
                "Lopez" MentionText
                "@lopez" Id
                "the group" MentionText
                "@group-1" Id
                "[" Punctuation
                "]" Punctuation
                "{" Punctuation
                "@lopez" Id
                ".indirect" Class
                "to" Key
                "=" Punctuation
                "@group-1" Id
                "via" Key
                "=" Punctuation
                "interview" Value
                "}" Punctuation
            "#]],
        );
    }

    #[test]
    fn quotation_text_gives_way_to_what_is_inside_it() {
        check(
            "//- /a.news.md\n“Talk to [the envoy](@lopez) about `code`,” she said. Critics called it a “fig leaf”{.scare}. “Who?”\n",
            expect![[r#"
                "“Talk to " Quotation +Unattributed
                "the envoy" MentionText
                "@lopez" Id
                " about " Quotation +Unattributed
                ",”" Quotation +Unattributed
                "“fig leaf”" Quotation +Attributed
                "{" Punctuation
                ".scare" Class
                "}" Punctuation
                "“Who?”" Quotation +Unattributed
            "#]],
        );
        // A partial quote inside reported speech takes the span's speaker.
        check(
            "//- /a.news.md\n[She said “fragile but alive.”]{@lopez .partial}\n",
            expect![[r#"
                "[" Punctuation
                "“fragile but alive.”" Quotation +Attributed
                "]" Punctuation
                "{" Punctuation
                "@lopez" Id
                ".partial" Class
                "}" Punctuation
            "#]],
        );
    }

    #[test]
    fn tokens_are_cut_at_line_breaks() {
        check(
            "//- /a.news.md\n“It is the first\r\n  paragraph,\n\n“and the second [Maria\nLopez](@lopez) ends it.”{@lopez}\n\n> We will rebuild.\n> “Together,” we said.\n> {@lopez via=post}\n",
            expect![[r#"
                "“It is the first" Quotation +Attributed
                "paragraph," Quotation +Attributed
                "“and the second " Quotation +Attributed
                "Maria" MentionText
                "Lopez" MentionText
                "@lopez" Id
                " ends it.”" Quotation +Attributed
                "{" Punctuation
                "@lopez" Id
                "}" Punctuation
                "We will rebuild." Quotation +Attributed
                "“Together,”" Quotation +Attributed
                " we said." Quotation +Attributed
                "{" Punctuation
                "@lopez" Id
                "via" Key
                "=" Punctuation
                "post" Value
                "}" Punctuation
            "#]],
        );
    }

    #[test]
    fn a_block_quote_annotated_inside_is_neither() {
        check(
            "//- /a.news.md\n> “Yes,”{@lopez} and\n> “no.”{@}\n\n> Nobody's post.\n",
            expect![[r#"
                "“Yes,”" Quotation +Attributed
                "{" Punctuation
                "@lopez" Id
                "}" Punctuation
                " and" Quotation
                "“no.”" Quotation +Attributed
                "{" Punctuation
                "@" PreviousSpeaker
                "}" Punctuation
                "Nobody's post." Quotation +Unattributed
            "#]],
        );
    }

    #[test]
    fn front_matter_keys_and_local_actors() {
        check(
            "//- /a.news.md\n---\ntitle: Envoy\nactors:\n  aide-1:\n    described_as: an aide\n    roles: [{title: Clerk, org: \"@fm\"}]\n---\n[An aide](@aide-1)\n",
            expect![[r#"
                "title" FrontMatterKey
                "actors" FrontMatterKey
                "aide-1" Id +Definition
                "described_as" FrontMatterKey
                "roles" FrontMatterKey
                "title" FrontMatterKey
                "org" FrontMatterKey
                "@fm" Id
                "An aide" MentionText
                "@aide-1" Id
            "#]],
        );
    }

    #[test]
    fn registries_and_ranges() {
        check(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  roles: [{title: Envoy, org: \"@fm\"}]\nfm:\n  name: Foreign Ministry\n",
            expect![[r#"
                "lopez" Id +Definition
                "@fm" Id
                "fm" Id +Definition
            "#]],
        );
        check_within(
            "//- /a.news.md\n[A](@a) [B](@b)\n[C](@c)\n",
            Some(TextRange::new(9, 17)),
            expect![[r#"
                "B" MentionText
                "@b" Id
            "#]],
        );
    }
}
