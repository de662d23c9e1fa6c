//! `kato data export` and `kato data import`: a node's (or the cluster's) kato state and
//! service data in one `.tgz` with a manifest (kato version, cluster endpoint, nodes,
//! every file's sha256), and putting it back on a fresh node after checking all of it.
//!
//! What a node contributes, as paths under its root: its identity (`var/lib/kato/
//! node.json`), the cluster store on a core (`var/lib/kato/store/`), its catalog and
//! settings (`etc/kato/` but the generated supervisord files), its history and deferred
//! commands, and the `data:` paths of the processes of its roles.

use super::context::{Ctx, Local};
use super::processes::{self, assigned_roles};
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::infra::archive::{self, Checked, Writer};
use crate::model::root::Root;
use crate::model::store::{Document, registry};
use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The archive format this kato writes and reads.
pub const FORMAT: &str = "kato-export/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Cluster,
    ThisNode,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub path: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// Files (root-relative) under `rel`, recursively; symlinks are not followed nor kept.
fn walk(root: &Root, rel: &str, skip: &[&str], out: &mut Vec<String>) -> Result<()> {
    let path = root.join(rel);
    let Ok(meta) = std::fs::symlink_metadata(&path) else { return Ok(()) };
    if meta.is_file() {
        out.push(rel.to_string());
    } else if meta.is_dir() {
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .with_context(|| format!("cannot list {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        for n in names {
            let child = format!("{rel}/{n}");
            if !skip.contains(&child.as_str()) && !n.ends_with(".lock") && n != "lock" && !n.ends_with(".partial") {
                walk(root, &child, skip, out)?;
            }
        }
    }
    Ok(())
}

/// The `data:` paths (root-relative) of the processes of `node`'s roles.
fn data_paths(local: &Local, doc: &Document, node: &str) -> Vec<String> {
    let roles = assigned_roles(&local.catalog, doc, node);
    let mut out: Vec<String> = processes::processes_for(&local.catalog, &roles)
        .iter()
        .flat_map(|p| p.data.iter())
        .filter_map(|d| d.strip_prefix("${KATO_ROOT}/").map(str::to_string))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every file this node contributes to an export (root-relative), and its data paths.
pub fn node_files(ctx: &Ctx, local: &Local, doc: &Document) -> Result<(Vec<String>, Vec<String>)> {
    let root = &ctx.root;
    let mut files = Vec::new();
    for rel in
        ["var/lib/kato/node.json", "var/lib/kato/store", "var/log/kato/history.jsonl", "var/lib/kato/deferred.json"]
    {
        walk(root, rel, &[], &mut files)?;
    }
    walk(root, "etc/kato", &["etc/kato/supervisord.conf", "etc/kato/supervisord.conf.d"], &mut files)?;
    let data = data_paths(local, doc, &local.id);
    for d in &data {
        walk(root, d, &[], &mut files)?;
    }
    Ok((files, data))
}

fn roles_line(doc: &Document, node: &str) -> String {
    let mut r = registry::role_names_of(doc, node);
    r.sort();
    r.join(", ")
}

/// `kato data export`: write the archive to `dest` (default `stackato-export-<time>.tgz`
/// in the working directory).
pub fn export(ctx: &Ctx, mode: Mode, dest: Option<&Path>) -> Result<Exported> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let now = crate::infra::history::now_secs();
    let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(format!("stackato-export-{now}.tgz")));
    let nodes: Vec<String> = match mode {
        Mode::Cluster => registry::node_ids(&doc),
        Mode::ThisNode => vec![local.id.clone()],
    };
    let others: Vec<&String> = nodes.iter().filter(|n| **n != local.id).collect();
    if !others.is_empty() {
        bail!(
            "exporting other nodes ({}) is not supported yet: run 'kato data export --only-this-node' on each",
            others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    ctx.out.header("Beginning Stackato export...");
    match mode {
        Mode::Cluster => ctx.out.warn("Exporting in cluster mode"),
        Mode::ThisNode => ctx.out.warn("Only performing export on this node"),
    }
    let mut w = Writer::create(&dest)?;
    let manifest = (|| -> Result<serde_json::Value> {
        ctx.out.header(&format!("Running local export of {}", roles_line(&doc, &local.id)));
        let (files, data) = node_files(ctx, &local, &doc)?;
        for rel in &files {
            w.add_file(&format!("nodes/{}/{rel}", local.id), &ctx.root.join(rel))?;
        }
        Ok(json!({
            "format": FORMAT,
            "kato_version": crate::infra::version::current(),
            "created": now,
            "mode": if mode == Mode::Cluster { "cluster" } else { "only-this-node" },
            "cluster": {"endpoint": doc.get_str("cluster", "endpoint"), "mbusip": doc.get_str("cluster", "mbusip")},
            "exported_from": local.id,
            "nodes": [{"id": local.id, "roles": registry::role_names_of(&doc, &local.id), "data": data}],
        }))
    })();
    let manifest = match manifest {
        Ok(m) => m,
        Err(e) => {
            w.abandon();
            return Err(e);
        }
    };
    let files = w.files().len();
    let bytes = w.files().iter().map(|f| f.size).sum();
    let path = w.finish(manifest)?;
    Ok(Exported { path, files, bytes })
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Imported {
    pub files: usize,
    /// Nodes in the archive whose files were not restored here.
    pub other_nodes: Vec<String>,
}

/// Check an archive against this node: the format, the cluster, and that it holds this
/// node's files.
fn check_for_here(checked: &Checked, local: &Local, doc: &Document) -> Result<()> {
    let m = &checked.manifest;
    if m["format"] != FORMAT {
        bail!("not a kato export (format {})", m["format"]);
    }
    let theirs = m["cluster"]["endpoint"].as_str().unwrap_or("");
    let ours = doc.get_str("cluster", "endpoint").unwrap_or("");
    if !ours.is_empty() && theirs != ours {
        bail!("the archive is of the cluster {theirs}, this node is in the cluster {ours}");
    }
    let prefix = format!("nodes/{}/", local.id);
    if !checked.files.iter().any(|f| f.path.starts_with(&prefix)) {
        bail!("the archive holds no files for this node ({})", local.id);
    }
    Ok(())
}

/// `kato data import FILE`: check everything, then restore this node's files (the store
/// on a core) and start the roles the restored store records as started.
pub fn import(ctx: &Ctx, mode: Mode, source: &Path, dry_run: bool) -> Result<Outcome<Imported>> {
    if !source.is_file() {
        bail!("Import file {} does not exist!", source.display());
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    ctx.out.header("Beginning Stackato import...");
    let checked = archive::check(source)
        .and_then(|c| check_for_here(&c, &local, &doc).map(|_| c))
        .map_err(|e| e.context(format!("{} refused, nothing was changed", source.display())))?;
    ctx.out.action(0, "Reading import file", "ok", super::report::Tone::Ok);
    let prefix = format!("nodes/{}/", local.id);
    let mine: Vec<String> =
        checked.files.iter().filter_map(|f| f.path.strip_prefix(&prefix).map(str::to_string)).collect();
    let data: Vec<String> = checked.manifest["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["id"] == local.id.as_str())
        .flat_map(|n| n["data"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d.as_str().map(str::to_string))
        .collect();
    for d in &data {
        if !d.split('/').all(|c| !c.is_empty() && c != "." && c != "..") {
            bail!("{} refused, nothing was changed: unsafe data path '{d}'", source.display());
        }
    }
    let _ = mode; // every mode restores this node's files; other nodes are named below
    let other_nodes: Vec<String> = checked.manifest["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["id"].as_str())
        .filter(|n| *n != local.id)
        .map(str::to_string)
        .collect();
    let staging = ctx.root.state_dir().join(format!("import-{}", std::process::id()));
    let count = mine.len();
    let wf = Workflow::new()
        .step(Step::new("stop", "stop this node's processes", || {
            super::node::stop_all_local(ctx)?;
            Ok(Done::Final)
        }))
        .step(restore_step(ctx, source, &checked, &staging, &prefix, &mine, &data))
        .step(Step::new("start", "start the roles the restored store records as started", || {
            super::lifecycle::start(ctx, None, &[], true, false)?;
            Ok(Done::Final)
        }));
    let outcome = wf.execute(ctx, dry_run);
    let _ = std::fs::remove_dir_all(&staging);
    let outcome = outcome?;
    if matches!(outcome, Outcome::Done(_)) {
        for n in &other_nodes {
            ctx.out.warn(&format!("the files of {n} are in the archive: run 'kato data import' there to restore them"));
        }
        ctx.out.info("Import complete");
    }
    Ok(outcome.map(|_: Report| Imported { files: count, other_nodes }))
}

fn restore_step<'a>(
    ctx: &'a Ctx,
    source: &'a Path,
    checked: &'a Checked,
    staging: &'a Path,
    prefix: &'a str,
    mine: &'a [String],
    data: &'a [String],
) -> Step<'a> {
    Step::new("restore", format!("restore {} files of this node", mine.len()), move || {
        let new = staging.join("new");
        let old = staging.join("old");
        crate::infra::files::state_dir(&new)?;
        archive::extract(source, checked, &new)?;
        let new = new.join(prefix.trim_end_matches('/'));
        // What is replaced is kept until the end, to be put back if anything fails.
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        let result = (|| -> Result<()> {
            let mut targets: Vec<&str> = data.iter().map(String::as_str).collect();
            targets.extend(
                mine.iter()
                    .map(String::as_str)
                    .filter(|f| !data.iter().any(|d| f.starts_with(&format!("{d}/")) || *f == d)),
            );
            for rel in targets {
                let target = ctx.root.join(rel);
                if std::fs::symlink_metadata(&target).is_ok() {
                    let keep = old.join(rel);
                    std::fs::create_dir_all(keep.parent().context("path without parent")?)?;
                    std::fs::rename(&target, &keep)?;
                    moved.push((keep, target.clone()));
                }
                let from = new.join(rel);
                if std::fs::symlink_metadata(&from).is_ok() {
                    crate::infra::files::state_dir(target.parent().context("path without parent")?)?;
                    std::fs::rename(&from, &target)
                        .with_context(|| format!("cannot put {} in place", target.display()))?;
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            for (keep, target) in moved.into_iter().rev() {
                let _ = std::fs::remove_dir_all(&target).or_else(|_| std::fs::remove_file(&target));
                let _ = std::fs::rename(&keep, &target);
            }
            return Err(e);
        }
        ctx.out.action(0, &format!("Restored {} files", mine.len()), "ok", super::report::Tone::Ok);
        Ok(Done::Final)
    })
}
