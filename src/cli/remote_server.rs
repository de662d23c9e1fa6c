//! The second entry point beside the command line: `kato __remote`, run by another node
//! over SSH. It reads one typed request from stdin, answers it with the same operation a
//! command would call, and writes one reply on stdout (log tails stream JSON lines).

use crate::cli::lines::StdoutLines;
use crate::infra::remote::{Envelope, PROTOCOL, Reply, kato_version};
use crate::model::root::Root;
use crate::ops::context::{Ctx, SshFlags};
use crate::ops::remote::{NodeReportAnswer, Output, Present, Request, RolePorts};
use crate::ops::report::Collect;
use crate::ops::{history, lifecycle, logtail, node, process, processes, upgrade};
use anyhow::{Result, bail};
use serde_json::{Value, json};
use std::io::{Read, Write};

const MAX_REQUEST: u64 = 16 * 1024 * 1024;

/// Run `kato __remote`: the exit status is 0 whenever a reply was written.
pub fn run(root: Root, ssh: SshFlags, verbose: bool) -> i32 {
    let collect = Collect::new(verbose);
    let ctx = Ctx::new(root, &collect, ssh);
    match serve(&ctx, &collect) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ERROR: {}", crate::error::one_line(&e));
            1
        }
    }
}

/// Read one envelope from stdin and answer it on stdout.
pub fn serve(ctx: &Ctx, collect: &Collect) -> Result<()> {
    let mut raw = Vec::new();
    std::io::stdin().lock().take(MAX_REQUEST).read_to_end(&mut raw)?;
    let reply = match serde_json::from_slice::<Envelope<Value>>(&raw) {
        Err(e) => Reply::answer(Err(anyhow::anyhow!("malformed request: {e}"))),
        Ok(env) if env.protocol != PROTOCOL => Reply::answer(Err(anyhow::anyhow!(
            "protocol version mismatch: this node speaks kato protocol {PROTOCOL} (kato {}), the caller speaks protocol {} (kato {})",
            kato_version(),
            env.protocol,
            env.kato_version
        ))),
        Ok(env) => match serde_json::from_value::<Request>(env.request) {
            Err(e) => Reply::answer(Err(anyhow::anyhow!("malformed request: {e}"))),
            Ok(Request::LogTail { components, lines, follow }) => {
                return logtail::tail_here(ctx, &components, lines, follow, &StdoutLines::new(follow, true));
            }
            Ok(Request::ExportNode { exclude_roles }) => {
                return crate::ops::data::export_here(ctx, &exclude_roles, &mut std::io::stdout().lock());
            }
            Ok(req) => Reply::answer(answer(ctx, collect, &req)),
        },
    };
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer(&mut stdout, &reply)?;
    stdout.write_all(b"\n")?;
    Ok(())
}

fn answer(ctx: &Ctx, collect: &Collect, req: &Request) -> Result<Value> {
    // A request that acts answers with the progress lines its operation reported; when it
    // fails, they go along with the error.
    let collected = |_: &Ctx, r: Result<()>| -> Result<Value> {
        let text = collect.text();
        match r {
            Ok(()) => Ok(json!(Output { output: text })),
            Err(e) if text.trim().is_empty() => Err(e),
            Err(e) => Err(e.context(text.trim_end().replace('\n', "; "))),
        }
    };
    Ok(match req {
        Request::Hello => json!(node::hello_here(ctx)?),
        Request::StoreRead => {
            let local = require_store_here(ctx)?;
            json!(local.read_cluster(ctx)?)
        }
        Request::StoreMutate { mutation, dry_run } => {
            let local = require_store_here(ctx)?;
            if matches!(mutation, crate::model::store::Mutation::InitCluster(_)) {
                bail!("a cluster is set up on its core ('kato node setup core'), not from another node");
            }
            let applied = local.store(ctx)?.mutate(&local.catalog, mutation, *dry_run)?;
            if !*dry_run && !applied.changes.is_empty() {
                // The change is made; a history that cannot be written does not undo it.
                let _ = crate::ops::history::record_remote(ctx, mutation);
            }
            json!(applied)
        }
        Request::NodeReport { doc } => {
            let local = ctx.local()?;
            // The asker's document spares a round trip to the core (see Request::NodeReport).
            let doc = match doc {
                Some(doc) => (**doc).clone(),
                None => local.read_cluster(ctx)?,
            };
            match processes::local_report(&ctx.root, &local.catalog, &doc, &local.id) {
                Ok(states) => json!(NodeReportAnswer::Ok(states)),
                Err(why) => json!(NodeReportAnswer::Down(why)),
            }
        }
        Request::Lifecycle { stop, start, force_stop } => {
            collected(ctx, lifecycle::answer(ctx, stop, start, *force_stop))?
        }
        Request::ProcessControl { action, processes } => collected(ctx, process::answer(ctx, *action, processes))?,
        Request::History => json!(history::answer(ctx)?),
        Request::Detach { start } => collected(ctx, node::detach::answer(ctx, *start))?,
        Request::Reattach { core_ip, host_keys } => {
            collected(ctx, node::detach::answer_reattach(ctx, core_ip, host_keys))?
        }
        Request::CheckFiles { paths } => {
            for p in paths {
                crate::ops::preflight::check_marker_path(p)?;
            }
            json!(Present { present: paths.iter().map(|p| ctx.root.join(p).exists()).collect() })
        }
        Request::DrainApply => json!(crate::ops::drains::answer_apply(ctx)?),
        Request::DrainStatus => json!(crate::ops::drains::states_here(ctx)?),
        Request::RolePorts { role } => {
            let (http, https) = ctx.local()?.catalog.role_ports(role);
            json!(RolePorts { http, https })
        }
        Request::LogTail { .. } | Request::ExportNode { .. } => bail!("streams are answered by serve()"),
        Request::ReportNode { lines } => json!(crate::ops::support::here(ctx, *lines)?),
        Request::UpgradeReadiness => json!(upgrade::node::readiness(&ctx.root)?),
        Request::UpgradeStage { version, sha256, total, offset, chunk } => {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(chunk)
                .map_err(|e| crate::error::usage(format!("the binary is not base64: {e}")))?;
            upgrade::node::stage_piece(&ctx.root, version, sha256, *total, *offset, &bytes)?;
            json!(Output::default())
        }
        Request::UpgradeSwap { version, sha256 } => json!(upgrade::node::swap(&ctx.root, version, sha256)?),
        Request::UpgradeRollback => json!(upgrade::node::rollback(&ctx.root)?),
        Request::Retire => collected(ctx, node::retire::here(ctx))?,
    })
}

fn require_store_here(ctx: &Ctx) -> Result<crate::ops::context::Local> {
    let local = ctx.local()?;
    if local.is_attached() {
        bail!(
            "this node is not the core (its core is {}); ask the core",
            local.state.core_ip.as_deref().unwrap_or("unknown")
        );
    }
    Ok(local)
}
