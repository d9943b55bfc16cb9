//! NM006 anonymous-source-unjustified: an anonymous actor is quoted but has no
//! `anonymity_reason`. Reported once per actor, at its first attribution.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use std::collections::HashSet;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    let mut seen = HashSet::new();
    for a in &article.attributions {
        let Some(id) = a.speaker_id() else { continue };
        let Some((def_file, actor)) = ctx.ws.resolve(&ctx.file.path, id) else {
            continue;
        };
        if !actor.anonymous || actor.anonymity_reason.is_some() || !seen.insert(id) {
            continue;
        }
        out.push(
            Diagnostic::new(
                ctx.file,
                Code::AnonymousSourceUnjustified,
                a.range,
                format!("`{id}` is an anonymous source with no stated reason for anonymity: readers are owed why the source is not named"),
                format!("add `anonymity_reason:` to `{id}`, such as `not authorized to discuss the talks publicly`"),
            )
            .with_related(&def_file.path, actor.id_range, "the anonymous source is defined here"),
        );
    }
}
