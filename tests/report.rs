//! `newsmark report`, run as a process: its JSON numbers are checked against
//! the records `newsmark export` writes for the same paths (on the examples,
//! on a generated corpus, and on a messy one), its HTML page is
//! self-contained, escaped and holds the figures, and its output goes where
//! a user expects, written whole or not at all.

#[path = "support/shell.rs"]
mod shell;
use shell::{newsmark, write};

#[path = "../benches/support/corpus.rs"]
mod corpus;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ok(out: Output) -> Output {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn report_json(dir: &Path, paths: &[&str]) -> Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend(paths);
    let out = ok(newsmark(dir, &args));
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn export_records(dir: &Path, paths: &[&str]) -> Vec<Value> {
    let mut args = vec!["export"];
    args.extend(paths);
    let out = ok(newsmark(dir, &args));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn n(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("a count: {v}")) as usize
}

fn str_or_null(v: &Value) -> Option<&str> {
    v.as_str()
}

const SPEECH: [&str; 4] = ["direct", "partial", "indirect", "block"];

/// Every count of the report recounted from the export's records of the
/// same paths. Returns the report.
fn check_against_export(dir: &Path, paths: &[&str]) -> Value {
    let report = report_json(dir, paths);
    let records = export_records(dir, paths);
    assert_eq!(report["version"], 1);
    assert_eq!(n(&report["quotations"]), records.len());
    assert!(!records.is_empty(), "a corpus that quotes");

    // Kinds, speech, attribution.
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &records {
        *kinds.entry(r["kind"].as_str().unwrap()).or_default() += 1;
    }
    for (kind, count) in report["kinds"].as_object().unwrap() {
        assert_eq!(
            n(count),
            kinds.get(kind.as_str()).copied().unwrap_or(0),
            "{kind}"
        );
    }
    let is_speech = |r: &Value| SPEECH.contains(&r["kind"].as_str().unwrap());
    let speech = |r: &&Value| is_speech(r);
    assert_eq!(n(&report["speech"]), records.iter().filter(speech).count());
    assert_eq!(
        n(&report["attributed"]),
        records
            .iter()
            .filter(speech)
            .filter(|r| r["speaker"].is_string())
            .count()
    );
    let unknown = records
        .iter()
        .filter(|r| r["speaker"].is_string() && r["speaker_name"].is_null())
        .count();
    assert_eq!(n(&report["unknown_speaker"]), unknown);

    // Each speaker's quotes are the records naming it: an article's own
    // actor in that article, a registry actor in every article that does
    // not define the id itself.
    let speakers = report["speakers"].as_array().unwrap();
    let local: BTreeSet<(&str, &str)> = speakers
        .iter()
        .filter_map(|s| Some((s["article"].as_str()?, s["id"].as_str().unwrap())))
        .collect();
    let mut credited = 0;
    for s in speakers {
        let id = s["id"].as_str().unwrap();
        let naming: Vec<&Value> = records
            .iter()
            .filter(|r| r["speaker"] == id)
            .filter(|r| {
                let path = r["path"].as_str().unwrap();
                match s["article"].as_str() {
                    Some(article) => path == article,
                    None => !local.contains(&(path, id)),
                }
            })
            .collect();
        assert_eq!(n(&s["quotes"]), naming.len(), "{s}");
        let articles: BTreeSet<&str> = naming.iter().map(|r| r["path"].as_str().unwrap()).collect();
        assert_eq!(n(&s["articles"]), articles.len(), "{s}");
        assert!(naming.iter().all(|r| r["speaker_name"] == s["name"]), "{s}");
        let roles: usize = s["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| n(&r["quotes"]))
            .sum();
        assert!(roles <= n(&s["quotes"]), "{s}");
        credited += naming.len();
    }
    assert_eq!(n(&report["credited"]), credited);
    assert_eq!(
        credited + unknown,
        records.iter().filter(|r| r["speaker"].is_string()).count(),
        "every record naming someone is credited or names an undefined id"
    );
    let by_kind: usize = report["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| n(&m["quotes"]))
        .sum();
    assert_eq!(by_kind, credited);
    let persons: usize = speakers
        .iter()
        .filter(|s| s["kind"] == "person")
        .map(|s| n(&s["quotes"]))
        .sum();
    let by_gender: usize = report["by_gender"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| n(&m["quotes"]))
        .sum();
    assert_eq!(by_gender, persons);

    // Anonymous quotations, overall and per article.
    let anonymous: BTreeSet<(Option<&str>, &str)> = speakers
        .iter()
        .filter(|s| s["anonymous"] == true)
        .map(|s| (s["article"].as_str(), s["id"].as_str().unwrap()))
        .collect();
    let is_anonymous = |r: &Value| {
        let (path, Some(id)) = (r["path"].as_str().unwrap(), r["speaker"].as_str()) else {
            return false;
        };
        if local.contains(&(path, id)) {
            anonymous.contains(&(Some(path), id))
        } else {
            anonymous.contains(&(None, id))
        }
    };
    assert_eq!(
        n(&report["anonymous"]["quotes"]),
        records.iter().filter(|r| is_anonymous(r)).count()
    );

    // Per article, by outlet and by month.
    let mut per_path: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for r in &records {
        per_path
            .entry(r["path"].as_str().unwrap())
            .or_default()
            .push(r);
    }
    let articles = report["per_article"].as_array().unwrap();
    assert_eq!(n(&report["articles"]), articles.len());
    for a in articles {
        let path = a["path"].as_str().unwrap();
        let mine = per_path.remove(path).unwrap_or_default();
        assert_eq!(n(&a["quotes"]), mine.len(), "{a}");
        let unattributed = mine
            .iter()
            .filter(|r| is_speech(r) && r["speaker"].is_null())
            .count();
        assert_eq!(n(&a["unattributed"]), unattributed, "{a}");
        assert_eq!(
            n(&a["anonymous"]),
            mine.iter().filter(|r| is_anonymous(r)).count(),
            "{a}"
        );
        for r in mine {
            assert_eq!(r["title"], a["title"]);
            assert_eq!(r["outlet"], a["outlet"]);
            assert_eq!(r["published"], a["published"]);
        }
    }
    assert!(
        per_path.is_empty(),
        "records of articles the report lacks: {per_path:?}"
    );
    for (groups, key) in [("by_outlet", "outlet"), ("by_month", "published")] {
        let mut want: BTreeMap<Option<String>, usize> = BTreeMap::new();
        for r in &records {
            let value = str_or_null(&r[key]).map(|v| match key {
                "published" => v[..7].to_string(),
                _ => v.to_string(),
            });
            *want.entry(value).or_default() += 1;
        }
        for g in report[groups].as_array().unwrap() {
            let key = g["key"].as_str().map(str::to_string);
            let records = want.remove(&key).unwrap_or(0);
            assert_eq!(n(&g["quotes"]), records, "{groups} {g}");
            assert!(n(&g["women"]) <= n(&g["named_persons"]), "{g}");
        }
        assert!(
            want.is_empty(),
            "{groups}: groups the report lacks: {want:?}"
        );
    }
    report
}

#[test]
fn json_numbers_are_those_of_export_on_the_examples() {
    let report = check_against_export(root(), &["examples"]);
    // What the examples hold (examples/README.md): two articles, speakers
    // from the registry and from front matter, anonymous sources with reasons.
    assert_eq!(report["articles"], 2);
    assert_eq!(report["anonymous"]["without_reason"], 0);
    let speakers = report["speakers"].as_array().unwrap();
    let blinken = speakers.iter().find(|s| s["id"] == "blinken").unwrap();
    assert_eq!(blinken["article"], Value::Null);
    assert_eq!(blinken["gender"], "he");
    assert_eq!(blinken["roles"][0]["title"], "Secretary of State");
    assert_eq!(
        blinken["roles"][0]["org"],
        "United States Department of State"
    );
    assert!(
        speakers
            .iter()
            .any(|s| s["article"].is_string() && s["anonymous"] == true)
    );
    // One article as a path: the registries of its workspace still name speakers.
    let one = "examples/latimes-blinken-mideast.news.md";
    let single = check_against_export(root(), &[one]);
    assert_eq!(single["articles"], 1);
}

#[test]
fn json_numbers_are_those_of_export_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let files = corpus::generate(corpus::Spec {
        seed: 7,
        ..corpus::Spec::for_articles(300)
    });
    corpus::write(&files, dir.path()).unwrap();
    let report = check_against_export(dir.path(), &["."]);
    assert_eq!(report["articles"], 300);
    // The generator's registry gives every person pronouns; every article
    // has its own anonymous `source-1`, a separate speaker each time.
    let speakers = report["speakers"].as_array().unwrap();
    let sources = speakers.iter().filter(|s| s["id"] == "source-1").count();
    assert!(sources > 100, "{sources} article-local sources");
    let women = &report["by_gender"][0];
    assert_eq!(women["gender"], "she");
    assert!(n(&women["quotes"]) > 0);
    // A subdirectory alone: the registries at the root still apply.
    let part = check_against_export(dir.path(), &["articles/001"]);
    assert_eq!(part["articles"], 100);
}

/// A corpus that is not clean: no front matter, an undefined id, an
/// anonymous source without a reason, local ids that shadow registry ids,
/// an unreadable file, a symbolic link to a directory, a very long line.
fn messy(dir: &Path) {
    let long = format!(
        "---\ntitle: Long\noutlet: Wire\npublished: 2020-02-29\n---\n{}\n",
        "“Again,”{@lopez} she said. ".repeat(20_000)
    );
    write(
        dir,
        &[
            // The workspace's root, so that `a` alone sees the registry.
            ("newsmark.toml", b""),
            (
                "actors.yaml",
                b"lopez:\n  name: Maria Lopez\n  kind: person\n  pronouns: she\nmin:\n  name: Min Ho\n  kind: person\n",
            ),
            (
                "a/one.news.md",
                "---\ntitle: One\noutlet: Daily\npublished: 2021-05-24\nactors:\n  lopez: {name: Another Lopez, kind: person, pronouns: he}\n  anon: {anonymous: true, kind: person, described_as: an aide}\n---\n“Hi,”{@lopez} “Psst,”{@anon} “Who?”{@ghost} “Nobody.” [that it rained]{@min .indirect} a “scare”{.scare}\n".as_bytes(),
            ),
            ("a/two.news.md", "No front matter. “Yes,”{@lopez} and “no.”{@}\n".as_bytes()),
            ("a/long.news.md", long.as_bytes()),
            ("a/bad.news.md", b"caf\xe9 \xe2\x80\x9cquote\xe2\x80\x9d{@lopez}\n"),
            ("elsewhere/three.news.md", "---\npublished: 2019-13-45\n---\n“Bad date,”{@min}\n".as_bytes()),
        ],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("elsewhere"), dir.join("a/linked")).unwrap();
}

#[test]
fn json_numbers_are_those_of_export_on_a_messy_corpus() {
    let dir = tempfile::tempdir().unwrap();
    messy(dir.path());
    let report = check_against_export(dir.path(), &["a"]);
    assert_eq!(report["unknown_speaker"], 1);
    assert_eq!(report["anonymous"]["without_reason"], 1);
    assert_eq!(report["unreadable"], serde_json::json!(["a/bad.news.md"]));
    let speakers = report["speakers"].as_array().unwrap();
    let lopez: Vec<(&Value, &Value)> = speakers
        .iter()
        .filter(|s| s["id"] == "lopez")
        .map(|s| (&s["article"], &s["gender"]))
        .collect();
    assert_eq!(
        lopez,
        [
            (&Value::Null, &Value::from("she")),
            (&Value::from("a/one.news.md"), &Value::from("he"))
        ]
    );
    // A date that is not one groups the article with the undated.
    let months: Vec<&Value> = report["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["key"])
        .collect();
    assert_eq!(
        months,
        [
            &Value::from("2020-02"),
            &Value::from("2021-05"),
            &Value::Null
        ]
    );
}

#[test]
fn an_unreadable_article_is_left_out_and_said_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    messy(dir.path());
    let out = ok(newsmark(dir.path(), &["report", "--format", "json", "a"]));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "newsmark: 1 file could not be read and is left out of the report (`newsmark check` says why)\n"
    );
}

#[test]
fn usage_and_io_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsmark(dir.path(), &["report", "missing"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("newsmark: cannot read `missing`"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("newsmark-report.html").exists());

    let examples = root().join("examples");
    let examples = examples.to_str().unwrap();
    let out = newsmark(
        dir.path(),
        &["report", examples, "-o", "no/such/dir/r.html"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("newsmark: cannot write `no/such/dir/r.html`"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let out = newsmark(dir.path(), &["report", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn html_goes_to_a_file_json_to_stdout_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let examples = root().join("examples");
    let examples = examples.to_str().unwrap();
    // HTML by default: `newsmark-report.html` in the current directory.
    let out = ok(newsmark(dir.path(), &["report", examples]));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let records = export_records(root(), &["examples"]).len();
    assert_eq!(
        stderr,
        format!(
            "newsmark: wrote the report of 2 articles ({records} quotations) to newsmark-report.html\n"
        )
    );
    let html = fs::read_to_string(dir.path().join("newsmark-report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // `-`: stdout, the same page (links are then relative to the current directory).
    let out = ok(newsmark(dir.path(), &["report", examples, "-o", "-"]));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), html);
    // A directory gets the default name; JSON goes to stdout by default.
    fs::create_dir(dir.path().join("out")).unwrap();
    ok(newsmark(
        dir.path(),
        &["report", examples, "--format", "json", "-o", "out"],
    ));
    let json = fs::read(dir.path().join("out/newsmark-report.json")).unwrap();
    let out = ok(newsmark(
        dir.path(),
        &["report", examples, "--format", "json"],
    ));
    assert_eq!(out.stdout, json);
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");
}

#[cfg(unix)]
#[test]
fn an_existing_output_keeps_its_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let examples = root().join("examples");
    let examples = examples.to_str().unwrap();
    let target = dir.path().join("kept.html");
    fs::write(&target, "old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("kept.html", dir.path().join("link.html")).unwrap();
    ok(newsmark(
        dir.path(),
        &["report", examples, "-o", "link.html"],
    ));
    assert!(
        fs::symlink_metadata(dir.path().join("link.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let meta = fs::metadata(&target).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // A new file gets the usual permissions, not a temporary file's 0600.
    ok(newsmark(
        dir.path(),
        &["report", examples, "-o", "new.html"],
    ));
    let mode = fs::metadata(dir.path().join("new.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o044, 0o044 & !umask(), "{mode:o}");
    // Nothing else is left in the directory: no temporary file.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["kept.html", "link.html", "new.html"]);
}

/// The process's umask, as a shell started from here reports it.
#[cfg(unix)]
fn umask() -> u32 {
    let out = Command::new("sh").args(["-c", "umask"]).output().unwrap();
    u32::from_str_radix(String::from_utf8(out.stdout).unwrap().trim(), 8).unwrap()
}

/// The page of `paths`, written under `dir`.
fn html(dir: &Path, paths: &[&str]) -> (String, PathBuf) {
    let out = dir.join("report/page.html");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut args = vec!["report", "-o", out.to_str().unwrap()];
    args.extend(paths);
    ok(newsmark(dir, &args));
    (fs::read_to_string(&out).unwrap(), out)
}

/// Nothing in the page can make the browser fetch anything: no element
/// that loads (`src=`, `<link`, `<object`, `<iframe`), no CSS import or
/// URL, no address but the SVG namespace.
fn assert_self_contained(page: &str) {
    let lower = page.to_lowercase();
    // Tags, with their quoted attribute values blanked.
    let tags = regex::Regex::new(r#"<([a-z][a-z0-9:-]*)((?:"[^"]*"|[^">])*)>"#).unwrap();
    let values = regex::Regex::new(r#""[^"]*""#).unwrap();
    for tag in tags.captures_iter(&lower) {
        let name = &tag[1];
        let attributes = values.replace_all(&tag[2], "\"\"");
        assert!(
            ![
                "link", "object", "iframe", "embed", "img", "image", "use", "audio", "video",
                "source", "frame"
            ]
            .contains(&name),
            "a <{name}> element"
        );
        for attribute in [
            "src",
            "srcset",
            "xlink:href",
            "poster",
            "data",
            "background",
        ] {
            assert!(
                !attributes
                    .split_whitespace()
                    .any(|a| a.starts_with(&format!("{attribute}="))),
                "<{name}{attributes}>"
            );
        }
    }
    for needle in ["@import", "url("] {
        assert!(!lower.contains(needle), "the page holds `{needle}`");
    }
    let addresses = lower.matches("http://").count() + lower.matches("https://").count();
    let namespaces = lower
        .matches("xmlns=\"http://www.w3.org/2000/svg\"")
        .count();
    assert_eq!(
        addresses, namespaces,
        "an address other than the SVG namespace"
    );
    assert!(lower.contains("content-security-policy"));
    assert!(lower.contains("default-src 'none'"));
}

#[test]
fn the_html_page_is_self_contained_and_holds_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let examples = root().join("examples");
    let (page, out) = html(dir.path(), &[examples.to_str().unwrap()]);
    assert_self_contained(&page);
    let json = report_json(root(), &["examples"]);
    // Every chart is labelled for assistive technology and has a table.
    let charts = page.matches("<svg ").count();
    assert!(charts >= 5, "{charts} charts");
    assert_eq!(
        page.matches("<svg role=\"img\" aria-labelledby=\"chart-")
            .count(),
        charts
    );
    assert_eq!(page.matches("<title id=\"chart-").count(), charts);
    for section in page.split("<section").skip(1) {
        if section.contains("<svg") {
            assert!(
                section.contains("<table"),
                "a chart without its table: {section:.200}"
            );
        }
    }
    assert!(page.contains("@media print"));
    // The totals, every speaker with its count, every article linked to its file.
    assert!(page.contains(&format!(
        "<dt>Quotations</dt><dd>{}</dd>",
        json["quotations"]
    )));
    for s in json["speakers"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        let row = format!("<tr><td>{}", name.replace('&', "&amp;"));
        assert!(page.contains(&row), "{name}");
        assert!(page.contains(&format!("<td class=\"num\" data-v=\"{}\">", s["quotes"])));
    }
    let base = out.parent().unwrap();
    for a in json["per_article"].as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        let at = page
            .find(&format!(">{title}</a>"))
            .unwrap_or_else(|| panic!("{title}"));
        let href_at = page[..at].rfind("href=\"").unwrap() + "href=\"".len();
        let href = &page[href_at..href_at + page[href_at..].find('"').unwrap()];
        assert!(href.starts_with("../"), "{href}");
        let linked = fs::canonicalize(base.join(href)).unwrap();
        assert_eq!(
            linked,
            fs::canonicalize(root().join(a["path"].as_str().unwrap())).unwrap()
        );
    }
    // The share of women per outlet is computed and shown.
    for g in json["by_outlet"].as_array().unwrap() {
        assert!(page.contains(&format!(
            "<th scope=\"row\">{}</th>",
            g["key"].as_str().unwrap()
        )));
    }
}

#[test]
fn text_from_articles_and_registries_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" 'a'";
    write(
        dir.path(),
        &[
            (
                "actors.yaml",
                format!(
                    "x:\n  name: {hostile:?}\n  kind: person\n  pronouns: she\n  roles:\n    - {{title: \"</td><b>Boss\", org: \"<i>Org</i>\"}}\n"
                )
                .as_bytes(),
            ),
            (
                "<b>&amp;.news.md",
                format!("---\ntitle: {hostile:?}\noutlet: \"</th><u>Out\"\npublished: 2021-01-01\n---\n“Hi,”{{@x}}\n").as_bytes(),
            ),
        ],
    );
    let (page, _) = html(dir.path(), &["."]);
    assert_self_contained(&page);
    for raw in [
        "<script>alert",
        "<img",
        "<b>",
        "<i>",
        "</td><b>",
        "</th><u>",
        "\"q\"",
        "&amp;.news",
    ] {
        assert!(!page.contains(raw), "`{raw}` is written raw");
    }
    // Escaped, the same words are there: in the tables and in the charts.
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot;"));
    assert!(page.contains("&lt;/th&gt;&lt;u&gt;Out"));
    assert!(page.contains("&lt;b&gt;&amp;amp;.news.md"));
    assert!(page.contains("href=\"../%3Cb%3E%26amp%3B.news.md\""));
    // One script: the page's own.
    assert_eq!(page.matches("<script").count(), 1);
}

#[test]
fn an_empty_corpus_gives_a_report_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let report = report_json(dir.path(), &[]);
    assert_eq!(report["articles"], 0);
    assert_eq!(report["quotations"], 0);
    assert_eq!(report["attributed_share"], Value::Null);
    let (page, _) = html(dir.path(), &[]);
    assert_self_contained(&page);
    assert!(page.contains("No article."));
}
