//! Deferred kato commands (`kato op defer`, `kato op run_deferred`, and `kato start --boot`
//! which runs them): a list kept in `var/lib/kato/deferred.json`, each entry a kato
//! argument list to run once, either before the node's roles start at boot or after its
//! processes are up (`post_start`). An entry is taken off the list before it runs, so it
//! runs at most once whatever happens; its result is recorded in history.

use super::context::Ctx;
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::infra::files;
use crate::infra::history::{self, Event};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One deferred command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferred {
    /// The kato arguments, without the leading `kato`.
    pub args: Vec<String>,
    #[serde(default)]
    pub run_as_root: bool,
    #[serde(default)]
    pub post_start: bool,
}

impl Deferred {
    /// The command as an operator would type it.
    pub fn line(&self) -> String {
        format!(
            "kato {}",
            shlex::try_join(self.args.iter().map(String::as_str)).unwrap_or_else(|_| self.args.join(" "))
        )
    }

    /// `node attach` runs before any other command of its phase (as the original did).
    fn is_attach(&self) -> bool {
        let words: Vec<&str> = self.args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
        words.starts_with(&["node", "attach"]) || words.first() == Some(&"attach")
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct List {
    commands: Vec<Deferred>,
}

fn path(ctx: &Ctx) -> PathBuf {
    ctx.root.state_dir().join("deferred.json")
}

fn load(ctx: &Ctx) -> Result<List> {
    let p = path(ctx);
    match files::read_optional(&p)? {
        None => Ok(List::default()),
        Some(bytes) => {
            serde_json::from_slice(&bytes).with_context(|| format!("{} is not a deferred list", p.display()))
        }
    }
}

fn save(ctx: &Ctx, list: &List) -> Result<()> {
    files::write_state(&path(ctx), &serde_json::to_vec_pretty(list)?, files::STATE_FILE)
}

/// Change the list under its lock.
fn edit<T>(ctx: &Ctx, change: impl FnOnce(&mut List) -> T) -> Result<T> {
    let lock_path = ctx.root.state_dir().join("deferred.lock");
    files::state_dir(&ctx.root.state_dir())?;
    let lock = files::open_state(&lock_path, files::STATE_FILE, true)?;
    files::lock(&lock, &lock_path, true)?;
    let mut list = load(ctx)?;
    let out = change(&mut list);
    save(ctx, &list)?;
    Ok(out)
}

/// The commands deferred on this node, in the order they were deferred.
pub fn list(ctx: &Ctx) -> Result<Vec<Deferred>> {
    Ok(load(ctx)?.commands)
}

/// `kato op defer CMD`: add a command (already checked by the caller to be a kato command).
pub fn defer(ctx: &Ctx, entry: Deferred, dry_run: bool) -> Result<Outcome<Report>> {
    let title = format!("defer '{}'{}", entry.line(), if entry.post_start { " until processes are up" } else { "" });
    Workflow::new()
        .step(Step::new("defer", title, move || {
            let n = edit(ctx, |l| {
                l.commands.push(entry);
                l.commands.len()
            })?;
            ctx.out.info(&format!("{n} deferred command{} will run at the next boot", if n == 1 { "" } else { "s" }));
            Ok(Done::Final)
        }))
        .execute(ctx, dry_run)
}

/// `kato op defer --reset`: clear the list.
pub fn reset(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    let count = list(ctx)?.len();
    Workflow::new()
        .step(
            Step::new("reset", format!("clear {count} deferred commands"), move || {
                edit(ctx, |l| l.commands.clear())?;
                ctx.out.info("Cleared the list of deferred commands");
                Ok(Done::Final)
            })
            .done_if(move || Ok(count == 0)),
        )
        .execute(ctx, dry_run)
}

/// What one run of deferred commands did.
#[derive(Debug, Default, Serialize)]
pub struct RunReport {
    pub ran: Vec<(String, String)>,
    /// Commands dropped because an earlier one failed.
    pub dropped: Vec<String>,
}

/// Take the next command of this phase off the list (attach commands first).
fn take_next(ctx: &Ctx, post_start: bool) -> Result<Option<Deferred>> {
    edit(ctx, |l| {
        let phase = |d: &Deferred| d.post_start == post_start;
        let i = l.commands.iter().position(|d| phase(d) && d.is_attach()).or_else(|| l.commands.iter().position(phase));
        i.map(|i| l.commands.remove(i))
    })
}

/// `kato op run_deferred [--post-start]`: run this phase's commands in order, each once.
/// The first failure stops the run and drops the commands still deferred (the original
/// deleted its list then): they are named, to be deferred again once the cause is fixed.
pub fn run(ctx: &Ctx, post_start: bool) -> Result<RunReport> {
    let mut report = RunReport::default();
    if !list(ctx)?.iter().any(|d| d.post_start == post_start) {
        return Ok(report);
    }
    ctx.out.header("Running deferred commands");
    let exe = std::env::current_exe().context("cannot find the kato binary to run deferred commands")?;
    while let Some(d) = take_next(ctx, post_start)? {
        let line = d.line();
        ctx.out.header(&format!("Running {}deferred command {line}", if d.run_as_root { "root " } else { "" }));
        ctx.note_changed();
        let status = std::process::Command::new(&exe)
            .arg("--root")
            .arg(ctx.root.dir())
            .args(&d.args)
            .stdin(std::process::Stdio::null())
            .status();
        let result = match status {
            Ok(s) if s.success() => "succeeded".to_string(),
            Ok(s) => format!("failed: exit status {}", s.code().map(|c| c.to_string()).unwrap_or("by signal".into())),
            Err(e) => format!("failed: cannot run {}: {e}", exe.display()),
        };
        record(ctx, &line, &result);
        report.ran.push((line.clone(), result.clone()));
        if result != "succeeded" {
            report.dropped = edit(ctx, |l| std::mem::take(&mut l.commands))?.iter().map(Deferred::line).collect();
            for c in &report.dropped {
                ctx.out.warn(&format!("deferred command dropped (not run): {c}"));
            }
            anyhow::bail!("command failed: {line} ({result})");
        }
    }
    Ok(report)
}

fn record(ctx: &Ctx, line: &str, status: &str) {
    let node_id = ctx.local().map(|l| l.id).unwrap_or_else(|_| "unknown".into());
    let event =
        Event { unix_time: history::now_secs(), node_id, command: format!("{line} (deferred)"), status: status.into() };
    if let Err(e) = history::record(&ctx.root.history_file(), &event) {
        ctx.out.warn(&format!("could not record the deferred command in history: {}", crate::error::one_line(&e)));
    }
}
