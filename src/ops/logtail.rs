//! `kato log tail`: the logs of the cluster's processes, every line tagged with its
//! process and node. All nodes by default (lines merged as they come), or one node; the
//! lines go to a [`LogOut`] the caller provides.

use super::context::{Ctx, Local};
use super::remote::Request;
use crate::infra::logtail::{self, LogLine, Source};
use crate::infra::supervisor::SupervisorPaths;
use anyhow::Result;
use std::sync::Arc;

/// Where log lines go. Shared by the threads that read this node and the other nodes.
pub trait LogOut: Send + Sync {
    /// One line; false once nobody reads any more.
    fn line(&self, line: &LogLine) -> bool;
    /// After a round of reads of this node (`had_lines`: whether it found any); false to
    /// stop. A buffering writer flushes here.
    fn end_of_round(&self, had_lines: bool) -> bool;
    /// A node's stream broke (`reconnecting`: it will be asked again).
    fn dropped(&self, node: &str, why: &str, reconnecting: bool);
    /// A node sent something that is not a log record.
    fn garbled(&self, node: &str, raw: &str);
}

/// Which nodes to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nodes {
    All,
    Local,
    One(String),
}

/// The log files of the named components (processes, roles, groups; default: every
/// process of this node and supervisord) on this node.
pub fn local_sources(ctx: &Ctx, local: &Local, components: &[String]) -> Result<Vec<Source>> {
    let catalog = &local.catalog;
    let doc = local.read_cluster(ctx)?;
    let paths = SupervisorPaths::under(ctx.root.dir());
    let mut names: Vec<String> = Vec::new();
    if components.is_empty() {
        let roles = super::processes::assigned_roles(catalog, &doc, &local.id);
        names.extend(super::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
        names.push("supervisord".into());
    }
    for c in components {
        if c == "supervisord" || catalog.process(c).is_some() {
            names.push(c.clone());
        } else if catalog.is_role(c) || catalog.group(c).is_some() {
            let roles = crate::model::catalog::update::expand_word(catalog, c, true)?;
            names.extend(super::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
        } else {
            let mut words = catalog.role_words();
            words.extend(catalog.processes.iter().map(|p| p.name.as_str()));
            crate::bail_usage!("Invalid component '{}'{}", c.escape_default(), crate::error::did_you_mean(c, words));
        }
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    Ok(names
        .into_iter()
        .map(|n| {
            let path = if n == "supervisord" { paths.main_log() } else { paths.program_log(&n) };
            Source::new(n, path)
        })
        .collect())
}

/// The components a `kato log stream` reads for its keys: `systail` is every process,
/// `systail.PROCESS` one process. Other keys (events, app logs) have no source in kato.
pub fn stream_components(keys: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for k in keys {
        match k.strip_prefix("systail") {
            Some("") => return Ok(Vec::new()),
            Some(rest) if rest.starts_with('.') && rest.len() > 1 => out.push(rest[1..].to_string()),
            _ => crate::bail_usage!(
                "unsupported stream key '{}': kato streams process logs (systail, systail.PROCESS)",
                k.escape_default()
            ),
        }
    }
    Ok(out)
}

/// Tail this node's logs only (also what a node streams back to the asker).
pub fn tail_here(ctx: &Ctx, components: &[String], lines: usize, follow: bool, out: &dyn LogOut) -> Result<()> {
    let local = ctx.local()?;
    let mut sources = local_sources(ctx, &local, components)?;
    run_local(&local.id, &mut sources, lines, follow, out)
}

fn run_local(node: &str, sources: &mut [Source], lines: usize, follow: bool, out: &dyn LogOut) -> Result<()> {
    let mut sink = |line: LogLine| out.line(&line);
    let mut end = |had: bool| out.end_of_round(had);
    logtail::run_batched(node, sources, lines, follow, &mut sink, &mut end)
}

pub fn tail(
    ctx: &Ctx,
    components: &[String],
    lines: usize,
    nodes: Nodes,
    follow: bool,
    out: Arc<dyn LogOut>,
) -> Result<()> {
    let local = ctx.local()?;
    let mut sources = local_sources(ctx, &local, components)?;
    let targets: Vec<String> = match nodes {
        Nodes::Local => vec![local.id.clone()],
        Nodes::One(n) => vec![local.target_node(Some(&n), &local.read_cluster(ctx)?)?],
        Nodes::All => crate::model::store::registry::node_ids(&local.read_cluster(ctx)?),
    };
    if targets == [local.id.clone()] {
        return run_local(&local.id, &mut sources, lines, follow, out.as_ref());
    }
    let remote: Vec<String> = targets.iter().filter(|n| **n != local.id).cloned().collect();
    let local_thread = targets.contains(&local.id).then(|| {
        let (node, out) = (local.id.clone(), out.clone());
        std::thread::spawn(move || {
            // Lines from several sources are written one whole line at a time.
            let mut sink = |line: LogLine| out.line(&line) && out.end_of_round(true);
            logtail::run(&node, &mut sources, lines, follow, &mut sink)
        })
    });
    let req = Request::LogTail { components: components.to_vec(), lines, follow };
    let (on_line, on_drop) = (out.clone(), out.clone());
    ctx.transport()?.stream_many(
        &remote,
        &req,
        follow,
        move |node, raw| match serde_json::from_str::<LogLine>(raw) {
            Ok(line) => {
                on_line.line(&line);
                on_line.end_of_round(true);
            }
            Err(_) => on_line.garbled(node, raw),
        },
        move |node, why| on_drop.dropped(node, why, follow),
    )?;
    if let Some(t) = local_thread {
        t.join().map_err(|_| anyhow::anyhow!("the local log reader failed"))??;
    }
    Ok(())
}
