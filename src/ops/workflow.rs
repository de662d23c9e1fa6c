//! Multi-step workflows (setup core, attach, remove, migrate) as a list of named steps run
//! by one runner. Each step either finds its work already done (so a re-run converges) or
//! does it and hands back how to undo it; when a step fails, the completed steps are
//! undone in reverse order. A dry run only lists the steps.

use crate::cli::ui::{Tone, Ui};
use anyhow::{Result, anyhow};

/// How to reverse a completed step.
pub type Undo<'a> = Box<dyn FnOnce() -> Result<()> + 'a>;

/// What a step did.
pub enum Done<'a> {
    /// The step found its work already done.
    Unchanged,
    /// The step changed something; this undoes it.
    Changed(Undo<'a>),
    /// The step changed something that needs no undo (or cannot be undone).
    ChangedFinal,
}

pub struct Step<'a> {
    pub name: &'static str,
    pub detail: String,
    run: Box<dyn FnOnce() -> Result<Done<'a>> + 'a>,
}

impl<'a> Step<'a> {
    pub fn new(name: &'static str, detail: impl Into<String>, run: impl FnOnce() -> Result<Done<'a>> + 'a) -> Self {
        Step { name, detail: detail.into(), run: Box::new(run) }
    }
}

#[derive(Default)]
pub struct Workflow<'a> {
    steps: Vec<Step<'a>>,
}

/// How a workflow ended.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub changed: Vec<&'static str>,
    pub unchanged: Vec<&'static str>,
}

impl<'a> Workflow<'a> {
    pub fn new() -> Self {
        Workflow { steps: Vec::new() }
    }

    pub fn step(mut self, step: Step<'a>) -> Self {
        self.steps.push(step);
        self
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.steps.iter().map(|s| s.name).collect()
    }

    /// Run every step; on failure undo the completed ones and return the error.
    pub fn run(self, ui: &Ui, dry_run: bool) -> Result<Report> {
        let mut report = Report::default();
        if dry_run {
            for (i, s) in self.steps.iter().enumerate() {
                println!("would run step {}: {} ({})", i + 1, s.name, s.detail);
            }
            return Ok(report);
        }
        let mut undos: Vec<(&'static str, Undo<'a>)> = Vec::new();
        for step in self.steps {
            ui.detail(&format!("step {}: {}", step.name, step.detail));
            match (step.run)() {
                Ok(Done::Unchanged) => report.unchanged.push(step.name),
                Ok(Done::Changed(undo)) => {
                    report.changed.push(step.name);
                    undos.push((step.name, undo));
                }
                Ok(Done::ChangedFinal) => report.changed.push(step.name),
                Err(err) => {
                    let mut failed_undo = Vec::new();
                    for (name, undo) in undos.into_iter().rev() {
                        match undo() {
                            Ok(()) => ui.detail(&format!("undid step {name}")),
                            Err(e) => {
                                ui.action(0, &format!("undo {name}"), "fail", Tone::Fail);
                                failed_undo.push(format!("{name} ({e})"));
                            }
                        }
                    }
                    let what = if failed_undo.is_empty() {
                        "completed steps were undone".to_string()
                    } else {
                        format!("could not undo: {}", failed_undo.join(", "))
                    };
                    let msg = format!("step '{}' failed: {}; {what}", step.name, crate::error::one_line(&err));
                    return Err(if crate::error::exit_code(&err) == 2 {
                        crate::error::usage(msg)
                    } else {
                        anyhow!(msg)
                    });
                }
            }
        }
        Ok(report)
    }
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
