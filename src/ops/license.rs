//! `kato license set|enable|disable`: the cluster's license, kept in the store as
//! `cluster license` (the text) and `cluster license_enabled` (whether it is enforced),
//! and shown by `kato info`.

use super::config;
use super::context::Ctx;
use super::workflow::Outcome;
use crate::model::store::{Applied, Document, Mutation};
use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

/// The largest license accepted (a license is a key or a short YAML document).
const MAX_LICENSE_BYTES: usize = 64 * 1024;

/// The license as `kato info` shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct License {
    pub license: Option<String>,
    pub enabled: bool,
}

pub fn of(doc: &Document) -> License {
    License {
        license: doc.get_str("cluster", "license").map(str::to_string),
        enabled: doc.get("cluster", "license_enabled").and_then(Value::as_bool).unwrap_or(false),
    }
}

/// `kato license set VALUE`.
pub fn set(ctx: &Ctx, value: &str, dry_run: bool) -> Result<Outcome<Applied>> {
    let value = value.trim();
    if value.is_empty() {
        crate::bail_usage!("the license is empty");
    }
    if value.len() > MAX_LICENSE_BYTES {
        crate::bail_usage!("the license is larger than {} KiB", MAX_LICENSE_BYTES / 1024);
    }
    let m = Mutation::ConfigSet {
        component: "cluster".into(),
        path: "license".into(),
        value: Value::String(value.into()),
        force: false,
    };
    config::edit(ctx, m, dry_run)
}

/// `kato license enable|disable`; enabling needs a license set first.
pub fn enable(ctx: &Ctx, on: bool, dry_run: bool) -> Result<Outcome<Applied>> {
    if on {
        let local = ctx.local()?;
        if of(&local.read_cluster(ctx)?).license.is_none() {
            anyhow::bail!("no license is set; run 'kato license set LICENSE' first");
        }
    }
    let m = Mutation::ConfigSet {
        component: "cluster".into(),
        path: "license_enabled".into(),
        value: Value::Bool(on),
        force: false,
    };
    config::edit(ctx, m, dry_run)
}
