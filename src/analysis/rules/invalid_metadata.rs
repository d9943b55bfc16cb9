//! NM007 invalid-metadata: front matter, registry entries or newsmark.toml that
//! break the schema, including a role's `org` that points to no actor.

use super::Ctx;
use crate::analysis::{Code, Diagnostic, Severity};
use crate::model::org_refs;
use crate::workspace::Content;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let problems = match &ctx.file.content {
        Content::Article(a) => &a.problems,
        Content::Registry(r) => &r.problems,
        Content::Config(p) => p,
        Content::Unreadable(_) => return,
    };
    for p in problems {
        let mut d = Diagnostic::new(
            ctx.file,
            Code::InvalidMetadata,
            p.range,
            &p.message,
            &p.help,
        );
        if p.typo {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
    for (org, _) in org_refs(ctx.file.actors()) {
        if ctx.ws.resolve(&ctx.file.path, &org.id).is_none() {
            out.push(Diagnostic::new(
                ctx.file,
                Code::InvalidMetadata,
                org.range,
                format!("the role's organisation `@{}` is not defined, so the role cannot be shown with its organisation", org.id),
                format!("define `{}` in a registry, or write the organisation's name without `@`", org.id),
            ));
        }
    }
}
