//! `kato log tail`: the logs of a node's processes, prefixed `process@node:`.

use crate::context::Ctx;
use crate::logtail::{self, Source};
use crate::supervisor::SupervisorPaths;
use anyhow::Result;
use clap::Args;

/// Show (and follow) the logs of processes
#[derive(Debug, Args)]
pub struct TailArgs {
    /// Processes, roles or role groups (default: every process of the node, and kato)
    #[arg(value_name = "COMPONENT")]
    pub components: Vec<String>,
    /// A number: lines to show from each log (default 10); an IP: only that node
    #[arg(short = 'n', value_name = "LINES|NODE_IP")]
    pub n: Option<String>,
    /// Lines to show from each log before following
    #[arg(long, value_name = "N", conflicts_with = "n")]
    pub lines: Option<usize>,
    /// Only this node
    #[arg(long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Only this node (the one kato runs on)
    #[arg(short = 'l', long)]
    pub local: bool,
    /// Keep following the logs
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
        let mut node = self.node.clone();
        if let Some(v) = &self.n {
            if let Ok(n) = v.parse::<usize>() {
                lines = n;
            } else {
                let ip = crate::node::parse_ip(v, "node id")?.to_string();
                if node.is_some() {
                    crate::bail_usage!("-n {ip} and --node both name a node");
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
        let roles = crate::processes::assigned_roles(catalog, &doc, &node);
        names.extend(crate::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
        names.push("supervisord".into());
    }
    for c in components {
        if c == "supervisord" || catalog.process(c).is_some() {
            names.push(c.clone());
        } else if catalog.is_role(c) || catalog.group(c).is_some() {
            let roles = crate::catalog::update::expand_word(catalog, c, true)?;
            names.extend(crate::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()));
        } else {
            let mut words = catalog.role_words();
            words.extend(catalog.processes.iter().map(|p| p.name.as_str()));
            crate::bail_usage!("Invalid component '{}'{}", c.escape_default(), crate::error::did_you_mean(c, words));
        }
    }
    names.dedup();
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
    if let Some(n) = &node
        && *n != local
    {
        crate::bail_usage!("node {n} is not this node ({local})");
    }
    let mut sources = local_sources(ctx, &args.components)?;
    logtail::run(&local, &mut sources, lines, args.follow, args.json)
}
