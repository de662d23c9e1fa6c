//! `op remap_hosts OLD NEW`: the default shared domain in the cluster's configuration.
//! kato has no controller database of application routes; what it owns are the config
//! components, so every string value there naming OLD as a domain (`OLD`, `x.OLD`,
//! `http://x.OLD/…`) is rewritten to NEW, one top-level key at a time. The registry
//! (`node`), this node's `local` settings and the cluster endpoint (`kato node rename`
//! owns it) are left alone.

use super::cluster::reversible_mutate_step;
use super::context::Ctx;
use super::workflow::{Outcome, Report, Workflow};
use crate::model::store::Mutation;
use anyhow::Result;
use serde_json::Value;

/// `text` with every occurrence of `old` that is a whole domain suffix (preceded by the
/// start, a dot or a non-name character, and followed by the end or a non-name character)
/// replaced by `new`.
pub fn remap_text(text: &str, old: &str, new: &str) -> String {
    let name = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(old) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + old.len()..].chars().next();
        let bounded = before.is_none_or(|c| !name(c)) && after.is_none_or(|c| !name(c) && c != '.');
        out.push_str(&rest[..i]);
        out.push_str(if bounded { new } else { old });
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    out
}

fn remap_value(v: &Value, old: &str, new: &str, seen: &mut Vec<(String, String)>) -> Value {
    match v {
        Value::String(s) => {
            let r = remap_text(s, old, new);
            if r != *s {
                seen.push((s.clone(), r.clone()));
            }
            Value::String(r)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| remap_value(x, old, new, seen)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), remap_value(x, old, new, seen))).collect()),
        other => other.clone(),
    }
}

pub fn remap_hosts(ctx: &Ctx, old: &str, new: &str, dry_run: bool) -> Result<Outcome<Report>> {
    let (old, new) = (old.to_ascii_lowercase(), new.to_ascii_lowercase());
    crate::model::node::validate_dns_name(&old, "hostname")?;
    crate::model::node::validate_dns_name(&new, "hostname")?;
    if old == new {
        crate::bail_usage!("Old and new hostnames are the same");
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let mut changes = Vec::new();
    for (component, value) in &doc.components {
        if ["node", "local"].contains(&component.as_str()) {
            continue;
        }
        let Some(map) = value.as_object() else { continue };
        for (key, v) in map {
            if component == "cluster" && crate::model::store::components::PROTECTED_CLUSTER_KEYS.contains(&key.as_str())
            {
                continue;
            }
            let mut seen = Vec::new();
            let remapped = remap_value(v, &old, &new, &mut seen);
            if !seen.is_empty() {
                changes.push((component.clone(), key.clone(), v.clone(), remapped, seen));
            }
        }
    }
    if !dry_run {
        ctx.out.header(&format!("Remapping application URLs from {old} -> {new}"));
    }
    if changes.is_empty() {
        ctx.out.info(&format!("No configuration value names {old}; nothing to remap."));
        return Ok(Outcome::Done(Report::default()));
    }
    let mut wf = Workflow::new();
    let mut replaced = Vec::new();
    for (component, key, before, after, seen) in changes {
        let set = |value| Mutation::ConfigSet { component: component.clone(), path: key.clone(), value, force: false };
        let m = set(after);
        local.store(ctx)?.mutate(&local.catalog, &m, true)?;
        let title = format!("remap {component} {key}");
        wf = wf.step(reversible_mutate_step(ctx, &local, "remap", title, m, set(before)));
        replaced.extend(seen);
    }
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        for (from, to) in replaced {
            ctx.out.info(&format!("Replacing {from} with {to}"));
        }
        ctx.out.info("Done updating configuration.");
        ctx.out.warn("All affected apps will need to be restarted");
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::remap_text;

    #[test]
    fn remaps_whole_domains_only() {
        assert_eq!(remap_text("app.old.test", "old.test", "new.test"), "app.new.test");
        assert_eq!(remap_text("https://a.old.test/x", "old.test", "new.test"), "https://a.new.test/x");
        assert_eq!(remap_text("old.test", "old.test", "new.test"), "new.test");
        assert_eq!(remap_text("bold.test", "old.test", "new.test"), "bold.test");
        assert_eq!(remap_text("old.testing", "old.test", "new.test"), "old.testing");
        assert_eq!(remap_text("old.test.org", "old.test", "new.test"), "old.test.org");
    }
}
