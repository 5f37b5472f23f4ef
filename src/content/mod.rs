//! A guide's content: discovering files, parsing front matter, and the loaded model (sections,
//! questions, tags) that every output reads.

pub mod addresses;
pub mod discover;
pub mod front_matter;
pub mod load;
pub mod model;
pub mod read;
pub mod related;
pub mod tags;
pub mod translations;
pub mod update;

pub use front_matter::{Difficulty, Kind, Level};
pub use load::load;
pub use model::{Asset, Guide, Question, QuestionId, Section, SectionId, SourcePage, Tag, TagId};
