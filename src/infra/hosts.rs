//! The endpoint line kato keeps in `/etc/hosts` (under the root):
//! `<ip> <endpoint> # Added by Stackato`.

use anyhow::Result;
use std::path::Path;

pub const MARKER: &str = "# Added by Stackato";

/// The hosts file with exactly one kato line, mapping `endpoint` to `ip`.
pub fn with_endpoint(current: &str, ip: &str, endpoint: &str) -> String {
    let mut out: String =
        current.lines().filter(|l| !l.trim_end().ends_with(MARKER)).map(|l| format!("{l}\n")).collect();
    out.push_str(&format!("{ip} {endpoint} {MARKER}\n"));
    out
}

/// Rewrite the endpoint line; returns the previous content (`None` if the file was
/// absent) when something changed, for undo.
pub fn set_endpoint(path: &Path, ip: &str, endpoint: &str) -> Result<Option<Option<Vec<u8>>>> {
    let before = crate::infra::files::read_optional(path)?;
    let text = before.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
    let after = with_endpoint(&text, ip, endpoint);
    if after == text {
        return Ok(None);
    }
    crate::infra::files::write(path, after.as_bytes())?;
    Ok(Some(before))
}

/// kato's line as (IP, endpoint), if there is one.
pub fn endpoint_entry(path: &Path) -> Option<(String, String)> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.trim_end().ends_with(MARKER))?;
    let mut fields = line.split_whitespace();
    Some((fields.next()?.to_string(), fields.next()?.to_string()))
}

/// The IP currently mapped to the endpoint by kato's line.
pub fn endpoint_ip(path: &Path) -> Option<String> {
    endpoint_entry(path).map(|(ip, _)| ip)
}

/// The hosts file without kato's line.
pub fn without_endpoint(current: &str) -> String {
    current.lines().filter(|l| !l.trim_end().ends_with(MARKER)).map(|l| format!("{l}\n")).collect()
}

/// Rename `old` to `new` as a whole word, only on lines whose address is one of `addrs`
/// (this machine's own lines; another host's line keeps its names).
pub fn rename_on(current: &str, addrs: &[String], old: &str, new: &str) -> String {
    current
        .lines()
        .map(|line| {
            let own = line.split_whitespace().next().is_some_and(|a| addrs.iter().any(|x| x == a));
            if !own || line.trim_start().starts_with('#') {
                return format!("{line}\n");
            }
            let renamed: String = line
                .split_inclusive(char::is_whitespace)
                .map(|tok| {
                    let word = tok.trim_end();
                    if word == old { format!("{new}{}", &tok[word.len()..]) } else { tok.to_string() }
                })
                .collect();
            format!("{renamed}\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_whole_words_on_own_lines_only() {
        let hosts = "127.0.0.1 localhost\n127.0.1.1 core core.example.com corex\n10.0.0.9 core # another node\n";
        let own = vec!["127.0.0.1".to_string(), "127.0.1.1".to_string()];
        assert_eq!(
            rename_on(hosts, &own, "core", "hub"),
            "127.0.0.1 localhost\n127.0.1.1 hub core.example.com corex\n10.0.0.9 core # another node\n"
        );
    }

    #[test]
    fn one_endpoint_line() {
        let t = with_endpoint("127.0.0.1 localhost\n1.2.3.4 api.a # Added by Stackato\n", "5.6.7.8", "api.b");
        assert_eq!(t, "127.0.0.1 localhost\n5.6.7.8 api.b # Added by Stackato\n");
        assert_eq!(without_endpoint(&t), "127.0.0.1 localhost\n");
    }
}
