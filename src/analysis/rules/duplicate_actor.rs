//! NM003 duplicate-actor: an id defined twice: in two registries, twice in one,
//! twice in one front matter, or in a front matter and a registry.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use foldhash::{HashMap, HashMapExt};

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let file = ctx.file;
    let actors = file.actors();
    let local = file.article().is_some();
    // Definitions of each id in this file, found in one pass (a registry may
    // hold thousands of actors).
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, actor) in actors.iter().enumerate() {
        by_id.entry(actor.id.as_str()).or_default().push(i);
    }
    for (i, actor) in actors.iter().enumerate() {
        let mut d = Diagnostic::new(
            file,
            Code::DuplicateActor,
            actor.id_range,
            format!(
                "`{}` is defined more than once, so references to it are ambiguous",
                actor.id
            ),
            "keep one definition and rename or remove the others",
        );
        for &j in by_id[actor.id.as_str()].iter().filter(|&&j| j != i) {
            d = d.with_related(&file.path, actors[j].id_range, "also defined here");
        }
        // Registry definitions elsewhere (a registry's own are counted above).
        for def in ctx.ws.global_definitions(&actor.id) {
            if def.path() != file.path {
                let what = if local {
                    "a registry already defines it here; a local actor must have an id of its own"
                } else {
                    "also defined here"
                };
                d = d.with_related(def.path(), def.range, what);
            }
        }
        if !d.related.is_empty() {
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn duplicates_across_registries_and_front_matter() {
        check(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /more.actors.yaml\nlopez:\n  name: Another Lopez\nsolo:\n  name: Solo\nsolo:\n  name: Solo again\n//- /a.news.md\n---\nactors:\n  lopez:\n    name: Local Lopez\n---\n[Lopez](@lopez).\n",
            expect![[r#"
                /a.news.md 3:3 NM003 error `lopez`: `lopez` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /actors.yaml 1:1: a registry already defines it here; a local actor must have an id of its own
                  related /more.actors.yaml 1:1: a registry already defines it here; a local actor must have an id of its own
                /actors.yaml 1:1 NM003 error `lopez`: `lopez` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /more.actors.yaml 1:1: also defined here
                /more.actors.yaml 1:1 NM003 error `lopez`: `lopez` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /actors.yaml 1:1: also defined here
                /more.actors.yaml 3:1 NM003 error `solo`: `solo` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /more.actors.yaml 5:1: also defined here
                /more.actors.yaml 5:1 NM003 error `solo`: `solo` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /more.actors.yaml 3:1: also defined here
            "#]],
        );
    }
}
