//! Tokenizing a line is a pure function of the parser state before it and the line's text, so a
//! build that meets the same pair again (a blank line, `return result`, `}` at the same depth)
//! reuses the first result instead of running the grammar's regexes again.

use std::collections::HashMap;
use std::rc::Rc;

use syntect::parsing::{ParseState, ParsingError, ScopeStackOp, SyntaxSet};

/// The tokens of one line: (byte offset, operation on the scope stack).
pub type LineOps = Rc<[(usize, ScopeStackOp)]>;

struct Entry {
    before: ParseState,
    ops: LineOps,
    after: ParseState,
}

/// Results of earlier lines, per thread. Bounded: emptied when it reaches [`LineMemo::LIMIT`].
#[derive(Default)]
pub struct LineMemo {
    by_line: HashMap<Box<str>, Vec<Entry>>,
    entries: usize,
    pub hits: usize,
    pub misses: usize,
}

impl LineMemo {
    /// About 15 MB per thread at the typical line and state sizes.
    pub const LIMIT: usize = 50_000;

    /// Tokenizes `line` from `state` (advancing it), or replays the result of an earlier
    /// identical (state, line) pair.
    pub fn parse(
        &mut self,
        state: &mut ParseState,
        line: &str,
        syntaxes: &SyntaxSet,
    ) -> Result<LineOps, ParsingError> {
        if let Some(seen) = self.by_line.get(line)
            && let Some(entry) = seen.iter().find(|e| e.before == *state)
        {
            self.hits += 1;
            state.clone_from(&entry.after);
            return Ok(entry.ops.clone());
        }
        self.misses += 1;
        let before = state.clone();
        let ops: LineOps = state.parse_line(line, syntaxes)?.into();
        if self.entries >= Self::LIMIT {
            self.by_line.clear();
            self.entries = 0;
        }
        self.by_line.entry(line.into()).or_default().push(Entry {
            before,
            ops: ops.clone(),
            after: state.clone(),
        });
        self.entries += 1;
        Ok(ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replayed lines give exactly what the grammar gives, including the state they leave.
    #[test]
    fn replayed_lines_match_a_fresh_parse() {
        let ss = two_face::syntax::extra_newlines();
        let syntax = ss.find_syntax_by_name("Python").expect("python");
        let code = "def f(x):\n    s = \"\"\"doc\n\n    \"\"\"\n    return x\n\ndef g(y):\n    return y\n\n";
        let mut memo = LineMemo::default();
        for _ in 0..2 {
            let mut fresh = ParseState::new(syntax);
            let mut memoized = ParseState::new(syntax);
            for line in syntect::util::LinesWithEndings::from(code) {
                let expected = fresh.parse_line(line, &ss).expect("parse");
                let got = memo.parse(&mut memoized, line, &ss).expect("parse");
                assert_eq!(
                    format!("{expected:?}"),
                    format!("{:?}", &got[..]),
                    "line {line:?}"
                );
                assert_eq!(fresh, memoized);
            }
        }
        assert!(
            memo.hits >= 9,
            "the second pass is all replays: {} hits",
            memo.hits
        );
        // A blank line inside the docstring and one between functions are different states.
        assert!(memo.misses > 7);
    }
}
