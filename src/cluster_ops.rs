//! Work that fans out over the nodes of the cluster: asking each node for its process
//! states. The local node is asked directly; other nodes through the SSH transport.

use crate::context::Ctx;
use crate::status::NodeReport;
use crate::store::Document;
use anyhow::Result;

/// Process reports for `nodes`, in the same order.
pub fn node_reports(
    ctx: &Ctx,
    doc: &Document,
    nodes: &[String],
) -> Result<Vec<(String, NodeReport)>> {
    let catalog = ctx.catalog()?;
    let local = ctx.node_id()?;
    Ok(nodes
        .iter()
        .map(|n| {
            let report = if *n == local {
                crate::processes::local_report(&ctx.root, catalog, doc, n)
            } else {
                Err(format!(
                    "node {n} is not this node and no transport to it is configured"
                ))
            };
            (n.clone(), report)
        })
        .collect())
}
