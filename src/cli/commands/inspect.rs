//! `kato inspect`: run every preflight check against this node as it is now; exit 1 if
//! any fails.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::preflight::Verdict;
use crate::ops::report::Tone;
use anyhow::Result;
use clap::Args;
use serde_json::json;

/// Check this node for common problems (the same checks attach and role add run)
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

impl InspectArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let results = crate::ops::preflight::inspect(ctx)?;
        let failed = results.iter().filter(|r| matches!(r.verdict, Verdict::Fail(_))).count();
        match self.format.format() {
            Format::Text => {
                for r in &results {
                    match &r.verdict {
                        Verdict::Pass => ui.action(0, r.name, "ok", Tone::Ok),
                        Verdict::Note(m) => ui.action(0, r.name, &format!("ok ({m})"), Tone::Ok),
                        Verdict::Warn(m) => ui.action(0, r.name, &format!("warn: {m}"), Tone::Skip),
                        Verdict::Fail(m) => ui.action(0, r.name, &format!("FAIL: {m}"), Tone::Fail),
                    }
                }
            }
            f => {
                let list: Vec<_> = results
                    .iter()
                    .map(|r| match &r.verdict {
                        Verdict::Pass => json!({"name": r.name, "result": "ok"}),
                        Verdict::Note(m) => json!({"name": r.name, "result": "ok", "message": m}),
                        Verdict::Warn(m) => json!({"name": r.name, "result": "warn", "message": m}),
                        Verdict::Fail(m) => json!({"name": r.name, "result": "fail", "message": m}),
                    })
                    .collect();
                crate::out!("{}", render::structured(f, &json!({"checks": list, "failed": failed}))?);
            }
        }
        if failed > 0 { Err(crate::error::silent(1)) } else { Ok(()) }
    }
}
