//! A registry read again after text is appended to it, reading only what was
//! appended when that is sure to give what reading it all gives: `annotate`
//! appends the actors of each article it drafts, and reading a registry of
//! thousands of actors again for each made drafting an archive quadratic.

use super::{Registry, parse_registry, yaml};
use memchr::memmem;

/// Above this many bytes the whole text is read again: the YAML reader caps
/// the events of one document, and a suffix read alone would not meet it.
const MAX_FAST_LEN: usize = 4 << 20;

impl Registry {
    /// The registry of `text` followed by `suffix`, where `self` is the
    /// registry of `text`.
    pub fn appended(&self, text: &str, suffix: &str) -> Registry {
        match self.read_appended(text, suffix) {
            Some(added) => {
                let mut actors = Vec::with_capacity(self.actors.len() + added.actors.len());
                actors.extend_from_slice(&self.actors);
                actors.extend(added.actors);
                Registry {
                    actors,
                    problems: Vec::new(),
                }
            }
            None => parse_registry(&format!("{text}{suffix}")),
        }
    }

    /// The actors `suffix` adds, read alone, with no problem in the whole:
    /// `None` when that cannot be told without reading all. Reading the
    /// suffix alone gives the same as reading `text` with it when `text`
    /// read cleanly as a block mapping whose keys start their lines (a line
    /// at column 0 after it then starts a new key, whatever the last value
    /// was), ends its last line, and holds no `---` or `...` after its
    /// first line (what follows would be another document).
    pub fn read_appended(&self, text: &str, suffix: &str) -> Option<Registry> {
        let block_map_at_column_0 = match self.actors.first() {
            Some(first) => {
                let start = first.id_range.start();
                start == 0 || text.as_bytes()[start - 1] == b'\n'
            }
            // Nothing but comments, blank lines and a first `---`.
            None => text.lines().enumerate().all(|(i, line)| {
                let line = line.trim();
                line.is_empty() || line.starts_with('#') || (i == 0 && line == "---")
            }),
        };
        let clean = self.problems.is_empty()
            && block_map_at_column_0
            && (text.is_empty() || text.ends_with('\n'))
            && text.len() + suffix.len() <= MAX_FAST_LEN
            && !text.starts_with('{')
            && memmem::find(text.as_bytes(), b"\n{").is_none()
            && memmem::find(text.as_bytes(), b"\n---").is_none()
            && memmem::find(text.as_bytes(), b"\n...").is_none()
            && !text.starts_with("...")
            // A suffix at column 0 ends the last value; one indented would
            // continue it.
            && suffix.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !clean {
            return None;
        }
        let added = super::read_document(&yaml::parse(suffix, text.len()));
        added.problems.is_empty().then_some(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends `suffix` to `text` both ways and requires the same registry.
    fn same(text: &str, suffix: &str) -> bool {
        let before = parse_registry(text);
        let whole = parse_registry(&format!("{text}{suffix}"));
        let added = before.read_appended(text, suffix);
        if let Some(added) = &added {
            let fast = [&before.actors[..], &added.actors[..]].concat();
            assert_eq!(fast, whole.actors, "{text:?} + {suffix:?}");
            assert_eq!(whole.problems, [], "{text:?} + {suffix:?}");
        }
        let appended = before.appended(text, suffix);
        assert_eq!(appended.actors, whole.actors);
        assert_eq!(appended.problems, whole.problems);
        added.is_some()
    }

    const NEW: &str = "reyes:\n  name: Ana Reyes\n  kind: person\n  aliases: [Reyes]\n";

    #[test]
    fn a_clean_registry_reads_only_what_is_appended() {
        for text in [
            "",
            "# the newsroom's actors\n",
            "---\n",
            "lopez:\n  name: Maria Lopez\n",
            "lopez:\n  name: Maria Lopez\n  roles:\n    - title: Mayor\n      org: \"@city\"\n\n",
            "lopez:\n  name: Maria Lopez\n  description: |\n    Mayor since 2019.\n\n",
            "lopez:\n  name: Maria Lopez\n  description: |+\n    Mayor.\n\n\n",
            "lopez:\n  name: Maria Lopez\n# a closing comment\n",
            "---\nlopez:\n  name: Maria Lopez\n",
        ] {
            assert!(same(text, NEW), "{text:?} should take the fast way");
        }
    }

    #[test]
    fn a_registry_the_suffix_could_change_is_read_whole() {
        for text in [
            // No line end: the suffix would continue the last value.
            "lopez:\n  name: Maria Lopez",
            // A flow mapping at the root.
            "{lopez: {name: Maria Lopez}}\n",
            "{\nlopez: {name: Maria Lopez}\n}\n",
            // Keys not at column 0.
            "  lopez:\n    name: Maria Lopez\n",
            // The end of the document, or another one.
            "lopez:\n  name: Maria Lopez\n...\n",
            "lopez:\n  name: Maria Lopez\n---\nsmith:\n  name: Jo Smith\n",
            // Problems already.
            "lopez:\n  nam: Maria Lopez\n",
            "lopez: [\n",
            "lopez:\n  name: 'Maria\n",
        ] {
            assert!(!same(text, NEW), "{text:?} should be read whole");
        }
        // A suffix that is indented, or broken, is read with the rest.
        assert!(!same("lopez:\n  name: Maria Lopez\n", "  kind: person\n"));
        assert!(!same("lopez:\n  name: Maria Lopez\n", "reyes: [\n"));
    }

    /// Lines that registries hold, and lines that trip YAML up.
    const LINES: &[&str] = &[
        "lopez:",
        "smith:",
        "  name: Maria Lopez",
        "  name: 'Jo",
        "  Smith'",
        "  aliases: [Lopez,",
        "    Maria]",
        "  description: |",
        "  description: >-",
        "    Mayor since 2019.",
        "",
        "# a comment",
        "---",
        "...",
        "{",
        "}",
        "  - title: Mayor",
        "  roles:",
        "    - title: Mayor",
        "      org: \"@city\"",
        "\t",
        "- lopez",
        "lopez: &a",
        "smith: *a",
    ];

    proptest::proptest! {
        /// Whenever the suffix is read alone, it reads as in the whole text.
        #[test]
        fn reading_the_suffix_alone_reads_as_the_whole(
            text in proptest::collection::vec(proptest::sample::select(LINES), 0..12),
            suffix in proptest::collection::vec(proptest::sample::select(LINES), 0..6),
            end_text in proptest::bool::ANY,
        ) {
            let mut text = text.join("\n");
            if end_text {
                text.push('\n');
            }
            same(&text, &(suffix.join("\n") + "\n"));
            same(&text, NEW);
        }
    }
}
