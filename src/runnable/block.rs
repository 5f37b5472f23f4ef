//! One Python block as the build and `prepbook test` see it: its options, its code, where its
//! fence is, and where it can run ([`decide`]: the author's option, else its imports).

use std::path::Path;

use super::fence::{self, Placement, PythonFence};
use super::imports;
use crate::diagnostics::Diagnostic;

/// Where a block can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Run {
    /// In the page, with the browser runtime.
    Browser,
    /// With a local Python only (it imports something the browser runtime lacks).
    Local,
    /// Never (`norun`): shown only.
    No,
}

impl Run {
    /// The value of `data-run`.
    pub fn name(self) -> &'static str {
        match self {
            Run::Browser => "browser",
            Run::Local => "local",
            Run::No => "no",
        }
    }
}

/// Where a block runs, and why not in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub run: Run,
    /// What it imports that the browser runtime lacks (empty when the author decided).
    pub needs: Vec<String>,
}

/// Decides where a Python block with these options runs.
pub fn decide(fence: &PythonFence, code: &str) -> Decision {
    let (run, needs) = match (fence.norun, fence.placement) {
        (true, _) => (Run::No, Vec::new()),
        (false, Placement::Browser) => (Run::Browser, Vec::new()),
        (false, Placement::Local) => (Run::Local, Vec::new()),
        (false, Placement::Auto) => {
            let needs = imports::missing_in_browser(code);
            let run = if needs.is_empty() {
                Run::Browser
            } else {
                Run::Local
            };
            (run, needs)
        }
    };
    Decision { run, needs }
}

/// One fenced Python block of a page.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub fence: PythonFence,
    pub code: String,
    /// Byte offsets of the opening fence line in the file's text, for diagnostics.
    pub start: usize,
    pub fence_end: usize,
    pub decision: Decision,
}

impl CodeBlock {
    /// A block whose opening fence (with `info`) starts at byte `start` of the file.
    pub fn new(fence: PythonFence, info: &str, code: &str, start: usize) -> CodeBlock {
        let decision = decide(&fence, code);
        CodeBlock {
            fence,
            code: code.to_string(),
            start,
            fence_end: start + 3 + info.len(),
            decision,
        }
    }

    /// A diagnostic pointing at the block's opening fence.
    pub fn diagnostic(&self, d: Diagnostic, text: &str) -> Diagnostic {
        d.at_offset(text, self.start, self.fence_end)
    }
}

/// The warnings for a fence's unknown or contradicting options.
pub fn fence_warnings(block: &CodeBlock, path: &Path, text: &str) -> Vec<Diagnostic> {
    block
        .fence
        .problems
        .iter()
        .map(|problem| {
            block.diagnostic(
                Diagnostic::warning(path, format!("code block options: {problem}")).with_hint(
                    format!("after `python,` Prepbook reads: {}", fence::OPTIONS),
                ),
                text,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(info: &str, code: &str) -> Decision {
        decide(&fence::python(info).expect("python"), code)
    }

    #[test]
    fn imports_decide_unless_the_author_does() {
        assert_eq!(decision("python", "import math\n").run, Run::Browser);
        let d = decision("python", "import django\nfrom flask import Flask\n");
        assert_eq!(
            (d.run, d.needs),
            (Run::Local, vec!["django".into(), "flask".into()])
        );
        assert_eq!(
            decision("python,browser", "import django\n").run,
            Run::Browser
        );
        assert_eq!(decision("python,local", "import math\n").run, Run::Local);
        assert_eq!(decision("python,norun", "import math\n").run, Run::No);
    }
}
