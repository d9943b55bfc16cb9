//! `newsmark report --format json`: the report's figures as one JSON
//! document, versioned like `check`'s (later versions only add fields).

use crate::analysis::export::Kind;
use crate::fs::display_path;
use crate::report::{Gender, Group, Mix, Report, share};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    articles: usize,
    /// Records, as `newsmark export` writes them.
    quotations: usize,
    kinds: BTreeMap<&'static str, usize>,
    /// Records of speech (direct, partial, indirect, block).
    speech: usize,
    /// Records of speech naming a speaker.
    attributed: usize,
    attributed_share: Option<f64>,
    /// Records naming an id nothing defines.
    unknown_speaker: usize,
    /// Records naming a known actor: the sum of the speakers' `quotes`.
    credited: usize,
    anonymous: Anonymous,
    speakers: Vec<Speaker<'a>>,
    by_kind: Vec<KindMix<'a>>,
    by_gender: Vec<GenderMix>,
    by_outlet: Vec<GroupJson<'a>>,
    by_month: Vec<GroupJson<'a>>,
    per_article: Vec<Article<'a>>,
    unreadable: Vec<String>,
}

#[derive(Serialize)]
struct Anonymous {
    quotes: usize,
    /// Of the credited records.
    share: Option<f64>,
    without_reason: usize,
}

#[derive(Serialize)]
struct Speaker<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
    quotes: usize,
    articles: usize,
    /// The article defining the actor in its front matter; `null` for a
    /// registry actor.
    article: Option<String>,
    pronouns: Option<&'a str>,
    gender: &'static str,
    anonymous: bool,
    anonymity_reason: bool,
    roles: Vec<Role<'a>>,
}

#[derive(Serialize)]
struct Role<'a> {
    title: &'a str,
    org: Option<&'a str>,
    quotes: usize,
}

#[derive(Serialize)]
struct KindMix<'a> {
    kind: Option<&'a str>,
    quotes: usize,
    speakers: usize,
}

#[derive(Serialize)]
struct GenderMix {
    gender: &'static str,
    quotes: usize,
    speakers: usize,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    key: Option<&'a str>,
    articles: usize,
    quotes: usize,
    named_persons: usize,
    women: usize,
    women_share: Option<f64>,
}

#[derive(Serialize)]
struct Article<'a> {
    path: String,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    quotes: usize,
    unattributed: usize,
    anonymous: usize,
}

fn group(g: &Group) -> GroupJson<'_> {
    GroupJson {
        key: g.key.as_deref(),
        articles: g.articles,
        quotes: g.quotes,
        named_persons: g.named_persons,
        women: g.women,
        women_share: g.women_share(),
    }
}

pub fn write(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let json = Json {
        version: 1,
        articles: r.articles.len(),
        quotations: r.quotations(),
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.as_str(), r.kinds.get(*k)))
            .collect(),
        speech: r.kinds.speech(),
        attributed: r.attributed,
        attributed_share: share(r.attributed, r.kinds.speech()),
        unknown_speaker: r.unknown,
        credited: r.credited(),
        anonymous: Anonymous {
            quotes: r.anonymous,
            share: share(r.anonymous, r.credited()),
            without_reason: r.without_reason,
        },
        speakers: r
            .speakers
            .iter()
            .map(|s| Speaker {
                id: &s.key.id,
                name: &s.name,
                kind: s.kind.as_deref(),
                quotes: s.quotes,
                articles: s.articles,
                article: s.key.article.as_deref().map(display_path),
                pronouns: s.pronouns.as_deref(),
                gender: s.gender.as_str(),
                anonymous: s.anonymous,
                anonymity_reason: s.has_reason,
                roles: s
                    .roles
                    .iter()
                    .map(|role| Role {
                        title: &role.title,
                        org: role.org.as_deref(),
                        quotes: role.quotes,
                    })
                    .collect(),
            })
            .collect(),
        by_kind: r
            .by_kind
            .iter()
            .map(|m: &Mix<_>| KindMix {
                kind: m.key.as_deref(),
                quotes: m.quotes,
                speakers: m.speakers,
            })
            .collect(),
        by_gender: r
            .by_gender
            .iter()
            .map(|m: &Mix<Gender>| GenderMix {
                gender: m.key.as_str(),
                quotes: m.quotes,
                speakers: m.speakers,
            })
            .collect(),
        by_outlet: r.by_outlet.iter().map(group).collect(),
        by_month: r.by_month.iter().map(group).collect(),
        per_article: r
            .articles
            .iter()
            .map(|a| Article {
                path: display_path(&a.path),
                title: a.title.as_deref(),
                outlet: a.outlet.as_deref(),
                published: a.published.as_deref(),
                quotes: a.quotes,
                unattributed: a.unattributed,
                anonymous: a.anonymous,
            })
            .collect(),
        unreadable: r.unreadable.iter().map(|p| display_path(p)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
