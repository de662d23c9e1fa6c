//! `op import_from_yaml_file PROCESS` and `op import_from_yaml_files`: load a process's
//! configuration document from its YAML file (the spec's `config_origin`, or
//! `--new-key-file`) under the root into the process's component of the store,
//! replacing it, or with `--upgrade` adding only the keys the store lacks.

use super::cluster::reversible_mutate_step;
use super::context::Ctx;
use super::workflow::{Outcome, Report, Workflow};
use crate::model::store::Mutation;
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The file under the root a YAML path names (an absolute path is read under the root;
/// one that leads outside it is refused).
fn under_root(ctx: &Ctx, path: &str) -> Result<PathBuf> {
    let given = Path::new(path);
    let p = if given.is_absolute() && !given.starts_with(ctx.root.dir()) {
        ctx.root.join(path)
    } else {
        given.to_path_buf()
    };
    let root = ctx.root.dir().canonicalize()?;
    let real = p.canonicalize().with_context(|| format!("cannot read {}", p.display()))?;
    if !real.starts_with(&root) {
        crate::bail_usage!("{} is not inside the root {}", p.display(), root.display());
    }
    Ok(real)
}

/// The document in a YAML file: a map.
fn load(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let v: Value = serde_norway::from_str(&text)
        .map_err(|e| crate::error::usage(format!("{} is not valid YAML: {e}", path.display())))?;
    if !v.is_object() {
        crate::bail_usage!("{} does not hold a map of configuration keys", path.display());
    }
    Ok(v)
}

/// `new` with the keys `old` has kept as they are (recursively).
fn merge_missing(old: &Value, new: &Value) -> Value {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let mut out = o.clone();
            for (k, nv) in n {
                let merged = match o.get(k) {
                    Some(ov) => merge_missing(ov, nv),
                    None => nv.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (o, _) => o.clone(),
    }
}

/// What to import: one process (with an optional file), or every process with a
/// `config_origin`.
pub fn import(
    ctx: &Ctx,
    process: Option<&str>,
    new_key_file: Option<&str>,
    upgrade: bool,
    dry_run: bool,
) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let mut plans = Vec::new();
    let specs: Vec<_> = match process {
        Some(p) => {
            let spec = local.catalog.process(p).ok_or_else(|| {
                let hint = crate::error::did_you_mean(p, local.catalog.processes.iter().map(|s| s.name.as_str()));
                crate::error::usage(format!("Unknown process specified '{}'{hint}", p.escape_default()))
            })?;
            vec![spec]
        }
        None => local.catalog.processes.iter().filter(|s| s.config_origin.is_some()).collect(),
    };
    for spec in specs {
        let origin = match (new_key_file, &spec.config_origin) {
            (Some(f), _) => f.to_string(),
            (None, Some(o)) => super::processes::expand(o, &ctx.root, &local.id),
            (None, None) => crate::bail_usage!(
                "process '{}' has no config_origin in its spec; give the file with --new-key-file",
                spec.name
            ),
        };
        let new = load(&under_root(ctx, &origin)?)?;
        let old = doc.component(&spec.name).cloned();
        let value = match (&old, upgrade) {
            (Some(old), true) => merge_missing(old, &new),
            _ => new,
        };
        let set = |value| Mutation::ConfigSet { component: spec.name.clone(), path: "/".into(), value, force: false };
        let back = match &old {
            Some(o) => set(o.clone()),
            None => Mutation::ConfigDel { component: spec.name.clone(), path: "/".into(), force: false },
        };
        let m = set(value);
        local.store(ctx)?.mutate(&local.catalog, &m, true)?;
        plans.push((spec.name.clone(), origin, m, back));
    }
    if plans.is_empty() {
        ctx.out.info("No process of this node's catalog has a config_origin; nothing to import.");
        return Ok(Outcome::Done(Report::default()));
    }
    if process.is_none() && !upgrade && !dry_run {
        let q = "This will change all the clusters configurable (every process with a config_origin)";
        if !ctx.out.confirm(q, "--yes")? {
            ctx.out.header("Aborted.");
            return Ok(Outcome::Done(Report::default()));
        }
    }
    let mut wf = Workflow::new();
    for (name, origin, m, back) in plans {
        let title = format!("import {name} config from {origin}");
        let step = reversible_mutate_step(ctx, &local, "import", title, m, back);
        wf = wf.step(step);
    }
    wf.execute(ctx, dry_run)
}
