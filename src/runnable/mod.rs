//! Python a reader can run: which blocks run, and where (in the browser, with a local Python
//! only, or never), decided at build time from the fence's options and the block's imports;
//! and the exercise format (a task with starter code, tests and a solution). The build marks
//! its HTML from this; `prepbook test` ([`crate::testing`]) runs what it finds.

pub mod block;
pub mod exercise;
pub mod fence;
pub mod imports;
pub mod scan;

pub use block::{CodeBlock, Decision, Run, decide, fence_warnings};
pub use exercise::{Exercise, Tracker};
pub use fence::{Placement, PythonFence, Role};
