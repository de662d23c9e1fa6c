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
