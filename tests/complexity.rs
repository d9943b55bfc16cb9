//! Work grows linearly with the input: for each stage a file goes through
//! (parsing and every rule, the lines and columns of the findings, the human
//! and JSON reports, both exports, the outline), doubling an article's size
//! at most about 2.5×'s the time, on one line and on many, for ordinary and
//! hostile articles alike.
//!
//! No absolute time is asserted: each size is grown until a run takes long
//! enough that noise does not dominate, and each time is the best of a few
//! runs, in CPU time (what other processes take does not count). The stages run one after the other in a single test, so that no
//! other test of this file competes for the cores while one is timed.

use newsmark::analysis::{self, Diagnostic, export, symbols};
use newsmark::cli::{self, Summary};
use newsmark::text::Encoding;
use newsmark::workspace::{File, FileKind, Workspace};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What doubling the size may multiply the time by.
const MAX_RATIO: f64 = 2.5;
/// The time a run of the smaller size is grown to.
const LONG_ENOUGH: Duration = Duration::from_millis(15);
/// Runs of each size; the best counts.
const RUNS: usize = 3;
/// The largest article grown to, in bytes: a stage that still takes next to
/// no time there does not grow with the article at all.
const MAX_INPUT: usize = 512 << 10;
/// Measurements of one case before it is called nonlinear: a busy machine
/// can slow one, never all, of them.
const ATTEMPTS: usize = 3;

const REGISTRY: &str = "lopez:\n  name: Maria Lopez\n  aliases: [Lopez]\n  pronouns: she\n";

/// A workspace of the registry and an article.
fn workspace(article: &str) -> Workspace {
    let mut ws = Workspace::default();
    ws.extend([
        File::new(PathBuf::from("/actors.yaml"), FileKind::Registry, REGISTRY),
        File::new(PathBuf::from("/a.news.md"), FileKind::Article, article),
    ]);
    ws
}

const ARTICLE: &str = "/a.news.md";

/// An article, and what the stages after parsing start from: its
/// workspace and findings, made before the clock starts, so that the time
/// of each stage is its own.
struct Input {
    text: String,
    ws: Workspace,
    found: Vec<Diagnostic>,
}

impl Input {
    fn new(text: String) -> Input {
        let ws = workspace(&text);
        let found = analysis::diagnostics(&ws, Path::new(ARTICLE));
        Input { text, ws, found }
    }

    fn file(&self) -> &File {
        self.ws.file(Path::new(ARTICLE)).unwrap()
    }
}

/// A stage: from an article to its output.
type Stage = fn(&Input);

/// The stages, by name.
fn stages() -> Vec<(&'static str, Stage)> {
    vec![
        ("parse and rules", |input| {
            let ws = workspace(&input.text);
            std::hint::black_box(analysis::diagnostics(&ws, Path::new(ARTICLE)));
        }),
        ("finding positions", |input| {
            // Lines and columns of every finding, as each report shows them.
            let file = input.file();
            for d in &input.found {
                for offset in [d.range.start(), d.range.end()] {
                    let index = file.line_index();
                    std::hint::black_box(index.line_col(&file.text, offset, Encoding::Utf32));
                }
            }
        }),
        ("human report", |input| {
            let summary = Summary::default();
            cli::human::write(&mut Vec::new(), &input.ws, &input.found, summary, false).unwrap();
        }),
        ("JSON report", |input| {
            cli::json::write(&mut Vec::new(), &input.ws, &input.found, Summary::default()).unwrap();
        }),
        ("JSON Lines export", |input| {
            let article = export::article(&input.ws, input.file()).unwrap();
            cli::export::write_jsonl(&mut Vec::new(), &article).unwrap();
        }),
        ("TEI export", |input| {
            let article = export::article(&input.ws, input.file()).unwrap();
            cli::export::write_tei(&mut Vec::new(), &input.ws, &article).unwrap();
        }),
        ("outline", |input| {
            // As the language server answers it: each range in UTF-16.
            let file = input.file();
            for s in symbols::document_symbols(&input.ws, Path::new(ARTICLE)) {
                for offset in [s.range.start(), s.range.end(), s.selection.start()] {
                    let index = file.line_index();
                    std::hint::black_box(index.line_col(&file.text, offset, Encoding::Utf16));
                }
            }
        }),
    ]
}

/// Articles of `n` units: ordinary prose, and hostile runs of marks.
fn articles() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "annotated paragraphs",
            "“We have a narrow window,”{@lopez} [Lopez](@lopez) told reporters, and critics called it a “fig leaf”{.scare}. She said “nothing” and [more]{@lopez .indirect}. “Later.”{@} “Nobody,” a voice said.",
        ),
        ("straight quotes", "\""),
        ("quotes continuing", "“a”{@}"),
        ("unknown ids", "“a”{@nobody} [x](@nobody)"),
        ("nested block quotes", ">"),
        ("nested block quotes, spaced", "> "),
        ("open brackets", "[*"),
        ("open attribute blocks", "{@"),
        ("emphasis", "*a* _b_ **“c”**"),
    ]
}

/// The articles of one unit and shape, by size, each made once for all
/// the stages.
struct Inputs {
    unit: &'static str,
    many_lines: bool,
    made: HashMap<usize, Input>,
}

impl Inputs {
    /// `unit` `n` times: on one line, or a line each.
    fn get(&mut self, n: usize) -> &Input {
        let (unit, many_lines) = (self.unit, self.many_lines);
        self.made.entry(n).or_insert_with(|| {
            let joint = if many_lines { "\n" } else { " " };
            let mut s = String::with_capacity((unit.len() + 1) * n);
            for _ in 0..n {
                s.push_str(unit);
                s.push_str(joint);
            }
            Input::new(s)
        })
    }
}

/// The CPU time of this process so far: unlike the time on the clock, it
/// does not count what other processes of a busy machine take.
fn cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn best(stage: Stage, input: &Input) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = cpu_time();
            stage(input);
            cpu_time() - start
        })
        .min()
        .unwrap()
}

/// The time of the smaller size, and how many times the doubled one takes;
/// `None` when the stage takes next to no time even on the largest input.
fn ratio(stage: Stage, inputs: &mut Inputs) -> Option<(usize, Duration, f64)> {
    let mut n = 64;
    let mut small = best(stage, inputs.get(n));
    while small < LONG_ENOUGH && n * inputs.unit.len() < MAX_INPUT {
        n *= 2;
        small = best(stage, inputs.get(n));
    }
    if small < LONG_ENOUGH / 5 {
        return None;
    }
    let mut tries = Vec::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            small = best(stage, inputs.get(n));
        }
        let large = best(stage, inputs.get(2 * n));
        let r = large.as_secs_f64() / small.as_secs_f64();
        tries.push((n, small, r));
        if r <= MAX_RATIO {
            break;
        }
    }
    tries.into_iter().min_by(|a, b| a.2.total_cmp(&b.2))
}

#[test]
fn every_stage_is_linear_in_the_article() {
    let mut table = String::new();
    let mut slow = Vec::new();
    for (article, unit) in articles() {
        for many_lines in [false, true] {
            let shape = if many_lines { "lines" } else { "one line" };
            let mut inputs = Inputs {
                unit,
                many_lines,
                made: HashMap::new(),
            };
            for (name, stage) in stages() {
                let Some((n, small, r)) = ratio(stage, &mut inputs) else {
                    table.push_str(&format!(
                        "{name:18} {article:28} {shape:8} next to no time\n"
                    ));
                    continue;
                };
                let row = format!(
                    "{name:18} {article:28} {shape:8} n={n:<8} {:>8.1} ms ×{r:.2}\n",
                    small.as_secs_f64() * 1000.0
                );
                table.push_str(&row);
                if r > MAX_RATIO {
                    slow.push(row);
                }
            }
        }
    }
    eprintln!("{table}");
    assert!(
        slow.is_empty(),
        "doubling the input more than {MAX_RATIO}×'s the time:\n{}",
        slow.concat()
    );
}
