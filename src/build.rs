//! `prepbook build`'s whole course: nothing to do when no input changed since the last build
//! ([`freshness`]); only the edited questions patched in when that is enough
//! ([`incremental`]); otherwise every step of [`site`], and the state the next build starts
//! from ([`snapshot`]).

use std::path::Path;
use std::time::Instant;

use crate::diagnostics::Diagnostic;
use crate::freshness::{self, Inputs};
use crate::incremental;
use crate::progress::Progress;
use crate::site::{self, BuildOptions, BuildReport, Steps};
use crate::snapshot;

/// Builds the guide at `root`. On failure, every diagnostic (errors and warnings) is returned
/// and the previous output is left as it was.
pub fn build(
    root: &Path,
    opts: &BuildOptions,
    progress: &Progress,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let mut steps = Steps::start();
    let config = site::prepare(root, opts)?;
    // Held to the end: nothing else writes the output folder meanwhile.
    let _output = site::claim_output(&config)?;
    steps.done("config");

    // A build with the same inputs as the last one, onto the site it left, has nothing to do;
    // after an edit, the last build's state may only need the edited questions patched in.
    let inputs = if opts.no_cache {
        // This build keeps no record, and may overwrite the site the last record describes.
        freshness::forget(&config);
        None
    } else {
        Inputs::scan(&config, config.build.drafts).ok()
    };
    let last = inputs.as_ref().and_then(|_| freshness::last(&config));
    if let (Some(inputs), Some(last)) = (&inputs, &last) {
        if last.inputs == inputs.digest() {
            steps.done("check");
            return Ok(BuildReport {
                up_to_date: true,
                steps: steps.list,
                ..BuildReport::of_last(last, config.output_dir(), steps.started)
            });
        }
        steps.done("check");
        match incremental::rebuild(&config, opts, inputs, last, &mut steps) {
            incremental::Outcome::Done(report) => return Ok(report),
            incremental::Outcome::Failed(diags) => return Err(diags),
            incremental::Outcome::Full => {}
        }
    }

    // Until this build's record is saved, the site it publishes matches no record.
    freshness::forget(&config);
    let built = site::run_steps(&config, opts, progress, &|publish| publish(), steps)?;
    let mut report = built.report;
    if let Some(inputs) = inputs {
        let started = Instant::now();
        snapshot::save(&built.loaded.guide, built.search.as_ref(), &inputs);
        for (guide, search) in built
            .loaded
            .translations
            .iter()
            .zip(&built.translation_search)
        {
            snapshot::save(guide, search.as_ref(), &inputs);
        }
        incremental::record(&config, &inputs, &report);
        report.steps.push(("save", started.elapsed()));
        report.elapsed += started.elapsed();
    }
    Ok(report)
}
