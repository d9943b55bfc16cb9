//! The report's figures on small workspaces, rendered as text.

use super::*;
use crate::workspace::{FileKind, fixture};
use expect_test::{Expect, expect};
use std::fmt::Write;
use std::path::Path;

/// The report of every article of the fixture, in path order.
fn report(fixture: &str) -> Report {
    let (ws, _) = fixture::workspace(fixture);
    let mut tally = Tally::default();
    let mut rows = Vec::new();
    for file in ws.files() {
        if let Some(figures) = article(&ws, file) {
            rows.push(tally.add(figures));
        }
    }
    tally.finish(rows, Vec::new())
}

fn render(r: &Report) -> String {
    let mut out = String::new();
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter(|k| r.kinds.get(**k) > 0)
        .map(|k| format!("{} {}", k.as_str(), r.kinds.get(*k)))
        .collect();
    writeln!(
        out,
        "quotations {} (speech {}; {}) attributed {} unknown {} credited {} anonymous {} without reason {}",
        r.quotations(),
        r.kinds.speech(),
        kinds.join(", "),
        r.attributed,
        r.unknown,
        r.credited(),
        r.anonymous,
        r.without_reason
    )
    .unwrap();
    for s in &r.speakers {
        let roles: Vec<String> = s
            .roles
            .iter()
            .map(|role| {
                format!(
                    "{} of {} ×{}",
                    role.title,
                    role.org.as_deref().unwrap_or("-"),
                    role.quotes
                )
            })
            .collect();
        writeln!(
            out,
            "speaker @{}{} {:?} kind={} {}{} quotes={} articles={} roles=[{}]",
            s.key.id,
            s.key
                .article
                .as_ref()
                .map(|p| format!(" in {}", p.display()))
                .unwrap_or_default(),
            s.name,
            s.kind.as_deref().unwrap_or("-"),
            s.gender.as_str(),
            if s.anonymous {
                if s.has_reason {
                    " anonymous"
                } else {
                    " anonymous-without-reason"
                }
            } else {
                ""
            },
            s.quotes,
            s.articles,
            roles.join("; ")
        )
        .unwrap();
    }
    for m in &r.by_kind {
        writeln!(
            out,
            "kind {}: quotes={} speakers={}",
            m.key.as_deref().unwrap_or("(none)"),
            m.quotes,
            m.speakers
        )
        .unwrap();
    }
    for m in r.by_gender.iter().filter(|m| m.speakers > 0) {
        writeln!(
            out,
            "gender {}: quotes={} speakers={}",
            m.key.as_str(),
            m.quotes,
            m.speakers
        )
        .unwrap();
    }
    for (name, groups) in [("outlet", &r.by_outlet), ("month", &r.by_month)] {
        for g in groups {
            writeln!(
                out,
                "{name} {}: articles={} quotes={} named persons={} women={}",
                g.key.as_deref().unwrap_or("(none)"),
                g.articles,
                g.quotes,
                g.named_persons,
                g.women
            )
            .unwrap();
        }
    }
    for a in &r.articles {
        writeln!(
            out,
            "article {} {:?} quotes={} unattributed={} anonymous={}",
            a.path.display(),
            a.title.as_deref().unwrap_or("-"),
            a.quotes,
            a.unattributed,
            a.anonymous
        )
        .unwrap();
    }
    out
}

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render(&report(fixture)));
}

const ACTORS: &str = "//- /actors.yaml
lopez:
  name: Maria Lopez
  kind: person
  pronouns: she/her
  roles:
    - {title: Deputy Envoy, org: \"@ministry\", from: 2019-01-01, to: 2020-12-31}
    - {title: Special Envoy, org: \"@ministry\", from: 2021-01-01}
kim:
  name: Ji-ho Kim
  kind: person
  pronouns: They
park:
  name: Min Park
  kind: person
  pronouns: she/they
ruiz:
  name: Ana Ruiz
  kind: person
ministry:
  name: Foreign Ministry
  kind: organization
  roles:
    - {title: Ministry, org: Government}
group-1:
  name: Aid Group
";

#[test]
fn figures_of_two_outlets_and_months() {
    check(
        &format!(
            "{ACTORS}//- /a.news.md
---
title: Envoy heads to the region
outlet: Daily
published: 2021-05-24
actors:
  source-1: {{anonymous: true, kind: person, described_as: a senior official, anonymity_reason: not authorized}}
---
“We have a narrow window,”{{@lopez}} [Lopez](@lopez) said. “We intend to use it.”{{@}}

[The official](@source-1) said the talks were [“fragile but alive.”]{{@source-1 .partial}}

[Kim](@kim) said [that aid would come]{{@kim .indirect}}, a “fig leaf”{{.scare}} to critics.

“Nobody said this.” [The ministry](@ministry) agreed: “Yes.”{{@ministry via=statement}} “No.”{{@ghost}}

> A block.
> {{@group-1}}
//- /b.news.md
---
title: Talks stall
outlet: Weekly
published: 2020-06-01
actors:
  source-1: {{anonymous: true, described_as: a diplomat}}
---
“Slowly,”{{@lopez}} she said. “Quietly,”{{@source-1}} a diplomat said. “Hm,”{{@park}} and “So,”{{@ruiz}}.
//- /c.news.md
No front matter. “Words.”{{@lopez}}
"
        ),
        expect![[r#"
            quotations 14 (speech 13; direct 10, partial 1, indirect 1, scare 1, block 1) attributed 12 unknown 1 credited 11 anonymous 2 without reason 1
            speaker @lopez "Maria Lopez" kind=person she quotes=4 articles=3 roles=[Special Envoy of Foreign Ministry ×3; Deputy Envoy of Foreign Ministry ×1]
            speaker @group-1 "Aid Group" kind=- not_recorded quotes=1 articles=1 roles=[]
            speaker @ruiz "Ana Ruiz" kind=person not_recorded quotes=1 articles=1 roles=[]
            speaker @ministry "Foreign Ministry" kind=organization not_recorded quotes=1 articles=1 roles=[Ministry of Government ×1]
            speaker @kim "Ji-ho Kim" kind=person they quotes=1 articles=1 roles=[]
            speaker @park "Min Park" kind=person other quotes=1 articles=1 roles=[]
            speaker @source-1 in /b.news.md "a diplomat" kind=- not_recorded anonymous-without-reason quotes=1 articles=1 roles=[]
            speaker @source-1 in /a.news.md "a senior official" kind=person not_recorded anonymous quotes=1 articles=1 roles=[]
            kind person: quotes=8 speakers=5
            kind organization: quotes=1 speakers=1
            kind (none): quotes=2 speakers=2
            gender she: quotes=4 speakers=1
            gender they: quotes=1 speakers=1
            gender other: quotes=1 speakers=1
            gender not_recorded: quotes=2 speakers=2
            outlet Daily: articles=1 quotes=9 named persons=2 women=1
            outlet Weekly: articles=1 quotes=4 named persons=3 women=1
            outlet (none): articles=1 quotes=1 named persons=1 women=1
            month 2020-06: articles=1 quotes=4 named persons=3 women=1
            month 2021-05: articles=1 quotes=9 named persons=2 women=1
            month (none): articles=1 quotes=1 named persons=1 women=1
            article /a.news.md "Envoy heads to the region" quotes=9 unattributed=1 anonymous=1
            article /b.news.md "Talks stall" quotes=4 unattributed=0 anonymous=1
            article /c.news.md "-" quotes=1 unattributed=0 anonymous=0
        "#]],
    );
}

#[test]
fn an_article_outside_the_workspace_keeps_its_own_actors() {
    // `newsmark report` reads articles one at a time against a workspace of
    // registries only: the article's front-matter actors must still resolve.
    let (ws, _) = fixture::workspace(ACTORS);
    let file = File::new(
        PathBuf::from("/x.news.md"),
        FileKind::Article,
        "---\nactors:\n  lopez: {name: Local Lopez, kind: person}\n---\n“Hi,”{@lopez} and “Bye,”{@kim}\n",
    );
    let figures = article(&ws, &file).unwrap();
    let names: Vec<(&str, bool)> = figures
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.key.article.is_some()))
        .collect();
    assert_eq!(names, [("Local Lopez", true), ("Ji-ho Kim", false)]);
}

#[test]
fn unreadable_files_and_registries_have_no_figures() {
    let (ws, _) = fixture::workspace(ACTORS);
    let file = File::unreadable(PathBuf::from("/bad.news.md"), "not UTF-8".into());
    assert!(article(&ws, &file).is_none());
    assert!(article(&ws, ws.file(Path::new("/actors.yaml")).unwrap()).is_none());
}

#[test]
fn gender_is_read_from_pronouns_only() {
    let cases = [
        (None, Gender::NotRecorded),
        (Some(""), Gender::NotRecorded),
        (Some(" / "), Gender::NotRecorded),
        (Some("she"), Gender::She),
        (Some("She/Her"), Gender::She),
        (Some("she, her, hers"), Gender::She),
        (Some("he/him"), Gender::He),
        (Some("HE"), Gender::He),
        (Some("they/them"), Gender::They),
        (Some("she/they"), Gender::Other),
        (Some("he/they"), Gender::Other),
        (Some("ze/zir"), Gender::Other),
        (Some("it"), Gender::Other),
        (Some("elle"), Gender::Other),
    ];
    for (pronouns, want) in cases {
        assert_eq!(Gender::of(pronouns), want, "{pronouns:?}");
    }
}
