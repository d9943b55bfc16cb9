//! NM002 unknown-actor: an `@id` in an article that no registry and no
//! front-matter `actors:` defines. (A dangling registry `org` is NM007.)

use super::{Ctx, candidate_lengths, close_ids};
use crate::analysis::{Code, Diagnostic};
use crate::model::{Article, RefKind};
use crate::registry::is_valid_id;
use crate::workspace::Workspace;

/// Defined ids remembered per article.
const REMEMBERED: usize = 32;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    // An article names the same few actors again and again: each id is
    // looked up once (up to a bound, so a huge article stays linear).
    let mut defined: Vec<&str> = Vec::new();
    for (r, kind) in article.id_refs() {
        if kind == RefKind::Org || defined.contains(&r.id.as_str()) || !is_valid_id(&r.id) {
            continue;
        }
        if ctx.resolve(&r.id).is_some() {
            if defined.len() < REMEMBERED {
                defined.push(&r.id);
            }
            continue;
        }
        let help = match near_ids(ctx.ws, article, &r.id).first() {
            Some(near) => format!(
                "did you mean `@{near}`? Otherwise define `{}` in actors.yaml or under `actors:` in the front matter",
                r.id
            ),
            None => format!(
                "define `{}` in actors.yaml (shared by all articles) or under `actors:` in this article's front matter",
                r.id
            ),
        };
        out.push(Diagnostic::new(
            ctx.file,
            Code::UnknownActor,
            r.range,
            format!("no actor `{}` is defined: the reference leads nowhere, so the speaker or mention cannot be checked", r.id),
            help,
        ));
    }
}

/// The ids defined for an article (registries and its own actors) that
/// `id` may be a typo of, the nearest first.
pub fn near_ids<'a>(ws: &'a Workspace, article: &'a Article, id: &str) -> Vec<&'a str> {
    let known = ws
        .global_ids_of_len(candidate_lengths(id.len()))
        .chain(article.local_actors.iter().map(|a| a.id.as_str()));
    close_ids(id, known)
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn unknown_ids_everywhere_in_an_article() {
        check(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /a.news.md\n---\nactors:\n  aide:\n    name: An aide\n    roles: [{title: Aide, org: \"@nowhere\"}]\n---\n[Lopez](@lopes) told [the aide](@aide) “hi”{@lopez to=@group-1}, and “bye”{@ghost}.\n",
            expect![[r#"
                /a.news.md 5:34 NM007 error `nowhere`: the role's organisation `@nowhere` is not defined, so the role cannot be shown with its organisation
                  help: define `nowhere` in a registry, or write the organisation's name without `@`
                /a.news.md 7:10 NM002 error `lopes`: no actor `lopes` is defined: the reference leads nowhere, so the speaker or mention cannot be checked
                  help: did you mean `@lopez`? Otherwise define `lopes` in actors.yaml or under `actors:` in the front matter
                /a.news.md 7:44 NM009 info `{@lopez to=@group-1}`: Maria Lopez is quoted but never introduced in the article: readers meet the words before they know who spoke
                  help: name the speaker in the text, ideally as a mention: `[Maria Lopez](@lopez)`
                /a.news.md 7:56 NM002 error `group-1`: no actor `group-1` is defined: the reference leads nowhere, so the speaker or mention cannot be checked
                  help: define `group-1` in actors.yaml (shared by all articles) or under `actors:` in this article's front matter
                /a.news.md 7:77 NM002 error `ghost`: no actor `ghost` is defined: the reference leads nowhere, so the speaker or mention cannot be checked
                  help: define `ghost` in actors.yaml (shared by all articles) or under `actors:` in this article's front matter
            "#]],
        );
    }
}
