//! The record of state-changing commands: reading a node's (another node is asked over
//! SSH) and recording one.

use super::context::Ctx;
use super::remote::{HistoryAnswer, Request};
use crate::infra::history::{self, Event};
use anyhow::Result;

/// The cluster's history, oldest first: on the core its own record (which also holds the
/// store changes other nodes asked of it); on an attached node the core's merged with this
/// node's own (this node's alone, with a warning, when the core cannot be reached, or
/// with `local_only`). `node` keeps the events of that node, whose own record is asked too.
pub fn read(ctx: &Ctx, node: Option<&str>, local_only: bool) -> Result<Vec<Event>> {
    let node = match node {
        Some(n) => Some(crate::model::node::parse_ip(n, "node id")?.to_string()),
        None => None,
    };
    let local = ctx.local()?;
    let mut events = history::read(&ctx.root.history_file())?;
    let mut ask: Vec<String> = Vec::new();
    if let (false, true, Some(core)) = (local_only, local.is_attached(), &local.state.core_ip) {
        ask.push(core.clone());
    }
    // A node's own record also holds what changed only there: asked when named.
    if let Some(n) = &node
        && !local_only
        && *n != local.id
        && !ask.contains(n)
        && crate::model::store::registry::has_node(&local.read_cluster(ctx)?, n)
    {
        ask.push(n.clone());
    }
    for other in &ask {
        match ctx.transport().and_then(|t| super::remote::ask::<HistoryAnswer>(t, other, &Request::History)) {
            Ok(theirs) => {
                for e in theirs {
                    if !events.contains(&e) {
                        events.push(e);
                    }
                }
            }
            Err(e) => ctx
                .out
                .warn(&format!("{other} is unreachable ({}); its history is not shown", crate::error::one_line(&e))),
        }
    }
    events.sort_by_key(|e| e.unix_time);
    Ok(events.into_iter().filter(|e| node.as_ref().is_none_or(|n| *n == e.node_id)).collect())
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

/// Record on this node (the core) a store change another node asked for, so that a
/// `config set` typed on an attached node is in the core's history too. The asker is the
/// SSH client's address when known; values are redacted as a command line's would be.
pub fn record_remote(ctx: &Ctx, m: &crate::model::store::Mutation) -> Result<()> {
    use crate::model::store::Mutation;
    let asker = std::env::var("SSH_CLIENT")
        .ok()
        .and_then(|c| c.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "another node".into());
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let config = |verb: &str, component: &str, path: &str, value: Option<&serde_json::Value>| {
        let mut argv = vec!["config".to_string(), verb.to_string(), component.to_string(), path.to_string()];
        argv.extend(value.map(text));
        history::redact(&argv)
    };
    let command = match m {
        Mutation::ConfigSet { component, path, value, .. } => config("set", component, path, Some(value)),
        Mutation::ConfigPush { component, path, value } => config("push", component, path, Some(value)),
        Mutation::ConfigPop { component, path, value } => config("pop", component, path, Some(value)),
        Mutation::ConfigDel { component, path, .. } => config("del", component, path, None),
        other => {
            let v = serde_json::to_value(other)?;
            let op = v.get("op").and_then(|o| o.as_str()).unwrap_or("change").replace('_', " ");
            let node = v.get("node").and_then(|o| o.as_str()).map(|n| format!(" {n}")).unwrap_or_default();
            format!("kato ({op}{node})")
        }
    };
    let local = ctx.local()?;
    let event = Event {
        unix_time: history::now_secs(),
        node_id: local.id,
        command: format!("{command} (asked by {asker})"),
        status: "succeeded".into(),
    };
    history::record(&ctx.root.history_file(), &event)
}
