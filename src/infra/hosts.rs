//! The endpoint line kato keeps in `/etc/hosts` (under the root):
//! `<ip> <endpoint> # Added by Stackato`.

use crate::model::root::Root;
use anyhow::Result;

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
pub fn set_endpoint(root: &Root, ip: &str, endpoint: &str) -> Result<Option<Option<Vec<u8>>>> {
    let path = root.hosts_file();
    let before = crate::infra::files::read_optional(&path)?;
    let text = before.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
    let after = with_endpoint(&text, ip, endpoint);
    if after == text {
        return Ok(None);
    }
    crate::infra::files::write(&path, after.as_bytes())?;
    Ok(Some(before))
}

/// kato's line as (IP, endpoint), if there is one.
pub fn endpoint_entry(root: &Root) -> Option<(String, String)> {
    let text = std::fs::read_to_string(root.hosts_file()).ok()?;
    let line = text.lines().find(|l| l.trim_end().ends_with(MARKER))?;
    let mut fields = line.split_whitespace();
    Some((fields.next()?.to_string(), fields.next()?.to_string()))
}

/// The IP currently mapped to the endpoint by kato's line.
pub fn endpoint_ip(root: &Root) -> Option<String> {
    endpoint_entry(root).map(|(ip, _)| ip)
}
