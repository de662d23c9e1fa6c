//! `kato inspect`: run every preflight check against this node as it is now; exit 1 if
//! any fails.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::preflight::{NAMES, Selection, Verdict, group_of};
use crate::ops::report::Tone;
use anyhow::Result;
use clap::Args;
use serde_json::json;

/// Check this node for common problems (the same checks attach and role add run)
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// What to run: all (the default), group GROUP, tests TEST..., or list (the checks
    /// and their groups)
    #[arg(value_name = "all|group GROUP|tests TEST...|list")]
    pub what: Vec<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl InspectArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let words: Vec<&str> = self.what.iter().map(String::as_str).collect();
        let sel = match words.as_slice() {
            [] | ["all"] => Selection::All,
            ["group", g] => Selection::Group(g.to_string()),
            ["tests", t @ ..] if !t.is_empty() => Selection::Tests(t.iter().map(|s| s.to_string()).collect()),
            ["list"] => {
                for name in NAMES {
                    crate::outln!("{name:<24}  {}", group_of(name));
                }
                return Ok(());
            }
            _ => crate::bail_usage!(
                "expected 'all', 'group GROUP', 'tests TEST...' or 'list'; see 'kato inspect --help'"
            ),
        };
        let results = crate::ops::preflight::inspect_selected(ctx, &sel)?;
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
                if let Selection::Tests(asked) = &sel {
                    for t in asked.iter().filter(|t| !results.iter().any(|r| r.name == t.as_str())) {
                        ui.action(0, t, "not run (does not apply to this node)", Tone::Skip);
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
