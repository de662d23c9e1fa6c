//! `node rename HOSTNAME`: the node's hostname (etc/hostname and /etc/hosts under the
//! root), the cluster endpoint when it was derived from the old name, the registry, and a
//! restart of the started roles unless told not to.

use crate::model::node::{self, NodeType};
use crate::model::store::{Mutation, registry};
use crate::ops::context::Ctx;
use anyhow::Result;
use serde_json::json;

/// A valid hostname: dot-separated labels of letters, digits and inner hyphens.
pub fn validate_hostname(name: &str) -> Result<()> {
    node::validate_dns_name(name, "hostname")
}

fn replace_word(text: &str, old: &str, new: &str) -> String {
    text.lines()
        .map(|line| {
            line.split_inclusive(char::is_whitespace)
                .map(|tok| {
                    let word = tok.trim_end();
                    if word == old { format!("{new}{}", &tok[word.len()..]) } else { tok.to_string() }
                })
                .collect::<String>()
        })
        .map(|l| l + "\n")
        .collect()
}

pub fn rename(ctx: &Ctx, hostname: &str, no_restart: bool, dry_run: bool) -> Result<()> {
    let new = hostname.to_ascii_lowercase();
    validate_hostname(&new)?;
    let root = &ctx.root;
    let old = node::hostname(root)?;
    if old == new {
        ctx.ui.info("No change.");
        return Ok(());
    }
    let state = ctx.node_state()?.clone();
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let me = ctx.node_id()?;
    let (old_domain, new_domain) = (node::domain_of(&old), node::domain_of(&new));
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let owns_endpoint =
        state.node_type != NodeType::Node && (state.is_micro() || endpoint == format!("api.{old_domain}"));
    let new_endpoint = format!("api.{new_domain}");
    if dry_run {
        println!("dry run: would rename {old} to {new}");
        if owns_endpoint {
            println!("dry run: would change the endpoint {endpoint} to {new_endpoint}");
        }
        return Ok(());
    }
    ctx.ui.header(&format!("Renaming hostname from {old} to {new} ({new_domain})"));
    crate::infra::files::write(&root.hostname_file(), format!("{new}\n").as_bytes())?;
    if let Some(bytes) = crate::infra::files::read_optional(&root.hosts_file())? {
        let text = String::from_utf8_lossy(&bytes);
        let replaced = replace_word(&text, &old, &new);
        if replaced != text {
            crate::infra::files::write(&root.hosts_file(), replaced.as_bytes())?;
        }
    }
    if root.dir() == std::path::Path::new("/") {
        nix::unistd::sethostname(&new).map_err(|e| anyhow::anyhow!("cannot set the kernel hostname: {e}"))?;
    }
    if owns_endpoint {
        store.mutate(
            catalog,
            &Mutation::ConfigSet {
                component: "cluster".into(),
                path: "endpoint".into(),
                value: json!(new_endpoint),
                force: true,
            },
            false,
        )?;
        let ip = crate::infra::hosts::endpoint_ip(root).unwrap_or_else(|| me.clone());
        crate::infra::hosts::set_endpoint(root, &ip, &new_endpoint)?;
        ctx.ui.info(&format!("The cluster endpoint is now {new_endpoint}"));
    }
    if registry::has_node(&doc, &me) {
        store.mutate(
            catalog,
            &Mutation::SetNodeMeta { node: me.clone(), key: "hostname".into(), value: json!(new) },
            false,
        )?;
    }
    if !no_restart {
        let fresh = ctx.fresh();
        let doc = fresh.read_cluster()?;
        let roles = crate::ops::processes::control::started_roles(fresh.catalog()?, &doc, &me);
        crate::ops::lifecycle::stop_roles_with(&fresh, &me, &roles, true)?;
        crate::ops::lifecycle::start_roles(&fresh, &me, &roles)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_words_only() {
        let hosts = "127.0.0.1 localhost\n10.0.0.5 core core.example.com corex\n";
        assert_eq!(replace_word(hosts, "core", "hub"), "127.0.0.1 localhost\n10.0.0.5 hub core.example.com corex\n");
    }

    #[test]
    fn hostnames() {
        assert!(validate_hostname("node-1.example.com").is_ok());
        for bad in ["", "-a", "a..b", "a_b", "a b", "x;y"] {
            assert!(validate_hostname(bad).is_err(), "{bad}");
        }
    }
}
