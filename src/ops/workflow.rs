//! The one engine every state-changing operation runs on (k0sctl's phase manager is the
//! model). An operation is a list of named steps; each step has a title, an optional
//! "already done?" check (so a re-run converges), an optional preview of its changes, a
//! run, and an undo handed back by the run. The engine runs the steps in order and, when
//! one fails, undoes the completed ones in reverse order and says exactly what it left.
//! With `--dry-run` it runs nothing: it collects every step's title, check and preview
//! into a [`Plan`]. It is kato's only dry-run mechanism.

use super::context::Ctx;
use anyhow::{Result, anyhow};
use serde::Serialize;

/// How to reverse a completed step.
pub type Undo<'a> = Box<dyn FnOnce() -> Result<()> + 'a>;

/// What a step's run did.
pub enum Done<'a> {
    /// The work was already done; nothing changed.
    Unchanged,
    /// Something changed; this undoes it.
    Changed(Undo<'a>),
    /// Something changed that needs no undo (or cannot be undone).
    Final,
}

type Check<'a> = Box<dyn Fn() -> Result<bool> + 'a>;
type Preview<'a> = Box<dyn Fn() -> Result<Vec<String>> + 'a>;

pub struct Step<'a> {
    pub name: &'static str,
    pub title: String,
    done: Option<Check<'a>>,
    preview: Option<Preview<'a>>,
    /// An empty preview means the step has nothing to do.
    preview_is_changes: bool,
    run: Box<dyn FnOnce() -> Result<Done<'a>> + 'a>,
}

impl<'a> Step<'a> {
    pub fn new(name: &'static str, title: impl Into<String>, run: impl FnOnce() -> Result<Done<'a>> + 'a) -> Self {
        Step { name, title: title.into(), done: None, preview: None, preview_is_changes: false, run: Box::new(run) }
    }

    /// A read-only check: when it answers true the step is skipped (and a dry run says
    /// the step is already done).
    pub fn done_if(mut self, check: impl Fn() -> Result<bool> + 'a) -> Self {
        self.done = Some(Box::new(check));
        self
    }

    /// Read-only detail lines a dry run shows under the step (e.g. the store changes).
    pub fn preview(mut self, preview: impl Fn() -> Result<Vec<String>> + 'a) -> Self {
        self.preview = Some(Box::new(preview));
        self
    }

    /// A preview that lists every change the step would make: when it is empty, a dry run
    /// reports the step as already done.
    pub fn changes(mut self, preview: impl Fn() -> Result<Vec<String>> + 'a) -> Self {
        self.preview = Some(Box::new(preview));
        self.preview_is_changes = true;
        self
    }
}

/// What a dry run found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plan {
    pub steps: Vec<PlannedStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedStep {
    pub name: &'static str,
    pub title: String,
    pub already_done: bool,
    pub details: Vec<String>,
}

impl Plan {
    /// Whether any step would change something.
    pub fn changes_anything(&self) -> bool {
        self.steps.iter().any(|s| !s.already_done)
    }
}

/// How a run ended.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub changed: Vec<&'static str>,
    pub unchanged: Vec<&'static str>,
}

/// What an operation that can be dry-run hands back.
#[derive(Debug)]
pub enum Outcome<T> {
    Planned(Plan),
    Done(T),
}

impl<T> Outcome<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Planned(p) => Outcome::Planned(p),
            Outcome::Done(t) => Outcome::Done(f(t)),
        }
    }
}

#[derive(Default)]
pub struct Workflow<'a> {
    steps: Vec<Step<'a>>,
}

impl<'a> Workflow<'a> {
    pub fn new() -> Self {
        Workflow { steps: Vec::new() }
    }

    pub fn step(mut self, step: Step<'a>) -> Self {
        self.steps.push(step);
        self
    }

    /// Add the steps of another workflow after these.
    pub fn append(mut self, other: Workflow<'a>) -> Self {
        self.steps.extend(other.steps);
        self
    }

    /// Add a step only when `cond` holds.
    pub fn step_if(self, cond: bool, step: impl FnOnce() -> Step<'a>) -> Self {
        if cond { self.step(step()) } else { self }
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.steps.iter().map(|s| s.name).collect()
    }

    /// The dry run: every step's title, whether it is already done, and its preview.
    pub fn plan(self) -> Result<Plan> {
        let mut plan = Plan::default();
        for s in &self.steps {
            let mut already_done = match &s.done {
                Some(check) => check()?,
                None => false,
            };
            let details = match (&s.preview, already_done) {
                (Some(p), false) => p()?,
                _ => Vec::new(),
            };
            if s.preview_is_changes && details.is_empty() {
                already_done = true;
            }
            plan.steps.push(PlannedStep { name: s.name, title: s.title.clone(), already_done, details });
        }
        Ok(plan)
    }

    /// Plan (`dry_run`) or run.
    pub fn execute(self, ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
        if dry_run { Ok(Outcome::Planned(self.plan()?)) } else { self.run(ctx).map(Outcome::Done) }
    }

    /// Run every step; on failure undo the completed ones and say what was left.
    pub fn run(self, ctx: &Ctx) -> Result<Report> {
        let out = ctx.out;
        let mut report = Report::default();
        let mut undos: Vec<(&'static str, Undo<'a>)> = Vec::new();
        let mut finals: Vec<&'static str> = Vec::new();
        for step in self.steps {
            if let Some(check) = &step.done {
                match check() {
                    Ok(true) => {
                        out.detail(&format!("step {}: already done ({})", step.name, step.title));
                        report.unchanged.push(step.name);
                        continue;
                    }
                    Ok(false) => {}
                    Err(err) => {
                        let unsettled =
                            err.downcast_ref::<Unsettled>().is_some() || err.chain().any(|c| c.is::<Unsettled>());
                        return Err(failed(step.name, err, undo_all(ctx, undos, unsettled), &finals));
                    }
                }
            }
            out.detail(&format!("step {}: {}", step.name, step.title));
            match (step.run)() {
                Ok(Done::Unchanged) => report.unchanged.push(step.name),
                Ok(Done::Changed(undo)) => {
                    ctx.note_changed();
                    report.changed.push(step.name);
                    undos.push((step.name, undo));
                }
                Ok(Done::Final) => {
                    ctx.note_changed();
                    report.changed.push(step.name);
                    finals.push(step.name);
                }
                // A step is atomic: when it fails it has changed nothing (earlier steps are
                // undone here).
                Err(err) => {
                    let unsettled =
                        err.downcast_ref::<Unsettled>().is_some() || err.chain().any(|c| c.is::<Unsettled>());
                    return Err(failed(step.name, err, undo_all(ctx, undos, unsettled), &finals));
                }
            }
        }
        Ok(report)
    }
}

/// A step's error when it cannot tell whether its change happened (say, the connection
/// broke while another node applied it). The engine then undoes nothing before it: the
/// steps before stay as they are, consistent with a change that may have happened, and a
/// re-run converges.
#[derive(Debug)]
pub struct Unsettled(pub String);

impl std::fmt::Display for Unsettled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsettled {}

/// What undoing the completed steps achieved.
struct Undone {
    undone: Vec<&'static str>,
    /// The undo that failed, and why.
    failed: Option<String>,
    /// Steps left as they were, because an undo after them failed (or the failed step's
    /// outcome is unknown): undoing them would leave this node and the others disagreeing.
    kept: Vec<&'static str>,
}

/// Undo in reverse order; stop at the first undo that fails (see [`Undone::kept`]).
fn undo_all<'a>(ctx: &Ctx, undos: Vec<(&'static str, Undo<'a>)>, unsettled: bool) -> Undone {
    let mut u = Undone { undone: Vec::new(), failed: None, kept: Vec::new() };
    let mut stop = unsettled;
    for (name, undo) in undos.into_iter().rev() {
        if stop {
            u.kept.push(name);
            continue;
        }
        match undo() {
            Ok(()) => {
                ctx.out.detail(&format!("undid step {name}"));
                u.undone.push(name);
            }
            Err(e) => {
                ctx.out.action(0, &format!("undo {name}"), "fail", super::report::Tone::Fail);
                u.failed = Some(format!("{name} ({})", crate::error::one_line(&e)));
                stop = true;
            }
        }
    }
    u
}

/// The error of a failed run: the step's own error when nothing had changed before it,
/// else the step, its error, and the state left behind.
fn failed(step: &str, err: anyhow::Error, u: Undone, finals: &[&'static str]) -> anyhow::Error {
    let mut left = Vec::new();
    if !u.undone.is_empty() {
        let mut names = u.undone.clone();
        names.reverse();
        left.push(format!("undone: {}", names.join(", ")));
    }
    if let Some(f) = &u.failed {
        left.push(format!("NOT undone: {f}"));
    }
    if !u.kept.is_empty() {
        let mut names = u.kept.clone();
        names.reverse();
        left.push(format!("left done, to match: {}", names.join(", ")));
    }
    if !finals.is_empty() {
        left.push(format!("kept (cannot be undone): {}", finals.join(", ")));
    }
    if left.is_empty() {
        return err;
    }
    let msg = format!("step '{step}' failed: {}; {}", crate::error::one_line(&err), left.join("; "));
    if crate::error::exit_code(&err) == 2 { crate::error::usage(msg) } else { anyhow!(msg) }
}

/// Snapshot a file so a step can restore it exactly (including its absence).
pub fn snapshot(path: &std::path::Path) -> Result<Option<Vec<u8>>> {
    crate::infra::files::read_optional(path)
}

/// Put a file back as `snapshot` found it.
pub fn restore(path: &std::path::Path, snap: Option<Vec<u8>>) -> Result<()> {
    match snap {
        Some(bytes) => crate::infra::files::write(path, &bytes),
        None => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        },
    }
}

/// A step that replaces one file's content (undone by restoring the old content).
pub fn file_step<'a>(name: &'static str, title: String, path: std::path::PathBuf, content: Vec<u8>) -> Step<'a> {
    let check_path = path.clone();
    let check_content = content.clone();
    Step::new(name, title, move || {
        let snap = snapshot(&path)?;
        crate::infra::files::write(&path, &content)?;
        Ok(Done::Changed(Box::new(move || restore(&path, snap))))
    })
    .done_if(move || Ok(snapshot(&check_path)?.as_deref() == Some(check_content.as_slice())))
}
