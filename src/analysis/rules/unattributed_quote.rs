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
