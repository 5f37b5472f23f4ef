//! `prepbook build` after an edit. The last build saved its loaded guide ([`snapshot`]); when
//! only question files (or copied files) changed since, their questions are read again and
//! patched into that guide exactly as `serve` does ([`edit::edit`]), and only the files whose
//! bytes change are written. Anything that reaches further (a new or deleted file, `book.toml`,
//! the theme, a section's `_index.md`, a new URL or tag, a heading other pages may link to)
//! builds the whole guide instead, as does any doubt about the saved state or the site on disk.

use std::collections::HashSet;

use crate::config::Config;
use crate::content::update::question_at;
use crate::diagnostics::{Diagnostic, display_path, sorted};
use crate::edit::{self, Edited, Kept};
use crate::freshness::{self, Inputs, Record};
use crate::site::{self, BuildOptions, BuildReport, Loaded, Steps};
use crate::snapshot;

/// How a rebuild from the saved state went.
pub enum Outcome {
    /// The site was patched.
    Done(BuildReport),
    /// The edit does not build: every diagnostic, as a full build would report them. The site
    /// is as it was.
    Failed(Vec<Diagnostic>),
    /// Build the whole guide instead.
    Full,
}

/// Past this share of the guide's files, a whole build is simpler and about as fast.
const MOST_EDITED: usize = 4;

/// Rebuilds the site `last` describes, whose inputs have become `inputs`.
pub fn rebuild(
    config: &Config,
    opts: &BuildOptions,
    inputs: &Inputs,
    last: &Record,
    steps: &mut Steps,
) -> Outcome {
    // The state must be the one the site on disk was built from.
    let Some(state) = snapshot::load(config) else {
        return Outcome::Full;
    };
    if state.inputs.digest() != last.inputs {
        return Outcome::Full;
    }
    let Some(edited) = inputs.edited_since(&state.inputs) else {
        return Outcome::Full;
    };
    if edited.is_empty() || edited.len() * MOST_EDITED > state.questions.len().max(1) {
        return Outcome::Full;
    }
    steps.done("state");
    let diags = crate::diagnostics::Diagnostics::default();
    let Some((theme, highlighter)) = site::tools(config, opts, &diags) else {
        return Outcome::Full;
    };
    let (guide, search, _) = state.into_guide(config.clone());
    // Each translation's view, saved beside it from the same inputs.
    let mut translations = Vec::new();
    let mut all_search = vec![search];
    for code in config.translations() {
        let view = config.for_language(code);
        let Some(state) = snapshot::load(&view) else {
            return Outcome::Full;
        };
        if state.inputs.digest() != last.inputs {
            return Outcome::Full;
        }
        let (guide, search, _) = state.into_guide(view);
        translations.push(guide);
        all_search.push(search);
    }
    let views = || std::iter::once(&guide).chain(&translations);
    let mut questions = Vec::new();
    let mut assets = Vec::new();
    for rel in &edited {
        if views().any(|g| question_at(g, rel).is_some()) {
            questions.push(rel.clone());
        } else if guide.assets.iter().any(|a| &a.rel == rel) {
            assets.push(rel.clone());
        } else {
            // A section's page, a draft, a file the build skips: not worth a special case.
            return Outcome::Full;
        }
    }
    // Each edited question's headings, in every view that shows it.
    let headings = |views: Vec<&crate::content::Guide>| -> Vec<Vec<String>> {
        views
            .into_iter()
            .flat_map(|guide| {
                questions
                    .iter()
                    .filter_map(|rel| question_at(guide, rel).map(|id| &guide.questions[id]))
                    .map(|q| q.body.headings.iter().map(|h| h.id.clone()).collect())
            })
            .collect()
    };
    let headings_before = headings(views().collect());
    let mut kept = Kept::with_translations(
        Loaded {
            guide,
            translations,
            theme,
            highlighter,
        },
        all_search,
    );
    let out = config.output_dir();
    // Warnings of the files that did not change stay as the last build reported them.
    let edited_paths: HashSet<_> = edited
        .iter()
        .map(|rel| display_path(&config.content_dir().join(rel)))
        .collect();
    let unchanged = || {
        last.warnings
            .iter()
            .filter(|w| !edited_paths.contains(&w.path))
            .cloned()
    };
    let (patch, pages, warnings) = match edit::edit(&mut kept, &questions, &assets, &out) {
        Ok(Edited::Done {
            patch,
            pages,
            warnings,
            ..
        }) => (patch, pages, warnings),
        Ok(Edited::NeedsFullBuild(_)) => return Outcome::Full,
        Err(failed) => {
            return Outcome::Failed(sorted(unchanged().chain(failed.diagnostics).collect()));
        }
    };
    // Other pages' links may point at the old headings: checking them is a whole build's job.
    if headings(kept.loaded.views()) != headings_before {
        return Outcome::Full;
    }
    steps.done("patch");
    // Until the new record is saved, the site on disk matches no record: an interrupted write
    // must not pass for the last build, even if the edit is then undone.
    freshness::forget(config);
    if let Err(e) = patch.apply() {
        return Outcome::Failed(vec![Diagnostic::error(
            display_path(&out),
            format!("cannot write the edited pages: {e}"),
        )]);
    }
    let mut warnings = sorted(unchanged().chain(warnings).collect());
    if let Err(e) = kept.loaded.highlighter.cache().save_keeping_unused() {
        warnings.push(Diagnostic::warning(
            config.cache_dir(),
            format!("cannot save the highlight cache: {e}"),
        ));
    }
    steps.done("publish");
    snapshot::save(&kept.loaded.guide, kept.search(), inputs);
    for (guide, search) in kept
        .loaded
        .translations
        .iter()
        .zip(kept.translation_search())
    {
        snapshot::save(guide, search, inputs);
    }
    // The counts are the last build's: an edit that changes them builds the whole guide.
    let report = BuildReport {
        warnings,
        highlighted: kept.loaded.highlighter.counts(),
        rendered_again: Some(pages),
        ..BuildReport::of_last(last, out, steps.started)
    };
    record(config, inputs, &report);
    steps.done("save");
    Outcome::Done(BuildReport {
        elapsed: steps.started.elapsed(),
        steps: std::mem::take(&mut steps.list),
        ..report
    })
}

/// Records a successful build for the next one ([`freshness`]).
pub fn record(config: &Config, inputs: &Inputs, report: &BuildReport) {
    let (files, bytes) = freshness::shape(&report.output);
    freshness::save(
        config,
        &freshness::Record {
            inputs: inputs.digest(),
            output: report.output.clone(),
            files,
            bytes,
            warnings: report.warnings.clone(),
            pages: report.pages,
            questions: report.questions,
            articles: report.articles,
            sections: report.sections,
            tags: report.tags,
            translations: report.translations.clone(),
        },
    );
}
