//! Inlay hints: the resolved speaker's name after each attribute block that
//! names one, `{@}` (the previous speaker) and `{@id}` alike, so that a
//! reader sees who said a quote without leaving the line.

use crate::model::Speaker;
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint stands: right after the attribute block.
    pub offset: usize,
    pub label: String,
    /// `{@}`: the label names the previous speaker, not the text's id.
    pub previous: bool,
}

/// The hints of an article, within `range` when given, in text order.
pub fn inlay_hints(ws: &Workspace, path: &Path, range: Option<TextRange>) -> Vec<InlayHint> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let Some(article) = file.article() else {
        return Vec::new();
    };
    let within = |r: TextRange| range.is_none_or(|w| w.start() <= r.end() && r.start() <= w.end());
    article
        .attributions
        .iter()
        .filter(|a| within(a.range))
        .filter_map(|a| {
            let id = a.speaker_id()?;
            let (_, actor) = ws.resolve_in(file, id)?;
            Some(InlayHint {
                offset: a.range.end(),
                label: actor.display_name().to_string(),
                previous: matches!(a.speaker, Some(Speaker::Previous { .. })),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    fn check(fixture: &str, range: Option<TextRange>, expected: Expect) {
        let f = Fixture::parse(fixture);
        let text = &f.ws.file(&f.path).unwrap().text;
        let out: Vec<String> = inlay_hints(&f.ws, &f.path, range)
            .into_iter()
            .map(|h| {
                let tail = if h.previous { " (previous)" } else { "" };
                format!("{}|{}{tail}", &text[..h.offset], h.label)
                    .lines()
                    .last()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        expected.assert_eq(&out.join("\n"));
    }

    const WS: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
//- /a.news.md
---
actors:
  official-1:
    anonymous: true
    described_as: a senior official
---
“We wait,”{@lopez} she said. “Still,”{@} she added.

[Patience, she said]{@lopez .partial}. “No,”{@official-1} an official said.

“Who?”{@nobody} asked someone. “Scary”{.scare} it was.
"#;

    #[test]
    fn names_after_explicit_and_previous_speakers_and_local_actors() {
        check(
            WS,
            None,
            expect![[r#"
                “We wait,”{@lopez}|Maria Lopez
                “We wait,”{@lopez} she said. “Still,”{@}|Maria Lopez (previous)
                [Patience, she said]{@lopez .partial}|Maria Lopez
                [Patience, she said]{@lopez .partial}. “No,”{@official-1}|a senior official"#]],
        );
    }

    #[test]
    fn only_the_requested_range() {
        let start = WS.find("[Patience").unwrap() - WS.find("---").unwrap();
        check(
            WS,
            Some(TextRange::new(start, start + 40)),
            expect!["[Patience, she said]{@lopez .partial}|Maria Lopez"],
        );
    }
}
