//! `prepbook build`: build the guide and print one summary line.

use std::process::ExitCode;

use crate::build;
use crate::cli::BuildArgs;
use crate::diagnostics::display_path;
use crate::progress::Progress;
use crate::site::BuildOptions;

pub fn run(args: &BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        output: args.output.clone(),
        no_cache: args.no_cache,
        drafts: args.drafts,
    };
    let progress = Progress::new();
    let built = super::locate::guide_root(&args.guide)
        .map_err(|d| vec![d])
        .and_then(|root| build::build(&root, &opts, &progress));
    match built {
        Ok(report) => {
            progress.finish();
            super::print_diagnostics(&report.warnings);
            if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
                for (name, took) in &report.steps {
                    say_err!("  {name:>8}: {:.3} s", took.as_secs_f64());
                }
                let (blocks, hits) = report.highlighted;
                say_err!("  code blocks highlighted: {blocks} ({hits} from the cache)");
            }
            let articles = match report.articles {
                0 => String::new(),
                1 => " (+1 article)".to_string(),
                n => format!(" (+{n} articles)"),
            };
            let mut out = display_path(&report.output).display().to_string();
            if !out.ends_with('/') {
                out.push('/');
            }
            if report.up_to_date {
                out.push_str(" (up to date)");
            }
            if let Some(n) = report.rendered_again {
                out.push_str(&format!(" (an edit: {} again)", super::count(n, "page")));
            }
            // A translated guide: how far each other language is translated.
            let languages: String = report
                .translations
                .iter()
                .map(|(code, own)| format!(", {code} {own} of {} translated", report.questions))
                .collect();
            say!(
                "built {}: {}{articles} in {}, {}{languages}, in {:.2} s -> {out}",
                super::count(report.pages, "page"),
                super::count(report.questions, "question"),
                super::count(report.sections, "section"),
                super::count(report.tags, "tag"),
                report.elapsed.as_secs_f64(),
            );

            ExitCode::SUCCESS
        }
        Err(diags) => {
            progress.finish();
            super::print_diagnostics(&diags);
            super::print_failure(&diags, "build");
            ExitCode::from(1)
        }
    }
}
