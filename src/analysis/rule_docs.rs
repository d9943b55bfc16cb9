//! What each rule is about, in words: a one-line summary and a paragraph that
//! says why it matters and how to fix it. Shown to tools that list rules
//! (SARIF's `tool.driver.rules`); a finding's own message and help say more.

use super::Code;

impl Code {
    /// One line: what the rule reports.
    pub fn summary(self) -> &'static str {
        match self {
            Code::UnreadableFile => {
                "A file that cannot be read as UTF-8 text: not UTF-8, not a regular file, or too large"
            }
            Code::UnattributedQuote => "A quotation with no speaker and no non-speech class",
            Code::UnknownActor => "An `@id` defined in no registry and no front matter",
            Code::DuplicateActor => "One actor id defined twice",
            Code::UnbalancedQuotation => {
                "An opening quotation mark never closed, or a closing mark never opened"
            }
            Code::MalformedAnnotation => {
                "A bad attribute block, an unknown class or key, or `{@}` with no previous speaker"
            }
            Code::AnonymousSourceUnjustified => {
                "A quoted anonymous source without `anonymity_reason`"
            }
            Code::InvalidMetadata => {
                "Front matter, a registry entry or newsmark.toml breaking the schema"
            }
            Code::UnusedActor => "An article-local actor that nothing refers to",
            Code::SpeakerNotIntroduced => "A quoted actor whom the article's prose never names",
        }
    }

    /// A paragraph: when the rule fires, why it matters, how to fix it.
    pub fn explanation(self) -> &'static str {
        match self {
            Code::UnreadableFile => {
                "Newsmark reads articles, registries and newsmark.toml as UTF-8 text: regular files \
                 (a symbolic link is followed) of at most 64 MiB on disk (4 GiB from an editor). A \
                 file that is not UTF-8, is larger, is a FIFO, a device or a link to nothing, or \
                 cannot be read at all, is skipped: nothing in it is checked and the actors it \
                 defines are missing. Save the file as UTF-8 text, as a regular file."
            }
            Code::UnattributedQuote => {
                "Every quotation either names who said it or says why it is not speech. A top-level \
                 quotation with no attribute block of its own and no attributed span or block quote \
                 around it leaves readers unable to tell who is speaking. Add `{@id}` right after \
                 the closing mark, or `{.scare}`, `{.title}` or `{.term}` when the marks are not speech."
            }
            Code::UnknownActor => {
                "A mention, a speaker or a `to=@id` refers to an id that no actors.yaml and no \
                 front-matter `actors:` defines, so the words cannot be credited to anyone. Fix the \
                 spelling of the id, or define the actor in a registry (shared by every article) or \
                 under `actors:` in the article's front matter."
            }
            Code::DuplicateActor => {
                "Ids are global to the workspace: an id defined in two registries, twice in one file, \
                 or both in a front matter and a registry is ambiguous. The finding points at every \
                 definition. Keep one of them, or give one actor another id."
            }
            Code::UnbalancedQuotation => {
                "An unpaired quotation mark hides where a quotation begins or ends. Add the missing \
                 mark. A quotation running over several paragraphs opens each paragraph with a mark \
                 and closes only the last one; a curly mark that is not a quotation mark is written \
                 as its HTML entity (`&ldquo;`, `&rdquo;`)."
            }
            Code::MalformedAnnotation => {
                "An attribute block that cannot be read, or that attaches to nothing, is ignored, and \
                 the attribution it was meant to carry is lost. Write `{@id .class key=value}` \
                 directly after a closing mark or a span's `]`, with the classes `.direct`, \
                 `.partial`, `.indirect`, `.scare`, `.title`, `.term` and the keys `to`, `via`, \
                 `url`, `date`; `{@}` needs an earlier speaker in the article."
            }
            Code::AnonymousSourceUnjustified => {
                "Newsroom standards ask why a source is granted anonymity, and readers deserve to \
                 know. Add `anonymity_reason:` to the anonymous actor's entry saying why the source \
                 is not named."
            }
            Code::InvalidMetadata => {
                "Metadata that breaks the schema cannot be used as written: a bad date, an unknown \
                 kind, a missing name, a dangling `org`, YAML or TOML that cannot be parsed, an \
                 unknown rule or level in newsmark.toml. Fix the value as the finding says; \
                 `newsmark schema actors` and `newsmark schema config` print the schemas. A likely \
                 typo of a known key is a warning."
            }
            Code::UnusedActor => {
                "An actor defined under the front matter's `actors:` that no mention or attribution \
                 of the article uses is probably left over from an edit. Remove it, or refer to it \
                 with `[name](@id)`."
            }
            Code::SpeakerNotIntroduced => {
                "Readers should learn who speaks before or when they are quoted, but the article \
                 never names this actor by a mention link, its name, an alias or its \
                 `described_as`. Introduce the speaker in the prose, for example with \
                 `[Maria Lopez](@lopez)`."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_described_in_one_line_and_a_paragraph() {
        for code in Code::ALL {
            let summary = code.summary();
            assert!(
                !summary.is_empty() && !summary.contains('\n') && !summary.ends_with('.'),
                "{code:?}: {summary:?}"
            );
            let explanation = code.explanation();
            assert!(
                explanation.len() > summary.len() && explanation.ends_with('.'),
                "{code:?}: {explanation:?}"
            );
            assert!(
                !explanation.contains("  "),
                "{code:?}: stray spaces from a line continuation"
            );
        }
    }
}
