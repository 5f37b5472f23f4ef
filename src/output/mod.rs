//! Writing a site safely: whole into a staging folder that takes the output folder's place in
//! one step ([`Staging`]), or a few files at once into a published site ([`SitePatch`]); one
//! build of an output folder at a time ([`OutputLock`]); and what an interrupted build left
//! behind, removed by the next one ([`remove_leftovers`]).

mod folder;
mod leftovers;
mod lock;
mod patch;
mod pause;
mod publish;
mod staging;
#[cfg(test)]
mod test_names;

pub use folder::{MARKER, Working, absolute, check_output_dir, lock_file};
pub use leftovers::{Freed, remove_leftovers};
pub use lock::OutputLock;
pub use patch::SitePatch;
pub use pause::{PAUSE_VAR, pause_at};
pub use staging::Staging;
