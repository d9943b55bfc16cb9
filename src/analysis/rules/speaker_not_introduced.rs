//! NM009 speaker-not-introduced: a quote is attributed to an actor whom the
//! article's prose never mentions, by a mention link, name or alias.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::model::Article;
use crate::registry::Actor;
use foldhash::{HashSet, HashSetExt};
use smol_str::SmolStr;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    let mentioned: HashSet<&str> = article.mentions.iter().map(|m| m.id.id.as_str()).collect();
    let mut seen = HashSet::new();
    for a in &article.attributions {
        let Some(id) = a.speaker_id() else { continue };
        if mentioned.contains(id) || !seen.insert(id) {
            continue;
        }
        let Some((_, actor)) = ctx.resolve(id) else {
            continue;
        };
        if named_in_prose(&ctx.file.text, article, actor) {
            continue;
        }
        out.push(Diagnostic::new(
            ctx.file,
            Code::SpeakerNotIntroduced,
            a.range,
            format!("{} is quoted but never introduced in the article: readers meet the words before they know who spoke", actor.display_name()),
            format!("name the speaker in the text, ideally as a mention: `[{}](@{id})`", actor.display_name()),
        ));
    }
}

fn named_in_prose(text: &str, article: &Article, actor: &Actor) -> bool {
    let names: Vec<&str> = actor
        .name
        .iter()
        .chain(&actor.aliases)
        .chain(&actor.described_as)
        .map(SmolStr::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    article
        .prose
        .iter()
        .any(|r| names.iter().any(|n| r.slice(text).contains(n)))
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn speakers_must_be_named_in_the_prose() {
        check(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  aliases: [Lopez]\nkim:\n  name: Kim Park\nstranger:\n  name: Sam Stranger\n//- /a.news.md\n“x”{@lopez} Lopez said. “y”{@kim} said [Park](@kim). “z”{@stranger} “w”{@stranger}\n",
            expect![[r#"
                /a.news.md 1:57 NM009 info `{@stranger}`: Sam Stranger is quoted but never introduced in the article: readers meet the words before they know who spoke
                  help: name the speaker in the text, ideally as a mention: `[Sam Stranger](@stranger)`
            "#]],
        );
    }
}
