//! `kato process start|stop|restart`.

use crate::cli::ui::Tone;
use crate::ops::context::Ctx;
use anyhow::{Result, bail};
use clap::Args;

#[derive(Debug, Args)]
pub struct ActArgs {
    /// Process names, or "all"
    #[arg(value_name = "PROCESS")]
    pub processes: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    Stop,
    Restart,
}

pub fn cmd_act(ctx: &Ctx, action: Action, args: &ActArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    if node != ctx.node_id()? && !args.dry_run {
        return on_node(ctx, &node, action, &args.processes);
    }
    let (names, unassigned) = super::select(ctx, &doc, &node, &args.processes)?;
    if args.dry_run {
        let verb = format!("{action:?}").to_lowercase();
        println!("dry run: would {verb} on {node}: {}", names.join(", "));
        return Ok(());
    }
    for n in &unassigned {
        ctx.ui.warn(&format!("{n} is not configured for node {node}. See 'kato role add'"));
    }
    let catalog = ctx.catalog()?;
    let sup = match crate::ops::processes::sync(&ctx.root, catalog, &doc, &node)? {
        Some(s) => s,
        None => return Ok(()),
    };
    let mut order = names.clone();
    if action == Action::Stop {
        order.reverse();
    }
    let mut failed = Vec::new();
    for name in &order {
        if matches!(action, Action::Stop | Action::Restart) {
            sup.ensure_stopped(name, true)?;
            if action == Action::Stop {
                ctx.ui.action(0, &format!("process {name}"), "stopped", Tone::Ok);
            }
        }
        if matches!(action, Action::Start | Action::Restart) {
            let spec = catalog.process(name);
            if spec.is_some_and(|s| !crate::ops::processes::state::enabled(s, &doc)) {
                ctx.ui.action(0, &format!("process {name}"), "disabled", Tone::Skip);
                continue;
            }
            let started = sup.ensure_started(name, true);
            let info = sup.get_process_info(name)?;
            match (started, info.statename.as_str()) {
                (Ok(true), "RUNNING") => ctx.ui.action(0, &format!("process {name}"), "started", Tone::Ok),
                (Ok(false), "RUNNING") => ctx.ui.action(0, &format!("process {name}"), "running", Tone::Ok),
                (_, state) => {
                    ctx.ui.action(0, &format!("process {name}"), &format!("fail ({state})"), Tone::Fail);
                    failed.push(name.clone());
                }
            }
        }
    }
    if !failed.is_empty() {
        bail!("failed to start: {}", failed.join(", "));
    }
    Ok(())
}

/// Run the same `kato process` command on another node and relay its output and status.
fn on_node(ctx: &Ctx, node: &str, action: Action, names: &[String]) -> Result<()> {
    let verb = match action {
        Action::Start => "start",
        Action::Stop => "stop",
        Action::Restart => "restart",
    };
    let mut args = vec!["process".to_string(), verb.to_string()];
    args.extend(names.iter().cloned());
    let v = ctx.transport()?.call(node, &crate::ops::remote::Request::Kato { args })?;
    let run: crate::ops::remote::KatoRun = serde_json::from_value(v)?;
    print!("{}", run.stdout);
    eprint!("{}", run.stderr);
    if run.code != 0 { Err(crate::error::silent(run.code)) } else { Ok(()) }
}
