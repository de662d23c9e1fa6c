//! `node reset factory|services|docker`: this node alone, under its root.
//!
//! - `services` stops the processes of the data-service roles (the `data-services` role
//!   group) and empties their data directories, then starts again those that ran;
//! - `docker` has nothing to do: no process of kato's catalogs runs containers;
//! - `factory` stops every process and supervisord, and removes kato's state (the
//!   store, the node identity, the processes' data, kato's hosts line), so that the
//!   root reads as a fresh micro cloud.
//!
//! An attached node is refused unless `--force` (its cluster still lists it). Nothing
//! outside the root is touched: a data directory that resolves outside it is refused.

use super::super::context::Ctx;
use super::super::privileged::{self, SystemChange};
use super::super::processes::{self, processes_for};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Factory,
    Services,
    Docker,
}

/// `path` if it lies inside the root (after resolving links), else an error.
fn inside_root(ctx: &Ctx, path: &Path) -> Result<PathBuf> {
    let root = ctx.root.dir().canonicalize().with_context(|| format!("cannot resolve {}", ctx.root.dir().display()))?;
    let resolved = match path.canonicalize() {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(e).with_context(|| format!("cannot resolve {}", path.display())),
    };
    if resolved == root || !resolved.starts_with(&root) {
        crate::bail_usage!(
            "{} is not inside the root {}; 'kato node reset' removes nothing outside it",
            path.display(),
            root.display()
        );
    }
    Ok(resolved)
}

/// Remove a directory's content, keeping the directory.
fn empty_dir(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for entry in entries {
        let path = entry?.path();
        let removed = if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

pub fn reset(ctx: &Ctx, kind: Kind, force: bool, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    if local.is_attached() && !force {
        crate::bail_usage!(
            "this node is attached to the core {}; 'kato node reset' acts on this node alone while its cluster still lists it. Detach it first ('kato node detach'), or pass --force",
            local.state.core_ip.as_deref().unwrap_or("?")
        );
    }
    let doc = local.read_cluster(ctx)?;
    let roles: Vec<String> = match kind {
        Kind::Services => {
            let group = local.catalog.group("data-services").map(<[String]>::to_vec).unwrap_or_default();
            processes::assigned_roles(&local.catalog, &doc, &local.id)
                .into_iter()
                .filter(|r| group.contains(r))
                .collect()
        }
        _ => processes::assigned_roles(&local.catalog, &doc, &local.id),
    };
    let specs = processes_for(&local.catalog, &roles);
    let mut dirs = Vec::new();
    for s in &specs {
        if let Some(d) = &s.directory {
            let d = PathBuf::from(processes::expand(d, &ctx.root, &local.id));
            dirs.push((s.name.clone(), inside_root(ctx, &d)?));
        }
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    match kind {
        Kind::Docker => {
            ctx.out.info("Nothing to reset: no process of this node's catalog runs docker containers.");
            return Ok(Outcome::Done(Report::default()));
        }
        Kind::Services if names.is_empty() => {
            ctx.out.info("Nothing to reset: this node runs no process of a data-service role.");
            return Ok(Outcome::Done(Report::default()));
        }
        _ => {}
    }
    if !dry_run {
        let question = match kind {
            Kind::Factory => "This will reset your VM to factory state",
            _ => "This will remove all service data on this node",
        };
        if !ctx.out.confirm(question, "--yes")? {
            ctx.out.header("Aborted.");
            return Ok(Outcome::Done(Report::default()));
        }
    }
    let running: Vec<String> = processes::connect_if_running(&ctx.root)
        .map(|sup| sup.get_all_process_info())
        .transpose()?
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.statename == "RUNNING" && names.contains(&i.name))
        .map(|i| i.name)
        .collect();
    let wf = match kind {
        Kind::Factory => factory(ctx, dirs),
        _ => services(ctx, names, running, dirs),
    };
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) && kind == Kind::Factory {
        ctx.out.header("This node is now a fresh micro cloud; run 'kato node setup micro' to configure it");
    }
    Ok(outcome)
}

fn services<'a>(ctx: &'a Ctx, names: Vec<String>, running: Vec<String>, dirs: Vec<(String, PathBuf)>) -> Workflow<'a> {
    let stop_names = names.clone();
    let restart = running.clone();
    let shown: Vec<String> = dirs.iter().map(|(n, d)| format!("{n}: {}", d.display())).collect();
    Workflow::new()
        .step(Step::new("stop-services", format!("stop {}", names.join(", ")), move || {
            ctx.out.header("Resetting service data");
            let Some(sup) = processes::connect_if_running(&ctx.root) else { return Ok(Done::Unchanged) };
            for n in stop_names.iter().rev() {
                if sup.ensure_stopped(n, true)? {
                    ctx.out.action(0, &format!("process {n}"), "stopped", Tone::Ok);
                }
            }
            Ok(Done::Changed(Box::new(move || {
                let sup = processes::connect_if_running(&ctx.root).context("supervisord is not running")?;
                running.iter().try_for_each(|n| sup.ensure_started(n, true).map(drop).map_err(Into::into))
            })))
        }))
        .step(
            Step::new("remove-data", "empty the data directories of the data-service processes", move || {
                for (name, dir) in &dirs {
                    empty_dir(dir)?;
                    ctx.out.action(0, &format!("{name} data {}", dir.display()), "removed", Tone::Ok);
                }
                Ok(Done::Final)
            })
            .preview(move || Ok(shown.clone())),
        )
        .step_if(!restart.is_empty(), || {
            Step::new("start-services", format!("start {} again", restart.join(", ")), move || {
                let sup = processes::connect_if_running(&ctx.root).context("supervisord is not running")?;
                for n in &restart {
                    sup.ensure_started(n, true)?;
                    ctx.out.action(0, &format!("process {n}"), "started", Tone::Ok);
                }
                Ok(Done::Final)
            })
        })
}

fn factory<'a>(ctx: &'a Ctx, dirs: Vec<(String, PathBuf)>) -> Workflow<'a> {
    let state = ctx.root.join("var/lib/kato");
    let shown = state.clone();
    Workflow::new()
        .step(Step::new("stop-all", "stop every process and supervisord", move || {
            super::stop_all_local(ctx)?;
            if let Some(sup) = processes::connect_if_running(&ctx.root) {
                sup.shutdown()?;
                let paths = crate::infra::supervisor::SupervisorPaths::under(ctx.root.dir());
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
                while crate::infra::supervisor::is_running(&paths) && std::time::Instant::now() < deadline {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
            Ok(Done::Final)
        }))
        .step(privileged::step(ctx, "hosts-file", SystemChange::HostsNoEndpoint, None))
        .step(Step::new(
            "remove-state",
            format!("remove kato's state {} and the processes' data", shown.display()),
            move || {
                for (_, dir) in &dirs {
                    empty_dir(dir)?;
                }
                match std::fs::remove_dir_all(&state) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e).with_context(|| format!("cannot remove {}", state.display())),
                }
                Ok(Done::Final)
            },
        ))
}
