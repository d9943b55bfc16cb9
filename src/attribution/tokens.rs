//! Words, marks and whole quotations of a stretch of an article's source, for
//! the attribution patterns. Masked ranges (code, HTML, link destinations) and
//! attribute blocks are skipped; a mention link and a top-level quotation are
//! one token each, so nothing inside a quotation is ever read as prose.

use super::words::Words;
use crate::model::Article;
use crate::syntax::QuoteKind;
use crate::text::{TextRange, merge_sorted};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// `[text](@id)`: index into `Article::mentions`.
    Mention(usize),
    /// A top-level quotation: index into `Article::quotations`.
    Quote(usize),
    /// `,` `;` `:` `(` `)`, and a period that ends no sentence (`Sen.`, `J.`).
    Punct(char),
    /// `.`, `?` or `!` ending a sentence.
    Stop,
    /// `—`, `–`, `―`, `--`, or a hyphen between spaces.
    Dash,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub range: TextRange,
}

/// Abbreviations whose period never ends a sentence.
static TITLE_ABBREVIATIONS: Words = Words::new(&[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Prof",
    "Rev", "Maj", "Cmdr", "Amb", "Det", "St", "Sens", "Reps", "Gens", "Supt",
]);
/// Abbreviations whose period ends a sentence only before a sentence opener.
static OTHER_ABBREVIATIONS: Words = Words::new(&[
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov",
    "Dec", "No", "vs", // US states, as newsrooms abbreviate them.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
]);
/// Words that open sentences and are no names.
pub static OPENERS: Words = Words::new(&[
    "The",
    "A",
    "An",
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "For",
    "So",
    "Yet",
    "Still",
    "Then",
    "Now",
    "Later",
    "Meanwhile",
    "However",
    "Asked",
    "According",
    "Here",
    "Last",
    "Next",
    "Earlier",
    "Today",
    "Tonight",
    "Yesterday",
    "Also",
    "Indeed",
    "Instead",
    "Even",
    "Only",
    "Once",
    "Just",
    "Again",
    "Thus",
    "Given",
    "Despite",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "Unless",
    "Amid",
    "During",
    "Without",
    "With",
    "From",
    "By",
    "Of",
    "To",
    "Like",
    "Unlike",
    "What",
    "Why",
    "How",
    "Where",
    "Who",
    "Which",
    "Whether",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "Our",
    "My",
    "Your",
    "Speaking",
    "Reached",
    "Following",
    "Addressing",
    "Responding",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fifteen",
    "Twenty",
    "Thirty",
    "Fifty",
    "Hundreds",
    "Thousands",
    "Dozens",
    "Millions",
    "Within",
    "Or",
    "Wait",
    "See",
    "Look",
    "Yes",
    "Oh",
    "Well",
    "Likewise",
    "Similarly",
    "Moreover",
    "Furthermore",
    "Nonetheless",
    "Nevertheless",
    "Otherwise",
    "Overall",
    "Ultimately",
    "Eventually",
    "Finally",
    "Additionally",
    "Besides",
    "Hours",
    "Minutes",
    "Days",
    "Weeks",
    "Months",
    "Years",
    "Moments",
    "Outside",
    "Inside",
    "Does",
    "Do",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    "Can",
    "Could",
    "Would",
    "Should",
]);

/// The article's structures, sorted by position, for walking a stretch.
pub struct Index {
    /// Top-level “…” and "…" quotations, by start (they never overlap).
    pub quotes: Vec<usize>,
    /// Attribute blocks, by start.
    pub blocks: Vec<TextRange>,
    /// Masked ranges, merged.
    pub masks: Vec<TextRange>,
}

impl Index {
    pub fn new(article: &Article) -> Index {
        let mut quotes: Vec<usize> = article
            .quotations
            .iter()
            .enumerate()
            .filter(|(_, q)| q.is_top_level() && q.kind == QuoteKind::Double)
            .map(|(i, _)| i)
            .collect();
        quotes.sort_by_key(|&i| article.quotations[i].range.start());
        let mut blocks: Vec<TextRange> = article.attributions.iter().map(|a| a.range).collect();
        blocks.sort();
        let masks = merge_sorted(article.masked.iter().copied());
        Index {
            quotes,
            blocks,
            masks,
        }
    }
}

/// First index whose range ends after `p`, in a list sorted by start whose
/// items do not overlap.
fn first_ending_after<T>(items: &[T], p: usize, range: impl Fn(&T) -> TextRange) -> usize {
    items.partition_point(|t| range(t).end() <= p)
}

/// Moves `i` past the `items` (in order) that end by `p`; the range of the
/// one at `i` when it has begun by `p`.
fn covering<T>(
    items: &[T],
    i: &mut usize,
    p: usize,
    range: impl Fn(&T) -> TextRange,
) -> Option<TextRange> {
    while items.get(*i).is_some_and(|t| range(t).end() <= p) {
        *i += 1;
    }
    items.get(*i).map(&range).filter(|r| r.start() <= p)
}

/// The tokens of `text[range]`. An item that starts before the range but
/// reaches into it is skipped, not cut.
pub fn tokenize(text: &str, article: &Article, index: &Index, range: TextRange) -> Vec<Token> {
    // Windows are cut by byte counts: move both ends to character boundaries.
    let mut end = range.end().min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut p = range.start().min(end);
    while !text.is_char_boundary(p) {
        p += 1;
    }
    // About one token per five bytes of prose.
    let mut out: Vec<Token> = Vec::with_capacity((end - p) / 5 + 4);
    let mut qi = first_ending_after(&index.quotes, p, |&q| article.quotations[q].range);
    let mut mi = first_ending_after(&article.mentions, p, |m| m.range);
    let mut bi = first_ending_after(&index.blocks, p, |&b| b);
    let mut ki = first_ending_after(&index.masks, p, |&m| m);
    let bytes = text.as_bytes();
    // Where the nearest structure not yet passed starts: before it, none of
    // the checks below can apply, so plain prose skips them.
    let mut next_structure = p;
    while p < end {
        if p >= next_structure {
            if let Some(m) = covering(&index.masks, &mut ki, p, |&m| m) {
                p = m.end();
                continue;
            }
            if let Some(b) = covering(&index.blocks, &mut bi, p, |&b| b) {
                p = b.end();
                continue;
            }
            // A quotation or mention is a token when it starts in the range.
            let quote = covering(&index.quotes, &mut qi, p, |&q| article.quotations[q].range)
                .map(|r| (Kind::Quote(index.quotes[qi]), r));
            let item = quote.or_else(|| {
                covering(&article.mentions, &mut mi, p, |m| m.range).map(|r| (Kind::Mention(mi), r))
            });
            if let Some((kind, r)) = item {
                if r.start() >= range.start() {
                    out.push(Token { kind, range: r });
                }
                p = r.end();
                continue;
            }
            next_structure = [
                index.masks.get(ki).map(|m| m.start()),
                index.blocks.get(bi).map(|b| b.start()),
                index
                    .quotes
                    .get(qi)
                    .map(|&q| article.quotations[q].range.start()),
                article.mentions.get(mi).map(|m| m.range.start()),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(usize::MAX);
        }
        let c = match bytes[p] {
            b if b.is_ascii() => char::from(b),
            _ => match text[p..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let len = c.len_utf8();
        let token = |kind, len| Token {
            kind,
            range: TextRange::new(p, p + len),
        };
        if c.is_alphanumeric() {
            let word_end = word_end(text, p, end);
            out.push(Token {
                kind: Kind::Word,
                range: TextRange::new(p, word_end),
            });
            p = word_end;
            continue;
        }
        match c {
            ',' | ';' | ':' | '(' | ')' => out.push(token(Kind::Punct(c), 1)),
            '.' => {
                let abbreviation = out.last().is_some_and(|t| {
                    t.kind == Kind::Word
                        && t.range.end() == p
                        && is_abbreviation(t.range.slice(text))
                });
                let kind = if abbreviation {
                    Kind::Punct('.')
                } else {
                    Kind::Stop
                };
                out.push(token(kind, 1));
            }
            '?' | '!' => out.push(token(Kind::Stop, 1)),
            '—' | '–' | '―' => out.push(token(Kind::Dash, len)),
            '-' if bytes.get(p + 1) == Some(&b'-') => {
                out.push(token(Kind::Dash, 2));
                p += 2;
                continue;
            }
            '-' if p > 0
                && bytes[p - 1].is_ascii_whitespace()
                && bytes.get(p + 1).is_some_and(u8::is_ascii_whitespace) =>
            {
                out.push(token(Kind::Dash, 1))
            }
            _ => {}
        }
        p += len;
    }
    settle_periods(text, &mut out);
    out
}

/// The index after a dateline opening a paragraph's tokens ("HARBOR CITY
/// —", "Harbor City, May 3 (AP) —"), or 0: capitalised words, numbers and
/// punctuation before a dash, one of them in capitals.
pub fn dateline_end(text: &str, toks: &[Token]) -> usize {
    let Some(d) = toks.iter().take(10).position(|t| t.kind == Kind::Dash) else {
        return 0;
    };
    let mut capitals = false;
    for t in &toks[..d] {
        match t.kind {
            Kind::Word => {
                let w = t.range.slice(text);
                if !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                    return 0;
                }
                capitals |= w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(char::is_lowercase);
            }
            Kind::Punct(_) => {}
            _ => return 0,
        }
    }
    if d > 0 && capitals { d + 1 } else { 0 }
}

/// A word: letters and digits, joined by `'`, `’`, `-`, `.` or `&` when a
/// letter or digit follows (`don’t`, `Ben-Ami`, `U.S`).
fn word_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    // `end` is a character boundary, so is every `i` below.
    let char_at = |i: usize| match bytes[i] {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[i..end].chars().next(),
    };
    let mut i = start;
    let mut last = start;
    while i < end {
        if bytes[i].is_ascii_alphanumeric() {
            i += 1;
            last = i;
            continue;
        }
        let Some(c) = char_at(i) else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            last = i;
            continue;
        }
        let joins = matches!(c, '\'' | '’' | '-' | '.' | '&')
            && i < end
            && char_at(i).is_some_and(char::is_alphanumeric);
        if !joins {
            break;
        }
    }
    last
}

fn is_abbreviation(word: &str) -> bool {
    let single_capital = word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase());
    // A party tag: "R-Tenn.", "D-Ill.".
    let party = word.len() <= 8
        && matches!(word.get(..2), Some("D-" | "R-" | "I-"))
        && word[2..].starts_with(|c: char| c.is_ascii_uppercase());
    single_capital
        || party
        || TITLE_ABBREVIATIONS.contains(word)
        || OTHER_ABBREVIATIONS.contains(word)
        || (word.contains('.') && word.len() <= 6)
}

/// A period after `U.S`, `Inc` or `Jr` ends the sentence only when a sentence
/// opener, a quotation or nothing follows; after a title or an initial, never.
fn settle_periods(text: &str, tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        if tokens[i].kind != Kind::Punct('.') || i == 0 {
            continue;
        }
        let word = tokens[i - 1].range.slice(text);
        let never = TITLE_ABBREVIATIONS.contains(word)
            || (word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase()));
        if never {
            continue;
        }
        let ends = match tokens.get(i + 1) {
            None => true,
            Some(next) => match next.kind {
                Kind::Word => OPENERS.contains(next.range.slice(text)),
                Kind::Quote(_) => true,
                _ => false,
            },
        };
        if ends {
            tokens[i].kind = Kind::Stop;
        }
    }
}
