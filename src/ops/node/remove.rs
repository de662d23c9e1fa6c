//! `node remove`: on the core, take nodes out of the cluster. Each node is first asked to
//! detach (bounded by the SSH timeouts); a node that cannot be asked stays registered,
//! with a hint to `--skip-detach`.

use super::super::context::Ctx;
use super::super::remote::{Output, Request};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::node::NodeType;
use crate::model::store::{Mutation, registry};
use anyhow::{Result, bail};
use std::cell::RefCell;

pub fn remove(ctx: &Ctx, nodes: &[String], skip_detach: bool, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    if local.state.node_type != NodeType::Core {
        bail!(
            "run 'kato node remove' on the core node{}",
            local.state.core_ip.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
        );
    }
    let mut ips = Vec::new();
    for n in nodes {
        ips.push(crate::model::node::parse_ip(n, "<node-IP>")?.to_string());
    }
    let doc = local.read_cluster(ctx)?;
    for ip in &ips {
        if *ip == local.id {
            crate::bail_usage!("{ip} is this core node; it cannot remove itself");
        }
        if !registry::has_node(&doc, ip) {
            crate::bail_usage!("{ip} is not a known node in this cluster");
        }
    }
    let described: Vec<String> =
        ips.iter().map(|ip| format!("{ip} ({})", registry::role_names_of(&doc, ip).join(" "))).collect();
    let failed: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let leaving: RefCell<Vec<String>> = RefCell::new(ips.clone());
    let wf = Workflow::new()
        .step_if(!skip_detach, || {
            Step::new("detach-nodes", format!("ask {} to detach", described.join(", ")), || {
                let answers = ctx.transport()?.call_many(&ips, |_| Request::Detach { start: false });
                for (ip, r) in answers {
                    ctx.out.info(&format!("Updating removed node's ({ip}) config"));
                    if let Err(e) = r.and_then(|v| Ok(serde_json::from_value::<Output>(v)?)) {
                        let hint = if crate::infra::remote::is_unreachable(&e) {
                            " (if it is gone for good, run 'kato node remove --skip-detach' for it)"
                        } else {
                            ""
                        };
                        failed.borrow_mut().push(format!("{ip}: {}{hint}", crate::error::one_line(&e)));
                        leaving.borrow_mut().retain(|l| *l != ip);
                    }
                }
                Ok(if leaving.borrow().is_empty() { Done::Unchanged } else { Done::Final })
            })
        })
        .step(
            Step::new("unregister", format!("remove {} from the registry", ips.join(", ")), || {
                let gone = leaving.borrow().clone();
                if gone.is_empty() {
                    return Ok(Done::Unchanged);
                }
                local.store(ctx)?.mutate(&local.catalog, &Mutation::RemoveNodes { nodes: gone.clone() }, false)?;
                for ip in &gone {
                    ctx.out.action(0, &format!("Removing node {ip} from the cluster"), "ok", Tone::Ok);
                }
                Ok(Done::Final)
            })
            .changes(|| {
                Ok(local
                    .store(ctx)?
                    .mutate(&local.catalog, &Mutation::RemoveNodes { nodes: ips.clone() }, true)?
                    .changes)
            }),
        );
    let outcome = wf.execute(ctx, dry_run)?;
    let failed = failed.into_inner();
    if !failed.is_empty() {
        bail!("could not remove {}", failed.join("; "));
    }
    Ok(outcome)
}
