//! `node remove`: on the core, take nodes out of the cluster. Each node is first asked to
//! detach (bounded by the SSH timeouts); an unreachable node is refused with a hint to
//! `--skip-detach`, leaving the registry as it was.

use crate::cli::ui::Tone;
use crate::model::node::NodeType;
use crate::model::store::{Mutation, registry};
use crate::ops::context::Ctx;
use crate::ops::remote::Request;
use anyhow::{Result, bail};

pub fn remove(ctx: &Ctx, nodes: &[String], skip_detach: bool, dry_run: bool) -> Result<()> {
    let state = ctx.node_state()?;
    if state.node_type != NodeType::Core {
        bail!(
            "run 'kato node remove' on the core node{}",
            state.core_ip.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
        );
    }
    let mut ips = Vec::new();
    for n in nodes {
        ips.push(crate::model::node::parse_ip(n, "<node-IP>")?.to_string());
    }
    let doc = ctx.read_cluster()?;
    let me = ctx.node_id()?;
    for ip in &ips {
        if *ip == me {
            crate::bail_usage!("{ip} is this core node; it cannot remove itself");
        }
        if !registry::has_node(&doc, ip) {
            crate::bail_usage!("{ip} is not a known node in this cluster");
        }
    }
    if dry_run {
        for ip in &ips {
            println!(
                "dry run: would {}remove {ip} ({})",
                if skip_detach { "" } else { "detach and " },
                registry::role_names_of(&doc, ip).join(" ")
            );
        }
        return Ok(());
    }
    let mut failed = Vec::new();
    if !skip_detach {
        let answers = ctx.transport()?.call_many(&ips, |_| Request::Detach { start: false });
        for (ip, r) in answers {
            ctx.ui.info(&format!("Updating removed node's ({ip}) config"));
            if let Err(e) = r {
                let unreachable = crate::infra::remote::is_unreachable(&e);
                failed.push(format!(
                    "{ip}: {}{}",
                    crate::error::one_line(&e),
                    if unreachable {
                        " (if it is gone for good, run 'kato node remove --skip-detach' for it)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    let keep_out: Vec<String> =
        ips.iter().filter(|ip| !failed.iter().any(|f| f.starts_with(&format!("{ip}:")))).cloned().collect();
    if !keep_out.is_empty() {
        let catalog = ctx.catalog()?;
        ctx.store()?.mutate(catalog, &Mutation::RemoveNodes { nodes: keep_out.clone() }, false)?;
        for ip in &keep_out {
            ctx.ui.action(0, &format!("Removing node {ip} from the cluster"), "ok", Tone::Ok);
        }
    }
    if !failed.is_empty() {
        bail!("could not remove {}", failed.join("; "));
    }
    Ok(())
}
