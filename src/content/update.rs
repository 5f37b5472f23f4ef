//! Re-reading one edited question into a loaded guide, for the edit engine that `serve` and
//! `build` share ([`crate::edit`]). The question is parsed, rendered and checked exactly as a
//! full load would (the same functions of [`crate::content::load`]), then swapped in place. An
//! edit whose effects reach past the question's own pages and lists (a new URL, a new place in
//! its section, a tag the guide did not have, ...) is not patched: the caller rebuilds the whole
//! guide instead.

use std::collections::{BTreeSet, HashMap};

use crate::content::load::{
    UrlIndex, check_links, page_slug, question_order, render_body, title_and_summary,
};
use crate::content::model::{Guide, Question, QuestionId, TagId};
use crate::content::read::read_page;
use crate::content::related::RelatedIndex;
use crate::content::tags::page_tags;
use crate::content::translations::Origin;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::markdown::Rendered;
use crate::markdown::inline::InlineText;

/// What became of an edit.
#[derive(Debug)]
pub enum Outcome {
    /// The question was replaced in place.
    Patched {
        /// The question as it was before the edit.
        old: Box<Question>,
        warnings: Vec<Diagnostic>,
    },
    /// The edit changes more than the question: rebuild the guide. Says why.
    NeedsFullBuild(&'static str),
}

/// The question read from the file `rel` (a path relative to the content folder), if any: in
/// a translation's view, a translated question's file is its translation.
pub fn question_at(guide: &Guide, rel: &str) -> Option<QuestionId> {
    guide.questions.iter().position(|q| q.source.file() == rel)
}

/// Reads question `id` again from disk and patches it into `guide`. On an error the guide is
/// left as it was and every diagnostic of the file comes back.
pub fn update_question(
    guide: &mut Guide,
    index: &UrlIndex,
    hl: &Highlighter,
    id: QuestionId,
) -> Result<Outcome, Vec<Diagnostic>> {
    match patch(guide, index, hl, id) {
        Ok(outcome) => Ok(outcome),
        Err(Stop::FullBuild(why)) => Ok(Outcome::NeedsFullBuild(why)),
        Err(Stop::Errors(diagnostics)) => Err(diagnostics),
    }
}

/// Why an update stops before it patches the guide.
enum Stop {
    /// The edit reaches past the question's own pages: rebuild the guide, for this reason.
    FullBuild(&'static str),
    /// The file has errors.
    Errors(Vec<Diagnostic>),
}

/// [`update_question`], step by step; the guide changes only in the last step.
fn patch(
    guide: &mut Guide,
    index: &UrlIndex,
    hl: &Highlighter,
    id: QuestionId,
) -> Result<Outcome, Stop> {
    let diags = Diagnostics::default();
    let mut q = reread(guide, index, hl, id, &diags)?;
    keeps_its_place(guide, id, &q)?;
    let touched = tags_in_place(guide, id, &mut q, &diags)?;
    if !q.source.front.related.is_empty() {
        q.related = RelatedIndex::new(guide).resolve(guide, id, &q, &diags);
    }
    check_anchors(guide, id, &q, &diags);
    if diags.has_errors() {
        return Err(Stop::Errors(diags.take_sorted()));
    }
    for &t in &touched {
        guide.tags[t].questions = members_after(&guide.tags[t].questions, id, &q, t);
    }
    let old = std::mem::replace(&mut guide.questions[id], q);
    Ok(Outcome::Patched {
        old: Box::new(old),
        warnings: diags.take_sorted(),
    })
}

/// Question `id` read, parsed and rendered again from its file, in the same place of the
/// guide (same URL, same kind). Its tags and related questions are left empty.
fn reread(
    guide: &Guide,
    index: &UrlIndex,
    hl: &Highlighter,
    id: QuestionId,
    diags: &Diagnostics,
) -> Result<Question, Stop> {
    let old = &guide.questions[id];
    let (page, read_diags) = read_page(
        &guide.config.content_dir(),
        old.source.file(),
        guide.config.build.max_markdown_size,
    );
    let Some(mut page) = page else {
        return Err(Stop::Errors(read_diags));
    };
    if old.source.origin == Origin::Translated {
        // As the load reads it: the original's path and address.
        page.front.slug = old.source.front.slug.clone();
        page.rel = old.source.rel.clone();
        page.translation = old.source.translation.clone();
    }
    page.origin = old.source.origin;
    diags.extend(read_diags);
    if page.front.draft && !guide.config.build.drafts {
        return Err(Stop::FullBuild("it is now a draft"));
    }
    let slug = page_slug(&page);
    if slug != old.slug {
        return Err(Stop::FullBuild("its URL changed"));
    }
    if page.front.kind != old.kind {
        return Err(Stop::FullBuild("it changed between question and article"));
    }
    let mut q = Question {
        slug,
        url: old.url.clone(),
        section: old.section,
        title: String::new(),
        kind: page.front.kind,
        difficulty: page.front.difficulty,
        levels: page.front.levels.clone(),
        tags: Vec::new(),
        summary: InlineText::default(),
        weight: page.front.weight,
        related: Vec::new(),
        body: Rendered::default(),
        source: page,
    };
    render_body(
        &mut q,
        index,
        hl,
        &guide.config.study.answer_headings,
        diags,
    );
    title_and_summary(&mut q, index, diags);
    Ok(q)
}

/// Its place in the section: the same, or every id after it would move.
fn keeps_its_place(guide: &Guide, id: QuestionId, q: &Question) -> Result<(), Stop> {
    let (prev, next) = guide.neighbours(id);
    let order = question_order(q);
    if prev.is_some_and(|p| question_order(&guide.questions[p]) >= order)
        || next.is_some_and(|n| question_order(&guide.questions[n]) <= order)
    {
        return Err(Stop::FullBuild("its place in the section changed"));
    }
    Ok(())
}

/// Gives `q` its tags: only those the guide already has, with unchanged names (a tag's name is
/// written as its first question writes it). Returns the tags whose questions change.
fn tags_in_place(
    guide: &Guide,
    id: QuestionId,
    q: &mut Question,
    diags: &Diagnostics,
) -> Result<BTreeSet<TagId>, Stop> {
    let (used, problems) = page_tags(&q.source, &guide.config);
    diags.extend(problems);
    for (_, key) in used {
        let Some(t) = guide.tags.iter().position(|t| t.key == key) else {
            return Err(Stop::FullBuild("it has a tag the guide did not have"));
        };
        q.tags.push(t);
    }
    let old = &guide.questions[id];
    let touched: BTreeSet<TagId> = old.tags.iter().chain(&q.tags).copied().collect();
    for &t in &touched {
        let members: Vec<QuestionId> = members_after(&guide.tags[t].questions, id, q, t);
        let Some(&first) = members.first() else {
            return Err(Stop::FullBuild("a tag is no longer used"));
        };
        let first = if first == id {
            &*q
        } else {
            &guide.questions[first]
        };
        let (used, _) = page_tags(&first.source, &guide.config);
        let name = used
            .into_iter()
            .find(|(_, k)| *k == guide.tags[t].key)
            .map(|(n, _)| n);
        if name != Some(guide.tags[t].name.as_str()) {
            return Err(Stop::FullBuild("a tag is now written differently"));
        }
    }
    Ok(touched)
}

/// Anchors: the question's own links, and, when its headings changed, links from other pages
/// to them.
fn check_anchors(guide: &Guide, id: QuestionId, q: &Question, diags: &Diagnostics) {
    let own: Vec<&str> = q.body.headings.iter().map(|h| h.id.as_str()).collect();
    let mut ids: HashMap<&str, Vec<&str>> = HashMap::from([(q.url.as_str(), own)]);
    for link in &q.body.links {
        let target = link.target_url.as_str();
        if !ids.contains_key(target)
            && let Some(headings) = headings_at(guide, target)
        {
            ids.insert(target, headings);
        }
    }
    check_links(&q.source, q.body.links.iter(), &ids, diags);
    if q.body.headings == guide.questions[id].body.headings {
        return;
    }
    for (other_id, other) in guide.questions.iter().enumerate() {
        if other_id != id {
            let into = other.body.links.iter().filter(|l| l.target_url == q.url);
            check_links(&other.source, into, &ids, diags);
        }
    }
    for s in &guide.sections {
        if let Some(page) = &s.index {
            let into = s.intro.links.iter().filter(|l| l.target_url == q.url);
            check_links(page, into, &ids, diags);
        }
    }
}

/// The heading ids of the page at `url`, if it is a page of the guide.
fn headings_at<'g>(guide: &'g Guide, url: &str) -> Option<Vec<&'g str>> {
    let headings = match guide.questions.iter().find(|q| q.url == url) {
        Some(q) => &q.body.headings,
        None => &guide.sections.iter().find(|s| s.url == url)?.intro.headings,
    };
    Some(headings.iter().map(|h| h.id.as_str()).collect())
}

/// Tag `t`'s questions once question `id` is replaced by `q`, in reading order.
fn members_after(
    members: &[QuestionId],
    id: QuestionId,
    q: &Question,
    t: TagId,
) -> Vec<QuestionId> {
    let mut out: Vec<QuestionId> = members.iter().copied().filter(|&m| m != id).collect();
    if q.tags.contains(&t) {
        let at = out.partition_point(|&m| m < id);
        out.insert(at, id);
    }
    out
}
