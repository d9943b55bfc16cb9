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
                .cover(TextRange::empty(m.id.range.start().saturating_sub(1))),
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
        for p in a.pairs() {
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
        for extra in a.extra_speakers() {
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

#[cfg(test)]
mod tests {
    use super::super::check;
    use expect_test::expect;

    const ACTORS: &str = "//- /actors.yaml\nlopez:\n  name: Maria Lopez\nkim:\n  name: Kim\n";

    #[test]
    fn bad_items_and_values() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n[Lopez](@lopez) said “a”{{@lopez .partal via=tweet date=May to=kim foo=1 url=nope}}.\n\n“b”{{@Lopez}} and “c”{{@lopez @kim}} and [d](@) and “e”{{lopez}}.\n"
            ),
            expect![[r#"
                /a.news.md 1:34 NM005 error `partal`: `.partal` is not a class, so it says nothing about the quote
                  help: did you mean `.partial`?
                /a.news.md 1:45 NM005 error `tweet`: `tweet` is not a valid value for `via`
                  help: use one of: statement, interview, post, document, broadcast, letter
                /a.news.md 1:56 NM005 error `May`: `May` is not a valid value for `date`
                  help: write the date as YYYY-MM-DD
                /a.news.md 1:63 NM005 error `kim`: `kim` is not a valid value for `to`
                  help: `to=` takes an actor id: `to=@id`
                /a.news.md 1:67 NM005 error `foo`: `foo` is not a key of an attribute block, so it is ignored
                  help: use one of: to= via= url= date=
                /a.news.md 1:77 NM005 error `nope`: `nope` is not a valid value for `url`
                  help: write a full URL such as https://example.org/post
                /a.news.md 3:6 NM005 error `Lopez`: `Lopez` is not a valid id, so this speaker refers to nobody
                  help: ids are lowercase letters, digits, `.`, `_` and `-`; for example `@lopez`
                /a.news.md 3:28 NM005 error `@kim`: this attribute block names more than one speaker; only the first counts
                  help: keep one `@id`; for a joint statement define a group actor
                /a.news.md 3:42 NM005 error `@`: this mention has no id after `@`, so it refers to nobody
                  help: ids are lowercase letters, digits, `.`, `_` and `-`; for example `@actor-1`
                /a.news.md 3:49 NM001 warning `“e”`: this quotation's attribute block names no speaker: readers cannot tell who said it, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then add `@id` to its attribute block; or add `.scare`, `.title` or `.term` to the block if it is not speech
                /a.news.md 3:53 NM005 error `lopez`: `lopez` is not an attribute: the annotation is ignored until it is fixed
                  help: an attribute block holds `@speaker`, `.class` and `key=value` items separated by spaces
            "#]],
        );
    }

    #[test]
    fn misplaced_unterminated_and_orphan_blocks() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md\n“{{@}}”{{@}} then “x” {{@lopez}} and “y”{{@lopez .partial\n\nno span]{{@lopez}} and {{.scare}} alone; code `“z”{{@lopez` and {{not a block}}.\n\n```\n“q”{{@nobody\n```\n"
            ),
            expect![[r#"
                /a.news.md 1:2 NM005 error `{@}`: this attribute block is attached to nothing: the annotation is ignored until it is fixed
                  help: put the block directly after a closing quotation mark (`“…”{@id}`), wrap the words in brackets (`[words]{@id}`), or make it the last line of a block quote
                /a.news.md 1:7 NM005 error `@`: `@` alone means the previous speaker, but no attribution before it names one
                  help: name the speaker: `@id`
                /a.news.md 1:15 NM001 warning `“x”`: this quotation is not attributed: readers cannot tell who said it, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
                /a.news.md 1:19 NM005 error `{@lopez}`: this attribute block is attached to nothing: the annotation is ignored until it is fixed
                  help: remove the space: the block must follow the closing mark or `]` directly
                /a.news.md 1:32 NM001 warning `“y”`: this quotation is not attributed: readers cannot tell who said it, and the prose around it names no speaker either: the article itself does not say who spoke
                  help: name the speaker in the text (`“…,” Lopez said`), then add `{@id}` right after the closing mark; or `{.scare}`, `{.title}` or `{.term}` if it is not speech
                /a.news.md 1:35 NM005 error `{@lopez .partial`: this attribute block is never closed: the annotation is ignored until it is fixed
                  help: end the block with `}` on the same line
                /a.news.md 3:8 NM005 error `]{@lopez}`: this `]` has no `[` before it, so the attribute block is attached to nothing: the annotation is ignored until it is fixed
                  help: put `[` where the span starts: `[the words]{@speaker}`
                /a.news.md 3:22 NM005 error `{.scare}`: this attribute block is attached to nothing: the annotation is ignored until it is fixed
                  help: put the block directly after a closing quotation mark (`“…”{@id}`), wrap the words in brackets (`[words]{@id}`), or make it the last line of a block quote
            "#]],
        );
    }
}
