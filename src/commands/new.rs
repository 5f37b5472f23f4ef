//! `prepbook new`: write a new question file and print its path.

use std::process::ExitCode;

use crate::cli::{DifficultyArg, LevelArg, NewArgs};
use crate::content::{Difficulty, Level};
use crate::scaffold::{self, NewQuestion};

pub fn run(args: &NewArgs) -> ExitCode {
    let new = NewQuestion {
        title: args.title.clone(),
        section: args.section.clone(),
        difficulty: args.difficulty.map(|d| match d {
            DifficultyArg::Easy => Difficulty::Easy,
            DifficultyArg::Medium => Difficulty::Medium,
            DifficultyArg::Hard => Difficulty::Hard,
        }),
        levels: args
            .level
            .iter()
            .map(|l| match l {
                LevelArg::Entry => Level::Entry,
                LevelArg::Mid => Level::Mid,
                LevelArg::Senior => Level::Senior,
            })
            .collect(),
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        exercise: args.exercise,
    };
    let written = super::locate::guide_root(&args.guide)
        .map_err(|d| vec![d])
        .and_then(|root| scaffold::new_question(&root, &new));
    match written {
        Ok((path, warning)) => {
            if let Some(w) = warning {
                super::print_diagnostics(&[w]);
            }
            say!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(diags) => {
            super::print_diagnostics(&diags);
            ExitCode::from(1)
        }
    }
}
