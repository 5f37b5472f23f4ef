//! `prepbook export`: write the export and say what was written.

use std::process::ExitCode;

use crate::cli::{ExportArgs, ExportFormat};
use crate::diagnostics::display_path;
use crate::export::{self, ExportOptions, Format};

pub fn run(args: &ExportArgs) -> ExitCode {
    let opts = ExportOptions {
        format: match args.format {
            ExportFormat::Html => Format::Html,
            ExportFormat::Json => Format::Json,
            ExportFormat::Anki => Format::Anki,
            ExportFormat::Apkg => Format::Apkg,
        },
        output: args.output.clone(),
        pdf: args.pdf.clone(),
        questions_only: args.questions_only,
        drafts: args.drafts,
        with_python: args.with_python.clone(),
        language: args.language.clone(),
    };
    let exported = super::locate::guide_root(&args.guide)
        .map_err(|d| vec![d])
        .and_then(|root| export::export(&root, &opts));
    match exported {
        Ok(report) => {
            super::print_diagnostics(&report.warnings);
            let files: Vec<String> = report
                .written
                .iter()
                .map(|(p, size)| {
                    let name = if export::is_stdout(p) {
                        "standard output".to_string()
                    } else {
                        display_path(p).display().to_string()
                    };
                    format!("{name} ({:.1} MB)", *size as f64 / 1e6)
                })
                .collect();
            let summary = format!(
                "exported {} -> {}",
                super::count(report.count, report.unit),
                files.join(", ")
            );
            // With the export on standard output, the summary goes aside so a pipe gets the
            // export alone.
            if report.written.iter().any(|(p, _)| export::is_stdout(p)) {
                say_err!("{summary}");
            } else {
                say!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            super::print_diagnostics(&diags);
            super::print_failure(&diags, "export");
            ExitCode::from(1)
        }
    }
}
