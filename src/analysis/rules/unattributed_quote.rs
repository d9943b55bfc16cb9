//! NM001 unattributed-quote: a quotation that credits no speaker and is not
//! marked as non-speech (`.scare`, `.title`, `.term`).

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::syntax::QuoteKind;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    for q in article.quotations.iter().filter(|q| q.is_top_level()) {
        let attribution = q.effective_attribution().map(|a| &article.attributions[a]);
        if attribution.is_some_and(|a| a.speaker.is_some() || a.is_non_speech()) {
            continue;
        }
        let (message, help) = match q.kind {
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
                    "end the block quote with a line holding only its attribution, such as `> {@id via=post}`",
                )
            }
            _ if attribution.is_some() => (
                "this quotation's attribute block names no speaker: readers cannot tell who said it",
                "add the speaker to the block, such as `{@id .partial}`; or mark it `.scare`, `.title` or `.term` if it is not speech",
            ),
            _ => (
                "this quotation is not attributed: readers cannot tell who said it",
                "add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech",
            ),
        };
        out.push(Diagnostic::new(
            ctx.file,
            Code::UnattributedQuote,
            q.range,
            message,
            help,
        ));
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
                /a.news.md 1:1 NM001 warning `“We have a narrow window,”`: this quotation is not attributed: readers cannot tell who said it
                  help: add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
                /a.news.md 3:1 NM001 warning `“Half”`: this quotation's attribute block names no speaker: readers cannot tell who said it
                  help: add the speaker to the block, such as `{@id .partial}`; or mark it `.scare`, `.title` or `.term` if it is not speech
                /a.news.md 5:1 NM001 warning `> A post with no credit.`: this block quote credits no speaker: readers cannot tell whose words these are
                  help: end the block quote with a line holding only its attribution, such as `> {@id via=post}`
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
