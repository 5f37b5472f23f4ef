//! Finding a `[` or `{` that is never closed in front matter YAML. A flow list left open
//! (`tags: [functions, decorators`) swallows the lines after it, so the YAML parser reports a
//! later line ("illegal placement of ':' indicator" at `difficulty: medium`); the hint of that
//! error names the bracket instead. This is a reading of YAML good enough for that hint, not a
//! parser: quoted text, comments and block scalars (`|`, `>`) are skipped.

/// A bracket that nothing closes, where it is written in the YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    /// `[` or `{`.
    pub bracket: char,
    /// 1-based line of the YAML.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Open {
    /// What to do about it, naming it at line `line0 + line` of the file.
    pub fn hint(&self, line0: usize) -> String {
        let (what, close) = match self.bracket {
            '{' => ("mapping", '}'),
            _ => ("list", ']'),
        };
        format!(
            "the `{}` at line {}, column {} is never closed: end the {what} with `{close}`, or quote the value if the `{}` is part of its text",
            self.bracket,
            line0 + self.line,
            self.column,
            self.bracket,
        )
    }
}

/// The innermost `[` or `{` of `yaml` that is still open at its end, if one is.
pub fn unclosed(yaml: &str) -> Option<Open> {
    let mut scan = Scan::default();
    for (i, line) in yaml.lines().enumerate() {
        scan.line(i + 1, line);
    }
    scan.open.last().copied()
}

#[derive(Default)]
struct Scan {
    /// The brackets open so far: while there is one, the YAML is in flow style.
    open: Vec<Open>,
    /// The quote of a quoted scalar that goes on past the end of a line.
    quote: Option<char>,
    /// Inside a block scalar: the indentation of the line that started it.
    block_scalar: Option<usize>,
    /// The last character in flow style that was not a space: a quote after `[`, `{`, `,` or
    /// `:` starts a quoted scalar, elsewhere it is an apostrophe in plain text.
    last: Option<char>,
}

impl Scan {
    fn line(&mut self, number: usize, line: &str) {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|&&c| c == ' ').count();
        if let Some(owner) = self.block_scalar {
            if indent > owner || chars.iter().all(|c| c.is_whitespace()) {
                return;
            }
            self.block_scalar = None;
        }
        // In block style a line starts where a value may start (after `- ` markers too).
        let mut value_start = true;
        let mut at = 0;
        while at < chars.len() {
            let c = chars[at];
            if let Some(q) = self.quote {
                at += match (q, c) {
                    ('\'', '\'') if chars.get(at + 1) == Some(&'\'') => 2,
                    ('"', '\\') => 2,
                    _ if c == q => {
                        self.quote = None;
                        self.last = Some(c);
                        1
                    }
                    _ => 1,
                };
                continue;
            }
            if c == '#' && (at == 0 || chars[at - 1].is_whitespace()) {
                return; // a comment, to the end of the line
            }
            let next_is_space = chars.get(at + 1).is_none_or(|n| n.is_whitespace());
            if !self.open.is_empty() {
                self.flow(c, number, at + 1);
            } else if c == ' ' || c == '\t' {
            } else if value_start {
                match c {
                    '-' | '?' if next_is_space => {}
                    '[' | '{' => {
                        self.push(c, number, at + 1);
                        value_start = false;
                    }
                    '"' | '\'' => {
                        self.quote = Some(c);
                        value_start = false;
                    }
                    '|' | '>' => {
                        self.block_scalar = Some(indent);
                        return;
                    }
                    _ => value_start = c == ':' && next_is_space,
                }
            } else if c == ':' && next_is_space {
                value_start = true; // the end of a key: its value starts after the space
            }
            at += 1;
        }
    }

    /// One character in flow style (inside brackets).
    fn flow(&mut self, c: char, line: usize, column: usize) {
        match c {
            '[' | '{' => self.push(c, line, column),
            ']' | '}' => {
                self.open.pop();
            }
            '"' | '\'' if self.last.is_none_or(|l| matches!(l, '[' | '{' | ',' | ':')) => {
                self.quote = Some(c);
            }
            _ => {}
        }
        if !c.is_whitespace() {
            self.last = Some(c);
        }
    }

    fn push(&mut self, bracket: char, line: usize, column: usize) {
        self.open.push(Open {
            bracket,
            line,
            column,
        });
        self.last = Some(bracket);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str) -> Option<(char, usize, usize)> {
        unclosed(yaml).map(|o| (o.bracket, o.line, o.column))
    }

    #[test]
    fn an_open_flow_list_or_mapping_is_found_where_it_opens() {
        let yaml = "title: T\ntags: [functions, decorators\ndifficulty: medium\n";
        assert_eq!(at(yaml), Some(('[', 2, 7)));
        assert_eq!(at("a: {x: 1, y: [2, 3]\nb: c\n"), Some(('{', 1, 4)));
        assert_eq!(at("a: {x: 1, y: [2\n"), Some(('[', 1, 14)), "the innermost");
        assert_eq!(at("- [a, b\n"), Some(('[', 1, 3)));
    }

    #[test]
    fn closed_quoted_commented_and_plain_brackets_are_not_open() {
        for yaml in [
            "tags: [a, b]\nlevel: {x: [1, 2]}\n",
            "tags: [a,\n  b]\n",
            "title: a [b in plain text\n",
            "title: \"a [b\"\ntags: ['x [y', \"z {w\"]\n",
            "tags: [it's, b]\n",
            "title: T # see [this\n",
            "body: |\n  [not yaml\n  {either\nnext: 1\n",
            "'quoted key [': [a]\n",
        ] {
            assert_eq!(at(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn the_hint_names_the_bracket_at_its_line_in_the_file() {
        let open = unclosed("tags: [a, b\n").expect("open");
        assert_eq!(
            open.hint(2),
            "the `[` at line 3, column 7 is never closed: end the list with `]`, or quote the value if the `[` is part of its text"
        );
    }
}
