//! A deterministic synthetic corpus for benchmarks: articles of 2–12 KB with
//! front matter, mentions, 5–30 quotations, anonymous sources and a few
//! deliberate errors, plus registries of up to 20,000 actors. Two shapes:
//! annotated (every quotation attributed, findings in one article in 20) and
//! imported (most articles as a newsroom's archive holds them, with no
//! annotation at all: findings in most articles, nearly all of them
//! unattributed quotations with a suggested speaker).

use newsmark::workspace::FileKind;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub articles: usize,
    pub actors: usize,
    pub seed: u64,
    pub shape: Shape,
}

/// How far the articles are annotated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every mention linked and every quotation attributed; a deliberate
    /// error in every 20th article.
    Annotated,
    /// A freshly imported archive: three articles in four as plain
    /// Markdown (names unlinked, quotations unattributed, no local actors),
    /// the fourth annotated as above. The same prose as `Annotated` (the
    /// same random draws), so the two shapes differ only in annotation.
    Imported,
}

impl Shape {
    /// Both, for the benches that report both.
    #[allow(dead_code)] // Not every bench target that includes this module uses it.
    pub const ALL: [Shape; 2] = [Shape::Annotated, Shape::Imported];

    #[allow(dead_code)]
    pub fn name(self) -> &'static str {
        match self {
            Shape::Annotated => "annotated",
            Shape::Imported => "imported",
        }
    }
}

impl Spec {
    /// The corpus of `articles` annotated articles with a registry sized like
    /// a newsroom's.
    pub fn for_articles(articles: usize) -> Spec {
        Spec {
            articles,
            actors: (articles * 2).clamp(200, 20_000),
            seed: 42,
            shape: Shape::Annotated,
        }
    }

    /// The same corpus in another shape.
    #[allow(dead_code)]
    pub fn shaped(self, shape: Shape) -> Spec {
        Spec { shape, ..self }
    }
}

/// One generated file: a relative path and its text.
pub struct GenFile {
    pub path: String,
    pub text: String,
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "bri", "cos", "del", "fa", "gun",
    "har", "is", "jo", "kem", "lin", "mar", "nor", "pel", "ros", "tan",
];
const TITLES: [&str; 8] = [
    "Minister",
    "Spokesperson",
    "Senator",
    "Ambassador",
    "Director",
    "Mayor",
    "Envoy",
    "Chair",
];
const VERBS: [&str; 10] = [
    "said",
    "told reporters",
    "added",
    "wrote",
    "argued",
    "noted",
    "warned",
    "insisted",
    "explained",
    "recalled",
];
const PROSE: [&str; 8] = [
    "Talks resumed on Monday after a week of pressure from regional partners and aid groups.",
    "The proposal would expand access to the crossing and speed the delivery of supplies.",
    "Officials on both sides have described the negotiations as fragile but continuing.",
    "Critics of the plan said it left the hardest questions for a later round of talks.",
    "The agreement is expected to be reviewed by the cabinet before the end of the month.",
    "Diplomats from three countries met in the capital for a second day of consultations.",
    "Independent monitors have not been able to verify the figures released by either side.",
    "Markets reacted calmly to the announcement, with little change in the main indices.",
];

fn name(rng: &mut fastrand::Rng) -> String {
    let mut word = |n: usize| {
        let mut w: String = (0..n)
            .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
            .collect();
        w[..1].make_ascii_uppercase();
        w
    };
    let first = word(2);
    let last = word(3);
    format!("{first} {last}")
}

/// The corpus: registries first, then articles.
pub fn generate(spec: Spec) -> Vec<GenFile> {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let people: Vec<(String, String)> = (0..spec.actors)
        .map(|i| {
            let n = name(&mut rng);
            (format!("p{i}"), n)
        })
        .collect();
    let mut files = Vec::new();
    // Registries of at most 5,000 actors each, and a few organisations.
    for (chunk_index, chunk) in people.chunks(5_000).enumerate() {
        let mut text = String::new();
        if chunk_index == 0 {
            for o in 0..20 {
                let _ = writeln!(
                    text,
                    "org{o}:\n  name: Ministry {o}\n  kind: organization\n  aliases: [the ministry {o}]"
                );
            }
        }
        for (id, n) in chunk {
            let last = n.rsplit(' ').next().unwrap_or(n);
            let pron = ["he", "she", "they"][rng.usize(..3)];
            let _ = writeln!(
                text,
                "{id}:\n  name: {n}\n  kind: person\n  aliases: [{last}]\n  pronouns: {pron}\n  roles:\n    - title: {}\n      org: \"@org{}\"\n      from: 2019-01-01\n  description: A public figure.",
                TITLES[rng.usize(..TITLES.len())],
                rng.usize(..20)
            );
        }
        let path = if chunk_index == 0 {
            "actors.yaml".to_string()
        } else {
            format!("people-{chunk_index}.actors.yaml")
        };
        files.push(GenFile { path, text });
    }
    for a in 0..spec.articles {
        files.push(GenFile {
            path: format!("articles/{:03}/story-{a}.news.md", a / 100),
            text: article(
                &mut rng,
                &people,
                a,
                spec.shape == Shape::Imported && a % 4 != 0,
            ),
        });
    }
    files
}

/// An article; `raw`: without any annotation, as imported.
fn article(
    rng: &mut fastrand::Rng,
    people: &[(String, String)],
    index: usize,
    raw: bool,
) -> String {
    let target = rng.usize(2_048..12_288);
    let quotes = rng.usize(5..=30);
    let cast: Vec<&(String, String)> = (0..rng.usize(2..6))
        .map(|_| &people[rng.usize(..people.len())])
        .collect();
    let local_actors = if raw {
        ""
    } else {
        "actors:\n  source-1:\n    kind: person\n    anonymous: true\n    described_as: an official who spoke on condition of anonymity\n    anonymity_reason: not authorized to discuss the talks\n"
    };
    let mut text = format!(
        "---\ntitle: Story number {index}\noutlet: Example Daily\npublished: 2021-{:02}-{:02}\nauthors: [Dana Writer]\nlanguage: en\n{local_actors}---\n\n# Story number {index}\n\n",
        rng.u32(1..=12),
        rng.u32(1..=28)
    );
    // A mention and an attribute block, or their plain text.
    let link = |words: &str, id: &str| {
        if raw {
            words.to_string()
        } else {
            format!("[{words}](@{id})")
        }
    };
    let attr = |block: &str| {
        if raw {
            String::new()
        } else {
            block.to_string()
        }
    };
    let error = index % 20 == 7;
    let mut written = 0;
    while text.len() < target || written < quotes {
        let (id, n) = cast[rng.usize(..cast.len())];
        let last = n.rsplit(' ').next().unwrap_or(n);
        let verb = VERBS[rng.usize(..VERBS.len())];
        let prose = PROSE[rng.usize(..PROSE.len())];
        match rng.u8(..6) {
            0 => {
                let _ = write!(text, "{prose} {} spoke after the meeting.\n\n", link(n, id));
            }
            1 if written < quotes => {
                let _ = write!(
                    text,
                    "“{prose}”{} {} {verb}. “We will keep working.”{}\n\n",
                    attr(&format!("{{@{id}}}")),
                    link(last, id),
                    attr("{@}")
                );
                written += 2;
            }
            2 if written < quotes => {
                let partial = if raw {
                    "“fragile but alive.”".to_string()
                } else {
                    "[“fragile but alive.”]{@source-1 .partial}".to_string()
                };
                let _ = write!(
                    text,
                    "{} said the plan was {partial} {prose}\n\n",
                    link("An official", "source-1")
                );
                written += 1;
            }
            3 if written < quotes => {
                let indirect = if raw {
                    "that the talks would continue".to_string()
                } else {
                    format!("[that the talks would continue]{{@{id} .indirect to=@org1}}")
                };
                let _ = write!(
                    text,
                    "{} {verb} {indirect}, calling it a “fig leaf”{}.\n\n",
                    link(last, id),
                    attr("{.scare}")
                );
                written += 1;
            }
            4 if written < quotes => {
                let _ = write!(
                    text,
                    "“{prose}”{} the office of {} said in a statement.\n\n",
                    attr(&format!("{{@{id} via=statement}}")),
                    link(n, id)
                );
                written += 1;
            }
            _ => {
                let _ = write!(text, "{prose} {prose}\n\n");
            }
        }
    }
    if error {
        // A deliberate problem every twentieth article: an unknown id and an
        // unattributed quote.
        let _ = writeln!(
            text,
            "“Nobody credited this,” a voice said. {} agreed.",
            link("Someone", "no-such-actor")
        );
    }
    text
}

/// The corpus sizes a bench is asked for: the numbers among its arguments
/// (but the value of an option, `--rounds 5`), else `default`.
#[allow(dead_code)] // Not every bench target that includes this module uses it.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !args[i - 1].starts_with("--") || args[i - 1] == "--bench")
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        default.to_vec()
    } else {
        sizes
    }
}

/// Writes the corpus under `dir`; returns its bytes. An error names the file.
#[allow(dead_code)] // Not every bench target that includes this module uses it.
pub fn write(files: &[GenFile], dir: &Path) -> std::io::Result<usize> {
    let mut bytes = 0;
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, &f.text))
            .map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot write `{}`: {e}", path.display()))
            })?;
        bytes += f.text.len();
    }
    Ok(bytes)
}

/// The corpus as texts for `Workspace::from_texts`, with paths under `root`.
#[allow(dead_code)] // Not every bench target that includes this module uses it.
pub fn texts(files: &[GenFile], root: &Path) -> Vec<(PathBuf, FileKind, Result<String, String>)> {
    files
        .iter()
        .map(|f| {
            let kind = if f.path.ends_with(".yaml") {
                FileKind::Registry
            } else {
                FileKind::Article
            };
            (root.join(&f.path), kind, Ok(f.text.clone()))
        })
        .collect()
}
