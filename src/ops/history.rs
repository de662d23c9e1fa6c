//! The record of state-changing commands: reading a node's (another node is asked over
//! SSH) and recording one.

use super::context::Ctx;
use super::remote::{HistoryAnswer, Request};
use crate::infra::history::{self, Event};
use anyhow::Result;

/// The events of this node, or of `node` (asked over SSH when it is another cluster node;
/// this node's events about it otherwise).
pub fn read(ctx: &Ctx, node: Option<&str>) -> Result<Vec<Event>> {
    let node = match node {
        Some(n) => Some(crate::model::node::parse_ip(n, "node id")?.to_string()),
        None => None,
    };
    let local = ctx.local()?;
    if let Some(n) = &node
        && *n != local.id
        && crate::model::store::registry::has_node(&local.read_cluster(ctx)?, n)
    {
        return super::remote::ask::<HistoryAnswer>(ctx.transport()?, n, &Request::History);
    }
    Ok(history::read(&ctx.root.history_file())?
        .into_iter()
        .filter(|e| node.as_ref().is_none_or(|n| *n == e.node_id))
        .collect())
}

/// Answer another node's `History` request.
pub fn answer(ctx: &Ctx) -> Result<HistoryAnswer> {
    history::read(&ctx.root.history_file())
}

/// Record a finished command (`argv` without the program name) and how it ended.
pub fn record(ctx: &Ctx, argv: &[String], status: String) -> Result<()> {
    // Asked afresh: the command may have changed this node's identity (setup, attach).
    let node_id = ctx.local().map(|l| l.id).unwrap_or_else(|_| "unknown".into());
    let event = Event { unix_time: history::now_secs(), node_id, command: history::redact(argv), status };
    history::record(&ctx.root.history_file(), &event)
}

/// Record something kato did by itself (not a command), such as migrating a file's layout.
pub fn note(root: &crate::model::root::Root, what: &str) {
    let node_id = crate::model::node::NodeState::load(root)
        .ok()
        .and_then(|s| crate::model::node::node_id(root, &s).ok())
        .unwrap_or_else(|| "unknown".into());
    let event = Event {
        unix_time: history::now_secs(),
        node_id,
        command: format!("kato ({what})"),
        status: "succeeded".into(),
    };
    let _ = history::record(&root.history_file(), &event);
}
