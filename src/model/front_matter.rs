//! The article's front matter: metadata keys and article-local actors.

use crate::registry::{self, Actor, Problem, yaml};
use crate::syntax::FrontMatterBlock;
use crate::text::TextRange;
use smol_str::SmolStr;

/// The front-matter keys Newsmark knows.
pub const KEYS: [&str; 7] = [
    "title",
    "outlet",
    "published",
    "authors",
    "url",
    "language",
    "actors",
];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// The whole front matter block, fences included.
    pub range: Option<TextRange>,
    pub title: Option<SmolStr>,
    pub outlet: Option<SmolStr>,
    /// An ISO date, only when valid.
    pub published: Option<SmolStr>,
    pub authors: Vec<SmolStr>,
    pub url: Option<SmolStr>,
    pub language: Option<SmolStr>,
}

pub fn read(
    text: &str,
    block: &FrontMatterBlock,
    actors: &mut Vec<Actor>,
    problems: &mut Vec<Problem>,
) -> Meta {
    let mut meta = Meta {
        range: Some(block.range),
        ..Meta::default()
    };
    let doc = yaml::parse(block.yaml.slice(text), block.yaml.start());
    if let Some((range, message)) = &doc.error {
        problems.push(registry::yaml_error(*range, message));
    }
    let entries = match &doc.root {
        Some(yaml::Node::Map(entries, _)) => entries,
        None => return meta,
        Some(node) if node.is_null() => return meta,
        Some(other) => {
            problems.push(Problem::new(
                other.range(),
                format!(
                    "front matter must be a mapping of keys, but this is {}",
                    other.describe()
                ),
                "write `key: value` lines, such as `title: …` and `published: 2021-05-24`",
            ));
            return meta;
        }
    };
    for (key, value) in entries {
        let Some(name) = key.as_str() else { continue };
        let mut string = |what: &str| registry::text_value(value, name, what, problems);
        match name {
            "title" => meta.title = string("the headline"),
            "outlet" => meta.outlet = string("the publication's name"),
            "url" => meta.url = string("the article's URL"),
            "language" => {
                meta.language = string("a language tag such as `en`");
                if let Some(lang) = &meta.language
                    && !is_language_tag(lang)
                {
                    problems.push(Problem::new(
                        value.range(),
                        format!("`{lang}` is not a language tag"),
                        "write a BCP 47 tag such as `en`, `en-GB` or `pt-BR`",
                    ));
                }
            }
            "published" => {
                if let Some(date) = string("a date such as 2021-05-24") {
                    if registry::is_iso_date(&date) {
                        meta.published = Some(date);
                    } else {
                        problems.push(Problem::new(
                            value.range(),
                            format!("`{date}` is not a date"),
                            "write the publication date as YYYY-MM-DD, such as 2021-05-24",
                        ));
                    }
                }
            }
            "authors" => meta.authors = registry::string_list(value, name, problems),
            "actors" => match value {
                yaml::Node::Map(entries, _) => registry::read_actors(entries, actors, problems),
                other if other.is_null() => {}
                other => problems.push(Problem::new(
                    other.range(),
                    format!(
                        "`actors` must be a mapping from ids to actors, but this is {}",
                        other.describe()
                    ),
                    "write each article-local actor as `id:` with indented fields",
                )),
            },
            _ => {
                if let Some(known) = registry::likely_typo(name, &KEYS) {
                    problems.push(Problem {
                        typo: true,
                        ..Problem::new(
                            key.range(),
                            format!(
                                "unknown front-matter key `{name}`: is it a typo of `{known}`?"
                            ),
                            format!("rename it to `{known}`; other keys are allowed but not used"),
                        )
                    });
                }
            }
        }
    }
    meta
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
