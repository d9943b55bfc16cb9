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
