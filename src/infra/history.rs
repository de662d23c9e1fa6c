//! The record of state-changing commands run on this node (`var/log/kato/history.jsonl`):
//! time, node, command line with secrets redacted, and outcome.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub unix_time: u64,
    pub node_id: String,
    pub command: String,
    pub status: String,
}

const SECRET_WORDS: &[&str] = &["password", "passwd", "secret", "token", "credential", "private", "key"];

/// Whether text names a secret: any of its words (a key path's segments, a JSON value's
/// keys) contains a secret-looking word.
pub fn looks_secret(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// The command line as recorded: values of secret-looking config keys and of
/// `--password`-style options are replaced by `<redacted>`.
pub fn redact(argv: &[String]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(argv.len());
    let mut redact_next = false;
    let positional: Vec<&String> = argv.iter().filter(|a| !a.starts_with('-')).collect();
    let is_config_write = positional.first().is_some_and(|a| *a == "config")
        && positional.get(1).is_some_and(|a| matches!(a.as_str(), "set" | "push" | "pop"));
    // A secret-looking key path (any segment), or a value that itself holds one (a JSON
    // or YAML document with a password inside): the value is not recorded.
    let secret_value = is_config_write
        && (positional.get(3).is_some_and(|k| looks_secret(k)) || positional.get(4).is_some_and(|v| looks_secret(v)));
    let value_arg = if secret_value { positional.get(4).map(|s| s.as_str()) } else { None };
    for a in argv {
        if redact_next {
            out.push("<redacted>".into());
            redact_next = false;
            continue;
        }
        let lower = a.to_ascii_lowercase();
        if lower.starts_with("--")
            && (lower.contains("password") || lower.contains("secret"))
            && !lower.contains("-file")
        {
            if let Some((flag, _)) = a.split_once('=') {
                out.push(format!("{flag}=<redacted>"));
            } else {
                out.push(a.clone());
                redact_next = true;
            }
            continue;
        }
        if Some(a.as_str()) == value_arg {
            out.push("<redacted>".into());
            continue;
        }
        out.push(shlex::try_quote(a).map(|c| c.into_owned()).unwrap_or_else(|_| a.escape_default().to_string()));
    }
    format!("kato {}", out.join(" "))
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Append one event to the history file at `path`.
pub fn record(path: &Path, event: &Event) -> Result<()> {
    let mut f = crate::infra::files::open_state(path, crate::infra::files::STATE_FILE, true)?;
    crate::infra::files::lock(&f, path, true)?;
    let mut line = serde_json::to_string(event)?;
    line.push('\n');
    f.write_all(line.as_bytes())?;
    Ok(())
}

/// All events of the history file at `path`, oldest first (unreadable lines are skipped).
pub fn read(path: &Path) -> Result<Vec<Event>> {
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    Ok(std::io::BufReader::new(f).lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect())
}

/// `YYYY-MM-DD HH:MM:SS +0000` for a Unix time (UTC).
pub fn format_time(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +0000", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        assert_eq!(format_time(0), "1970-01-01 00:00:00 +0000");
        assert_eq!(format_time(1_795_828_956), "2026-11-28 01:22:36 +0000");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00:00 +0000");
    }

    #[test]
    fn redacts_secrets() {
        let argv: Vec<String> =
            ["config", "set", "aok", "strategy/ldap/password", "hunter2"].map(String::from).to_vec();
        assert_eq!(redact(&argv), "kato config set aok strategy/ldap/password <redacted>");
        let argv: Vec<String> = ["config", "set", "fence", "docker/image", "x y"].map(String::from).to_vec();
        assert_eq!(redact(&argv), "kato config set fence docker/image 'x y'");
        let argv: Vec<String> = ["node", "attach", "--password", "pw", "1.2.3.4"].map(String::from).to_vec();
        assert_eq!(redact(&argv), "kato node attach --password <redacted> 1.2.3.4");
        let argv: Vec<String> = ["config", "set", "aok", "auth/password/", "S3cr3t"].map(String::from).to_vec();
        assert_eq!(redact(&argv), "kato config set aok auth/password/ <redacted>");
        let argv: Vec<String> =
            ["config", "set", "aok", "strategy", r#"{"ldap":{"bind_password":"S3cr3t"}}"#].map(String::from).to_vec();
        assert_eq!(redact(&argv), "kato config set aok strategy <redacted>");
        let argv: Vec<String> = ["config", "set", "aok", "auth/PassWord/x", "S3cr3t"].map(String::from).to_vec();
        assert!(!redact(&argv).contains("S3cr3t"));
    }
}
