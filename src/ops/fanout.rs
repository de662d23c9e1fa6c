//! Work that fans out over the nodes of the cluster: asking each node for its process
//! states. The local node is asked directly; the others at once over SSH.

use crate::model::store::Document;
use crate::ops::context::Ctx;
use crate::ops::processes::state::ProcessStatus;
use crate::ops::remote::Request;
use crate::ops::status::NodeReport;
use anyhow::Result;

fn decode(v: serde_json::Value) -> NodeReport {
    match (v.get("ok"), v.get("down")) {
        (Some(ok), _) => serde_json::from_value::<Vec<ProcessStatus>>(ok.clone()).map_err(|e| e.to_string()),
        (_, Some(why)) => Err(why.as_str().unwrap_or("down").to_string()),
        _ => Err("unexpected answer".to_string()),
    }
}

/// Process reports for `nodes`, in the same order.
pub fn node_reports(ctx: &Ctx, doc: &Document, nodes: &[String]) -> Result<Vec<(String, NodeReport)>> {
    let catalog = ctx.catalog()?;
    let local = ctx.node_id()?;
    let others: Vec<String> = nodes.iter().filter(|n| **n != local).cloned().collect();
    let mut remote: Vec<(String, NodeReport)> = if others.is_empty() {
        Vec::new()
    } else {
        ctx.transport()?
            // The document goes along, so that a node need not read it back from the core.
            .call_many(&others, |_| Request::NodeReport { doc: Some(Box::new(doc.clone())) })
            .into_iter()
            .map(|(n, r)| (n, r.map_err(|e| crate::error::one_line(&e)).and_then(decode)))
            .collect()
    };
    Ok(nodes
        .iter()
        .map(|n| {
            if *n == local {
                (n.clone(), crate::ops::processes::local_report(&ctx.root, catalog, doc, n))
            } else {
                match remote.iter().position(|(r, _)| r == n) {
                    Some(i) => remote.swap_remove(i),
                    None => (n.clone(), Err("no answer".to_string())),
                }
            }
        })
        .collect())
}
