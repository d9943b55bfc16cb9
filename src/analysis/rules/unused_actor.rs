//! NM008 unused-actor: an article-local actor that nothing in the article refers to.

use super::{Ctx, FEW};
use crate::analysis::{Code, Diagnostic};
use foldhash::HashSet;

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
        refs.filter(|id| article.local_actor(id).is_some())
            .collect()
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

    #[test]
    fn unreferenced_among_many_local_actors() {
        // More than `FEW` local actors: every reference goes into the set.
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let mut text = String::from("//- /a.news.md\n---\nactors:\n");
        for id in ids {
            text.push_str(&format!("  {id}:\n    name: N {id}\n"));
        }
        text.push_str("---\n");
        for id in ids.iter().filter(|id| **id != "e") {
            text.push_str(&format!("[N](@{id}) said “x”{{@{id}}}.\n"));
        }
        check(
            &text,
            expect![[r#"
                /a.news.md 11:3 NM008 hint `e`: local actor `e` is never mentioned or quoted in this article
                  help: refer to it (`[…](@e)` or `{@e}`), or remove it
            "#]],
        );
    }
}
