//! `newsmark report --format html`: one self-contained page. Styles and the
//! small script that sorts tables are inline, charts are inline SVG, and a
//! Content-Security-Policy forbids the page any request, so it reads offline
//! and leaks nothing. Every text from the articles and registries goes
//! through maud, which escapes it. The page works without the script (the
//! tables are then in their first order), prints, and gives every chart a
//! title and a table of its numbers.

use super::charts::{self, Bar, Scale};
use crate::analysis::export::Kind;
use crate::fs::display_path;
use crate::report::{ArticleRow, Gender, Group, Report, Speaker, share};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many bars a chart of names shows (the table beside it has all).
const TOP: usize = 15;
/// Tables longer than this start folded.
const FOLDED_ROWS: usize = 200;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("sort.js");

/// Writes the page. `links_from` is the directory the page will be opened
/// from: links to the articles are relative to it.
pub fn write(
    out: &mut dyn Write,
    r: &Report,
    paths: &[PathBuf],
    links_from: &Path,
) -> io::Result<()> {
    let page = page(r, paths, links_from);
    out.write_all(page.into_string().as_bytes())
}

fn page(r: &Report, paths: &[PathBuf], links_from: &Path) -> Markup {
    let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing may be fetched: no image, font, style sheet,
                // script or connection beyond what the page holds.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
                meta name="generator" content={ "newsmark " (env!("CARGO_PKG_VERSION")) };
                title { "Who gets quoted: newsmark report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "Who gets quoted" }
                    p.lead {
                        (count(r.articles.len())) " " (plural(r.articles.len(), "article", "articles"))
                        " in "
                        @for (i, p) in shown.iter().enumerate() {
                            @if i > 0 { ", " }
                            code { (p) }
                        }
                        ", read by newsmark " (env!("CARGO_PKG_VERSION")) "."
                    }
                    @if !r.unreadable.is_empty() {
                        div.warning role="note" {
                            p {
                                strong { (count(r.unreadable.len())) " " (plural(r.unreadable.len(), "file", "files")) }
                                " could not be read and " (plural(r.unreadable.len(), "is", "are"))
                                " left out of every figure (" code { "newsmark check" } " says why):"
                            }
                            ul { @for p in &r.unreadable { li { code { (display_path(p)) } } } }
                        }
                    }
                    nav aria-label="Sections" {
                        a href="#totals" { "Totals" } " · "
                        a href="#speakers" { "Speakers" } " · "
                        a href="#sources" { "Source mix" } " · "
                        a href="#outlets" { "By outlet" } " · "
                        a href="#months" { "By month" } " · "
                        a href="#articles" { "Articles" } " · "
                        a href="#notes" { "What is counted" }
                    }
                }
                main {
                    (totals(r))
                    (speakers(r))
                    (sources(r))
                    (groups(r, Dimension::Outlet))
                    (groups(r, Dimension::Month))
                    (articles(r, links_from))
                    (notes())
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

fn totals(r: &Report) -> Markup {
    let speech = r.kinds.speech();
    let unattributed = speech - r.attributed.min(speech);
    html! {
        section #totals {
            h2 { "Totals" }
            dl.cards {
                div { dt { "Articles" } dd { (count(r.articles.len())) } }
                div { dt { "Quotations" } dd { (count(r.quotations())) } }
                div { dt { "Attributed" } dd { (percent(share(r.attributed, speech))) } }
                div { dt { "Speakers" } dd { (count(r.speakers.len())) } }
                div { dt { "Anonymous" } dd { (percent(share(r.anonymous, r.credited()))) } }
            }
            table {
                caption { "Quotations by kind" }
                thead { tr { th scope="col" { "kind" } th.num scope="col" { "quotations" } } }
                tbody {
                    @for kind in Kind::ALL.iter().filter(|k| k.is_speech()) {
                        tr { th scope="row" { (kind.as_str()) } td.num { (count(r.kinds.get(*kind))) } }
                    }
                    tr.sum { th scope="row" { "speech" } td.num { (count(speech)) } }
                    tr { th scope="row" { "… attributed" } td.num { (count(r.attributed)) } }
                    tr { th scope="row" { "… unattributed" } td.num { (count(unattributed)) } }
                    tr { th scope="row" { "… naming an undefined id" } td.num { (count(r.unknown)) } }
                    @for kind in Kind::ALL.iter().filter(|k| !k.is_speech()) {
                        tr { th scope="row" { (kind.as_str()) " (not speech)" } td.num { (count(r.kinds.get(*kind))) } }
                    }
                    tr.sum { th scope="row" { "all quotations" } td.num { (count(r.quotations())) } }
                }
            }
        }
    }
}

fn speakers(r: &Report) -> Markup {
    let top: Vec<Bar> = r
        .speakers
        .iter()
        .take(TOP)
        .map(|s| Bar {
            label: s.name.to_string(),
            value: s.quotes as f64,
            shown: count(s.quotes),
        })
        .collect();
    let title = format!("The {} most quoted speakers", top.len());
    html! {
        section #speakers {
            h2 { "Speakers" }
            @if top.is_empty() {
                p { "No quotation names a known actor." }
            } @else {
                (figure(
                    charts::bars("chart-speakers", &title, "quotations", &top, Scale::Count, charts::WIDE),
                    html! { (title) ", by the quotations naming them. All speakers are in the table below." },
                ))
            }
            (folded(r.speakers.len(), ("speaker", "speakers"), html! {
                table.sortable {
                    caption { "Every quoted actor" }
                    thead { tr {
                        th scope="col" { "speaker" }
                        th scope="col" { "id" }
                        th scope="col" { "kind" }
                        th scope="col" { "pronouns" }
                        th.num scope="col" { "quotations" }
                        th.num scope="col" { "articles" }
                        th scope="col" { "role at the articles' dates" }
                    } }
                    tbody { @for s in &r.speakers { (speaker_row(s)) } }
                }
            }))
        }
    }
}

fn speaker_row(s: &Speaker) -> Markup {
    html! {
        tr {
            td {
                (s.name)
                @if s.anonymous {
                    " " span.tag { "anonymous" }
                    @if !s.has_reason { " " span.tag.alert { "no reason given" } }
                }
            }
            td data-v=(s.key.id) {
                code { "@" (s.key.id) }
                @if let Some(article) = &s.key.article {
                    br; small { "in " (display_path(article)) }
                }
            }
            td { (s.kind.as_deref().unwrap_or("")) }
            td { (s.pronouns.as_deref().unwrap_or("")) }
            td.num data-v=(s.quotes) { (count(s.quotes)) }
            td.num data-v=(s.articles) { (count(s.articles)) }
            td {
                @for (i, role) in s.roles.iter().enumerate() {
                    @if i > 0 { br; }
                    (role.title)
                    @if let Some(org) = &role.org { ", " (org) }
                    @if s.roles.len() > 1 { " " small { "(" (count(role.quotes)) ")" } }
                }
            }
        }
    }
}

fn sources(r: &Report) -> Markup {
    let kinds: Vec<Bar> = r
        .by_kind
        .iter()
        .map(|m| Bar {
            label: m.key.as_deref().unwrap_or("kind not recorded").to_string(),
            value: m.quotes as f64,
            shown: count(m.quotes),
        })
        .collect();
    let persons: usize = r.by_gender.iter().map(|m| m.quotes).sum();
    let genders: Vec<Bar> = r
        .by_gender
        .iter()
        .map(|m| Bar {
            label: gender_label(m.key).to_string(),
            value: m.quotes as f64,
            shown: count(m.quotes),
        })
        .collect();
    html! {
        section #sources {
            h2 { "Source mix" }
            h3 { "By kind of actor" }
            @if kinds.is_empty() {
                p { "No quotation names a known actor." }
            } @else {
                div.pair {
                    (figure(
                        charts::bars("chart-kinds", "Quotations by kind of speaker", "quotations", &kinds, Scale::Count, charts::NARROW),
                        html! { "Quotations by the speaker's " code { "kind" } " in the registry." },
                    ))
                    table {
                        caption { "By kind" }
                        thead { tr { th scope="col" { "kind" } th.num scope="col" { "quotations" } th.num scope="col" { "speakers" } } }
                        tbody { @for m in &r.by_kind { tr {
                            th scope="row" { (m.key.as_deref().unwrap_or("not recorded")) }
                            td.num { (count(m.quotes)) }
                            td.num { (count(m.speakers)) }
                        } } }
                    }
                }
            }
            h3 { "By gender, as the registry's pronouns give it" }
            @if persons == 0 {
                p { "No quotation names a person (an actor of kind " code { "person" } ")." }
            } @else {
                div.pair {
                    (figure(
                        charts::bars("chart-gender", "Quotations of persons by pronouns", "quotations", &genders, Scale::Count, charts::NARROW),
                        html! { "Quotations of persons by the " code { "pronouns" } " of their entry; never guessed from names." },
                    ))
                    table {
                        caption { "Persons by pronouns" }
                        thead { tr { th scope="col" { "pronouns" } th.num scope="col" { "quotations" } th.num scope="col" { "share" } th.num scope="col" { "speakers" } } }
                        tbody { @for m in &r.by_gender { tr {
                            th scope="row" { (gender_label(m.key)) }
                            td.num { (count(m.quotes)) }
                            td.num { (percent(share(m.quotes, persons))) }
                            td.num { (count(m.speakers)) }
                        } } }
                    }
                }
            }
            h3 { "Anonymous sources" }
            dl.cards {
                div { dt { "Quotations of anonymous sources" } dd { (count(r.anonymous)) } }
                div { dt { "Share of the credited quotations" } dd { (percent(share(r.anonymous, r.credited()))) } }
                div { dt { "… whose source has no " code { "anonymity_reason" } } dd { (count(r.without_reason)) } }
            }
        }
    }
}

fn gender_label(g: Gender) -> &'static str {
    match g {
        Gender::She => "she",
        Gender::He => "he",
        Gender::They => "they",
        Gender::Other => "other pronouns",
        Gender::NotRecorded => "not recorded",
    }
}

#[derive(Clone, Copy)]
enum Dimension {
    Outlet,
    Month,
}

fn groups(r: &Report, dimension: Dimension) -> Markup {
    let (id, heading, groups, none) = match dimension {
        Dimension::Outlet => ("outlets", "By outlet", &r.by_outlet, "no outlet"),
        Dimension::Month => ("months", "By month", &r.by_month, "no date"),
    };
    let label = |g: &Group| g.key.as_deref().unwrap_or(none).to_string();
    // Charts of names show the most quoted outlets; months show them all.
    let charted: Vec<&Group> = match dimension {
        Dimension::Outlet => groups.iter().take(TOP).collect(),
        Dimension::Month => groups.iter().collect(),
    };
    let quotes: Vec<Bar> = charted
        .iter()
        .map(|g| Bar {
            label: label(g),
            value: g.quotes as f64,
            shown: count(g.quotes),
        })
        .collect();
    let women: Vec<Bar> = charted
        .iter()
        .filter_map(|g| {
            let s = g.women_share()?;
            Some(Bar {
                label: label(g),
                value: s * 100.0,
                shown: percent(Some(s)),
            })
        })
        .collect();
    let chart = |id: &str, title: &str, axis: &str, bars: &[Bar], scale| match dimension {
        Dimension::Outlet => charts::bars(id, title, axis, bars, scale, charts::WIDE),
        Dimension::Month => charts::columns(id, title, axis, bars, scale),
    };
    let what = match dimension {
        Dimension::Outlet => "outlet",
        Dimension::Month => "month",
    };
    let title_quotes = format!("Quotations by {what}");
    let title_women = format!("Share of women among the named persons quoted, by {what}");
    html! {
        section id=(id) {
            h2 { (heading) }
            @if groups.is_empty() {
                p { "No article." }
            } @else {
                (figure(
                    chart(&format!("chart-{id}-quotes"), &title_quotes, "quotations", &quotes, Scale::Count),
                    html! {
                        (title_quotes)
                        @if charted.len() < groups.len() { " (the " (charted.len()) " most quoted; all are in the table)" }
                        "."
                    },
                ))
                @if women.is_empty() {
                    p { "No named person is quoted: no share of women to show." }
                } @else {
                    (figure(
                        chart(&format!("chart-{id}-women"), &title_women, "women", &women, Scale::Percent),
                        html! {
                            (title_women) ": persons of kind " code { "person" } ", not anonymous, whose pronouns are "
                            code { "she" } ", out of all such persons (those without recorded pronouns included)."
                        },
                    ))
                }
                (folded(groups.len(), (what, &format!("{what}s")), html! {
                    table.sortable {
                        caption { (heading) }
                        thead { tr {
                            th scope="col" { (what) }
                            th.num scope="col" { "articles" }
                            th.num scope="col" { "quotations" }
                            th.num scope="col" { "named persons" }
                            th.num scope="col" { "women" }
                            th.num scope="col" { "share of women" }
                        } }
                        tbody { @for g in groups { tr {
                            th scope="row" { (label(g)) }
                            td.num data-v=(g.articles) { (count(g.articles)) }
                            td.num data-v=(g.quotes) { (count(g.quotes)) }
                            td.num data-v=(g.named_persons) { (count(g.named_persons)) }
                            td.num data-v=(g.women) { (count(g.women)) }
                            td.num data-v=(g.women_share().map_or(-1.0, |s| s)) { (percent(g.women_share())) }
                        } } }
                    }
                }))
            }
        }
    }
}

fn articles(r: &Report, links_from: &Path) -> Markup {
    html! {
        section #articles {
            h2 { "Articles" }
            @if r.articles.is_empty() {
                p { "No article." }
            } @else {
                (folded(r.articles.len(), ("article", "articles"), html! {
                    table.sortable {
                        caption { "Per article (select a column's heading to sort by it)" }
                        thead { tr {
                            th scope="col" { "title" }
                            th scope="col" { "outlet" }
                            th scope="col" { "date" }
                            th.num scope="col" { "quotations" }
                            th.num scope="col" { "unattributed" }
                            th.num scope="col" { "anonymous" }
                        } }
                        tbody { @for a in &r.articles { (article_row(a, links_from)) } }
                    }
                }))
            }
        }
    }
}

fn article_row(a: &ArticleRow, links_from: &Path) -> Markup {
    let path = display_path(&a.path);
    let title = a.title.as_deref().unwrap_or(&path);
    html! {
        tr {
            td data-v=(title) { a href=(href(&a.path, links_from)) title=(path) { (title) } }
            td { (a.outlet.as_deref().unwrap_or("")) }
            td { (a.published.as_deref().unwrap_or("")) }
            td.num data-v=(a.quotes) { (count(a.quotes)) }
            td.num data-v=(a.unattributed) { (count(a.unattributed)) }
            td.num data-v=(a.anonymous) { (count(a.anonymous)) }
        }
    }
}

fn notes() -> Markup {
    html! {
        section #notes {
            h2 { "What is counted" }
            dl {
                dt { "Quotations" }
                dd { "The records " code { "newsmark export" } " writes: each top-level quotation (a pair of double quotation marks, or a block quote) and each attributed span of reported speech that holds no quotation. Speech is direct, partial, indirect and block; scare quotes, titles and terms are quotations but not speech." }
                dt { "Attributed" }
                dd { "Speech naming a speaker (" code { "{@id}" } ", " code { "{@}" } " resolved), out of all speech." }
                dt { "Speakers" }
                dd { "Actors named by at least one quotation. An id defined in an article's front matter is that article's own actor; a registry id is the same actor everywhere. A quotation naming an id nothing defines counts as attributed but credits no speaker." }
                dt { "Kind, pronouns, roles" }
                dd { "As the actor's entry gives them; nothing is inferred from names or prose. A role is the one held on the article's " code { "published" } " date (the current one when the article has no date)." }
                dt { "Anonymous" }
                dd { "Quotations naming an actor with " code { "anonymous: true" } ", out of the quotations naming a known actor; those whose entry has no " code { "anonymity_reason" } " are counted apart." }
                dt { "Outlet, month" }
                dd { "The front matter's " code { "outlet" } " and " code { "published" } " (a valid date); articles without them are grouped apart." }
            }
        }
    }
}

/// A chart and its caption.
fn figure(svg: String, caption: Markup) -> Markup {
    html! {
        figure {
            (PreEscaped(svg))
            figcaption { (caption) }
        }
    }
}

/// A table of `rows` things (`one`, `many`), folded under a summary when
/// it is long.
fn folded(rows: usize, (one, many): (&str, &str), table: Markup) -> Markup {
    html! {
        details open[rows <= FOLDED_ROWS] {
            summary { @if rows == 1 { "1 " (one) } @else { "All " (count(rows)) " " (many) } }
            div.scroll { (table) }
        }
    }
}

/// Characters kept as they are in a link's path: the unreserved ones.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A link to `path` from the directory `from`: relative when it can be, else
/// an absolute `file:` URL. Each segment is percent-encoded.
fn href(path: &Path, from: &Path) -> String {
    let encode = |p: &Path| {
        p.components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => {
                    Some(percent_encode(s.as_encoded_bytes(), PATH_SEGMENT).to_string())
                }
                std::path::Component::ParentDir => Some("..".to_string()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    match pathdiff::diff_paths(path, from) {
        Some(relative) if relative.is_relative() => encode(&relative),
        _ => format!("file:///{}", encode(path)),
    }
}

/// `1234567` as `1,234,567`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as `93.4 %`, or a dash when there is nothing to divide.
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |s| format!("{:.1} %", s * 100.0))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_encoded() {
        let from = Path::new("/work/out");
        assert_eq!(
            href(Path::new("/work/out/a b/#1?.news.md"), from),
            "a%20b/%231%3F.news.md"
        );
        assert_eq!(
            href(Path::new("/work/corpus/x.news.md"), from),
            "../corpus/x.news.md"
        );
        assert_eq!(
            href(Path::new("/work/é.news.md"), from),
            "../%C3%A9.news.md"
        );
    }

    #[test]
    fn numbers_are_grouped_and_shares_rounded() {
        let shown: Vec<String> = [0, 7, 999, 1_000, 12_345, 1_234_567]
            .into_iter()
            .map(count)
            .collect();
        assert_eq!(shown, ["0", "7", "999", "1,000", "12,345", "1,234,567"]);
        assert_eq!(percent(share(1, 3)), "33.3 %");
        assert_eq!(percent(share(0, 0)), "–");
    }
}
