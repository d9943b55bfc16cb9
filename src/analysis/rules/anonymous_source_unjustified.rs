//! NM006 anonymous-source-unjustified: an anonymous actor is quoted but has no
//! `anonymity_reason`. Reported once per actor, at its first attribution.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use foldhash::{HashSet, HashSetExt};

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    let mut seen = HashSet::new();
    for a in &article.attributions {
        let Some(id) = a.speaker_id() else { continue };
        let Some((def_file, actor)) = ctx.resolve(id) else {
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

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn quoted_anonymous_sources_need_a_reason() {
        check(
            "//- /actors.yaml\nsource-1:\n  anonymous: true\n  described_as: a diplomat\n//- /a.news.md\n---\nactors:\n  aide-1:\n    anonymous: true\n    described_as: an aide\n  aide-2:\n    anonymous: true\n    described_as: a second aide\n    anonymity_reason: not authorized to speak\n---\n[An aide](@aide-1) said “x”{@aide-1} and “y”{@aide-1}; [another](@aide-2) said “z”{@aide-2}; [a diplomat](@source-1) said “w”{@source-1}.\n",
            expect![[r#"
                /a.news.md 11:28 NM006 warning `{@aide-1}`: `aide-1` is an anonymous source with no stated reason for anonymity: readers are owed why the source is not named
                  help: add `anonymity_reason:` to `aide-1`, such as `not authorized to discuss the talks publicly`
                  related /a.news.md 3:3: the anonymous source is defined here
                /a.news.md 11:126 NM006 warning `{@source-1}`: `source-1` is an anonymous source with no stated reason for anonymity: readers are owed why the source is not named
                  help: add `anonymity_reason:` to `source-1`, such as `not authorized to discuss the talks publicly`
                  related /actors.yaml 1:1: the anonymous source is defined here
            "#]],
        );
    }
}
