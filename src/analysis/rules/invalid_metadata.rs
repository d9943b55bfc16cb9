//! NM007 invalid-metadata: front matter, registry entries or newsmark.toml that
//! break the schema, including a role's `org` that points to no actor.

use super::Ctx;
use crate::analysis::{Code, Diagnostic, Severity};
use crate::model::org_refs;
use crate::workspace::Content;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let problems = match &ctx.file.content {
        Content::Article(_) => ctx.article().map_or(&[][..], |a| &a.problems),
        Content::Registry(r) => &r.problems,
        Content::Config(p) => p,
        Content::Unreadable(_) => return,
    };
    for p in problems {
        let mut d = Diagnostic::new(
            ctx.file,
            Code::InvalidMetadata,
            p.range,
            &p.message,
            &p.help,
        );
        if p.typo {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
    for (org, _) in org_refs(ctx.file.actors()) {
        if ctx.resolve(&org.id).is_none() {
            out.push(Diagnostic::new(
                ctx.file,
                Code::InvalidMetadata,
                org.range,
                format!("the role's organisation `@{}` is not defined, so the role cannot be shown with its organisation", org.id),
                format!("define `{}` in a registry, or write the organisation's name without `@`", org.id),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn registry_schema() {
        check(
            "//- /actors.yaml\nlopez:\n  kind: wizard\n  aliases: Lopez\n  wikidata: 42\n  anonymous: maybe\n  descripton: typo\n  roles:\n    - title: Envoy\n      org: \"@ministry\"\n      from: 2021-02-30\n    - org: Plain Org Name\n      from: 2022-01-01\n      to: 2021-01-01\nBad Id:\n  name: X\nlist-not-map: [1, 2]\n",
            expect![[r#"
                /actors.yaml 1:1 NM007 error `lopez`: actor `lopez` has no `name`
                  help: add `name:` with the actor's full name; an anonymous source needs `anonymous: true` and `described_as:` instead
                /actors.yaml 2:9 NM007 error `wizard`: `wizard` is not a kind of actor
                  help: use one of: person, organization, group, publication, account, document
                /actors.yaml 4:13 NM007 error `42`: `42` is not a Wikidata id
                  help: write the item id: `Q` followed by digits, such as `Q42`
                /actors.yaml 5:14 NM007 error `maybe`: `anonymous` must be `true` or `false`
                  help: write `anonymous: true` for an unnamed source
                /actors.yaml 6:3 NM007 warning `descripton`: unknown field `descripton`: is it a typo of `description`?
                  help: rename it to `description`; other fields are kept but not used
                /actors.yaml 9:14 NM007 error `ministry`: the role's organisation `@ministry` is not defined, so the role cannot be shown with its organisation
                  help: define `ministry` in a registry, or write the organisation's name without `@`
                /actors.yaml 10:13 NM007 error `2021-02-30`: `2021-02-30` is not a date
                  help: write the date as YYYY-MM-DD, such as 2021-05-24
                /actors.yaml 11:7 NM007 error `org: Plain Org Name
                      from: 2022-01-01
                      to: 2021-01-01`: a role has no `title`
                  help: add `title:`, such as `title: Secretary of State`
                /actors.yaml 11:7 NM007 error `org: Plain Org Name
                      from: 2022-01-01
                      to: 2021-01-01`: this role ends (2021-01-01) before it starts (2022-01-01)
                  help: swap `from` and `to`
                /actors.yaml 14:1 NM007 error `Bad Id`: `Bad Id` is not a valid id: ids are lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit
                  help: rename it, for example to `bad-id`
                /actors.yaml 16:1 NM007 error `list-not-map`: actor `list-not-map` has no `name`
                  help: add `name:` with the actor's full name; an anonymous source needs `anonymous: true` and `described_as:` instead
                /actors.yaml 16:15 NM007 error `[1, 2`: actor `list-not-map` must be a mapping of fields, but this is a list
                  help: write the fields indented under `list-not-map:`, at least `name: …`
            "#]],
        );
    }

    #[test]
    fn front_matter_schema_and_broken_yaml() {
        check(
            "//- /a.news.md\n---\ntitle: [not, a, string]\npublished: 24 May 2021\nlanguage: english\noutlt: Typo Daily\nactors:\n  x: {name: [\n---\n“Still analysed”\n",
            expect![[r#"
                /a.news.md 2:8 NM007 error `[not, a, string`: `title` must be a single value, but this is a list
                  help: write the headline
                /a.news.md 3:12 NM007 error `24 May 2021`: `24 May 2021` is not a date
                  help: write the publication date as YYYY-MM-DD, such as 2021-05-24
                /a.news.md 4:11 NM007 error `english`: `english` is not a language tag
                  help: write a BCP 47 tag such as `en`, `en-GB` or `pt-BR`
                /a.news.md 5:1 NM007 warning `outlt`: unknown front-matter key `outlt`: is it a typo of `outlet`?
                  help: rename it to `outlet`; other keys are allowed but not used
                /a.news.md 7:3 NM007 error `x`: actor `x` has no `name`
                  help: add `name:` with the actor's full name; an anonymous source needs `anonymous: true` and `described_as:` instead
                /a.news.md 7:3 NM008 hint `x`: local actor `x` is never mentioned or quoted in this article
                  help: refer to it (`[…](@x)` or `{@x}`), or remove it
                /a.news.md 7:13 NM007 error ``: `name` must be a single value, but this is a list
                  help: write the actor's full name
                /a.news.md 8:1 NM007 error ``: the YAML cannot be read here: while parsing a node, did not find expected node content
                  help: fix the YAML syntax (indentation, a missing `:` or an unclosed quote or bracket); what comes before this point is still read
                /a.news.md 9:1 NM001 warning `“Still analysed”`: this quotation is not attributed: readers cannot tell who said it, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
            "#]],
        );
    }

    #[test]
    fn config_problems() {
        check(
            "//- /newsmark.toml\n[rules]\nunattributed-quote = \"loud\"\n",
            expect![[r#"
            /newsmark.toml 2:22 NM007 error `"loud"`: `loud` is not a level
              help: use "error", "warning", "info", "hint" or "off"
        "#]],
        );
    }
}
