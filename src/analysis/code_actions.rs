//! The quick fixes the editor offers for a range of an article: the fixes
//! of the diagnostics it touches ([`fix::Fixer::offered`]; first, for a
//! quotation whose speaker the prose names and no registry knows, "Create
//! actor … and attribute"), then "Link mention" and "Link all mentions" for
//! a known actor's name written as plain text there. And the source action
//! "Annotate article": the whole draft of `newsmark annotate`.

use super::fix::{self, Certainty, Fix, FixKind, Fixer};
use super::{Code, Diagnostic, diagnostics};
use crate::annotate;
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

/// One quick fix, and the diagnostic it resolves, if any.
#[derive(Clone, Debug)]
pub struct Action {
    pub fix: Fix,
    pub diagnostic: Option<Diagnostic>,
}

impl Action {
    /// The one to apply with a single keystroke: a certain fix, the
    /// speaker the prose names, or the one id a typo stands for.
    pub fn preferred(&self) -> bool {
        self.fix.certainty <= Certainty::Likely
    }
}

/// The quick fixes for `range` of a file (a cursor is an empty range).
pub fn code_actions(ws: &Workspace, path: &Path, range: TextRange) -> Vec<Action> {
    let Some(fixer) = Fixer::new(ws, path) else {
        return Vec::new();
    };
    let meets = |r: TextRange| r.start() <= range.end() && range.start() <= r.end();
    let mut out: Vec<Action> = Vec::new();
    for d in diagnostics(ws, path).into_iter().filter(|d| meets(d.range)) {
        let create = (d.code == Code::UnattributedQuote)
            .then(|| {
                let s = d.suggestion.as_ref()?;
                let q = fixer.quotation_at(d.range)?;
                annotate::create_speaker(ws, path, q, s)
            })
            .flatten();
        for fix in create.into_iter().chain(fixer.offered(&d)) {
            out.push(Action {
                fix,
                diagnostic: Some(d.clone()),
            });
        }
    }
    let Some(file) = ws.file(path) else {
        return out;
    };
    let here = fix::plain_mentions(ws, file, Some(range));
    if here.iter().all(|p| !meets(p.range)) {
        return out;
    }
    // "Link all" needs every plain mention of the article.
    let plains = fix::plain_mentions(ws, file, None);
    let mut linked: Vec<&str> = Vec::new();
    for plain in here.iter().filter(|p| meets(p.range)) {
        out.extend(fix::link_mention(ws, path, plain).map(|fix| Action {
            fix,
            diagnostic: None,
        }));
        if !linked.contains(&plain.id.as_str()) {
            linked.push(&plain.id);
            out.extend(
                fix::link_all(ws, path, &plains, &plain.id).map(|fix| Action {
                    fix,
                    diagnostic: None,
                }),
            );
        }
    }
    out
}

/// "Annotate article": the draft `newsmark annotate` makes of the article,
/// as one fix (the registry's edit first). A registry that does not exist
/// yet is made beside the article; when the client cannot create files,
/// new actors go to the front matter instead. `None` when the draft
/// changes nothing.
pub fn annotate_article(ws: &Workspace, path: &Path, can_create: bool) -> Option<Action> {
    let beside = path.parent()?.join("actors.yaml");
    let mut options = annotate::Options::default();
    let mut draft = annotate::draft(ws, path, &options, &beside)?;
    if !can_create && draft.registry.as_ref().is_some_and(|r| r.create) {
        options.local = true;
        draft = annotate::draft(ws, path, &options, &beside)?;
    }
    if !draft.changed() {
        return None;
    }
    let r = &draft.report;
    let mut what = vec![format!(
        "{} quote{} attributed",
        r.attributed,
        if r.attributed == 1 { "" } else { "s" }
    )];
    if !r.created.is_empty() {
        let n = r.created.len();
        what.push(format!(
            "{n} actor{} created",
            if n == 1 { "" } else { "s" }
        ));
    }
    Some(Action {
        fix: Fix {
            title: format!("Annotate article ({})", what.join(", ")),
            kind: FixKind::Annotate,
            certainty: Certainty::Offered,
            edits: draft.edits(),
        },
        diagnostic: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fix::apply;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    /// Each action at the cursor: the code it resolves, its title, whether
    /// it is preferred, and the lines it adds or changes.
    fn check(fixture: &str, expected: Expect) {
        let f = Fixture::parse(fixture);
        let ws = &f.ws;
        let mut out = String::new();
        for a in code_actions(ws, &f.path, TextRange::empty(f.offset)) {
            let code = a.diagnostic.as_ref().map_or("-", |d| d.code.as_str());
            let star = if a.preferred() { " (preferred)" } else { "" };
            out.push_str(&format!("{code} {}{star}\n", a.fix.title));
            for fe in &a.fix.edits {
                let old = if fe.create {
                    ""
                } else {
                    ws.file(&fe.path).map_or("", |f| &f.text)
                };
                let new = apply(old, &fe.edits);
                let old_lines: Vec<&str> = old.lines().collect();
                for line in new.lines().filter(|l| !old_lines.contains(l)) {
                    out.push_str(&format!("    + {line}\n"));
                }
            }
        }
        expected.assert_eq(&out);
    }

    const REGISTRY: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
  pronouns: she
okafor:
  name: Daniel Okafor
  aliases: [Council Member Okafor]
ministry:
  name: Foreign Ministry
  kind: organization
  aliases: [the ministry]
"#;

    #[test]
    fn an_unattributed_quote_offers_the_suggestion_first_then_every_actor() {
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
[Maria Lopez](@lopez) spoke first. “We will wait,”{{@lopez}} she said.

[Daniel Okafor](@okafor) disagreed. “No$0 more waiting,” Okafor said.
"
            ),
            expect![[r#"
                NM001 Attribute to Daniel Okafor (@okafor) (preferred)
                    + [Daniel Okafor](@okafor) disagreed. “No more waiting,”{@okafor} Okafor said.
                NM001 Mark as scare quote
                    + [Daniel Okafor](@okafor) disagreed. “No more waiting,”{.scare} Okafor said.
                NM001 Mark as title
                    + [Daniel Okafor](@okafor) disagreed. “No more waiting,”{.title} Okafor said.
                NM001 Mark as term
                    + [Daniel Okafor](@okafor) disagreed. “No more waiting,”{.term} Okafor said.
                NM001 Attribute to Maria Lopez (@lopez)
                    + [Daniel Okafor](@okafor) disagreed. “No more waiting,”{@lopez} Okafor said.
            "#]],
        );
    }

    #[test]
    fn a_plain_name_offers_link_mention_and_link_all() {
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
[Maria Lopez](@lopez) met Daniel Okafor on Monday. “Soon,”{{@okafor}} he said.

Okafor’s office said later that Oka$0for and the ministry disagree. `Okafor` in code.
"
            ),
            expect![[r#"
                - Link “Okafor” to Daniel Okafor (@okafor)
                    + Okafor’s office said later that [Okafor](@okafor) and the ministry disagree. `Okafor` in code.
                - Link all 3 mentions of Daniel Okafor (@okafor) in this article
                    + [Maria Lopez](@lopez) met [Daniel Okafor](@okafor) on Monday. “Soon,”{@okafor} he said.
                    + [Okafor](@okafor)’s office said later that [Okafor](@okafor) and the ministry disagree. `Okafor` in code.
            "#]],
        );
    }

    #[test]
    fn a_surname_alone_links_only_an_actor_the_article_refers_to() {
        // Okafor is never referred to here: his surname alone is no link,
        // his full name is.
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
Oka$0for spoke. Daniel Okafor left.
"
            ),
            expect![""],
        );
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
Okafor spoke. Daniel Oka$0for left.
"
            ),
            expect![[r#"
                - Link “Daniel Okafor” to Daniel Okafor (@okafor)
                    + Okafor spoke. [Daniel Okafor](@okafor) left.
            "#]],
        );
    }

    #[test]
    fn aliases_with_the_initials_and_possessives() {
        let registry = format!("{REGISTRY}blinken:\n  name: Antony J. Blinken\n");
        check(
            &format!("{registry}\n//- /a.news.md\nOfficials at the minis$0try agreed.\n"),
            expect![[r#"
                - Link “the ministry” to Foreign Ministry (@ministry)
                    + Officials at [the ministry](@ministry) agreed.
            "#]],
        );
        check(
            &format!("{registry}\n//- /a.news.md\nAntony J. Blink$0en’s aide left.\n"),
            expect![[r#"
                - Link “Antony J. Blinken” to Antony J. Blinken (@blinken)
                    + [Antony J. Blinken](@blinken)’s aide left.
            "#]],
        );
    }

    #[test]
    fn names_inside_links_code_and_blocks_are_not_offered() {
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
See [the Maria Lop$0ez profile](https://example.com/lopez).
"
            ),
            expect![""],
        );
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
Run `Maria Lop$0ez` now.
"
            ),
            expect![""],
        );
    }

    #[test]
    fn a_named_speaker_no_registry_knows_offers_to_create_the_actor_first() {
        check(
            "//- /news/a.news.md
“The fleet is o$0ld,” said Chan Saveth, a senior investigator with the rights group Adhoc.
",
            expect![[r#"
                NM001 Create actor Chan Saveth (senior investigator, Adhoc) and attribute (preferred)
                    + chan-saveth:
                    +   name: Chan Saveth
                    +   kind: person
                    +   roles: [{title: senior investigator, org: Adhoc}]
                    + “The fleet is old,”{@chan-saveth} said Chan Saveth, a senior investigator with the rights group Adhoc.
                NM001 Mark as scare quote
                    + “The fleet is old,”{.scare} said Chan Saveth, a senior investigator with the rights group Adhoc.
                NM001 Mark as title
                    + “The fleet is old,”{.title} said Chan Saveth, a senior investigator with the rights group Adhoc.
                NM001 Mark as term
                    + “The fleet is old,”{.term} said Chan Saveth, a senior investigator with the rights group Adhoc.
            "#]],
        );
    }

    #[test]
    fn an_unknown_speaker_offers_to_create_the_actor() {
        check(
            &format!(
                "{REGISTRY}
//- /a.news.md
“Fine,”{{@gar$0vey}} she said.
"
            ),
            expect![[r#"
                NM002 Create actor `garvey` in actors.yaml
                    + garvey:
                    +   name: "Garvey"
            "#]],
        );
    }

    #[test]
    fn an_unknown_id_one_typo_from_a_defined_one_prefers_changing_to_it() {
        check(
            &format!("{REGISTRY}\n//- /a.news.md\n“Soon,”{{@lop$0z}} she said.\n"),
            expect![[r#"
                NM002 Change to `@lopez` (Maria Lopez) (preferred)
                    + “Soon,”{@lopez} she said.
                NM002 Create actor `lopz` in actors.yaml
                    + lopz:
                    +   name: "Lopz"
            "#]],
        );
        // Two ids as near: both offered, neither preferred.
        check(
            "//- /actors.yaml\nkim-a:\n  name: A Kim\nkim-b:\n  name: B Kim\n//- /a.news.md\n[Kim](@kim-$0c) spoke.\n",
            expect![[r#"
                NM002 Change to `@kim-a` (A Kim)
                    + [Kim](@kim-a) spoke.
                NM002 Change to `@kim-b` (B Kim)
                    + [Kim](@kim-b) spoke.
                NM002 Create actor `kim-c` in actors.yaml
                    + kim-c:
                    +   name: "Kim"
            "#]],
        );
    }
}
