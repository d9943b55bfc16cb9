//! `newsmark export`: the quotations of the articles asked for, for corpus
//! research, as JSON Lines (one record per quotation) or as TEI XML (one
//! document per article). The records and the annotated body come from
//! `analysis::export`; this file turns bytes into lines and characters and
//! writes the files.

use crate::analysis::export::{self, ActorRef, ArticleExport, Block, Inline, Kind, Record, Source};
use crate::fs::{self, display_path};
use crate::registry::{Actor, OrgRef};
use crate::workspace::{File, Workspace};
use anyhow::{Context, bail};
use clap::ValueEnum;
use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON record per quotation, one per line.
    Jsonl,
    /// One TEI XML document per article.
    Tei,
}

#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub paths: Vec<PathBuf>,
    pub format: ExportFormat,
    /// A file (JSON Lines, or TEI of one article) or a directory (TEI).
    pub output: Option<PathBuf>,
}

/// The TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Runs `newsmark export`; returns the exit status.
pub fn export(options: &ExportOptions) -> u8 {
    super::exit_status(run(options))
}

fn run(options: &ExportOptions) -> anyhow::Result<()> {
    let loaded = fs::load(&super::paths_or_here(&options.paths))?;
    super::warn_skipped(&loaded.skipped);
    let ws = &loaded.workspace;
    let articles: Vec<ArticleExport> = loaded
        .targets
        .iter()
        .filter_map(|path| ws.file(path))
        .filter_map(|file| export::article(ws, file))
        .collect();
    match options.format {
        ExportFormat::Jsonl => {
            let target = options.output.as_ref().map(|o| {
                if o.is_dir() {
                    o.join("quotations.jsonl")
                } else {
                    o.clone()
                }
            });
            let mut out = open(target.as_deref())?;
            let mut count = 0;
            let written = articles.iter().try_for_each(|article| {
                count += write_jsonl(&mut out, article)?;
                Ok(())
            });
            written
                .and_then(|()| out.flush())
                .with_context(|| cannot_write(target.as_deref()))?;
            if let Some(target) = target {
                eprintln!(
                    "newsmark: wrote {count} records of {} articles to {}",
                    articles.len(),
                    display_path(&target)
                );
            }
        }
        ExportFormat::Tei => {
            let directory = match &options.output {
                None if articles.len() > 1 => bail!(
                    "--format tei writes one document per article: give --output DIR for these {} articles",
                    articles.len()
                ),
                None => None,
                Some(o) => {
                    let dir = o.is_dir()
                        || articles.len() > 1
                        || o.as_os_str().to_string_lossy().ends_with(['/', '\\']);
                    dir.then_some(o)
                }
            };
            if articles.is_empty() {
                eprintln!("newsmark: no article to export");
                return Ok(());
            }
            match directory {
                Some(dir) => {
                    for article in &articles {
                        let path = dir.join(tei_name(&article.file.path, &loaded.root));
                        if let Some(parent) = path.parent() {
                            std::fs::create_dir_all(parent)
                                .with_context(|| format!("cannot create `{}`", parent.display()))?;
                        }
                        let mut out = open(Some(&path))?;
                        write_tei(&mut out, ws, article)
                            .and_then(|()| out.flush())
                            .with_context(|| cannot_write(Some(&path)))?;
                    }
                    eprintln!(
                        "newsmark: wrote {} TEI documents to {}",
                        articles.len(),
                        display_path(dir)
                    );
                }
                None => {
                    let mut out = open(options.output.as_deref())?;
                    write_tei(&mut out, ws, &articles[0])
                        .and_then(|()| out.flush())
                        .with_context(|| cannot_write(options.output.as_deref()))?;
                }
            }
        }
    }
    Ok(())
}

/// Standard output, or a new file.
fn open(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        None => Box::new(BufWriter::new(io::stdout().lock())),
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write `{}`", path.display()))?,
        )),
    })
}

/// What could not be written, for an error.
fn cannot_write(path: Option<&Path>) -> String {
    match path {
        None => "cannot write the export to standard output".into(),
        Some(path) => format!("cannot write `{}`", display_path(path)),
    }
}

/// `stories/a.news.md` -> `stories/a.tei.xml`, relative to the workspace root.
fn tei_name(path: &Path, root: &Path) -> PathBuf {
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".news.md")
        .or_else(|| name.strip_suffix(".md"))
        .unwrap_or(&name);
    relative.with_file_name(format!("{stem}.tei.xml"))
}

// ---------------------------------------------------------------- JSON Lines

/// One line of the JSON Lines export. Offsets are 0-based and end-exclusive;
/// `char_*` count Unicode scalar values from the start of the file; `line` is
/// the 1-based line of the start.
#[derive(Serialize)]
struct JsonRecord<'a> {
    path: String,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    n: usize,
    kind: &'static str,
    form: &'static str,
    speaker: Option<&'a str>,
    speaker_name: Option<&'a str>,
    to: Option<&'a str>,
    to_name: Option<&'a str>,
    via: Option<&'a str>,
    date: Option<&'a str>,
    source_url: Option<&'a str>,
    text: &'a str,
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
    line: usize,
}

/// Writes an article's records; returns how many.
pub fn write_jsonl(out: &mut dyn Write, article: &ArticleExport) -> io::Result<usize> {
    let file = article.file;
    let meta = article.meta;
    let offsets: Vec<usize> = article
        .records
        .iter()
        .flat_map(|r| [r.range.start(), r.range.end()])
        .collect();
    let chars = CharOffsets::new(&file.text, offsets);
    let path = display_path(&file.path);
    for r in &article.records {
        let record = JsonRecord {
            path: path.clone(),
            title: meta.title.as_deref(),
            outlet: meta.outlet.as_deref(),
            published: meta.published.as_deref(),
            url: meta.url.as_deref(),
            n: r.n,
            kind: r.kind.as_str(),
            form: match r.source {
                Source::Quotation => "quotation",
                Source::Span => "span",
            },
            speaker: r.speaker.as_ref().map(|a| a.id.as_str()),
            speaker_name: r.speaker.as_ref().and_then(ActorRef::name),
            to: r.to.as_ref().map(|a| a.id.as_str()),
            to_name: r.to.as_ref().and_then(ActorRef::name),
            via: r.via.as_deref(),
            date: r.date.as_deref(),
            source_url: r.url.as_deref(),
            text: &r.text,
            byte_start: r.range.start(),
            byte_end: r.range.end(),
            char_start: chars.get(r.range.start()),
            char_end: chars.get(r.range.end()),
            line: file.line_index().line_of(r.range.start()) + 1,
        };
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(article.records.len())
}

/// Character offsets of some byte offsets, counted in one pass.
struct CharOffsets(Vec<(usize, usize)>);

impl CharOffsets {
    fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let mut out = Vec::with_capacity(bytes.len());
        let (mut at, mut chars) = (0, 0);
        for b in bytes {
            let b = crate::text::floor_char_boundary(text, b);
            chars += text[at.min(b)..b].chars().count();
            at = at.max(b);
            out.push((b, chars));
        }
        CharOffsets(out)
    }

    fn get(&self, byte: usize) -> usize {
        let i = self.0.partition_point(|&(b, _)| b < byte);
        self.0.get(i).map_or(0, |&(_, c)| c)
    }
}

// ----------------------------------------------------------------------- TEI

/// An actor id as an XML id: ids may start with a digit, which an XML name
/// cannot, so those get a leading `_` (which no actor id has).
fn xml_id(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{id}")
    } else {
        id.to_string()
    }
}

fn pointer(id: &str) -> String {
    format!("#{}", xml_id(id))
}

/// The XML id of a record, or of one paragraph of a quotation that runs over
/// several. Upper case: no actor id has it.
fn record_id(n: usize, part: usize) -> String {
    if part == 0 {
        format!("Q{n}")
    } else {
        format!("Q{n}-{}", part + 1)
    }
}

/// How an actor is listed and named in TEI.
enum Sort {
    Person,
    Group,
    Org,
}

fn sort_of(actor: Option<&Actor>) -> Sort {
    match actor.and_then(|a| a.kind.as_deref()) {
        Some("group") => Sort::Group,
        Some("organization" | "publication" | "document") => Sort::Org,
        _ => Sort::Person,
    }
}

/// XML 1.0 cannot hold most control characters; they become U+FFFD.
fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}');
    if s.contains(bad) {
        s.replace(bad, "\u{fffd}").into()
    } else {
        s.into()
    }
}

struct Tei<'a, 'w> {
    w: Writer<&'w mut dyn Write>,
    ws: &'a Workspace,
    file: &'a File,
    records: &'a [Record<'a>],
}

impl Tei<'_, '_> {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, xml_text(v).as_ref()));
        }
        self.w.write_event(Event::Start(start))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, xml_text(v).as_ref()));
        }
        self.w.write_event(Event::Empty(start))
    }

    /// Text, with `<`, `>` and `&` escaped (quotes and apostrophes read as written).
    fn text(&mut self, s: &str) -> io::Result<()> {
        let escaped = partial_escape(xml_text(s));
        self.w
            .write_event(Event::Text(BytesText::from_escaped(escaped)))
    }

    /// A line break and indentation between elements (never inside text).
    fn nl(&mut self, depth: usize) -> io::Result<()> {
        self.text(&format!("\n{}", "  ".repeat(depth)))
    }

    /// `<name attrs>text</name>` on its own line.
    fn line(
        &mut self,
        depth: usize,
        name: &str,
        attrs: &[(&str, &str)],
        s: &str,
    ) -> io::Result<()> {
        self.nl(depth)?;
        self.start(name, attrs)?;
        self.text(s)?;
        self.end(name)
    }

    fn header(&mut self, meta: &crate::model::Meta, actors: &[&Actor]) -> io::Result<()> {
        let fallback = display_path(&self.file.path);
        let title = meta.title.as_deref().unwrap_or(&fallback);
        self.nl(1)?;
        self.start("teiHeader", &[])?;
        self.nl(2)?;
        self.start("fileDesc", &[])?;
        self.nl(3)?;
        self.start("titleStmt", &[])?;
        self.line(4, "title", &[], title)?;
        for author in &meta.authors {
            self.line(4, "author", &[], author)?;
        }
        self.nl(3)?;
        self.end("titleStmt")?;
        self.nl(3)?;
        self.start("publicationStmt", &[])?;
        let note = format!(
            "Exported by newsmark {} from {}.",
            env!("CARGO_PKG_VERSION"),
            fallback
        );
        self.line(4, "p", &[], &note)?;
        self.nl(3)?;
        self.end("publicationStmt")?;
        self.nl(3)?;
        self.start("sourceDesc", &[])?;
        self.nl(4)?;
        self.start("bibl", &[])?;
        self.line(5, "title", &[], title)?;
        for author in &meta.authors {
            self.line(5, "author", &[], author)?;
        }
        if let Some(outlet) = &meta.outlet {
            self.line(5, "publisher", &[], outlet)?;
        }
        if let Some(date) = &meta.published {
            self.line(5, "date", &[("when", date)], date)?;
        }
        if let Some(url) = &meta.url {
            self.line(5, "ref", &[("target", url)], url)?;
        }
        self.nl(4)?;
        self.end("bibl")?;
        self.nl(3)?;
        self.end("sourceDesc")?;
        self.nl(2)?;
        self.end("fileDesc")?;
        self.nl(2)?;
        self.start("profileDesc", &[])?;
        if let Some(language) = &meta.language {
            self.nl(3)?;
            self.start("langUsage", &[])?;
            self.nl(4)?;
            self.empty("language", &[("ident", language)])?;
            self.nl(3)?;
            self.end("langUsage")?;
        }
        self.nl(3)?;
        self.start("particDesc", &[])?;
        let (orgs, people): (Vec<&Actor>, Vec<&Actor>) = actors
            .iter()
            .partition(|a| matches!(sort_of(Some(a)), Sort::Org));
        if !people.is_empty() {
            self.nl(4)?;
            self.start("listPerson", &[])?;
            for actor in people {
                self.actor(5, actor)?;
            }
            self.nl(4)?;
            self.end("listPerson")?;
        }
        if !orgs.is_empty() {
            self.nl(4)?;
            self.start("listOrg", &[])?;
            for actor in orgs {
                self.actor(5, actor)?;
            }
            self.nl(4)?;
            self.end("listOrg")?;
        }
        self.nl(3)?;
        self.end("particDesc")?;
        self.nl(2)?;
        self.end("profileDesc")?;
        self.nl(1)?;
        self.end("teiHeader")
    }

    fn actor(&mut self, depth: usize, actor: &Actor) -> io::Result<()> {
        let (element, name) = match sort_of(Some(actor)) {
            Sort::Person => ("person", "persName"),
            Sort::Group => ("personGrp", "persName"),
            Sort::Org => ("org", "orgName"),
        };
        let id = xml_id(&actor.id);
        let mut attrs = vec![("xml:id", id.as_str())];
        if let Some(kind) = &actor.kind {
            attrs.push(("role", kind));
        }
        self.nl(depth)?;
        self.start(element, &attrs)?;
        if let Some(full) = &actor.name {
            self.line(depth + 1, name, &[], full)?;
        }
        for alias in actor
            .aliases
            .iter()
            .filter(|a| Some(*a) != actor.name.as_ref())
        {
            self.line(depth + 1, name, &[("type", "alias")], alias)?;
        }
        for role in &actor.roles {
            let mut attrs = Vec::new();
            if let Some(from) = &role.from {
                attrs.push(("from", from.as_str()));
            }
            if let Some(to) = &role.to {
                attrs.push(("to", to.as_str()));
            }
            self.nl(depth + 1)?;
            self.start("affiliation", &attrs)?;
            self.text(&role.title)?;
            match &role.org {
                Some(OrgRef::Id(org)) => {
                    let target = self.ws.resolve(&self.file.path, &org.id);
                    let label = target.map_or(org.id.as_str(), |(_, a)| a.display_name());
                    self.text(", ")?;
                    self.start("orgName", &[("ref", &pointer(&org.id))])?;
                    self.text(label)?;
                    self.end("orgName")?;
                }
                Some(OrgRef::Name(org)) => {
                    self.text(", ")?;
                    self.start("orgName", &[])?;
                    self.text(org)?;
                    self.end("orgName")?;
                }
                None => {}
            }
            self.end("affiliation")?;
        }
        if let Some(q) = &actor.wikidata {
            self.line(depth + 1, "idno", &[("type", "wikidata")], q)?;
        }
        if let Some(url) = &actor.url {
            self.line(depth + 1, "idno", &[("type", "URI")], url)?;
        }
        if let Some(d) = &actor.described_as {
            self.line(depth + 1, "note", &[("type", "described_as")], d)?;
        }
        if actor.anonymous {
            let reason = actor.anonymity_reason.as_deref().unwrap_or("");
            self.line(depth + 1, "note", &[("type", "anonymity")], reason)?;
        }
        if let Some(d) = &actor.description {
            self.line(depth + 1, "note", &[], d)?;
        }
        self.nl(depth)?;
        self.end(element)
    }

    /// `who`, `toWhom`, `type`… of a record's element.
    fn record_attrs(
        &self,
        record: usize,
        part: usize,
        count: usize,
    ) -> Vec<(&'static str, String)> {
        let r = &self.records[record];
        let mut attrs = vec![("xml:id", record_id(r.n, part))];
        if r.source == Source::Quotation {
            attrs.push(("type", r.kind.as_str().to_string()));
        } else {
            let direct = if r.kind == Kind::Direct {
                "true"
            } else {
                "false"
            };
            attrs.push(("direct", direct.to_string()));
        }
        if let Some(via) = &r.via {
            if r.source == Source::Quotation {
                attrs.push(("subtype", via.clone()));
            }
        }
        if let Some(s) = &r.speaker {
            attrs.push(("who", pointer(&s.id)));
        }
        if let Some(t) = &r.to {
            attrs.push(("toWhom", pointer(&t.id)));
        }
        if part > 0 {
            attrs.push(("prev", format!("#{}", record_id(r.n, part - 1))));
        }
        if part + 1 < count {
            attrs.push(("next", format!("#{}", record_id(r.n, part + 1))));
        }
        attrs
    }

    fn blocks(&mut self, depth: usize, blocks: &[Block]) -> io::Result<()> {
        for block in blocks {
            self.block(depth, block)?;
        }
        Ok(())
    }

    fn block(&mut self, depth: usize, block: &Block) -> io::Result<()> {
        self.nl(depth)?;
        match block {
            Block::Paragraph(inlines) => self.element("p", &[], inlines),
            Block::Heading(inlines) => self.element("head", &[], inlines),
            Block::Quote { record, blocks } => {
                let attrs = record.map_or_else(Vec::new, |r| self.record_attrs(r, 0, 1));
                let attrs: Vec<(&str, &str)> =
                    attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                self.start("q", &attrs)?;
                self.blocks(depth + 1, blocks)?;
                self.nl(depth)?;
                self.end("q")
            }
            Block::List { ordered, items } => {
                let rend = if *ordered { "numbered" } else { "bulleted" };
                self.start("list", &[("rend", rend)])?;
                for item in items {
                    self.nl(depth + 1)?;
                    match item.as_slice() {
                        [Block::Paragraph(inlines)] => self.element("item", &[], inlines)?,
                        blocks => {
                            self.start("item", &[])?;
                            self.blocks(depth + 2, blocks)?;
                            self.nl(depth + 1)?;
                            self.end("item")?;
                        }
                    }
                }
                self.nl(depth)?;
                self.end("list")
            }
            Block::Table(rows) => {
                self.start("table", &[])?;
                for row in rows {
                    self.nl(depth + 1)?;
                    self.start("row", &[])?;
                    for cell in row {
                        self.element("cell", &[], cell)?;
                    }
                    self.end("row")?;
                }
                self.nl(depth)?;
                self.end("table")
            }
            Block::Code(code) => {
                self.start("ab", &[("type", "code")])?;
                self.text(code)?;
                self.end("ab")
            }
        }
    }

    fn element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        inlines: &[Inline],
    ) -> io::Result<()> {
        self.start(name, attrs)?;
        self.inlines(inlines)?;
        self.end(name)
    }

    fn inlines(&mut self, inlines: &[Inline]) -> io::Result<()> {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text(t)?,
                Inline::LineBreak => self.empty("lb", &[])?,
                Inline::Emphasis(c) => self.element("hi", &[("rend", "italic")], c)?,
                Inline::Strong(c) => self.element("hi", &[("rend", "bold")], c)?,
                Inline::Mention { id, children } => {
                    let actor = self.ws.resolve(&self.file.path, id).map(|(_, a)| a);
                    let name = match (actor, sort_of(actor)) {
                        (None, _) => "name",
                        (_, Sort::Org) => "orgName",
                        _ => "persName",
                    };
                    self.element(name, &[("ref", &pointer(id))], children)?;
                }
                Inline::Quote {
                    record,
                    part,
                    children,
                } => {
                    let attrs = self.record_attrs(*record, part.index, part.count);
                    let attrs: Vec<(&str, &str)> =
                        attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    self.element("q", &attrs, children)?;
                }
                Inline::Speech { record, children } => {
                    let attrs = self.record_attrs(*record, 0, 1);
                    let attrs: Vec<(&str, &str)> =
                        attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    self.element("said", &attrs, children)?;
                }
                Inline::NonSpeech { kind, children } => {
                    let name = match kind {
                        Kind::Title => "title",
                        Kind::Term => "term",
                        _ => "soCalled",
                    };
                    self.element(name, &[], children)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes one article as a TEI document.
pub fn write_tei(out: &mut dyn Write, ws: &Workspace, article: &ArticleExport) -> io::Result<()> {
    let body = export::body(article);
    let mut tei = Tei {
        w: Writer::new(out),
        ws,
        file: article.file,
        records: &article.records,
    };
    tei.w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    tei.nl(0)?;
    tei.start("TEI", &[("xmlns", TEI_NS)])?;
    tei.header(article.meta, &article.actors)?;
    tei.nl(1)?;
    tei.start("text", &[])?;
    tei.nl(2)?;
    tei.start("body", &[])?;
    tei.blocks(3, &body)?;
    tei.nl(2)?;
    tei.end("body")?;
    tei.nl(1)?;
    tei.end("text")?;
    tei.nl(0)?;
    tei.end("TEI")?;
    tei.text("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        let root = Path::new("/w");
        assert_eq!(
            tei_name(Path::new("/w/stories/a.news.md"), root),
            Path::new("stories/a.tei.xml")
        );
        assert_eq!(
            tei_name(Path::new("/elsewhere/b.md"), root),
            Path::new("b.tei.xml")
        );
        assert_eq!(xml_id("lopez"), "lopez");
        assert_eq!(xml_id("1984-group"), "_1984-group");
        assert_eq!(record_id(3, 0), "Q3");
        assert_eq!(record_id(3, 1), "Q3-2");
        assert_eq!(xml_text("a\u{0}b\tc"), "a\u{fffd}b\tc");
    }

    #[test]
    fn char_offsets_count_scalar_values() {
        let text = "a😀b中c";
        let offsets = CharOffsets::new(text, vec![0, 5, 1, 9, text.len()]);
        assert_eq!(
            [0, 1, 5, 9, text.len()].map(|b| offsets.get(b)),
            [0, 1, 2, 4, 5]
        );
    }
}
