//! `kato log tail`: the logs of the cluster's processes, every line prefixed
//! `process@node:`. All nodes by default (lines merged as they come), or one node.

use crate::infra::logtail::{self, LogLine, Source};
use crate::infra::supervisor::SupervisorPaths;
use crate::ops::context::Ctx;
use crate::ops::remote::Request;
use anyhow::Result;
use clap::Args;

/// Show (and follow) the logs of processes, from every node of the cluster
#[derive(Debug, Args)]
pub struct TailArgs {
    /// Processes, roles or role groups (default: every process, and supervisord)
    #[arg(value_name = "COMPONENT")]
    pub components: Vec<String>,
    /// A number: lines to show from each log (default 10); an IP: only that node
    #[arg(short = 'n', value_name = "LINES|NODE_IP")]
    pub n: Option<String>,
    /// Lines to show from each log before following
    #[arg(long, value_name = "N")]
    pub lines: Option<usize>,
    /// Only this node
    #[arg(long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Only the node kato runs on
    #[arg(short = 'l', long, conflicts_with = "node")]
    pub local: bool,
    /// Keep following the logs (nodes that drop are reconnected)
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// One JSON object per line: {"process", "node", "text"}
    #[arg(long)]
    pub json: bool,
}

impl TailArgs {
    /// (lines, node) after reading `-n` as either.
    pub fn lines_and_node(&self) -> Result<(usize, Option<String>)> {
        let mut lines = self.lines.unwrap_or(10);
        let mut node = match &self.node {
            Some(n) => Some(crate::model::node::parse_ip(n, "node id")?.to_string()),
            None => None,
        };
        if let Some(v) = &self.n {
            if let Ok(n) = v.parse::<usize>() {
                if self.lines.is_some() {
                    crate::bail_usage!("-n {n} and --lines both give a line count");
                }
                lines = n;
            } else {
                let ip = crate::model::node::parse_ip(v, "node id")?.to_string();
                if node.is_some() || self.local {
                    crate::bail_usage!("-n {ip} conflicts with --node/--local");
                }
                node = Some(ip);
            }
        }
        Ok((lines, node))
    }
}

/// The log files of the named components on this node.
pub fn local_sources(ctx: &Ctx, components: &[String]) -> Result<Vec<Source>> {
    let catalog = ctx.catalog()?;
    let doc = ctx.read_cluster()?;
    let node = ctx.node_id()?;
    let paths = SupervisorPaths::under(ctx.root.dir());
    let mut names: Vec<String> = Vec::new();
    if components.is_empty() {
        let roles = crate::ops::processes::assigned_roles(catalog, &doc, &node);
        names.extend(crate::ops::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
        names.push("supervisord".into());
    }
    for c in components {
        if c == "supervisord" || catalog.process(c).is_some() {
            names.push(c.clone());
        } else if catalog.is_role(c) || catalog.group(c).is_some() {
            let roles = crate::model::catalog::update::expand_word(catalog, c, true)?;
            names.extend(crate::ops::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
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

pub fn cmd_tail(ctx: &Ctx, args: &TailArgs) -> Result<()> {
    let (lines, node) = args.lines_and_node()?;
    let local = ctx.node_id()?;
    let mut sources = local_sources(ctx, &args.components)?;
    let targets: Vec<String> = if args.local {
        vec![local.clone()]
    } else if let Some(n) = node {
        let doc = ctx.read_cluster()?;
        vec![ctx.target_node(Some(&n), &doc)?]
    } else {
        crate::model::store::registry::node_ids(&ctx.read_cluster()?)
    };
    if targets == [local.clone()] {
        return logtail::run_to_stdout(&local, &mut sources, lines, args.follow, args.json);
    }
    let json = args.json;
    let follow = args.follow;
    let remote: Vec<String> = targets.iter().filter(|n| **n != local).cloned().collect();
    let local_thread = targets.contains(&local).then(|| {
        let node = local.clone();
        std::thread::spawn(move || {
            let mut sink = |line: LogLine| logtail::print_line(&line, json);
            logtail::run(&node, &mut sources, lines, follow, &mut sink)
        })
    });
    let ui = ctx.ui.clone();
    let warn_drop = move |node: &str, why: &str| {
        eprintln!("WARNING: lost the log stream of {node} ({why}){}", if follow { "; reconnecting" } else { "" });
    };
    let _ = ui;
    let req = Request::LogTail { components: args.components.clone(), lines, follow };
    ctx.transport()?.stream_many(
        &remote,
        &req,
        follow,
        move |node, raw| match serde_json::from_str::<LogLine>(raw) {
            Ok(line) => {
                logtail::print_line(&line, json);
            }
            Err(_) => eprintln!("WARNING: {node} sent a line that is not a log record: {raw}"),
        },
        warn_drop,
    )?;
    if let Some(t) = local_thread {
        t.join().map_err(|_| anyhow::anyhow!("the local log reader failed"))??;
    }
    Ok(())
}
