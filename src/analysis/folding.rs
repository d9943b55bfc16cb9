//! Folding ranges of an article: its front matter, every block quote, and
//! every quotation that runs over several paragraphs. Only ranges that span
//! more than one line are given: a fold is a matter of lines.

use crate::syntax::QuoteKind;
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    FrontMatter,
    BlockQuote,
    /// A quotation over several paragraphs.
    Quotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    /// From the first byte to the last (a line break after it excluded).
    pub range: TextRange,
    pub kind: FoldKind,
}

/// The folds of a file, by start (the outer first when two start together).
pub fn folding_ranges(ws: &Workspace, path: &Path) -> Vec<Fold> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let Some(article) = file.article() else {
        return Vec::new();
    };
    let text: &str = &file.text;
    let mut out = Vec::new();
    if let Some(range) = article.meta.range {
        out.push(Fold {
            range,
            kind: FoldKind::FrontMatter,
        });
    }
    for q in &article.quotations {
        let kind = match q.kind {
            QuoteKind::Block => FoldKind::BlockQuote,
            QuoteKind::Double if q.segments().len() > 1 => FoldKind::Quotation,
            QuoteKind::Double | QuoteKind::Single => continue,
        };
        out.push(Fold {
            range: q.range,
            kind,
        });
    }
    for fold in &mut out {
        let kept = fold.range.slice(text).trim_end_matches(['\n', '\r']).len();
        fold.range.set_end(fold.range.start() + kept);
    }
    let lines = file.line_index();
    out.retain(|f| lines.line_of(f.range.start()) < lines.line_of(f.range.end()));
    out.sort_by_key(|f| (f.range.start(), std::cmp::Reverse(f.range.end())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    fn check(fixture: &str, expected: Expect) {
        let f = Fixture::parse(fixture);
        let shown: Vec<String> = folding_ranges(&f.ws, &f.path)
            .iter()
            .map(|fold| format!("{:?} {}", fold.kind, f.show(&f.path, fold.range)))
            .collect();
        expected.assert_debug_eq(&shown);
    }

    #[test]
    fn front_matter_block_quotes_and_long_quotations() {
        check(
            "//- /a.news.md\n---\ntitle: T\n---\n“It is the first paragraph,\n\n“and the second one ends it.”{@lopez}\n\n> We will rebuild.\n> “Together,” we said.\n> {@lopez via=post}\n\n> One line.\n\n“One paragraph\nover two lines.”{@lopez}\n",
            expect![[r#"
                [
                    "FrontMatter /a.news.md:0..16 \"---\\ntitle: T\\n---\"",
                    "Quotation /a.news.md:17..81 \"“It is the first paragraph,\\n\\n“and the second one ends it.”\"",
                    "BlockQuote /a.news.md:91..156 \"> We will rebuild.\\n> “Together,” we said.\\n> {@lopez via=post}\"",
                ]
            "#]],
        );
        check("//- /actors.yaml\nlopez:\n  name: L\n", expect!["[]\n"]);
    }
}
