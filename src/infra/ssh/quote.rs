//! Quoting argument vectors for the remote shell.
//!
//! sshd hands the command string to the user's login shell, so every argument is quoted
//! with `shlex` (POSIX sh rules) and joined with spaces.

/// An argument that no shell command line can carry.
#[derive(Debug, thiserror::Error)]
#[error("argument {index} contains a NUL byte, which cannot be passed to a remote command")]
pub struct QuoteError {
    /// Zero-based position of the offending argument.
    pub index: usize,
}

/// Quotes each argument and joins them with spaces, failing on NUL bytes.
pub fn try_quote_command(argv: &[&str]) -> Result<String, QuoteError> {
    let mut words = Vec::with_capacity(argv.len());
    for (index, arg) in argv.iter().enumerate() {
        words.push(shlex::try_quote(arg).map_err(|_| QuoteError { index })?);
    }
    Ok(words.join(" "))
}

/// Quotes each argument and joins them with spaces. NUL bytes, which no Unix command line
/// can carry (and which never come from a real argv), are dropped with a warning; use
/// [`try_quote_command`] to treat them as an error instead.
pub fn quote_command(argv: &[&str]) -> String {
    match try_quote_command(argv) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!("{e}; dropping NUL bytes");
            let cleaned: Vec<String> = argv.iter().map(|a| a.replace('\0', "")).collect();
            let refs: Vec<&str> = cleaned.iter().map(String::as_str).collect();
            try_quote_command(&refs).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_stay_readable() {
        assert_eq!(quote_command(&["kato", "status", "--json"]), "kato status --json");
    }

    #[test]
    fn nasty_strings_round_trip_through_shlex() {
        let argv = ["printf", "%s", "$(rm -rf /)", "it's \"q\"", "a\nb", ";|&", "", "*"];
        let q = quote_command(&argv);
        let back = shlex::split(&q);
        assert_eq!(back, Some(argv.iter().map(|s| s.to_string()).collect()));
    }

    #[test]
    fn nul_is_an_error_or_dropped() {
        assert_eq!(try_quote_command(&["a", "b\0c"]).err().map(|e| e.index), Some(1));
        assert_eq!(quote_command(&["a", "b\0c"]), "a bc");
    }
}
