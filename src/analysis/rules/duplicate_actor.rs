//! NM003 duplicate-actor: an id defined twice: in two registries, twice in one,
//! twice in one front matter, or in a front matter and a registry.

use super::{Ctx, FEW};
use crate::analysis::{Code, Diagnostic};
use foldhash::{HashMap, HashMapExt};

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let file = ctx.file;
    let actors = file.actors();
    let local = file.article().is_some();
    // Definitions of each id in this file, found in one pass (a registry may
    // hold thousands of actors; an article, one or two).
    let by_id: Option<HashMap<&str, Vec<usize>>> = (actors.len() > FEW).then(|| {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, actor) in actors.iter().enumerate() {
            by_id.entry(actor.id.as_str()).or_default().push(i);
        }
        by_id
    });
    for (i, actor) in actors.iter().enumerate() {
        // The other definitions, found before any message is written: most
        // actors have none.
        let twins: Vec<usize> = match &by_id {
            Some(by_id) => by_id[actor.id.as_str()]
                .iter()
                .copied()
                .filter(|&j| j != i)
                .collect(),
            None => (0..actors.len())
                .filter(|&j| j != i && actors[j].id == actor.id)
                .collect(),
        };
        // Registry definitions elsewhere (a registry's own are counted above).
        let elsewhere: Vec<_> = ctx
            .ws
            .global_definitions(&actor.id)
            .iter()
            .filter(|def| def.path() != file.path)
            .collect();
        if twins.is_empty() && elsewhere.is_empty() {
            continue;
        }
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
        for j in twins {
            d = d.with_related(&file.path, actors[j].id_range, "also defined here");
        }
        let what = if local {
            "a registry already defines it here; a local actor must have an id of its own"
        } else {
            "also defined here"
        };
        for def in elsewhere {
            d = d.with_related(def.path(), def.range, what);
        }
        out.push(d);
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

    #[test]
    fn duplicates_in_a_registry_of_many_actors() {
        // More than `FEW` actors: the file's own duplicates come from a table.
        let mut registry = String::from("//- /actors.yaml\n");
        for id in ["a", "b", "c", "d", "e", "f", "g", "b", "h", "i", "b"] {
            registry.push_str(&format!("{id}:\n  name: N {id}\n"));
        }
        check(
            &registry,
            expect![[r#"
                /actors.yaml 3:1 NM003 error `b`: `b` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /actors.yaml 15:1: also defined here
                  related /actors.yaml 21:1: also defined here
                /actors.yaml 15:1 NM003 error `b`: `b` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /actors.yaml 3:1: also defined here
                  related /actors.yaml 21:1: also defined here
                /actors.yaml 21:1 NM003 error `b`: `b` is defined more than once, so references to it are ambiguous
                  help: keep one definition and rename or remove the others
                  related /actors.yaml 3:1: also defined here
                  related /actors.yaml 15:1: also defined here
            "#]],
        );
    }
}
