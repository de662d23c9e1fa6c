//! Error kinds and exit codes: usage errors exit 2, operational errors exit 1.
//!
//! Library code returns `anyhow::Result`; a usage error is an `anyhow::Error` wrapping
//! [`UsageError`], which `main` recognises to choose the exit code.

use std::fmt;

/// The user asked for something malformed (bad flag combination, bad IP, unknown role…).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Build a usage error (exit status 2).
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

/// Exit status for an error: 2 when any cause is a usage error, else 1.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err.chain().any(|c| c.is::<UsageError>()) { 2 } else { 1 }
}

/// Return early with a usage error.
#[macro_export]
macro_rules! bail_usage {
    ($($arg:tt)*) => { return Err($crate::error::usage(format!($($arg)*))) };
}

/// The closest candidate to `given`, for "did you mean" hints.
pub fn closest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(given, c), c))
        .filter(|(d, c)| *d <= (c.len().max(given.len()) / 2).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `" (did you mean 'x'?)"` or an empty string.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(given, candidates).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default()
}

/// One-line rendering of an error chain: `outer: inner: root`.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string().replace('\n', " ");
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// An exit status with nothing more to say (e.g. `process ready` printing NOTREADY).
#[derive(Debug)]
pub struct SilentExit(pub i32);

impl fmt::Display for SilentExit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for SilentExit {}

pub fn silent(code: i32) -> anyhow::Error {
    anyhow::Error::new(SilentExit(code))
}

pub fn silent_code(err: &anyhow::Error) -> Option<i32> {
    err.downcast_ref::<SilentExit>().map(|s| s.0)
}
