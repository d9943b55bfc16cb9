//! NM005 malformed-annotation: attribute blocks the syntax could not read, and
//! ones it could but that break the rules: unknown class or key, bad id, bad
//! value, `{@}` with no previous speaker, two speakers.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::model::{CLASSES, KEYS, Speaker, VIA};
use crate::registry::{is_iso_date, is_valid_id, likely_typo, suggest_id};
use crate::syntax::SyntaxErrorKind;
use crate::text::TextRange;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(article) = ctx.article() else { return };
    let mut push = |range: TextRange, message: String, help: String| {
        out.push(Diagnostic::new(
            ctx.file,
            Code::MalformedAnnotation,
            range,
            message,
            help,
        ));
    };
    for e in article
        .syntax_errors
        .iter()
        .filter(|e| e.kind == SyntaxErrorKind::Malformed)
    {
        push(
            e.range,
            format!("{}: the annotation is ignored until it is fixed", e.message),
            e.help.clone(),
        );
    }
    for m in &article.mentions {
        check_id(
            &m.id.id,
            m.id.range
                .cover(TextRange::empty(m.id.range.start.saturating_sub(1))),
            "mention",
            &mut push,
        );
    }
    for a in &article.attributions {
        match &a.speaker {
            Some(Speaker::Explicit(id)) => check_id(&id.id, id.range, "speaker", &mut push),
            Some(Speaker::Previous {
                range,
                resolved: None,
            }) => push(
                *range,
                "`@` alone means the previous speaker, but no attribution before it names one"
                    .into(),
                "name the speaker: `@id`".into(),
            ),
            _ => {}
        }
        for (name, range) in &a.classes {
            if !CLASSES.contains(&name.as_str()) {
                let help = match likely_typo(name, &CLASSES) {
                    Some(k) => format!("did you mean `.{k}`?"),
                    None => format!("use one of: {}", CLASSES.map(|c| format!(".{c}")).join(" ")),
                };
                push(
                    *range,
                    format!("`.{name}` is not a class, so it says nothing about the quote"),
                    help,
                );
            }
        }
        for p in &a.pairs {
            let value_problem = match p.key.as_str() {
                "to" => match p.value.strip_prefix('@') {
                    Some(id) if is_valid_id(id) => None,
                    Some(id) => Some(format!(
                        "`{id}` is not a valid id; try `@{}`",
                        suggest_id(id)
                    )),
                    None => Some("`to=` takes an actor id: `to=@id`".to_string()),
                },
                "via" if !VIA.contains(&p.value.as_str()) => {
                    Some(format!("use one of: {}", VIA.join(", ")))
                }
                "date" if !is_iso_date(&p.value) => Some("write the date as YYYY-MM-DD".into()),
                "url" if !p.value.contains(':') => {
                    Some("write a full URL such as https://example.org/post".into())
                }
                k if !KEYS.contains(&k) => {
                    let help = match likely_typo(k, &KEYS) {
                        Some(known) => format!("did you mean `{known}=`?"),
                        None => format!("use one of: {}", KEYS.map(|k| format!("{k}=")).join(" ")),
                    };
                    push(
                        p.key_range,
                        format!("`{k}` is not a key of an attribute block, so it is ignored"),
                        help,
                    );
                    None
                }
                _ => None,
            };
            if let Some(help) = value_problem {
                push(
                    p.value_range,
                    format!("`{}` is not a valid value for `{}`", p.value, p.key),
                    help,
                );
            }
        }
        for extra in &a.extra_speakers {
            push(
                *extra,
                "this attribute block names more than one speaker; only the first counts".into(),
                "keep one `@id`; for a joint statement define a group actor".into(),
            );
        }
    }
}

fn check_id(
    id: &str,
    range: TextRange,
    what: &str,
    push: &mut impl FnMut(TextRange, String, String),
) {
    if is_valid_id(id) {
        return;
    }
    let message = if id.is_empty() {
        format!("this {what} has no id after `@`, so it refers to nobody")
    } else {
        format!("`{id}` is not a valid id, so this {what} refers to nobody")
    };
    push(
        range,
        message,
        format!(
            "ids are lowercase letters, digits, `.`, `_` and `-`; for example `@{}`",
            suggest_id(id)
        ),
    );
}
