//! NM001 unattributed-quote: a quotation that credits no speaker and is not
//! marked as non-speech (`.scare`, `.title`, `.term`). The message says who
//! the prose suggests (see `crate::attribution`), or that the prose names
//! nobody: then the article itself does not say who spoke.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::attribution::{self, NonSpeech, Outcome, Pattern, Suggester};
use crate::syntax::QuoteKind;

/// Where the missing speaker goes.
#[derive(Clone, Copy)]
enum Place {
    /// After the closing mark: `“…”{@id}`.
    Shorthand,
    /// Into the block already there: `{@id .partial}`.
    Block,
    /// A last line `> {@id}`.
    BlockQuote,
}

impl Place {
    /// How to say it is not speech instead.
    fn otherwise(self) -> &'static str {
        match self {
            Place::Shorthand | Place::BlockQuote => {
                "or `{.scare}`, `{.title}` or `{.term}` if it is not speech"
            }
            Place::Block => "or add `.scare`, `.title` or `.term` to the block if it is not speech",
        }
    }

    fn add(self, id: &str) -> String {
        match self {
            Place::Shorthand => format!("add `{{@{id}}}` right after the closing mark"),
            Place::Block => format!("add `@{id}` to its attribute block"),
            Place::BlockQuote => {
                format!("end the block quote with a line holding only `> {{@{id}}}`")
            }
        }
    }
}

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    // Built on the first unattributed quotation: most articles need none.
    let mut suggester: Option<Suggester> = None;
    for (i, q) in article.quotations.iter().enumerate() {
        if !q.is_top_level() {
            continue;
        }
        let attribution = q.effective_attribution().map(|a| &article.attributions[a]);
        if attribution.is_some_and(|a| a.speaker.is_some() || a.is_non_speech()) {
            continue;
        }
        let (base, place) = match q.kind {
            QuoteKind::Block => {
                // A block quote annotated inside (each quote attributed) is fine.
                let inner = article
                    .attributions
                    .iter()
                    .any(|a| q.range.contains_range(a.range));
                if inner {
                    continue;
                }
                (
                    "this block quote credits no speaker: readers cannot tell whose words these are",
                    Place::BlockQuote,
                )
            }
            _ if attribution.is_some() => (
                "this quotation's attribute block names no speaker: readers cannot tell who said it",
                Place::Block,
            ),
            _ => (
                "this quotation is not attributed: readers cannot tell who said it",
                Place::Shorthand,
            ),
        };
        let s = suggester.get_or_insert_with(|| {
            Suggester::of(ctx.ws, ctx.file).expect("the file is an article")
        });
        let outcome = s.outcome(i);
        let (message, help) = explain(&ctx.file.text, base, place, &outcome);
        let mut d = Diagnostic::new(ctx.file, Code::UnattributedQuote, q.range, message, help);
        d.suggestion = outcome.suggestion().cloned();
        out.push(d);
    }
}

/// The message and help for one outcome.
fn explain(text: &str, base: &str, place: Place, outcome: &Outcome) -> (String, String) {
    let otherwise = place.otherwise();
    match outcome {
        Outcome::Speaker(s) => {
            let words = attribution::quote_words(text, s);
            let continuing = match s.pattern {
                Pattern::Split | Pattern::Continuation => ", continuing the quote before it",
                _ => "",
            };
            let message = format!(
                "{base} — the prose suggests {}{continuing} (“{words}”)",
                s.name
            );
            let help = match (&s.speaker, s.anonymous) {
                (Some(id), _) => format!(
                    "if that is right, {}; otherwise name the right speaker, {otherwise}",
                    place.add(id)
                ),
                (None, true) => format!(
                    "define the source as an article-local actor under `actors:` in the front matter (`anonymous: true`, `described_as: {}`, `anonymity_reason: …`), then {}",
                    s.name,
                    place.add("id")
                ),
                (None, false) => format!(
                    "define {} in actors.yaml (or under `actors:` in the front matter), then {}",
                    s.name,
                    place.add("id")
                ),
            };
            (message, help)
        }
        Outcome::Unresolved { text: who, cue } => {
            let words = format!("{} {}", who.slice(text), cue.slice(text));
            (
                format!(
                    "{base} — the prose attributes it to “{}” (“{}”), but no one named before fits",
                    who.slice(text),
                    crate::text::collapse_whitespace(&words)
                ),
                format!(
                    "name the speaker in the text, then {}; {otherwise}",
                    place.add("id")
                ),
            )
        }
        Outcome::NotSpeech(NonSpeech::Title) => (
            format!("{base} — it looks like a title, not speech"),
            format!(
                "if it is a title of a work, add `{{.title}}` right after the closing mark; if it is speech, name the speaker in the text and {}",
                place.add("id")
            ),
        ),
        Outcome::NotSpeech(NonSpeech::Scare) => (
            format!("{base} — it looks like a scare quote or a term, not speech"),
            format!(
                "if it is not speech, add `{{.scare}}` or `{{.term}}` right after the closing mark; if it is, name the speaker in the text and {}",
                place.add("id")
            ),
        ),
        Outcome::Nothing => (
            format!(
                "{base}, and the prose around it names no speaker either: the article itself does not say who spoke"
            ),
            format!(
                "name the speaker in the text (`“…,” Lopez said`), then {}; {otherwise}",
                place.add("id")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    const ACTORS: &str = "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  aliases: [Lopez]\n";

    #[test]
    fn attributed_and_non_speech_quotes_pass() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n[Lopez](@lopez) said: “We have a window.”{{@lopez}} “We will use it,”{{@}} she said.\n\nCritics called it a “fig leaf”{{.scare}} and read “War and Peace”{{.title}}.\n\n[She said “yes” twice]{{@lopez .indirect}}.\n"
            ),
            expect![[""]],
        );
    }

    #[test]
    fn unattributed_quotes_are_reported() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n“We have a narrow window,” [Lopez](@lopez) said.\n\n“Half”{{.partial}} done.\n\n> A post with no credit.\n"
            ),
            expect![[r#"
                /a.news.md 1:1 NM001 warning `“We have a narrow window,”`: this quotation is not attributed: readers cannot tell who said it — the prose suggests Maria Lopez (“Lopez said”)
                  help: if that is right, add `{@lopez}` right after the closing mark; otherwise name the right speaker, or `{.scare}`, `{.title}` or `{.term}` if it is not speech
                /a.news.md 3:1 NM001 warning `“Half”`: this quotation's attribute block names no speaker: readers cannot tell who said it, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then add `@id` to its attribute block; or add `.scare`, `.title` or `.term` to the block if it is not speech
                /a.news.md 5:1 NM001 warning `> A post with no credit.`: this block quote credits no speaker: readers cannot tell whose words these are, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then end the block quote with a line holding only `> {@id}`; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
            "#]],
        );
    }

    #[test]
    fn every_outcome_has_its_message() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n“Too late,” he said. An official said “no.” “Fine,” said Tom Reed.\n\nCritics called it a “fig leaf” and read “War and Peace” twice.\n"
            ),
            expect![[r#"
                /a.news.md 1:1 NM001 warning `“Too late,”`: this quotation is not attributed: readers cannot tell who said it — the prose attributes it to “he” (“he said”), but no one named before fits
                  help: name the speaker in the text, then add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
                /a.news.md 1:39 NM001 warning `“no.”`: this quotation is not attributed: readers cannot tell who said it — the prose suggests an official (“An official said”)
                  help: define the source as an article-local actor under `actors:` in the front matter (`anonymous: true`, `described_as: an official`, `anonymity_reason: …`), then add `{@id}` right after the closing mark
                /a.news.md 1:45 NM001 warning `“Fine,”`: this quotation is not attributed: readers cannot tell who said it — the prose suggests Tom Reed (“said Tom Reed”)
                  help: define Tom Reed in actors.yaml (or under `actors:` in the front matter), then add `{@id}` right after the closing mark
                /a.news.md 3:21 NM001 warning `“fig leaf”`: this quotation is not attributed: readers cannot tell who said it — it looks like a scare quote or a term, not speech
                  help: if it is not speech, add `{.scare}` or `{.term}` right after the closing mark; if it is, name the speaker in the text and add `{@id}` right after the closing mark
                /a.news.md 3:41 NM001 warning `“War and Peace”`: this quotation is not attributed: readers cannot tell who said it — it looks like a title, not speech
                  help: if it is a title of a work, add `{.title}` right after the closing mark; if it is speech, name the speaker in the text and add `{@id}` right after the closing mark
            "#]],
        );
    }

    #[test]
    fn nested_quotes_and_annotated_block_quotes_need_nothing_more() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n“He told me ‘no’ and 'never',”{{@lopez}} [Lopez](@lopez) said.\n\n> “Inside,”{{@lopez}} she wrote.\n\n> A post\n> {{@lopez via=post}}\n"
            ),
            expect![[""]],
        );
    }
}
