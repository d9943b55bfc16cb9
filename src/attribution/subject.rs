//! The speaker phrase of a cue: the subject just before it (`Lopez, 54,
//! said`, `Sen. Ann Reed (D-Ore.) said`, `Reed on Monday said`), the
//! antecedent of a relative pronoun (`…, said Reed, who added`), or the
//! subject of the clause a participle hangs on (`Reed rejected the plan,
//! saying …`). A phrase must account for the words it stands in: "Holding
//! signs" is no name, "has endorsed Reed" no title.

use super::cues;
use super::patterns::View;
use super::phrase::{self, Np, Phrase, Pronoun, is_capitalized};
use super::tokens::{Kind, Token};
use super::words::{Words, lower};
use crate::text::TextRange;

/// The subject of a cue: the phrase, the words it stands in, and the other
/// parts of an appositive.
pub struct Subject {
    pub phrase: Option<Phrase>,
    pub words: TextRange,
    pub also: Vec<Phrase>,
}

static PREPOSITIONS: Words = Words::new(&[
    "in", "on", "at", "of", "for", "to", "with", "from", "by", "about", "into", "after", "before",
    "during", "over", "under", "against", "via", "per", "than", "like",
]);
/// Words after which a complement clause, with its own subject, starts.
const COMPLEMENTIZERS: &[&str] = &["that", "whether"];
/// Relative pronouns that stand for the phrase before them.
const RELATIVE: &[&str] = &["who", "which", "whom"];

/// A tag that follows a name and is no part of the subject: a party tag
/// (`D-Ore.`, `R`), an age (`54`).
fn is_tag(text: &str, part: &[Token]) -> bool {
    let words: Vec<&str> = part.iter().filter_map(|t| phrase::word(text, t)).collect();
    let [w] = words.as_slice() else {
        return false;
    };
    if w.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let mut halves = w.splitn(2, '-');
    let party = halves.next().unwrap_or("");
    let state = halves.next();
    matches!(party, "D" | "R" | "I")
        && state.is_none_or(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A personal name or a mention link.
fn is_name(p: &Phrase) -> bool {
    matches!(p.np, Np::Name { org: false, .. } | Np::Mention(_))
}

fn is_relative(text: &str, part: &[Token]) -> bool {
    part.first()
        .and_then(|t| phrase::word(text, t))
        .is_some_and(|w| RELATIVE.contains(&w))
}

impl View<'_> {
    /// The phrase a part names: the phrase opening it ("Reed", "Reed on
    /// Monday", "Reed caucused and"), else (unless `anchored`) the longest
    /// tail that is one phrase ("At the rally Sen. Ann Reed").
    fn part_phrase(&self, part: &[Token], anchored: bool) -> Option<Phrase> {
        let part = phrase::trim(self.text, part);
        // "A few days ago in an interview he blasted": a personal pronoun
        // right before the cue is its subject.
        if !anchored
            && part.len() > 1
            && let Some(last) = part.last()
            && let Some(p) = phrase::word(self.text, last)
                .and_then(Pronoun::from_word)
                .filter(|p| *p != Pronoun::It)
        {
            return Some(Phrase {
                np: Np::Pronoun(p),
                range: last.range,
            });
        }
        if let Some(p) = self.leading_phrase(part) {
            return Some(p);
        }
        if anchored {
            return None;
        }
        self.tail_phrase(part, 1)
    }

    /// The longest tail of `part`, from `first` on, that is one phrase: not
    /// cut inside a name, nor the object of a preposition ("in a
    /// statement").
    fn tail_phrase(&self, part: &[Token], first: usize) -> Option<Phrase> {
        let last = part.last()?;
        let from = part.len().saturating_sub(14).max(first);
        (from..part.len()).find_map(|st| {
            let cut = st > 0
                && match part[st - 1].kind {
                    Kind::Word => {
                        let w = part[st - 1].range.slice(self.text);
                        (is_capitalized(w) && !phrase::is_day_or_month(w))
                            || phrase::strip_possessive(w).1
                            || {
                                let l = lower(w);
                                phrase::DETERMINERS.contains(l.as_str())
                                    || PREPOSITIONS.contains(l.as_str())
                            }
                    }
                    Kind::Mention(_) | Kind::Punct('.') => true,
                    _ => false,
                };
            if cut {
                return None;
            }
            let p = phrase::parse(self.text, self.article, &part[st..])?;
            // A name may keep its affiliation: "Sen. Ann Reed of Ohio".
            let rest = part
                .iter()
                .position(|t| t.range.start() >= p.range.end())
                .map_or(&[][..], |r| &part[r..]);
            let affiliation = matches!(p.np, Np::Name { .. })
                && rest.len() >= 2
                && phrase::word(self.text, &rest[0]) == Some("of")
                && rest[1..].iter().all(|t| match t.kind {
                    Kind::Word => is_capitalized(t.range.slice(self.text)),
                    Kind::Punct('.') => true,
                    _ => false,
                });
            (p.range.end() >= last.range.end() || affiliation).then_some(p)
        })
    }

    /// The phrase at the start of `toks`; a pronoun stands alone ("he has
    /// said").
    fn leading_phrase(&self, toks: &[Token]) -> Option<Phrase> {
        let first = toks.first()?;
        if let Some(p) = phrase::word(self.text, first).and_then(Pronoun::from_word) {
            return Some(Phrase {
                np: Np::Pronoun(p),
                range: first.range,
            });
        }
        phrase::parse(self.text, self.article, toks)
    }

    /// The parts of a subject: split at commas, parentheses and dashes,
    /// without party tags and ages ("Reed (D-Ore.)", "Reed, 54,").
    fn parts<'t>(&self, slice: &'t [Token]) -> Vec<&'t [Token]> {
        let mut parts: Vec<&[Token]> = slice
            .split(|t| matches!(t.kind, Kind::Punct(',' | '(' | ')') | Kind::Dash))
            .collect();
        // "Reed (D-Ore.) said": the tag and the empty part after it go.
        while parts.len() >= 3
            && parts[parts.len() - 1].is_empty()
            && is_tag(self.text, parts[parts.len() - 2])
        {
            parts.truncate(parts.len() - 2);
        }
        parts.retain(|p| !is_tag(self.text, p));
        parts
    }

    /// The speaker phrase before a cue at `c`, from `from` on: the part just
    /// before the cue, the antecedent of a relative pronoun there (`Reed,
    /// who said`), or (after an appositive, "Lopez, the envoy, said") the
    /// nearest part that names someone. With `anchored`, the phrase starts
    /// its part: `“…,” Reed said`.
    pub(super) fn subject(&self, from: usize, c: usize, anchored: bool) -> Subject {
        let mut p = c;
        while p > from && self.word(p - 1).is_some_and(cues::is_filler) {
            p -= 1;
        }
        let mut from = self.past_dateline(from, p);
        if !anchored {
            // "It is odd that Reed would call …": the clause after "that",
            // within the last part.
            if let Some(m) = (from..p)
                .rev()
                .take_while(|&m| {
                    !matches!(self.toks[m].kind, Kind::Punct(',' | '(' | ')') | Kind::Dash)
                })
                .find(|&m| {
                    self.word(m)
                        .is_some_and(|w| COMPLEMENTIZERS.contains(&lower(w).as_str()))
                })
                && m + 1 < p
            {
                from = m + 1;
            }
        }
        let slice = &self.toks[from..p];
        let words = match (slice.first(), slice.last()) {
            (Some(a), Some(b)) => a.range.cover(b.range),
            _ => self.toks[c].range,
        };
        let none = Subject {
            phrase: None,
            words,
            also: Vec::new(),
        };
        let mut parts = self.parts(slice);
        let Some(&last) = parts.last() else {
            return none;
        };
        // `“…,” Reed, the mayor, said`: the speaker opens the words after
        // the quotation (not `“…,” has a range of …, the company said`).
        if anchored
            && parts.first().is_none_or(|first| {
                self.leading_phrase(phrase::trim(self.text, first))
                    .is_none()
            })
        {
            return none;
        }
        if let [relative] = last
            && is_relative(self.text, last)
            && parts.len() > 1
        {
            // "…, Reed, who said": the phrase before, with its pronoun.
            let before = parts[parts.len() - 2];
            let antecedent = if anchored {
                self.leading_phrase(phrase::trim(self.text, before))
            } else {
                self.tail_phrase(phrase::trim(self.text, before), 0)
                    .or_else(|| self.part_phrase(before, false))
            };
            return match antecedent {
                Some(mut phrase) => {
                    phrase.range.set_end(relative.range.end());
                    Subject {
                        words: phrase.range,
                        phrase: Some(phrase),
                        also: Vec::new(),
                    }
                }
                None => none,
            };
        }
        if !phrase::trim(self.text, last).is_empty() {
            return Subject {
                phrase: self.part_phrase(last, anchored),
                words,
                also: Vec::new(),
            };
        }
        if !last.is_empty() && !anchored {
            // "Reed toured the plant, and said": the clause's subject.
            let phrase = self.clause_subject(from, p);
            return Subject {
                words: phrase.as_ref().map_or(words, |p| p.range),
                phrase,
                also: Vec::new(),
            };
        }
        // After an apposition or a relative clause: the phrase ending each
        // part ("…, Reed, the mayor, said"), a person's name first; a place
        // after a name ("Dayton, Ohio,") is no apposition.
        parts.retain(|part| !is_relative(self.text, part));
        let mut phrases: Vec<Phrase> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let part = phrase::trim(self.text, part);
            let place = i > 0
                && part.len() <= 2
                && part
                    .iter()
                    .all(|t| phrase::word(self.text, t).is_some_and(is_capitalized))
                && self.ends_with_place(parts[i - 1]);
            if place {
                continue;
            }
            let p = if anchored {
                self.leading_phrase(part)
            } else {
                self.tail_phrase(part, 0)
                    .or_else(|| self.leading_phrase(part))
            };
            phrases.extend(p);
        }
        let named = phrases
            .iter()
            .position(is_name)
            .or_else(|| phrases.iter().position(|p| matches!(p.np, Np::Name { .. })))
            .unwrap_or(0);
        let phrase = (!phrases.is_empty()).then(|| phrases.remove(named));
        Subject {
            phrase,
            words,
            also: phrases,
        }
    }

    /// The subject of the main clause `toks[from..to]`: the phrase opening
    /// its first part that has one ("Reed, exasperated, replied", "As Reed
    /// put it", "with Reed yelling").
    pub(super) fn main_subject(&self, from: usize, to: usize) -> Option<Phrase> {
        let parts = self.parts(&self.toks[from..to]);
        parts
            .iter()
            .enumerate()
            .filter(|(i, part)| {
                // "In Aspen, Colo., Reed …": the state is no subject.
                let place = *i > 0 && part.len() <= 2 && self.ends_with_place(parts[i - 1]);
                !is_relative(self.text, part) && !place
            })
            .find_map(|(_, part)| {
                let mut part = phrase::trim(self.text, part);
                if part.first().and_then(|t| phrase::word(self.text, t)) == Some("with") {
                    part = &part[1..];
                }
                self.leading_phrase(part)
            })
    }

    /// Whether a part ends with a place: a capitalised word after "in",
    /// "at", "from" or "near" ("a woman in Dayton").
    fn ends_with_place(&self, part: &[Token]) -> bool {
        let [.., before, last] = part else {
            return false;
        };
        let word = |t: &Token| phrase::word(self.text, t);
        word(last).is_some_and(|w| is_capitalized(w) && !phrase::is_day_or_month(w))
            && word(before).is_some_and(|w| matches!(w, "in" | "at" | "from" | "near" | "of"))
    }

    /// The subject of the clause `toks[from..to]` ("X rejected the plan"
    /// before ", saying …"): the phrase opening its nearest part that has
    /// one.
    pub(super) fn clause_subject(&self, from: usize, to: usize) -> Option<Phrase> {
        let from = self.past_dateline(from, to);
        let phrases: Vec<Option<Phrase>> = self
            .parts(&self.toks[from..to])
            .into_iter()
            .filter(|part| !is_relative(self.text, part))
            .map(|part| self.leading_phrase(phrase::trim(self.text, part)))
            .collect();
        let nearest = phrases.iter().rposition(Option::is_some)?;
        // "Rendell, a Clinton supporter, praised …, calling": back through
        // an apposition to the name.
        let mut i = nearest;
        while i > 0 && !phrases[i].as_ref().is_some_and(is_name) {
            match &phrases[i - 1] {
                Some(_) => i -= 1,
                None => break,
            }
        }
        let pick = if phrases[i].as_ref().is_some_and(is_name) {
            i
        } else {
            nearest
        };
        phrases.into_iter().nth(pick).flatten()
    }
}
