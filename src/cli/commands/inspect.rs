//! `kato inspect`: run every preflight check against this node as it is now; exit 1 if
//! any fails.

use crate::cli::ui::Tone;
use crate::model::node::NodeType;
use crate::model::store::Document;
use crate::ops::context::Ctx;
use crate::ops::preflight::{CheckResult, Verdict};
use crate::ops::remote::Request;
use anyhow::Result;
use clap::Args;
use serde_json::json;

/// Check this node for common problems (the same checks attach and role add run)
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub format: crate::cli::render::FormatArgs,
}

fn checks(ctx: &Ctx) -> Result<Vec<CheckResult>> {
    let catalog = ctx.catalog()?;
    let state = ctx.node_state()?.clone();
    let me = ctx.node_id()?;
    let doc = ctx.read_cluster()?;
    let roles = crate::ops::processes::assigned_roles(catalog, &doc, &me);
    match (state.node_type, &state.core_ip) {
        (NodeType::Node, Some(core)) => {
            let hello = crate::ops::membership::hello(ctx, core)?;
            let core_doc: Document = serde_json::from_value(ctx.transport()?.call(core, &Request::StoreRead)?)?;
            crate::ops::membership::attach::preflight(ctx, &core_doc, &hello, &me, &roles, false)
        }
        _ => Ok(vec![
            CheckResult {
                name: "process-binaries",
                verdict: crate::ops::preflight::process_binaries(&ctx.root, catalog, &me, &roles),
            },
            CheckResult {
                name: "persistent-storage",
                verdict: crate::ops::preflight::persistent_storage(&ctx.root, catalog, &roles),
            },
        ]),
    }
}

pub fn cmd_inspect(ctx: &Ctx, args: &InspectArgs) -> Result<()> {
    let results = checks(ctx)?;
    let failed = results.iter().filter(|r| matches!(r.verdict, Verdict::Fail(_))).count();
    let format = args.format.format();
    if format != crate::cli::render::Format::Text {
        let list: Vec<_> = results
            .iter()
            .map(|r| match &r.verdict {
                Verdict::Pass => json!({"name": r.name, "result": "ok"}),
                Verdict::Warn(m) => json!({"name": r.name, "result": "warn", "message": m}),
                Verdict::Fail(m) => json!({"name": r.name, "result": "fail", "message": m}),
            })
            .collect();
        print!("{}", crate::cli::render::structured(format, &json!({"checks": list, "failed": failed}))?);
    } else {
        for r in &results {
            match &r.verdict {
                Verdict::Pass => ctx.ui.action(0, r.name, "ok", Tone::Ok),
                Verdict::Warn(m) => ctx.ui.action(0, r.name, &format!("warn: {m}"), Tone::Skip),
                Verdict::Fail(m) => ctx.ui.action(0, r.name, &format!("FAIL: {m}"), Tone::Fail),
            }
        }
    }
    if failed > 0 { Err(crate::error::silent(1)) } else { Ok(()) }
}
