//! `newsmark.toml`: which files are articles and registries, and rule levels.

use crate::analysis::{Code, Level};
use crate::registry::Problem;
use crate::text::TextRange;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "newsmark.toml";
pub const DEFAULT_ARTICLES: [&str; 1] = ["**/*.news.md"];
pub const DEFAULT_REGISTRIES: [&str; 2] = ["**/actors.yaml", "**/*.actors.yaml"];

/// What a file is to Newsmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Article,
    Registry,
    Config,
}

#[derive(Clone, Debug)]
pub struct Config {
    articles: GlobSet,
    registries: GlobSet,
    exclude: GlobSet,
    /// Level set per rule; absent means the rule's default.
    pub rules: BTreeMap<Code, Level>,
}

impl Default for Config {
    fn default() -> Self {
        Config::build(&[], &[], &[], BTreeMap::new()).expect("default globs are valid")
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    files: RawFiles,
    #[serde(default)]
    rules: BTreeMap<String, toml::Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    #[serde(default)]
    articles: Vec<toml::Spanned<String>>,
    #[serde(default)]
    registries: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
}

impl Config {
    /// Reads `newsmark.toml`. Problems (NM007 on the file) come back beside the
    /// config made of everything that could be read.
    pub fn parse(text: &str) -> (Config, Vec<Problem>) {
        let mut problems = Vec::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let range = e.span().map_or(TextRange::empty(0), TextRange::from);
                problems.push(Problem::new(
                    range,
                    format!("newsmark.toml cannot be read: {}", e.message().trim_end()),
                    "the file may hold `[files]` (articles, registries, exclude: lists of globs) and `[rules]` (rule = \"error\" | \"warning\" | \"info\" | \"hint\" | \"off\"); the defaults are used meanwhile",
                ));
                return (Config::default(), problems);
            }
        };
        let mut globs = |list: &[toml::Spanned<String>]| -> Vec<String> {
            let mut out = Vec::new();
            for g in list {
                match Glob::new(g.get_ref()) {
                    Ok(_) => out.push(g.get_ref().clone()),
                    Err(e) => problems.push(Problem::new(
                        TextRange::from(g.span()),
                        format!("`{}` is not a valid glob: {}", g.get_ref(), e.kind()),
                        "write a glob such as `articles/**/*.md`",
                    )),
                }
            }
            out
        };
        let articles = globs(&raw.files.articles);
        let registries = globs(&raw.files.registries);
        let exclude = globs(&raw.files.exclude);
        let mut rules = BTreeMap::new();
        for (name, level) in &raw.rules {
            let range = TextRange::from(level.span());
            let Some(code) = Code::from_name(name) else {
                problems.push(Problem::new(
                    range,
                    format!("there is no rule `{name}`"),
                    format!(
                        "use a rule name or code: {}",
                        Code::ALL
                            .iter()
                            .map(|c| c.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                continue;
            };
            match Level::from_name(level.get_ref()) {
                Some(l) => {
                    rules.insert(code, l);
                }
                None => problems.push(Problem::new(
                    range,
                    format!("`{}` is not a level", level.get_ref()),
                    "use \"error\", \"warning\", \"info\", \"hint\" or \"off\"",
                )),
            }
        }
        let config =
            Config::build(&articles, &registries, &exclude, rules).expect("globs were checked");
        (config, problems)
    }

    fn build(
        articles: &[String],
        registries: &[String],
        exclude: &[String],
        rules: BTreeMap<Code, Level>,
    ) -> Result<Config, globset::Error> {
        let set = |defaults: &[&str], extra: &[String]| -> Result<GlobSet, globset::Error> {
            let mut b = GlobSetBuilder::new();
            for g in defaults
                .iter()
                .copied()
                .chain(extra.iter().map(String::as_str))
            {
                b.add(Glob::new(g)?);
            }
            b.build()
        };
        Ok(Config {
            articles: set(&DEFAULT_ARTICLES, articles)?,
            registries: set(&DEFAULT_REGISTRIES, registries)?,
            exclude: set(&[], exclude)?,
            rules,
        })
    }

    /// What a path (relative to the workspace root) is, by the globs; `None`
    /// for files Newsmark does not read.
    pub fn classify(&self, relative: &Path) -> Option<FileKind> {
        if relative == Path::new(CONFIG_FILE) {
            return Some(FileKind::Config);
        }
        if self.exclude.is_match(relative) {
            None
        } else if self.registries.is_match(relative) {
            Some(FileKind::Registry)
        } else if self.articles.is_match(relative) {
            Some(FileKind::Article)
        } else {
            None
        }
    }

    /// The level a rule runs at.
    pub fn level(&self, code: Code) -> Level {
        self.rules.get(&code).copied().unwrap_or(Level::Default)
    }
}

/// What an explicitly named file is, whatever the globs say: a registry when
/// it looks like YAML, else an article.
pub fn kind_of_named_file(path: &Path) -> FileKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => FileKind::Registry,
        _ if path.file_name().is_some_and(|n| n == CONFIG_FILE) => FileKind::Config,
        _ => FileKind::Article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_rules() {
        let (config, problems) = Config::parse(
            "[files]\narticles = [\"drafts/*.md\"]\nexclude = [\"old/**\"]\n[rules]\nunattributed-quote = \"error\"\nNM009 = \"off\"\n",
        );
        assert_eq!(problems, vec![]);
        assert_eq!(
            config.classify(Path::new("a/b.news.md")),
            Some(FileKind::Article)
        );
        assert_eq!(
            config.classify(Path::new("drafts/x.md")),
            Some(FileKind::Article)
        );
        assert_eq!(config.classify(Path::new("old/x.news.md")), None);
        assert_eq!(
            config.classify(Path::new("people.actors.yaml")),
            Some(FileKind::Registry)
        );
        assert_eq!(
            config.level(Code::UnattributedQuote),
            Level::Set(crate::analysis::Severity::Error)
        );
        assert_eq!(config.level(Code::SpeakerNotIntroduced), Level::Off);
        assert_eq!(config.level(Code::UnknownActor), Level::Default);
    }

    #[test]
    fn problems_point_at_the_value() {
        let text = "[rules]\nunattributed-quote = \"loud\"\nnope = \"off\"\n";
        let (_, problems) = Config::parse(text);
        let spots: Vec<&str> = problems.iter().map(|p| p.range.slice(text)).collect();
        assert_eq!(spots, ["\"off\"", "\"loud\""]);
        let (_, problems) = Config::parse("[files]\narticle = []\n");
        assert!(
            problems[0].message.contains("unknown field"),
            "{problems:?}"
        );
    }
}
