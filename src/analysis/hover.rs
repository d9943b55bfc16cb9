//! Hover: a Markdown card about the actor under the cursor: name, kind, the
//! role held on the article's `published` date with its organisation, aliases,
//! pronouns, description, and how the workspace uses the actor.

use super::at_offset::{At, find_ref};
use crate::registry::{Actor, OrgRef};
use crate::text::TextRange;
use crate::workspace::{Workspace, index};
use std::fmt::Write;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// What the card is about (the reference or name under the cursor).
    pub range: TextRange,
    pub markdown: String,
}

pub fn hover(ws: &Workspace, path: &Path, offset: usize) -> Option<Hover> {
    let found = find_ref(ws, path, offset)?;
    let file = ws.file(path)?;
    let date = file.article().and_then(|a| a.meta.published.as_deref());
    let Some((def_file, actor)) = ws.resolve(path, &found.id) else {
        return Some(Hover {
            range: found.range,
            markdown: format!(
                "**`@{}`** is not defined\n\nDefine it in `actors.yaml` or under `actors:` in the front matter.",
                found.id
            ),
        });
    };
    let local = def_file.is_article();
    let mut md = card(ws, path, actor, date);
    let figures = if local {
        // An article-local actor exists only in its article.
        index::usage_of(def_file)
            .get(actor.id.as_str())
            .map(|u| (u.quotes, 1))
            .unwrap_or_default()
    } else {
        let f = super::code_lens::figures(ws, &actor.id);
        (f.quotes, f.articles)
    };
    let _ = write!(
        md,
        "\n\n---\n\nQuoted {} · in {} · defined in `{}`{}",
        plural(figures.0, "time"),
        plural(figures.1, "article"),
        def_file.path.file_name().map_or_else(
            || def_file.path.display().to_string(),
            |n| n.to_string_lossy().into()
        ),
        if local { " (this article only)" } else { "" },
    );
    if found.at == At::PreviousSpeaker {
        md.insert_str(0, "`{@}` is the previous speaker:\n\n");
    }
    Some(Hover {
        range: found.range,
        markdown: md,
    })
}

/// The card's body: who the actor is, as of `date`.
pub fn card(ws: &Workspace, from: &Path, actor: &Actor, date: Option<&str>) -> String {
    let mut md = format!("**{}**", escape(actor.display_name()));
    if let Some(kind) = &actor.kind {
        let _ = write!(md, " · {kind}");
    }
    let _ = write!(md, " · `@{}`", actor.id);
    if let Some(role) = actor.role_on(date) {
        let _ = write!(md, "\n\n{}", escape(&role.title));
        match &role.org {
            Some(OrgRef::Id(org)) => {
                let name = ws
                    .resolve(from, &org.id)
                    .map_or(org.id.as_str(), |(_, a)| a.display_name());
                let _ = write!(md, ", {}", escape(name));
            }
            Some(OrgRef::Name(name)) => {
                let _ = write!(md, ", {}", escape(name));
            }
            None => {}
        }
        match date {
            Some(d) => {
                let _ = write!(md, " (on {d})");
            }
            None if role.from.is_some() => {
                let _ = write!(md, " (since {})", role.from.as_deref().unwrap_or_default());
            }
            None => {}
        }
    }
    if actor.anonymous {
        md.push_str("\n\nAnonymous source");
        if let Some(d) = &actor.described_as {
            let _ = write!(md, ", described as “{}”", escape(d));
        }
        match &actor.anonymity_reason {
            Some(r) => {
                let _ = write!(md, ". Why not named: {}", escape(r));
            }
            None => md.push_str(". No reason for anonymity is given."),
        }
    }
    let mut facts = Vec::new();
    if !actor.aliases.is_empty() {
        facts.push(format!("Aliases: {}", escape(&actor.aliases.join(", "))));
    }
    if let Some(p) = &actor.pronouns {
        facts.push(format!("Pronouns: {}", escape(p)));
    }
    if !facts.is_empty() {
        let _ = write!(md, "\n\n{}", facts.join(" · "));
    }
    if let Some(d) = &actor.description {
        let _ = write!(md, "\n\n{}", escape(d));
    }
    md
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Escapes the characters that Markdown would take as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    const WS: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
  kind: person
  aliases: [Lopez, Envoy Lopez]
  pronouns: she
  roles:
    - title: Deputy Envoy
      org: "@fm"
      from: 2015-01-01
      to: 2019-12-31
    - title: Special Envoy
      org: "@fm"
      from: 2020-03-01
  description: Career diplomat; led the 2019 talks.
fm:
  name: Foreign Ministry
  kind: organization
//- /b.news.md
---
published: 2018-06-01
---
[Lopez](@lopez) said “no.”{@lopez}
"#;

    fn check(body: &str, expected: Expect) {
        let fixture = format!("{WS}//- /a.news.md\n{body}");
        let f = Fixture::parse(&fixture);
        // As the language server holds the workspace: the same card, and no
        // model kept of the articles counted for it.
        let held = Fixture::held(&fixture);
        assert_eq!(
            hover(&held.ws, &held.path, held.offset),
            hover(&f.ws, &f.path, f.offset)
        );
        held.assert_no_other_model();
        let actual = match hover(&f.ws, &f.path, f.offset) {
            Some(h) => format!("{}\n{}", f.show(&f.path, h.range), h.markdown),
            None => "no hover".into(),
        };
        expected.assert_eq(&actual);
    }

    #[test]
    fn mention_with_role_on_the_published_date() {
        check(
            "---\npublished: 2021-05-24\n---\n[The envoy](@lo$0pez) said “yes.”{@lopez}\n",
            expect![[r#"
                /a.news.md:43..48 "lopez"
                **Maria Lopez** · person · `@lopez`

                Special Envoy, Foreign Ministry (on 2021-05-24)

                Aliases: Lopez, Envoy Lopez · Pronouns: she

                Career diplomat; led the 2019 talks.

                ---

                Quoted 2 times · in 2 articles · defined in `actors.yaml`"#]],
        );
        // The role held on the other article's date.
        let f = Fixture::parse(&format!("{WS}//- /a.news.md\nx"));
        let h = hover(&f.ws, Path::new("/b.news.md"), 30).unwrap();
        assert!(
            h.markdown
                .contains("Deputy Envoy, Foreign Ministry (on 2018-06-01)"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn previous_speaker_addressee_and_prose_name() {
        check(
            "“Hi.”{@fm} “Yes.”{$0@ to=@lopez}\n",
            expect![[r#"
                /a.news.md:26..27 "@"
                `{@}` is the previous speaker:

                **Foreign Ministry** · organization · `@fm`

                ---

                Quoted 2 times · in 1 article · defined in `actors.yaml`"#]],
        );
        check(
            "“Hi.”{@fm to=@lo$0pez}\n",
            expect![[r#"
                /a.news.md:18..23 "lopez"
                **Maria Lopez** · person · `@lopez`

                Special Envoy, Foreign Ministry (since 2020-03-01)

                Aliases: Lopez, Envoy Lopez · Pronouns: she

                Career diplomat; led the 2019 talks.

                ---

                Quoted 1 time · in 2 articles · defined in `actors.yaml`"#]],
        );
        check(
            "Then Envoy Lo$0pez left.\n",
            expect![[r#"
                /a.news.md:5..16 "Envoy Lopez"
                **Maria Lopez** · person · `@lopez`

                Special Envoy, Foreign Ministry (since 2020-03-01)

                Aliases: Lopez, Envoy Lopez · Pronouns: she

                Career diplomat; led the 2019 talks.

                ---

                Quoted 1 time · in 1 article · defined in `actors.yaml`"#]],
        );
    }

    #[test]
    fn local_anonymous_and_unknown() {
        check(
            "---\nactors:\n  aide-1:\n    anonymous: true\n    described_as: an aide\n---\n[An aide](@aide-1) said “no.”{@ai$0de-1}\n",
            expect![[r#"
                /a.news.md:107..113 "aide-1"
                **an aide** · `@aide-1`

                Anonymous source, described as “an aide”. No reason for anonymity is given.

                ---

                Quoted 1 time · in 1 article · defined in `a.news.md` (this article only)"#]],
        );
        check(
            "[X](@nob$0ody)\n",
            expect![[r#"
                /a.news.md:5..11 "nobody"
                **`@nobody`** is not defined

                Define it in `actors.yaml` or under `actors:` in the front matter."#]],
        );
        check("Nothing$0 here.\n", expect!["no hover"]);
    }
}
