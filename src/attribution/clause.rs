//! The reporting clause a quotation sits in: `X said: “…”`, `X said that
//! “…”`, `X said the talks were “…”`, `X blasted the plan as “…”`,
//! `According to X, “…”`. The cue is read back from the quotation within
//! its sentence; when that clause is itself reported (`Reed said Hale
//! called it “…”`), the outermost speaker is the source, as in
//! `Reed said …`.

use super::anonymous::Head;
use super::cues::{self, Strength};
use super::patterns::{Found, Pattern, View, fits_cue};
use super::phrase::{self, DETERMINERS, Np, Phrase, Pronoun, is_capitalized};
use super::subject::Subject;
use super::tokens::Kind;
use super::words::lower;

/// How many tokens before a quotation its sentence is read for a cue.
const REACH: usize = 40;
/// How many reporting clauses may enclose one another.
pub(super) const NESTING: usize = 3;
/// Verbs whose clause encloses another speaker's: `Reed said Hale …`.
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "write",
    "add",
    "note",
    "explain",
    "argue",
    "claim",
    "insist",
    "state",
    "report",
    "announce",
    "tweet",
    "post",
    "acknowledge",
    "admit",
    "assert",
    "contend",
    "recall",
    "testify",
];
/// Words opening an adverbial clause: a cue there governs its own clause,
/// not the main one ("As Reed spoke, the crowd chanted “…”").
const SUBORDINATORS: &[&str] = &[
    "as", "after", "when", "while", "before", "since", "because", "although", "though", "once",
    "until", "if", "whenever",
];

/// Whether a phrase names someone in particular. "Critics called the plan
/// a “fig leaf”": a label, not a quote of anyone in particular; "Her lawyer
/// called it “…”" and "the protesters chanted “…”" are quotes.
fn names_someone(phrase: &Phrase) -> bool {
    match &phrase.np {
        Np::Description(d) => d.definite,
        _ => true,
    }
}

impl View<'_> {
    /// Where the clause holding token `c` starts: after a quotation, `;`,
    /// `:` or the sentence start.
    pub(super) fn clause_start(&self, s: usize, c: usize) -> usize {
        (s..c)
            .rev()
            .find(|&j| matches!(self.toks[j].kind, Kind::Quote(_) | Kind::Punct(';' | ':')))
            .map_or(s, |j| j + 1)
    }

    /// Whether token `m` starts a phrase: a name, a determiner, a pronoun.
    fn starts_phrase(&self, m: usize) -> bool {
        self.toks.get(m).is_some_and(|t| match t.kind {
            Kind::Mention(_) => true,
            Kind::Word => {
                let w = t.range.slice(self.text);
                is_capitalized(w) || DETERMINERS.contains(w) || Pronoun::from_word(w).is_some()
            }
            _ => false,
        })
    }

    /// Whether a clause with a subject of its own starts between `j` and
    /// `k` after a comma: `…, and a “fig leaf” fell`, `As Reed spoke, the
    /// crowd chanted “…”`; `with_conjunction` asks for `, and` / `, but`.
    fn new_clause(&self, j: usize, k: usize, with_conjunction: bool) -> bool {
        (j + 1..k).any(|m| {
            if !self.is(m, Kind::Punct(',')) {
                return false;
            }
            let conjunction = self
                .word(m + 1)
                .is_some_and(|w| matches!(w, "and" | "but" | "or" | "while" | "yet" | "so"));
            if with_conjunction {
                conjunction && self.starts_phrase(m + 2)
            } else {
                self.starts_phrase(m + 1) && m + 2 < k
            }
        })
    }

    /// The speech act of a cue at `c` (its speaker phrase), in a sentence
    /// starting at `s`; `None` when nobody stands at the speaker's place,
    /// or (for a naming cue) nobody in particular.
    pub(super) fn clause(&self, s: usize, c: usize) -> Option<Found> {
        let found = self.clause_any(s, c)?;
        let naming = self
            .cue_at(c)
            .is_some_and(|(cue, _)| cue.strength == Strength::Naming);
        (!naming || found.phrase.as_ref().is_some_and(names_someone)).then_some(found)
    }

    /// [`View::clause`] whoever the speaker is.
    fn clause_any(&self, s: usize, c: usize) -> Option<Found> {
        let (cue, range) = self.cue_at(c)?;
        if cue.participle && self.fronted(c) {
            // "Bemoaning the “…,” Reed accused …": the main clause's subject,
            // after the participle's clause.
            let end = self.toks.len().min(c + REACH);
            let comma = (c + 1..end)
                .take_while(|&m| self.toks[m].kind != Kind::Stop)
                .find(|&m| match self.toks[m].kind {
                    Kind::Punct(',') => true,
                    Kind::Quote(q) => self.inner_end(q) == Some(','),
                    _ => false,
                })?;
            let to = self.sentence_end(comma).min(comma + 12);
            let phrase = self.main_subject(comma + 1, to)?;
            return Some(Found::new(phrase, range, Pattern::Before));
        }
        // A comma before the cue, or one closing a quotation before it.
        let after_comma = c > s
            && match self.toks[c - 1].kind {
                Kind::Punct(',') => true,
                Kind::Quote(q) => self.inner_end(q) == Some(','),
                _ => false,
            };
        let to_infinitive = c > s && self.word(c - 1) == Some("to");
        // "…, saying", "… and calling": the clause's subject; "ads calling
        // the deal a “mistake”": the phrase before.
        let hangs = c > s
            && (after_comma
                || self.word(c - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "and" | "by" | "after" | "before" | "of" | "while" | "about" | "despite"
                    )
                }));
        let subject = if (cue.participle && hangs) || to_infinitive {
            // "X rejected the plan, saying …", "X vowed to call it …": the
            // clause's subject (before a quotation: `X called it “…,” adding`).
            let mut from = self.clause_start(s, c);
            if from >= c {
                from = s;
            }
            let phrase = self.clause_subject(from, c)?;
            Subject {
                words: phrase.range,
                phrase: Some(phrase),
                also: Vec::new(),
            }
        } else {
            let mut subject = self.subject(self.clause_start(s, c), c, false);
            if subject.phrase.is_none() && after_comma {
                // "Ndiaye, who wrote “…”, said": the sentence's subject.
                subject = self.subject(s, c, false);
            }
            subject
        };
        if !fits_cue(&cue, subject.phrase.as_ref()) {
            return None;
        }
        Some(Found {
            phrase: Some(subject.phrase?),
            words: subject.words,
            also: subject.also,
            cue: range,
            pattern: Pattern::Before,
        })
    }

    /// Whether the cue at `j` (its words `range`) is not this quotation's:
    /// an earlier quotation's after-attribution followed by a new clause
    /// (`“…,” she said, and a “fig leaf” fell`), or a cue in an adverbial
    /// clause followed by the main one (`As Reed spoke, the crowd …`).
    fn governs_other(&self, s: usize, j: usize, k: usize) -> bool {
        let own = self.clause_start(s, j);
        let earlier_quote = own > s
            && matches!(self.toks[own - 1].kind, Kind::Quote(_))
            && self
                .after(own - 1)
                .is_some_and(|f| self.cue_at(j).is_some_and(|(_, r)| f.cue == r));
        if earlier_quote && self.new_clause(j, k, true) {
            return true;
        }
        // The subordinator opens the cue's own part: not "If …, he said,".
        let part = (own..j)
            .rev()
            .find(|&m| self.is(m, Kind::Punct(',')))
            .map_or(own, |m| m + 1);
        let opener = self.toks[part..j]
            .iter()
            .filter_map(|t| phrase::word(self.text, t))
            .map(lower)
            .find(|w| !matches!(w.as_str(), "and" | "but" | "so" | "then" | "yet"));
        // "As Reed said, …" attributes what follows; "As Reed spoke" does not.
        let attributes = opener.as_deref() == Some("as")
            && self
                .cue_at(j)
                .is_some_and(|(cue, _)| cue.strength != Strength::Naming && cue.base != "speak");
        let subordinate = opener
            .as_deref()
            .is_some_and(|w| SUBORDINATORS.contains(&w));
        subordinate && !attributes && self.new_clause(j, k, false)
    }

    /// `X said: “…”` / `X said that “…”` / `X said the talks were “…”` /
    /// `According to X, “…”`. With `strong_only`, weak cues do not count and
    /// naming cues must be close. Earlier quotations of the sentence are
    /// crossed: `he called her “weak” and said she had “no chance”`.
    pub fn before(&self, k: usize, strong_only: bool) -> Option<Found> {
        let s = self.sentence_start(k);
        let from = s.max(k.saturating_sub(REACH));
        for j in (from..k).rev() {
            if let Some(found) = self.according(j) {
                return Some(Found {
                    pattern: Pattern::Before,
                    ..found
                });
            }
            let Some((cue, _)) = self.cue_at(j) else {
                continue;
            };
            if self.governs_other(s, j, k) {
                break;
            }
            let close = (j + 1..k).all(|m| {
                matches!(self.toks[m].kind, Kind::Punct(':' | ','))
                    || self
                        .word(m)
                        .is_some_and(|w| w == "that" || Some(w) == cue.particle)
            });
            // A weak cue away from the quotation counts as a naming one:
            // "Reed vowed to fight the “rigged” rules".
            let naming =
                cue.strength == Strength::Naming || (cue.strength == Strength::Weak && !close);
            // Close to the quotation, unless a name speaks ("Reed called
            // the expropriation of property an “absolute necessity”").
            if naming && strong_only && j + 4 < k {
                match self.clause_any(s, j) {
                    Some(found)
                        if j + 14 >= k
                            && found.phrase.as_ref().is_some_and(|p| {
                                matches!(p.np, Np::Name { .. } | Np::Mention(_))
                            }) =>
                    {
                        return Some(self.outermost(s, found, NESTING));
                    }
                    _ => continue,
                }
            }
            match self.clause_any(s, j) {
                // Somebody in particular: theirs, or their reporter's.
                Some(found) if !naming || found.phrase.as_ref().is_some_and(names_someone) => {
                    return Some(self.outermost(s, found, NESTING));
                }
                // "Critics called it a “fig leaf”": nobody in particular.
                Some(_) if cue.strength == Strength::Naming => break,
                _ => {}
            }
        }
        None
    }

    /// The reporting clause that encloses `found`'s: `Reed said Hale called
    /// it “…”` is Reed's report. Only a strong cue encloses, with no
    /// punctuation between it and the inner speaker.
    pub(super) fn outermost(&self, s: usize, found: Found, depth: usize) -> Found {
        if depth == 0 {
            return found;
        }
        let at = found.phrase.as_ref().map_or(found.words, |p| p.range);
        let Some(start) = self.toks.iter().position(|t| t.range.start() >= at.start()) else {
            return found;
        };
        for j in (s..start).rev() {
            // A comma, a dash or a quotation ends the enclosing clause:
            // "Although Hale has maintained that …, Reed said".
            if matches!(
                self.toks[j].kind,
                Kind::Quote(_) | Kind::Punct(';' | ':' | ',') | Kind::Dash | Kind::Stop
            ) {
                return found;
            }
            let Some((cue, _)) = self.cue_at(j) else {
                continue;
            };
            // A verb of saying, shortly before the inner speaker ("said on
            // Monday that Hale"): not "declared war on the group that".
            if start - j > 12 {
                return found;
            }
            if !REPORTING.contains(&cue.base) {
                continue;
            }
            return match self.clause(s, j) {
                Some(outer) => self.outermost(
                    s,
                    Found {
                        pattern: found.pattern,
                        ..outer
                    },
                    depth - 1,
                ),
                None => found,
            };
        }
        found
    }
}

impl View<'_> {
    /// `Reed resisted: “…”`, `Reed: “…”`, `Continued Reed: “…”`: a quotation
    /// right after a colon is the words of the clause before it, whatever
    /// its verb, when that clause's subject names someone.
    pub fn colon(&self, k: usize) -> Option<Found> {
        let colon = k.checked_sub(1).filter(|&c| self.is(c, Kind::Punct(':')))?;
        let s = self.sentence_start(colon);
        let from = self.clause_start(s, colon);
        let from = self.past_dateline(from, colon);
        // After a dash: "Pollsters agree - Carl Bialik: “…”".
        let from = (from..colon)
            .rev()
            .find(|&j| self.is(j, Kind::Dash))
            .map_or(from, |d| d + 1);
        if from >= colon {
            return None;
        }
        let cue = self.toks[colon].range;
        // Inverted: "Continued Reed:", "…, explained moderator Ann Reed:".
        let last = (from..colon)
            .rev()
            .find(|&j| self.is(j, Kind::Punct(',')))
            .map_or(from, |c| c + 1);
        let opener = self.word(last).map(lower);
        if let Some(verb) = opener.as_deref().and_then(cues::lookup)
            && verb.strength != Strength::Naming
            && !verb.participle
            && verb.base != "tell"
        {
            let phrase = self.object_speaker(last + 1)?;
            let ends = self
                .toks
                .iter()
                .position(|t| t.range.start() >= phrase.range.end())
                .is_some_and(|j| j >= colon);
            return ends.then(|| Found {
                pattern: Pattern::Before,
                ..Found::new(phrase, self.toks[last].range, Pattern::Before)
            });
        }
        let phrase = self.main_subject(from, colon)?;
        let speaks = match &phrase.np {
            Np::Description(d) => d.definite || d.kind != Head::Person,
            Np::Pronoun(p) => *p != Pronoun::It,
            _ => true,
        };
        speaks.then(|| Found {
            cue,
            ..Found::new(phrase, cue, Pattern::Before)
        })
    }
}
