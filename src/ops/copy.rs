//! This node's last-known copy of the cluster document (`var/lib/kato/cluster-copy.json`),
//! refreshed whenever the node reads the store through its core, and used when the core
//! cannot be reached: local commands keep working during an outage.

use crate::model::root::Root;
use crate::model::store::{Document, parse_document};
use std::time::Duration;

fn path(root: &Root) -> std::path::PathBuf {
    root.join("var/lib/kato/cluster-copy.json")
}

/// Keep `doc` as the copy when it differs from the one kept (best effort: a node that
/// cannot write its copy still works while the core answers).
pub fn save(root: &Root, doc: &Document) {
    let p = path(root);
    let current = std::fs::read(&p).ok().and_then(|b| parse_document(&b).ok());
    if current.as_ref() == Some(doc) {
        return;
    }
    if current.as_ref().is_some_and(|c| c.revision > doc.revision) {
        // A newer copy was kept meanwhile (a concurrent command).
        return;
    }
    if let Ok(bytes) = serde_json::to_vec(doc) {
        let _ = crate::infra::files::write_state(&p, &bytes, crate::infra::files::STATE_FILE);
    }
}

/// The copy and its age, if there is one.
pub fn load(root: &Root) -> Option<(Document, Duration)> {
    let p = path(root);
    let bytes = std::fs::read(&p).ok()?;
    let doc = parse_document(&bytes).ok()?;
    let age = std::fs::metadata(&p).ok()?.modified().ok()?.elapsed().unwrap_or_default();
    Some((doc, age))
}

/// `42s`, `5m`, `3h`, `2d`.
pub fn human_age(age: Duration) -> String {
    let s = age.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}
