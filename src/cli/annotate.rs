//! `newsmark annotate`: drafts the annotation of articles in place (the
//! drafting is `crate::annotate`'s), writing each changed file the way
//! `check --fix` does, or printing a unified diff with `--diff`.
//!
//! Articles are drafted one after the other against the registries as the
//! drafts before them left them, in rounds until a round changes nothing,
//! so that an actor one article makes serves the others and a second run
//! has nothing to add. A read-only article is not drafted, so that none of
//! its speakers reach a registry. A registry is written before the articles
//! that need its new actors; an article whose registry could not be written
//! is left alone.

use super::{EXIT_OK, EXIT_USAGE};
use crate::annotate::{self, Draft, Options, Report};
use crate::fs::{self, display_path};
use crate::text::Encoding;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Rounds over the articles before giving up on a fixed point.
const MAX_ROUNDS: usize = 4;

#[derive(Clone, Debug)]
pub struct AnnotateOptions {
    pub paths: Vec<PathBuf>,
    pub local: bool,
    pub link_all: bool,
    /// Print a unified diff and write nothing.
    pub diff: bool,
}

/// A file the drafts change: its text as read (`None`: it is new), and now.
struct Changed {
    old: Option<String>,
    new: String,
}

/// Runs `newsmark annotate`; returns the exit status.
pub fn annotate(options: &AnnotateOptions) -> u8 {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let loaded = match fs::load(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("newsmark: {e:#}");
            return EXIT_USAGE;
        }
    };
    super::warn_skipped(&loaded.skipped);
    let mut ws = loaded.workspace;
    let mut err = std::io::stderr().lock();
    let mut articles = Vec::new();
    let mut status = EXIT_OK;
    for path in &loaded.targets {
        let Some(file) = ws.file(path) else { continue };
        if file.article().is_some() {
            // An article that cannot be written is not drafted: its new
            // actors would reach the registry without it.
            match super::fix::check_writable(path) {
                Err(why) if !options.diff => {
                    let _ = writeln!(err, "newsmark: left {} alone: {why}", display_path(path));
                    status = 1;
                }
                _ => articles.push(path.clone()),
            }
        } else if let crate::workspace::Content::Unreadable(why) = &file.content {
            let _ = writeln!(err, "newsmark: left {} alone: {why}", display_path(path));
            status = 1;
        }
    }
    let draft_options = Options {
        local: options.local,
        link_all: options.link_all,
    };
    let new_registry = loaded.root.join("actors.yaml");
    let mut changed: BTreeMap<PathBuf, Changed> = BTreeMap::new();
    let mut reports: BTreeMap<PathBuf, Report> = BTreeMap::new();
    for _ in 0..MAX_ROUNDS {
        let mut any = false;
        for path in &articles {
            // The workspace goes through the draft, which leaves it with
            // the article's and the registry's new texts.
            let (drafted, d) =
                annotate::draft_in(std::mem::take(&mut ws), path, &draft_options, &new_registry);
            ws = drafted;
            let Some(d) = d else {
                continue;
            };
            let report = reports.entry(path.clone()).or_default();
            merge(report, &d);
            if !d.changed() {
                continue;
            }
            any = true;
            record(&mut changed, &d);
        }
        if !any {
            break;
        }
    }
    if options.diff {
        let mut out = std::io::stdout().lock();
        for (path, c) in &changed {
            let _ = write!(out, "{}", unified_diff(path, c));
        }
        print_reports(&mut err, &ws, &reports, &changed, &BTreeSet::new());
        return status;
    }
    // Registries first: an article must not name actors that are nowhere.
    let mut failed: BTreeSet<PathBuf> = BTreeSet::new();
    let is_article = |p: &Path| reports.contains_key(p);
    for (path, c) in changed.iter().filter(|(p, _)| !is_article(p)) {
        if let Err(why) = write(path, c) {
            let _ = writeln!(err, "newsmark: left {} alone: {why}", display_path(path));
            failed.insert(path.clone());
            status = 1;
        }
    }
    // Where each actor made in this run went: an article that uses one whose
    // registry could not be written is left alone, whichever draft made it.
    let made_in: BTreeMap<&str, &PathBuf> = reports
        .values()
        .flat_map(|r| &r.created)
        .filter_map(|c| Some((c.id.as_str(), c.registry.as_ref()?)))
        .collect();
    for (path, c) in changed.iter().filter(|(p, _)| is_article(p)) {
        let blocked = ws.file(path).and_then(|file| {
            crate::workspace::index::usage_of(file)
                .keys()
                .filter_map(|id| made_in.get(id))
                .find(|r| failed.contains(**r))
                .copied()
        });
        let result = match blocked {
            Some(r) => Err(format!(
                "its new actors belong in {}, which could not be written",
                display_path(r)
            )),
            None => write(path, c),
        };
        if let Err(why) = result {
            let _ = writeln!(err, "newsmark: left {} alone: {why}", display_path(path));
            failed.insert(path.clone());
            status = 1;
        }
    }
    let mut out = std::io::stdout().lock();
    print_reports(&mut out, &ws, &reports, &changed, &failed);
    status
}

/// "a, b ×3, c": each id once in first-seen order with how often it comes
/// when more than once, at most `shown` of them ("…, and 12 more").
fn counted(ids: &[&str], shown: usize) -> String {
    let mut order: Vec<(&str, usize)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &id in ids {
        match at.get(id) {
            Some(&i) => order[i].1 += 1,
            None => {
                at.insert(id, order.len());
                order.push((id, 1));
            }
        }
    }
    let mut list: Vec<String> = order
        .iter()
        .take(shown)
        .map(|&(id, n)| {
            if n > 1 {
                format!("{id} ×{n}")
            } else {
                id.to_string()
            }
        })
        .collect();
    if order.len() > shown {
        list.push(format!("and {} more", order.len() - shown));
    }
    list.join(", ")
}

/// Adds what a draft did to an article's report; the quotations left are
/// the latest draft's.
fn merge(report: &mut Report, d: &Draft) {
    let r = &d.report;
    report.front_matter |= r.front_matter;
    report.attributed += r.attributed;
    report.marked += r.marked;
    report.linked += r.linked;
    report.created.extend(r.created.iter().cloned());
    report.left = r.left.clone();
}

/// Remembers the texts a draft changes, keeping the first old text.
fn record(changed: &mut BTreeMap<PathBuf, Changed>, d: &Draft) {
    let article = changed.entry(d.path.clone()).or_insert_with(|| Changed {
        old: Some(d.old.clone()),
        new: String::new(),
    });
    article.new = d.text.clone();
    if let Some(r) = &d.registry {
        let registry = changed.entry(r.path.clone()).or_insert_with(|| Changed {
            old: (!r.create).then(|| r.old.clone()),
            new: String::new(),
        });
        registry.new = r.text.clone();
    }
}

/// Writes a changed file: over the old one (unless it changed since it was
/// read), or as a new file that must not exist yet.
fn write(path: &Path, c: &Changed) -> Result<(), String> {
    match &c.old {
        Some(old) => super::fix::write_atomically(path, old.as_bytes(), &c.new),
        None => create_new(path, &c.new),
    }
}

/// Creates `path` with `text`, refusing to replace a file that appeared
/// since the workspace was read. As an update is, the text goes to a
/// temporary file beside it first, which then takes the name only if it is
/// still free: no reader ever sees half a file. The file gets the
/// permissions any new file gets.
fn create_new(path: &Path, text: &str) -> Result<(), String> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsmark-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| format!("cannot make a temporary file beside it: {e}"))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write it: {e}"))?;
    tmp.persist_noclobber(path).map(drop).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            "it appeared since the workspace was read; nothing was written, run again".to_string()
        } else {
            format!("cannot create it: {}", e.error)
        }
    })
}

/// A unified diff of one file, `a/` and `b/` prefixed as `git apply` and
/// `patch -p1` read it; a new file diffs from `/dev/null`.
fn unified_diff(path: &Path, c: &Changed) -> String {
    let shown = display_path(path);
    // An absolute path (outside the current directory) is named as it is.
    let side = |prefix: &str| {
        if shown.starts_with('/') {
            shown.clone()
        } else {
            format!("{prefix}/{shown}")
        }
    };
    let old = c.old.as_deref().unwrap_or("");
    let from = if c.old.is_some() {
        side("a")
    } else {
        "/dev/null".to_string()
    };
    similar::TextDiff::from_lines(old, c.new.as_str())
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&from, &side("b"))
        .to_string()
}

/// What was done, per file, and the quotations left.
fn print_reports(
    out: &mut dyn Write,
    ws: &crate::workspace::Workspace,
    reports: &BTreeMap<PathBuf, Report>,
    changed: &BTreeMap<PathBuf, Changed>,
    failed: &BTreeSet<PathBuf>,
) {
    let mut total = Report::default();
    let mut files = 0;
    for (path, r) in reports {
        let shown = display_path(path);
        if failed.contains(path) {
            let _ = writeln!(out, "{shown}: not written");
            continue;
        }
        if changed.contains_key(path) {
            files += 1;
        }
        let _ = writeln!(out, "{shown}: {}", summary(r, usize::MAX));
        if !r.left.is_empty()
            && let Some(file) = ws.file(path)
        {
            let index = file.line_index();
            for (range, why) in &r.left {
                let lc = index.line_col(&file.text, range.start(), Encoding::Utf32);
                let quote: String = range.slice(&file.text).chars().take(40).collect();
                let more = if range.slice(&file.text).chars().nth(40).is_some() {
                    "…"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {shown}:{}:{}: {quote}{more} left: {why}",
                    lc.line + 1,
                    lc.col + 1
                );
            }
        }
        total.attributed += r.attributed;
        total.marked += r.marked;
        total.linked += r.linked;
        total.created.extend(r.created.iter().cloned());
        total.left.extend(r.left.iter().cloned());
    }
    for (path, c) in changed.iter().filter(|(p, _)| !reports.contains_key(*p)) {
        let verb = if failed.contains(path) {
            "not written"
        } else if c.old.is_none() {
            "created"
        } else {
            "extended"
        };
        let _ = writeln!(out, "{}: {verb}", display_path(path));
    }
    let _ = writeln!(
        out,
        "annotated {files} file{}: {}",
        if files == 1 { "" } else { "s" },
        summary(&total, TOTAL_IDS_SHOWN)
    );
}

/// How many ids the last line names per place: an archive's draft makes
/// thousands of actors, each article's line names its own.
const TOTAL_IDS_SHOWN: usize = 10;

/// "12 quotes attributed, 3 actors created (…), 1 marked, 4 mentions linked,
/// 2 quotes left". Each place names an id once ("official-1 ×40" for the
/// front matter of 40 articles), and at most `shown` ids.
fn summary(r: &Report, shown: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if r.front_matter {
        parts.push("front matter added".to_string());
    }
    parts.push(plural(
        r.attributed,
        "quote attributed",
        "quotes attributed",
    ));
    let mut created = plural(r.created.len(), "actor created", "actors created");
    if !r.created.is_empty() {
        let mut places: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for c in &r.created {
            let place = match &c.registry {
                Some(p) => format!("in {}", display_path(p)),
                None => "in the front matter".to_string(),
            };
            places.entry(place).or_default().push(&c.id);
        }
        let list: Vec<String> = places
            .iter()
            .map(|(place, ids)| format!("{} {place}", counted(ids, shown)))
            .collect();
        created.push_str(&format!(" ({})", list.join("; ")));
    }
    parts.push(created);
    if r.marked > 0 {
        parts.push(format!("{} marked not speech", r.marked));
    }
    parts.push(plural(r.linked, "mention linked", "mentions linked"));
    parts.push(plural(r.left.len(), "quote left", "quotes left"));
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn the_last_line_names_each_id_once_and_at_most_a_few() {
        assert_eq!(counted(&["a", "b"], 10), "a, b");
        assert_eq!(
            counted(&["official-1", "lopez", "official-1", "official-1"], 10),
            "official-1 ×3, lopez"
        );
        let many: Vec<String> = (0..25).map(|i| format!("p{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(counted(&many, 3), "p0, p1, p2, and 22 more");
    }
}
