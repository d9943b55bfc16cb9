//! `newsmark annotate` run as a process, on the file system as users have
//! it: a pasted article in an empty folder, a second run, `--diff`, a
//! registry with comments in a workspace with `newsmark.toml`, symbolic
//! links and permissions, a file that is not UTF-8, a huge line.

#[path = "support/shell.rs"]
mod shell;
use shell::{newsmark, stderr, stdout, write};
use std::process::Output;

use std::fs;
use std::process::Command;

const STORY: &str = "# Ferry halted after fire

Ferry service stopped on Tuesday. “Nobody was hurt,” Mayor Grace Okafor told reporters. “We will get people home.”

Chan Saveth, a senior investigator with the rights group Adhoc, said the fleet was old. “These boats are tired,” he said.

A senior official, who spoke on condition of anonymity because the inquiry was not finished, said the city had been warned. “Everyone knew,” the official said.

Critics called the plan a “fig leaf.”
";

#[test]
fn a_pasted_article_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("story.news.md"), STORY).unwrap();
    let out = newsmark(root, &["annotate", "story.news.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        stdout(&out),
        "story.news.md: front matter added, 4 quotes attributed, 3 actors created (grace-okafor, chan-saveth in actors.yaml; official-1 in the front matter), 3 mentions linked, 1 quote left
  story.news.md:19:27: “fig leaf.” left: the prose names no speaker
actors.yaml: created
annotated 1 file: 4 quotes attributed, 3 actors created (grace-okafor, chan-saveth in actors.yaml; official-1 in the front matter), 3 mentions linked, 1 quote left
"
    );
    let article = fs::read_to_string(root.join("story.news.md")).unwrap();
    assert!(
        article.starts_with("---\ntitle: Ferry halted after fire\nactors:\n  official-1:\n"),
        "{article}"
    );
    assert!(
        article.contains("“Everyone knew,”{@official-1} the official said."),
        "{article}"
    );
    let registry = fs::read_to_string(root.join("actors.yaml")).unwrap();
    assert!(
        registry.starts_with("grace-okafor:\n  name: Grace Okafor\n"),
        "{registry}"
    );

    // `check` finds no error; the quote left is a warning.
    let check = newsmark(root, &["check", "."]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("0 errors, 1 warning"),
        "{}",
        stdout(&check)
    );

    // A second run has nothing to add and writes nothing.
    let before = (article, registry);
    let again = newsmark(root, &["annotate", "."]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stdout(&again).contains("annotated 0 files: 0 quotes attributed"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        fs::read_to_string(root.join("story.news.md")).unwrap(),
        before.0
    );
    assert_eq!(
        fs::read_to_string(root.join("actors.yaml")).unwrap(),
        before.1
    );
}

#[test]
fn diff_prints_the_changes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("story.news.md"), STORY).unwrap();
    let out = newsmark(root, &["annotate", "--diff", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.contains("--- /dev/null\n+++ b/actors.yaml\n"),
        "{diff}"
    );
    assert!(
        diff.contains("--- a/story.news.md\n+++ b/story.news.md\n"),
        "{diff}"
    );
    assert!(diff.contains("+title: Ferry halted after fire\n"), "{diff}");
    // The report goes to stderr, so that the diff can be piped.
    assert!(
        stderr(&out).contains("annotated 1 file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(root.join("story.news.md")).unwrap(),
        STORY
    );
    assert!(!root.join("actors.yaml").exists());
    // The diff applies.
    if Command::new("patch").arg("--version").output().is_ok() {
        fs::write(root.join("changes.diff"), &diff).unwrap();
        let patched = Command::new("patch")
            .args(["-p1", "-i", "changes.diff"])
            .current_dir(root)
            .output()
            .unwrap();
        assert!(patched.status.success(), "{}", stdout(&patched));
        let after = newsmark(root, &["annotate", "--diff", "."]);
        assert_eq!(stdout(&after), "", "the patched folder is the draft");
    }
}

#[test]
fn new_actors_go_to_the_registry_of_the_workspace_and_keep_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("newsmark.toml"),
        "[files]\narticles = [\"stories/**/*.md\"]\n",
    )
    .unwrap();
    let registry = "# Who we quote. Keep sorted.\nlopez:\n  name: Maria Lopez   # the envoy\n";
    fs::write(root.join("actors.yaml"), registry).unwrap();
    fs::create_dir_all(root.join("stories/2024")).unwrap();
    fs::write(
        root.join("stories/2024/one.md"),
        "Maria Lopez arrived. “We have a window,” she said.\n\n“It is fragile,” said Omar Hassan, the foreign minister.\n",
    )
    .unwrap();
    fs::write(
        root.join("stories/2024/two.md"),
        "Omar Hassan left early. “No comment,” Hassan said.\n",
    )
    .unwrap();
    let out = newsmark(&root.join("stories"), &["annotate", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let after = fs::read_to_string(root.join("actors.yaml")).unwrap();
    assert!(after.starts_with(registry), "{after}");
    assert_eq!(after.matches("omar-hassan:").count(), 1, "{after}");
    // The second article uses the actor the first one made.
    let two = fs::read_to_string(root.join("stories/2024/two.md")).unwrap();
    assert!(
        two.contains("“No comment,”{@omar-hassan} Hassan said."),
        "{two}"
    );
    assert!(
        two.contains("[Omar Hassan](@omar-hassan) left early."),
        "{two}"
    );
    let again = newsmark(&root.join("stories"), &["annotate", "."]);
    assert!(
        stdout(&again).contains("annotated 0 files"),
        "{}",
        stdout(&again)
    );
}

/// The run exited 1 and said `why` on stderr.
fn assert_left_alone(out: &Output, why: &str) {
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(out), stderr(out));
    assert!(stderr(out).contains(why), "{}", stderr(out));
}

#[test]
fn links_and_permissions_are_kept_and_a_bad_file_is_left_alone() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("drafts")).unwrap();
    fs::write(root.join("drafts/real.md"), STORY).unwrap();
    fs::set_permissions(
        root.join("drafts/real.md"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    symlink("drafts/real.md", root.join("story.news.md")).unwrap();
    fs::write(root.join("latin1.news.md"), b"\xe9t\xe9 \xab oui \xbb\n").unwrap();
    let out = newsmark(root, &["annotate", "story.news.md", "latin1.news.md"]);
    assert_left_alone(&out, "left latin1.news.md alone: it is not valid UTF-8");
    assert!(
        fs::symlink_metadata(root.join("story.news.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = fs::read_to_string(root.join("drafts/real.md")).unwrap();
    assert!(real.contains("{@grace-okafor}"), "{real}");
    let mode = fs::metadata(root.join("drafts/real.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(
        fs::read(root.join("latin1.news.md")).unwrap(),
        b"\xe9t\xe9 \xab oui \xbb\n"
    );
}

/// A read-only article is left alone before it is drafted: none of its
/// speakers reach the registry, which would otherwise hold actors that no
/// article names.
#[test]
fn a_read_only_article_adds_nothing_to_the_registry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let locked = "“The pier is closed,” said Dana Whitfield, the harbour master.\n";
    write(
        root,
        &[
            ("story.news.md", STORY.as_bytes()),
            ("locked.news.md", locked.as_bytes()),
        ],
    );
    let read_only = fs::Permissions::from_mode(0o444);
    fs::set_permissions(root.join("locked.news.md"), read_only.clone()).unwrap();
    let out = newsmark(root, &["annotate"]);
    assert_left_alone(&out, "left locked.news.md alone: it is read-only");
    assert_eq!(
        fs::read_to_string(root.join("locked.news.md")).unwrap(),
        locked
    );
    let registry = fs::read_to_string(root.join("actors.yaml")).unwrap();
    assert!(registry.contains("grace-okafor:"), "{registry}");
    assert!(!registry.contains("Whitfield"), "{registry}");

    // With nothing it may write, nothing is written at all.
    fs::set_permissions(root.join("story.news.md"), read_only).unwrap();
    fs::remove_file(root.join("actors.yaml")).unwrap();
    let out = newsmark(root, &["annotate"]);
    assert_left_alone(&out, "left story.news.md alone: it is read-only");
    assert!(!root.join("actors.yaml").exists(), "{}", stdout(&out));
}

/// An article that names an actor another article's draft made is left
/// alone too when that actor's registry cannot be written: no id may lead
/// nowhere.
#[test]
fn an_article_using_an_actor_that_could_not_be_written_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let second = "“The ferry will sail,” said Grace Okafor on Friday.\n";
    write(
        root,
        &[
            ("a.news.md", STORY.as_bytes()),
            ("b.news.md", second.as_bytes()),
            ("actors.yaml", b"# the newsroom's registry\n"),
        ],
    );
    fs::set_permissions(root.join("actors.yaml"), fs::Permissions::from_mode(0o444)).unwrap();
    let out = newsmark(root, &["annotate"]);
    assert_left_alone(&out, "left actors.yaml alone: it is read-only");
    assert_left_alone(
        &out,
        "left b.news.md alone: its new actors belong in actors.yaml",
    );
    assert_eq!(fs::read_to_string(root.join("b.news.md")).unwrap(), second);
    assert_eq!(fs::read_to_string(root.join("a.news.md")).unwrap(), STORY);
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsmark(dir.path(), &["annotate", "nowhere.news.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere.news.md"), "{}", stderr(&out));
}

#[test]
fn a_huge_line_of_quotes_is_drafted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let line = "“We have a window,” Maria Lopez said, and a “fig leaf” fell. ".repeat(5_000);
    fs::write(root.join("big.news.md"), format!("{line}\n")).unwrap();
    let out = newsmark(root, &["annotate", "big.news.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let big = fs::read_to_string(root.join("big.news.md")).unwrap();
    assert_eq!(big.matches("{@maria-lopez}").count(), 5_000);
}
