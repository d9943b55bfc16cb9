//! NM002 unknown-actor: an `@id` in an article that no registry and no
//! front-matter `actors:` defines. (A dangling registry `org` is NM007.)

use super::{Ctx, closest_id};
use crate::analysis::{Code, Diagnostic};
use crate::model::RefKind;
use crate::registry::is_valid_id;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    for (r, kind) in article.id_refs() {
        if kind == RefKind::Org
            || !is_valid_id(&r.id)
            || ctx.ws.resolve(&ctx.file.path, &r.id).is_some()
        {
            continue;
        }
        let known = ctx
            .ws
            .global_ids()
            .chain(article.local_actors.iter().map(|a| a.id.as_str()));
        let help = match closest_id(&r.id, known) {
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
