//! The diagnostic rules, one file each. Every rule reads one file of a
//! workspace snapshot and pushes [`Diagnostic`]s with its own code.

mod anonymous_source_unjustified;
mod duplicate_actor;
mod invalid_metadata;
mod malformed_annotation;
mod speaker_not_introduced;
mod unattributed_quote;
mod unbalanced_quotation;
pub mod unknown_actor;
mod unreadable_file;
mod unused_actor;

use super::Diagnostic;
use crate::model::Article;
use crate::registry::Actor;
use crate::workspace::{Content, File, Workspace};

/// Up to this many items (an article's actors, a file's definitions), a rule
/// compares them one by one: cheaper than building a hash table.
pub const FEW: usize = 8;

/// What a rule sees.
pub struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub file: &'a File,
}

impl<'a> Ctx<'a> {
    pub fn article(&self) -> Option<&'a Article> {
        self.file.article()
    }

    /// The actor an id in this file refers to (see `Workspace::resolve_in`).
    pub fn resolve(&self, id: &str) -> Option<(&'a File, &'a Actor)> {
        self.ws.resolve_in(self.file, id)
    }
}

pub fn run_all(ws: &Workspace, file: &File, out: &mut Vec<Diagnostic>) {
    let ctx = Ctx { ws, file };
    if let Content::Unreadable(_) = file.content {
        unreadable_file::run(&ctx, out);
        return;
    }
    unattributed_quote::run(&ctx, out);
    unknown_actor::run(&ctx, out);
    duplicate_actor::run(&ctx, out);
    unbalanced_quotation::run(&ctx, out);
    malformed_annotation::run(&ctx, out);
    anonymous_source_unjustified::run(&ctx, out);
    invalid_metadata::run(&ctx, out);
    unused_actor::run(&ctx, out);
    speaker_not_introduced::run(&ctx, out);
}

/// Every candidate close enough to `id` to be a typo of it, the nearest
/// first (ties in id order), for "did you mean" and "Change to": callers
/// pass the candidates whose length lies in [`candidate_lengths`] (a
/// registry of 20,000 ids is read only for the ids of about the right
/// length).
pub fn close_ids<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut close: Vec<(usize, &str)> = candidates
        .filter(|c| c.len().abs_diff(id.len()) <= max_distance(c))
        .map(|c| (strsim::osa_distance(id, c), c))
        .filter(|(d, c)| *d <= max_distance(c))
        .collect();
    close.sort_unstable();
    close.dedup();
    close.into_iter().map(|(_, c)| c).collect()
}

/// How far a candidate may be from a typed id and still be suggested.
fn max_distance(candidate: &str) -> usize {
    2.max(candidate.len() / 4)
        .min(candidate.len().saturating_sub(1))
}

/// Every length a candidate for [`close_ids`] can have: `l` with
/// `|l - n| <= max(2, l / 4)`.
pub fn candidate_lengths(n: usize) -> std::ops::RangeInclusive<usize> {
    n.saturating_sub(2).min(n * 4 / 5)..=(n + 2).max(n * 4 / 3 + 1)
}

/// Renders the diagnostics of every file of a fixture, one line each, for
/// the rules' snapshot tests.
#[cfg(test)]
pub(crate) fn check(fixture: &str, expect: expect_test::Expect) {
    let (ws, _) = crate::workspace::fixture::workspace(fixture);
    expect.assert_eq(&render(&ws));
}

#[cfg(test)]
pub(crate) fn render(ws: &Workspace) -> String {
    use crate::text::Encoding;
    let mut out = String::new();
    for file in ws.files() {
        for d in super::diagnostics(ws, &file.path) {
            let at = |f: &File, offset: usize| {
                let lc = f.line_index().line_col(&f.text, offset, Encoding::Utf32);
                format!("{}:{}", lc.line + 1, lc.col + 1)
            };
            out.push_str(&format!(
                "{} {} {} {} `{}`: {}\n  help: {}\n",
                file.path.display(),
                at(file, d.range.start()),
                d.code.as_str(),
                d.severity.as_str(),
                d.range.slice(&file.text),
                d.message,
                d.help
            ));
            for r in &d.related {
                let f = ws.file(&r.path).expect("related file is in the workspace");
                out.push_str(&format!(
                    "  related {} {}: {}\n",
                    r.path.display(),
                    at(f, r.range.start()),
                    r.message
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_lengths_hold_every_length_close_ids_can_pick() {
        for n in 0..120 {
            for l in 0..200 {
                let candidate = "y".repeat(l);
                let close_enough = l.abs_diff(n) <= max_distance(&candidate);
                assert!(
                    !close_enough || candidate_lengths(n).contains(&l),
                    "length {l} is a candidate for {n} but outside {:?}",
                    candidate_lengths(n)
                );
            }
        }
    }

    #[test]
    fn close_ids_are_the_near_ones_nearest_first() {
        let ids = ["lopez", "lopes-x", "blinken", "ab", "lopex"];
        assert_eq!(
            close_ids("lopes", ids.into_iter()),
            ["lopex", "lopez", "lopes-x"]
        );
        assert_eq!(close_ids("blinkn", ids.into_iter()), ["blinken"]);
        assert!(close_ids("no-such-actor", ids.into_iter()).is_empty());
    }
}
