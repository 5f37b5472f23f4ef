//! `[test]`: how `prepbook test` runs the guide's code: the Python command (split as a shell
//! would, `"python3 -I"`) and the time limit of each run (`"10s"`, `"500ms"`, `"2m"`).

use std::time::Duration;

use serde::Deserialize;

use super::quantity::{self, Quantity};

/// `[test]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct TestConfig {
    /// The command that runs Python, with its arguments. Default: `python3`.
    pub python: Command,
    /// How long one block or one exercise run may take. Default: `"10s"`.
    pub timeout: TimeLimit,
}

impl Default for TestConfig {
    fn default() -> Self {
        TestConfig {
            python: Command(vec!["python3".into()]),
            timeout: TimeLimit(Duration::from_secs(10)),
        }
    }
}

/// A program and its arguments, written as one string and split as a shell would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command(pub Vec<String>);

impl Command {
    /// Splits `text` as a shell would (quotes and backslashes); `None` when it is empty or a
    /// quote is not closed.
    pub fn parse(text: &str) -> Option<Command> {
        shlex::split(text)
            .filter(|words| !words.is_empty())
            .map(Command)
    }

    /// The command with a program named by a relative path (`.venv/bin/python3`, a path with a
    /// `/`) made absolute against `base`; a bare name (`python3`) is looked up in `PATH`.
    pub fn resolved_in(&self, base: &std::path::Path) -> Command {
        let mut words = self.0.clone();
        if let Some(program) = words.first_mut() {
            let path = std::path::Path::new(program.as_str());
            if program.contains('/') && path.is_relative() {
                *program = base.join(path).to_string_lossy().into_owned();
            }
        }
        Command(words)
    }

    /// The program, then its arguments.
    pub fn program(&self) -> (&str, &[String]) {
        match self.0.split_first() {
            Some((program, args)) => (program, args),
            None => ("python3", &[]),
        }
    }
}

impl std::fmt::Display for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: Vec<String> = self
            .0
            .iter()
            .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned()))
            .collect();
        f.write_str(&words.join(" "))
    }
}

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Command::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a command: write the program and its arguments, such as \"python3 -I\" (close every quote)"
            ))
        })
    }
}

/// A time limit, written `"10s"`, `"500ms"`, `"2m"` or a number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimit(pub Duration);

impl TimeLimit {
    /// Parses `"10s"`; `None` when it is not a positive duration.
    pub fn parse(text: &str) -> Option<TimeLimit> {
        let (number, unit) = quantity::split(text)?;
        let seconds = match unit.as_str() {
            "" | "s" | "sec" | "secs" | "seconds" => number,
            "ms" => number / 1000.0,
            "m" | "min" | "mins" | "minutes" => number * 60.0,
            _ => return None,
        };
        (seconds.is_finite() && seconds > 0.0 && seconds < 86_400.0)
            .then(|| TimeLimit(Duration::from_secs_f64(seconds)))
    }
}

impl std::fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0.as_millis();
        if ms.is_multiple_of(1000) {
            write!(f, "{} s", ms / 1000)
        } else {
            write!(f, "{ms} ms")
        }
    }
}

impl Quantity for TimeLimit {
    const EXPECTING: &'static str = "a duration such as \"10s\", \"500ms\" or \"2m\"";
    const BAD_NUMBER: &'static str = "a time limit must be more than 0 seconds, under a day";
    fn parse(text: &str) -> Option<Self> {
        TimeLimit::parse(text)
    }
    fn not_a_value(text: &str) -> String {
        format!(
            "`{text}` is not a duration: write a number and a unit, such as \"10s\", \"500ms\" or \"2m\" (under a day)"
        )
    }
}

impl<'de> Deserialize<'de> for TimeLimit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        quantity::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_as_a_shell_would() {
        assert_eq!(
            Command::parse("python3 -I").map(|c| c.0),
            Some(vec!["python3".into(), "-I".into()])
        );
        assert_eq!(
            Command::parse("'/opt/my python/bin/python3' -X dev").map(|c| c.0.len()),
            Some(3)
        );
        assert_eq!(Command::parse("python3 'unclosed"), None);
        assert_eq!(Command::parse("  "), None);
        let c = Command::parse("'/opt/my python/python3' -I").expect("command");
        assert_eq!(c.to_string(), "'/opt/my python/python3' -I");
        let base = std::path::Path::new("/guide");
        let venv = Command::parse(".venv/bin/python3 -I").expect("command");
        assert_eq!(venv.resolved_in(base).0[0], "/guide/.venv/bin/python3");
        let bare = Command::parse("python3").expect("command");
        assert_eq!(bare.resolved_in(base), bare);
        assert_eq!(c.resolved_in(base), c);
    }

    #[test]
    fn time_limits_take_units() {
        assert_eq!(
            TimeLimit::parse("10s"),
            Some(TimeLimit(Duration::from_secs(10)))
        );
        assert_eq!(
            TimeLimit::parse("500 ms"),
            Some(TimeLimit(Duration::from_millis(500)))
        );
        assert_eq!(
            TimeLimit::parse("2m"),
            Some(TimeLimit(Duration::from_secs(120)))
        );
        assert_eq!(
            TimeLimit::parse("3"),
            Some(TimeLimit(Duration::from_secs(3)))
        );
        for bad in ["0s", "ten seconds", "5 parsecs", "-1s", "", "100000m"] {
            assert_eq!(TimeLimit::parse(bad), None, "{bad}");
        }
        assert_eq!(
            TimeLimit(Duration::from_millis(1500)).to_string(),
            "1500 ms"
        );
        assert_eq!(TimeLimit(Duration::from_secs(10)).to_string(), "10 s");
    }
}
