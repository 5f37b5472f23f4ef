//! Markdown to HTML with pulldown-cmark: CommonMark plus tables, footnotes, strikethrough, task
//! lists, smart punctuation, GitHub alerts and math spans; heading ids with anchor links;
//! relative `.md` links rewritten to the built pages; code blocks highlighted; and, for study
//! mode, the point where a question's answer starts. Python blocks and exercises are marked
//! for running in the page ([`code`]).

pub mod code;
pub mod inline;
pub mod links;
pub mod text;

use std::path::Path;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

pub use links::{LinkTarget, Resolve, resolve_link};
use text::{HtmlText, plain_text};

use crate::diagnostics::Diagnostic;
use crate::highlight::{Highlighter, Language, escape, languages};
use crate::runnable::{self, CodeBlock, Role, Run, Tracker};
use crate::urls::slugify;

/// Where to find a page's Markdown and how to place it.
pub struct MarkdownInput<'a> {
    /// The whole file (normalized), for diagnostics with line numbers from the top of the file.
    pub text: &'a str,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// The file as shown in diagnostics.
    pub path: &'a Path,
    /// The file relative to the content folder (`concurrency/gil.md`), for relative links.
    pub rel: &'a str,
    /// The URL of the page being rendered, relative to the site root.
    pub page_url: &'a str,
    /// The title from front matter; when there is none, a leading `# Heading` becomes the title.
    pub title: Option<&'a str>,
    /// Headings that start the answer (from `[study] answer-headings`); empty for the default.
    pub answer_headings: &'a [String],
}

/// A heading of a page, for its table of contents and for checking `#anchor` links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link from a page to a page of the same guide, kept to check its `#anchor` once every page
/// is rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InternalLink {
    pub target_url: String,
    pub anchor: String,
    /// Byte range in the file text, for the diagnostic.
    pub start: usize,
    pub end: usize,
}

/// A rendered Markdown body.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    /// Byte offset in `html` where the answer starts (study mode); `None` if nothing marks it.
    pub answer_start: Option<usize>,
    /// The text of a leading `# Heading` used as the title.
    pub title: Option<String>,
    /// Plain text of the first real paragraph, for a summary when the author gave none.
    pub first_paragraph: String,
    /// Plain text of the whole body (code blocks excluded), for search.
    pub text: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    pub code_blocks: usize,
    /// Python blocks a reader can run in the page (an exercise's included).
    pub browser_blocks: usize,
    /// The page has an exercise (complete or not).
    pub has_exercise: bool,
    /// Dotted and snake_case names from code blocks (`asyncio.gather`, `__slots__`), so code
    /// identifiers are searchable without indexing whole programs.
    pub code_identifiers: Vec<String>,
    /// Taken out as soon as the page is loaded, so never kept.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Mark where the answer starts in the event stream (by heading, by explicit marker); removed
/// from the HTML after rendering. The marker wins wherever it is.
const HEADING_SENTINEL: &str = "\u{1}prepbook-answer-heading\u{1}";
const MARKER_SENTINEL: &str = "\u{1}prepbook-answer-marker\u{1}";

/// The explicit marker an author can write where the answer starts.
pub const ANSWER_MARKER: &str = "<!-- answer -->";

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// Renders one Markdown body.
pub fn render(input: &MarkdownInput<'_>, resolver: &dyn Resolve, hl: &Highlighter) -> Rendered {
    let body = input.text.get(input.body_offset..).unwrap_or("");
    let mut r = Renderer {
        input,
        resolver,
        hl,
        out: Vec::new(),
        result: Rendered::default(),
        ids: Vec::new(),
        seen_block: false,
        heading_answer: false,
        marker_answer: false,
        text: HtmlText::default(),
        paragraph: None,
        depth: 0,
        exercise: Tracker::new(input.path, input.text),
        section_at: None,
    };
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let start = input.body_offset + range.start;
        let end = input.body_offset + range.end;
        r.event(event, start, end, &mut events);
    }
    if r.exercise.finish() {
        r.close_exercise();
    }
    let Renderer {
        out,
        mut result,
        text,
        exercise,
        ..
    } = r;
    result.diagnostics.extend(exercise.into_parts().1);
    let mut html_out = String::with_capacity(body.len() * 2);
    html::push_html(&mut html_out, out.into_iter());
    let heading = take_sentinel(&mut html_out, HEADING_SENTINEL);
    let marker = take_sentinel(&mut html_out, MARKER_SENTINEL);
    // The marker is looked for after the heading sentinel is gone, so its offset is final.
    result.answer_start = marker.or(heading);
    result.html = html_out;
    result.text = text.finish();
    result
}

struct Renderer<'a, 'i> {
    input: &'a MarkdownInput<'i>,
    resolver: &'a dyn Resolve,
    hl: &'a Highlighter,
    out: Vec<Event<'a>>,
    result: Rendered,
    /// Heading ids used so far, to keep them unique.
    ids: Vec<String>,
    /// A block other than an HTML comment has been seen (a later `# H1` is not the title).
    seen_block: bool,
    heading_answer: bool,
    marker_answer: bool,
    text: HtmlText,
    /// Text of the paragraph being read, while looking for the first real one.
    paragraph: Option<String>,
    /// How many blocks (lists, quotes, tables...) are open: a heading at 0 is top level.
    depth: usize,
    /// The page's exercise, read as its headings and blocks go by.
    exercise: Tracker<'i>,
    /// Where in `out` the open exercise's `<section>` tag goes, written when it closes.
    section_at: Option<usize>,
}

type OffsetEvents<'a> = pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>;

impl<'a, 'i> Renderer<'a, 'i> {
    fn event(&mut self, event: Event<'a>, start: usize, end: usize, rest: &mut OffsetEvents<'a>) {
        match event {
            Event::Start(tag) => {
                // Headings, code blocks and HTML blocks are read whole, up to their end.
                let whole = matches!(
                    tag,
                    Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock
                );
                self.depth += usize::from(!whole);
                self.start(tag, start, end, rest)
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(tag)
            }
            other => self.inline(other),
        }
    }

    /// An element opens at `start..end`. A heading, a code block or an HTML block is read
    /// whole from `rest`, up to its end.
    fn start(&mut self, tag: Tag<'a>, start: usize, end: usize, rest: &mut OffsetEvents<'a>) {
        match tag {
            Tag::Heading { level, id, .. } => {
                let mut inner = Vec::new();
                for (e, _) in rest.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                self.heading(level, id.map(|s| s.to_string()), inner, start, end);
            }
            Tag::CodeBlock(kind) => {
                self.seen_block = true;
                self.text.block();
                let mut code = String::new();
                for (e, _) in rest.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code_block(&info, &code, start, end);
            }
            Tag::HtmlBlock => self.html_block(rest),
            Tag::BlockQuote(Some(kind)) => {
                self.seen_block = true;
                self.text.block();
                let (class, label) = alert(kind);
                self.out.push(Event::Html(
                    format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{label}</p>\n").into(),
                ));
            }
            Tag::Table(aligns) => {
                self.seen_block = true;
                self.text.block();
                self.out
                    .push(Event::Html("<div class=\"table-wrap\">".into()));
                self.out.push(Event::Start(Tag::Table(aligns)));
            }
            Tag::Paragraph => {
                self.seen_block = true;
                self.text.block();
                if self.result.first_paragraph.is_empty() {
                    self.paragraph = Some(String::new());
                }
                self.out.push(Event::Start(Tag::Paragraph));
            }
            mut tag @ (Tag::Link { .. } | Tag::Image { .. }) => {
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag
                    && let Some(dest) = self.link(dest_url, start, end)
                {
                    *dest_url = dest;
                }
                self.out.push(Event::Start(tag));
            }
            other => {
                if text::is_inline(&other) {
                    // Emphasis and the like: text on either side is written together.
                } else {
                    self.seen_block = true;
                    if matches!(other, Tag::TableCell) {
                        self.text.cell();
                    } else {
                        self.text.block();
                    }
                }
                self.out.push(Event::Start(other));
            }
        }
    }

    /// An HTML block, read whole from `rest`: the answer marker, or HTML passed through.
    fn html_block(&mut self, rest: &mut OffsetEvents<'a>) {
        let mut raw = String::new();
        for (e, _) in rest.by_ref() {
            match e {
                Event::End(TagEnd::HtmlBlock) => break,
                Event::Html(t) => raw.push_str(&t),
                _ => {}
            }
        }
        if raw.trim().eq_ignore_ascii_case(ANSWER_MARKER) && self.exercise.is_open() {
            // Study mode would cut the exercise's section in two.
            self.result.diagnostics.push(
                Diagnostic::warning(
                    self.input.path,
                    "the answer marker inside an exercise is ignored",
                )
                .with_hint("put `<!-- answer -->` before the exercise's heading"),
            );
            return;
        }
        if raw.trim().eq_ignore_ascii_case(ANSWER_MARKER) && !self.marker_answer {
            self.marker_answer = true;
            self.out.push(Event::Html(CowStr::from(MARKER_SENTINEL)));
            return;
        }
        if !is_only_comments(&raw) {
            self.seen_block = true;
        }
        self.text.block();
        self.text.push_html(&raw);
        self.text.block();
        self.out.push(Event::Html(raw.into()));
    }

    /// An element closes.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(Some(_)) => self.out.push(Event::Html("</div>\n".into())),
            TagEnd::Table => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html("</div>\n".into()));
            }
            TagEnd::Paragraph => {
                if let Some(p) = self.paragraph.take() {
                    // A line of links ("[中文文档](...)") is not a summary; keep looking.
                    if p.split_whitespace().count() >= 6 {
                        self.result.first_paragraph = p.trim().to_string();
                    }
                }
                self.text.block();
                self.out.push(Event::End(TagEnd::Paragraph));
            }
            TagEnd::TableCell => self.out.push(Event::End(TagEnd::TableCell)),
            other => {
                if !text::is_inline_end(other) {
                    self.text.block();
                }
                self.out.push(Event::End(other));
            }
        }
    }

    /// Text, code, inline HTML, math and breaks: passed on, and noted as the page's text.
    fn inline(&mut self, event: Event<'a>) {
        match event {
            Event::Text(t) => {
                self.note_text(&t);
                self.out.push(Event::Text(t));
            }
            Event::Code(t) => {
                self.note_text(&t);
                self.out.push(Event::Code(t));
            }
            Event::InlineHtml(t) => {
                self.text.push_html(&t);
                self.out.push(Event::InlineHtml(t));
            }
            Event::Html(t) => {
                self.text.block();
                self.text.push_html(&t);
                self.text.block();
                self.out.push(Event::Html(t));
            }
            Event::InlineMath(m) => {
                self.note_text(&m);
                self.out.push(Event::InlineHtml(
                    format!("<span class=\"math\">${}$</span>", escape(&m)).into(),
                ));
            }
            Event::DisplayMath(m) => {
                self.note_text(&m);
                self.out.push(Event::InlineHtml(
                    format!(
                        "<span class=\"math math-display\">$${}$$</span>",
                        escape(&m)
                    )
                    .into(),
                ));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_text(" ");
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    fn note_text(&mut self, t: &str) {
        self.text.push(t);
        if let Some(p) = &mut self.paragraph {
            p.push_str(t);
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<String>,
        inner: Vec<Event<'a>>,
        start: usize,
        end: usize,
    ) {
        let text = plain_text(&inner);
        let is_first_block = !self.seen_block;
        self.seen_block = true;
        if is_first_block && level == HeadingLevel::H1 && self.result.title.is_none() {
            let same_as_title = self
                .input
                .title
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(text.trim()));
            if self.input.title.is_none() || same_as_title {
                self.result.title = Some(text);
                return;
            }
        }
        let step = self
            .exercise
            .heading(level as u8, &text, self.depth == 0, start, end);
        if step.close {
            self.close_exercise();
        }
        let starts_answer = !self.heading_answer
            && (self.input.answer_headings.is_empty()
                || self
                    .input
                    .answer_headings
                    .iter()
                    .any(|h| h.trim().eq_ignore_ascii_case(text.trim())));
        if starts_answer {
            self.heading_answer = true;
            self.out.push(Event::Html(CowStr::from(HEADING_SENTINEL)));
        }
        if step.open {
            self.result.has_exercise = true;
            self.section_at = Some(self.out.len());
            self.out.push(Event::Html(CowStr::from("")));
        }
        let id = self.unique_id(id.unwrap_or_else(|| slugify(&text)));
        let mut inner_html = String::new();
        let inner = inner.into_iter().map(|e| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.link(&dest_url, start, end).unwrap_or(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            other => other,
        });
        let inner: Vec<Event<'a>> = inner.collect();
        html::push_html(&mut inner_html, inner.into_iter());
        let n = level as usize;
        self.text.block();
        self.text.push(&text);
        self.text.block();
        // An id written as `{#...}` may hold any character but a space, a quote too.
        let id_attr = escape(&id).replace('"', "&quot;");
        self.out.push(Event::Html(
            format!(
                "<h{n} id=\"{id_attr}\">{inner_html}<a class=\"anchor\" href=\"#{id_attr}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{n}>\n"
            )
            .into(),
        ));
        self.result.headings.push(Heading {
            level: n as u8,
            id,
            text,
        });
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.push(id.clone());
        id
    }

    fn code_block(&mut self, info: &str, code: &str, start: usize, end: usize) {
        self.result.code_blocks += 1;
        let token = languages::token(info);
        let lang = self.hl.language(token);
        if let Language::Unknown { token } = &lang {
            self.result.diagnostics.push(
                Diagnostic::warning(
                    self.input.path,
                    format!("unknown code language `{token}`; the block is shown as plain text"),
                )
                .at_offset(self.input.text, start, end.min(start + 3 + info.len()))
                .with_hint(format!(
                    "use one of {}, or `text` for none",
                    languages::common_names()
                )),
            );
        }
        let python = runnable::fence::python(info).map(|f| CodeBlock::new(f, info, code, start));
        let mut in_exercise = false;
        if let Some(block) = &python {
            let warnings = runnable::fence_warnings(block, self.input.path, self.input.text);
            self.result.diagnostics.extend(warnings);
            in_exercise = self.exercise.block(block);
            if block.decision.run == Run::Browser {
                self.result.browser_blocks += 1;
            }
        }
        // Search finds the task and its starter code, not the tests or the solution.
        let hidden = python
            .as_ref()
            .is_some_and(|b| matches!(b.fence.role, Role::Tests | Role::Solution));
        if !hidden {
            for ident in code::identifiers(code) {
                if !self.result.code_identifiers.contains(&ident) {
                    self.result.code_identifiers.push(ident);
                }
            }
        }
        let inner = self.hl.highlight(&lang, code);
        let label = escape(lang.label());
        let html = code::block_html(
            &label,
            &lang.css_token(),
            &inner,
            python.as_ref(),
            in_exercise,
        );
        self.out.push(Event::Html(html.into()));
    }

    /// Ends the exercise's section: its opening tag, now that the exercise is read whole, and
    /// its closing tag here.
    fn close_exercise(&mut self) {
        let Some(at) = self.section_at.take() else {
            return;
        };
        let open = code::section_open(self.exercise.exercise(), self.input.page_url);
        if let Some(slot) = self.out.get_mut(at) {
            *slot = Event::Html(open.into());
        }
        self.out.push(Event::Html(code::SECTION_CLOSE.into()));
    }

    /// Rewrites a link or image target; records page links for the anchor check.
    fn link(&mut self, dest: &str, start: usize, end: usize) -> Option<CowStr<'a>> {
        match resolve_link(dest, self.input.rel, self.input.page_url, self.resolver) {
            LinkTarget::Page { href, url, anchor } => {
                if let Some(anchor) = anchor {
                    self.result.links.push(InternalLink {
                        target_url: url,
                        anchor,
                        start,
                        end,
                    });
                }
                Some(href.into())
            }
            LinkTarget::SamePage { anchor } => {
                self.result.links.push(InternalLink {
                    target_url: self.input.page_url.to_string(),
                    anchor,
                    start,
                    end,
                });
                None
            }
            LinkTarget::Asset { href } => Some(href.into()),
            LinkTarget::Missing { path } => {
                self.result.diagnostics.push(
                    Diagnostic::warning(self.input.path, format!("link to `{dest}` does not lead to any page of the guide"))
                        .at_offset(self.input.text, start, end)
                        .with_hint(format!("no file `{path}` in the content folder; check the path, relative to this file")),
                );
                None
            }
            LinkTarget::Untouched => None,
        }
    }
}

/// Removes a sentinel from the HTML and returns where it was.
fn take_sentinel(html: &mut String, sentinel: &str) -> Option<usize> {
    let pos = html.find(sentinel)?;
    html.replace_range(pos..pos + sentinel.len(), "");
    Some(pos)
}

fn is_only_comments(raw: &str) -> bool {
    let mut rest = raw.trim();
    while let Some(r) = rest.strip_prefix("<!--") {
        match r.find("-->") {
            Some(i) => rest = r[i + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_tests;

#[cfg(test)]
mod code_tests;
