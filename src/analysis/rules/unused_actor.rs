//! NM008 unused-actor: an article-local actor that nothing in the article refers to.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use foldhash::HashSet;

/// Up to this many local actors, references are matched against them.
const FEW: usize = 8;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    if article.local_actors.is_empty() {
        return;
    }
    let refs = article
        .id_refs()
        .map(|(r, _)| r.id.as_str())
        .chain(article.attributions.iter().filter_map(|a| a.speaker_id()));
    // Most articles define one or two actors: looking for each among the
    // references costs less than hashing every reference.
    let used: HashSet<&str> = if article.local_actors.len() > FEW {
        refs.collect()
    } else {
        let local = |id: &str| article.local_actors.iter().any(|a| a.id == id);
        refs.filter(|id| local(id)).collect()
    };
    for actor in article
        .local_actors
        .iter()
        .filter(|a| !used.contains(a.id.as_str()))
    {
        out.push(Diagnostic::new(
            ctx.file,
            Code::UnusedActor,
            actor.id_range,
            format!(
                "local actor `{}` is never mentioned or quoted in this article",
                actor.id
            ),
            format!(
                "refer to it (`[…](@{0})` or `{{@{0}}}`), or remove it",
                actor.id
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn unreferenced_local_actors() {
        check(
            "//- /a.news.md\n---\nactors:\n  used:\n    name: Used\n  via-at:\n    name: Via At\n  spare:\n    name: Spare\n---\n[Used](@used) said “x”{@used} and “y”{@}. Via At said “z”{@via-at}.\n",
            expect![[r#"
                /a.news.md 7:3 NM008 hint `spare`: local actor `spare` is never mentioned or quoted in this article
                  help: refer to it (`[…](@spare)` or `{@spare}`), or remove it
            "#]],
        );
    }
}
