//! `node migrate OLD NEW`: on the core, replace every reference to a node's old address
//! (cluster config, registry, /etc/hosts, this node's identity). With `reattach_all`, every
//! attached node is re-pointed at the core's new address over SSH, with a report per node.

use crate::cli::ui::Tone;
use crate::model::node::{NodeState, NodeType};
use crate::model::store::{Mutation, registry};
use crate::ops::context::Ctx;
use crate::ops::remote::Request;
use anyhow::{Result, bail};

pub struct MigrateOptions {
    pub old: String,
    pub new: String,
    pub reattach_all: bool,
    pub no_restart: bool,
    pub dry_run: bool,
}

pub fn migrate(ctx: &Ctx, opts: &MigrateOptions) -> Result<()> {
    let old = crate::model::node::parse_ip(&opts.old, "<old-node-IP>")?.to_string();
    let new = crate::model::node::parse_ip(&opts.new, "<new-node-IP>")?.to_string();
    let state = ctx.node_state()?.clone();
    if state.node_type != NodeType::Core {
        bail!("run 'kato node migrate' on the core node");
    }
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let me = ctx.node_id()?;
    // The core's own registered address (KATO_NODE_IP may already name the new one).
    let core_id = state.node_id.clone().unwrap_or_else(|| me.clone());
    let applied = store.mutate(catalog, &Mutation::MigrateNode { old: old.clone(), new: new.clone() }, opts.dry_run)?;
    if opts.dry_run {
        return crate::cli::commands::print_dry_run(ctx, &applied.changes);
    }
    ctx.ui.info(&format!("Migrating {old} config to {new}"));
    let core_moved = old == core_id || old == me;
    if core_moved {
        let mut s: NodeState = state.clone();
        s.node_id = Some(new.clone());
        s.save(&ctx.root)?;
        if crate::infra::hosts::endpoint_ip(&ctx.root).as_deref() == Some(old.as_str()) {
            let doc = store.read(catalog)?;
            crate::infra::hosts::set_endpoint(&ctx.root, &new, doc.get_str("cluster", "endpoint").unwrap_or(""))?;
        }
    }
    let mut failed = Vec::new();
    if opts.reattach_all && core_moved {
        let doc = store.read(catalog)?;
        let others: Vec<String> = registry::node_ids(&doc).into_iter().filter(|n| *n != new).collect();
        if !others.is_empty() {
            ctx.ui.header(&format!("Re-pointing {} node(s) at {new}", others.len()));
        }
        let host_keys = super::detach::own_host_keys(ctx);
        for (ip, r) in ctx
            .transport()?
            .call_many(&others, |_| Request::Reattach { core_ip: new.clone(), host_keys: host_keys.clone() })
        {
            match r {
                Ok(_) => ctx.ui.action(0, &format!("reattach {ip}"), "ok", Tone::Ok),
                Err(e) => {
                    ctx.ui.action(0, &format!("reattach {ip}"), "fail", Tone::Fail);
                    failed.push(format!("{ip}: {}", crate::error::one_line(&e)));
                }
            }
        }
    } else if core_moved {
        ctx.ui.info(&format!("Run 'kato node reattach {new}' on every other node (or re-run with --reattach-all)."));
    }
    if core_moved && !opts.no_restart {
        let fresh = ctx.fresh();
        let doc = fresh.read_cluster()?;
        let roles = crate::ops::processes::control::started_roles(fresh.catalog()?, &doc, &new);
        crate::ops::lifecycle::stop_roles_with(&fresh, &new, &roles, true)?;
        crate::ops::lifecycle::start_roles(&fresh, &new, &roles)?;
    }
    if !failed.is_empty() {
        bail!("could not re-point {}", failed.join("; "));
    }
    Ok(())
}
