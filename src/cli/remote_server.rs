//! Answering a request from another node (`kato __remote`).

use crate::ops::context::Ctx;
use crate::ops::remote::{Envelope, Hello, KatoRun, PROTOCOL, Reply, Request, kato_version};
use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};
use std::io::{Read, Write};

const MAX_REQUEST: u64 = 16 * 1024 * 1024;

fn reply(ok: bool, result: Value, err: Option<&anyhow::Error>) -> Reply {
    Reply {
        protocol: PROTOCOL,
        kato_version: kato_version(),
        ok,
        usage_error: err.is_some_and(|e| crate::error::exit_code(e) == 2),
        error: err.map(crate::error::one_line),
        result,
    }
}

/// Read one envelope from stdin, answer it on stdout. Streams (log tails) write JSON lines.
pub fn serve(ctx: &Ctx) -> Result<()> {
    let mut raw = Vec::new();
    std::io::stdin().lock().take(MAX_REQUEST).read_to_end(&mut raw)?;
    let out = match serde_json::from_slice::<Envelope>(&raw) {
        Err(e) => reply(false, Value::Null, Some(&anyhow::anyhow!("malformed request: {e}"))),
        Ok(env) if env.protocol != PROTOCOL => {
            let e = anyhow::anyhow!(
                "protocol version mismatch: this node speaks kato protocol {PROTOCOL} (kato {}), the caller speaks protocol {} (kato {})",
                kato_version(),
                env.protocol,
                env.kato_version
            );
            reply(false, Value::Null, Some(&e))
        }
        Ok(env) => {
            if let Request::LogTail { components, lines, follow } = &env.request {
                return stream_logs(ctx, components, *lines, *follow);
            }
            match handle(ctx, &env.request) {
                Ok(v) => reply(true, v, None),
                Err(e) => reply(false, Value::Null, Some(&e)),
            }
        }
    };
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer(&mut stdout, &out)?;
    stdout.write_all(b"\n")?;
    Ok(())
}

fn now_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0)
}

fn handle(ctx: &Ctx, req: &Request) -> Result<Value> {
    match req {
        Request::Hello => {
            let state = ctx.node_state()?;
            Ok(json!(Hello {
                node_id: ctx.node_id()?,
                node_type: state.node_type.as_str().into(),
                hostname: crate::model::node::hostname(&ctx.root)?,
                version: crate::model::node::version(&ctx.root),
                core_ip: state.core_ip.clone(),
                unix_ms: now_ms(),
            }))
        }
        Request::StoreRead => {
            require_store_here(ctx)?;
            Ok(json!(ctx.read_cluster()?))
        }
        Request::StoreMutate { mutation, dry_run } => {
            require_store_here(ctx)?;
            let applied = ctx.store()?.mutate(ctx.catalog()?, mutation, *dry_run)?;
            Ok(json!(applied))
        }
        Request::NodeReport { doc } => {
            // The asker's document spares a round trip to the core (see Request::NodeReport).
            let doc = match doc {
                Some(doc) => (**doc).clone(),
                None => ctx.read_cluster()?,
            };
            let node = ctx.node_id()?;
            let report = crate::ops::processes::local_report(&ctx.root, ctx.catalog()?, &doc, &node);
            Ok(match report {
                Ok(states) => json!({"ok": states}),
                Err(why) => json!({"down": why}),
            })
        }
        Request::Lifecycle { stop, start, force_stop } => {
            let node = ctx.node_id()?;
            let result = (|| -> Result<()> {
                if !stop.is_empty() {
                    crate::ops::lifecycle::stop_roles_with(ctx, &node, stop, *force_stop)?;
                } else {
                    let doc = ctx.read_cluster()?;
                    crate::ops::processes::sync(&ctx.root, ctx.catalog()?, &doc, &node)?;
                }
                if !start.is_empty() {
                    crate::ops::lifecycle::start_roles(ctx, &node, start)?;
                }
                Ok(())
            })();
            let output = ctx.ui.captured();
            match result {
                Ok(()) => Ok(json!({"output": output})),
                Err(e) => Err(e.context(output.trim_end().replace('\n', "; "))),
            }
        }
        Request::Kato { args } => {
            if args.first().is_some_and(|a| a == crate::ops::remote::SUBCOMMAND) {
                bail!("refusing to run {} recursively", crate::ops::remote::SUBCOMMAND);
            }
            let exe = std::env::current_exe().context("cannot find this kato binary")?;
            let out = std::process::Command::new(exe)
                .args(args)
                .env("KATO_ROOT", ctx.root.dir())
                .env("KATO_SKIP_CONFIRM", "1")
                .env("NO_COLOR", "1")
                .stdin(std::process::Stdio::null())
                .output()
                .context("cannot run kato")?;
            Ok(json!(KatoRun {
                code: out.status.code().unwrap_or(1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            }))
        }
        Request::Detach { start } => {
            crate::ops::membership::detach::detach(ctx, *start, true)?;
            Ok(json!({"output": ctx.ui.captured()}))
        }
        Request::Reattach { core_ip, host_keys } => {
            crate::ops::membership::detach::trust_core_keys(ctx, core_ip, host_keys)?;
            crate::ops::membership::detach::reattach(ctx, core_ip)?;
            Ok(json!({"output": ctx.ui.captured()}))
        }
        Request::CheckFiles { paths } => {
            let present: Vec<bool> = paths.iter().map(|p| ctx.root.join(p).exists()).collect();
            Ok(json!({"present": present}))
        }
        Request::LogTail { .. } => bail!("log streams are answered by serve()"),
    }
}

fn require_store_here(ctx: &Ctx) -> Result<()> {
    let state = ctx.node_state()?;
    if state.node_type == crate::model::node::NodeType::Node {
        bail!(
            "this node is not the core (its core is {}); ask the core",
            state.core_ip.as_deref().unwrap_or("unknown")
        );
    }
    Ok(())
}

fn stream_logs(ctx: &Ctx, components: &[String], lines: usize, follow: bool) -> Result<()> {
    let node = ctx.node_id()?;
    let mut sources = crate::cli::commands::log::tail::local_sources(ctx, components)?;
    crate::infra::logtail::run_to_stdout(&node, &mut sources, lines, follow, true)
}
