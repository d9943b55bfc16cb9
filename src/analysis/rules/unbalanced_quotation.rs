//! NM004 unbalanced-quotation: an opening mark never closed, or a closing mark
//! never opened. The pairing itself is done by the syntax scanner.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::syntax::SyntaxErrorKind;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    for e in article
        .syntax_errors
        .iter()
        .filter(|e| e.kind == SyntaxErrorKind::Unbalanced)
    {
        out.push(Diagnostic::new(
            ctx.file,
            Code::UnbalancedQuotation,
            e.range,
            format!(
                "{}: where the quote starts or ends is unclear, so it cannot be attributed",
                e.message
            ),
            &e.help,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    #[test]
    fn unclosed_and_unopened_marks() {
        check(
            "//- /a.news.md\n“Never closed, she said.\n\nA stray ” here, an apostrophe in don’t, Israel’s and ’90s, and a 5\" screen.\n\n“A quote that runs on\n\n“into a second paragraph.”{.scare}\n\n“Runs on but the next paragraph\n\ndoes not reopen.\n",
            expect![[r#"
                /a.news.md 1:1 NM004 warning `“`: this quotation mark is never closed: where the quote starts or ends is unclear, so it cannot be attributed
                  help: add the closing mark where the quote ends; a quote that runs on into the next paragraph needs that paragraph to open with a quotation mark
                /a.news.md 3:9 NM004 warning `”`: this closing quotation mark has no opening mark: where the quote starts or ends is unclear, so it cannot be attributed
                  help: add the opening mark `“` where the quote starts, or remove this one
                /a.news.md 9:1 NM004 warning `“`: this quotation mark is never closed: where the quote starts or ends is unclear, so it cannot be attributed
                  help: add the closing mark where the quote ends; a quote that runs on into the next paragraph needs that paragraph to open with a quotation mark
            "#]],
        );
    }
}
