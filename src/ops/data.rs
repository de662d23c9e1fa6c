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
fn data_paths(local: &Local, doc: &Document, node: &str, exclude_roles: &[String]) -> Vec<String> {
    let roles = assigned_roles(&local.catalog, doc, node);
    let mut out: Vec<String> = processes::processes_for(&local.catalog, &roles)
        .iter()
        .filter(|p| !p.roles.iter().any(|r| exclude_roles.contains(r)))
        .flat_map(|p| p.data.iter())
        .filter_map(|d| d.strip_prefix("${KATO_ROOT}/").map(str::to_string))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every file this node contributes to an export (root-relative), and its data paths.
pub fn node_files(
    ctx: &Ctx,
    local: &Local,
    doc: &Document,
    exclude_roles: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
    let root = &ctx.root;
    let mut files = Vec::new();
    for rel in
        ["var/lib/kato/node.json", "var/lib/kato/store", "var/log/kato/history.jsonl", "var/lib/kato/deferred.json"]
    {
        walk(root, rel, &[], &mut files)?;
    }
    walk(root, "etc/kato", &["etc/kato/supervisord.conf", "etc/kato/supervisord.conf.d"], &mut files)?;
    let data = data_paths(local, doc, &local.id, exclude_roles);
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
pub fn export(ctx: &Ctx, mode: Mode, exclude_roles: &[String], dest: Option<&Path>) -> Result<Exported> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let now = crate::infra::history::now_secs();
    let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(format!("stackato-export-{now}.tgz")));
    let nodes: Vec<String> = match mode {
        Mode::Cluster => registry::node_ids(&doc),
        Mode::ThisNode => vec![local.id.clone()],
    };
    let others: Vec<String> = nodes.iter().filter(|n| **n != local.id).cloned().collect();
    ctx.out.header("Beginning Stackato export...");
    match mode {
        Mode::Cluster => ctx.out.warn("Exporting in cluster mode"),
        Mode::ThisNode => ctx.out.warn("Only performing export on this node"),
    }
    let mut w = Writer::create(&dest)?;
    let spool_dir = PathBuf::from(format!("{}.d", dest.display()));
    let manifest = (|| -> Result<serde_json::Value> {
        let mut nodes_meta = Vec::new();
        ctx.out.header(&format!("Running local export of {}", roles_line(&doc, &local.id)));
        let (files, data) = node_files(ctx, &local, &doc, exclude_roles)?;
        for rel in &files {
            w.add_file(&format!("nodes/{}/{rel}", local.id), &ctx.root.join(rel))?;
        }
        nodes_meta.push(json!({"id": local.id, "roles": registry::role_names_of(&doc, &local.id), "data": data}));
        if !others.is_empty() {
            for n in &others {
                ctx.out.header(&format!("Exporting {} from {n}", roles_line(&doc, n)));
            }
            std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700)
                .create(&spool_dir)
                .with_context(|| format!("cannot create {}", spool_dir.display()))?;
            let spools = gather(ctx, &others, exclude_roles, &spool_dir)?;
            let spools = spools.lock().map_err(|_| anyhow::anyhow!("spool lock"))?;
            let mut failed = Vec::new();
            for (n, s) in spools.iter() {
                match (&s.error, s.done, &s.node) {
                    (None, true, Some(meta)) => {
                        add_spool(&mut w, n, s)?;
                        nodes_meta.push(meta.clone());
                        ctx.out.action(0, &format!("Reading remote export of {n}"), "ok", super::report::Tone::Ok);
                    }
                    (why, _, _) => {
                        ctx.out.action(0, &format!("Reading remote export of {n}"), "fail", super::report::Tone::Fail);
                        failed.push(format!("{n}: {}", why.as_deref().unwrap_or("its export stream ended early")));
                    }
                }
            }
            if !failed.is_empty() {
                bail!("could not export {}", failed.join("; "));
            }
        }
        Ok(json!({
            "format": FORMAT,
            "kato_version": crate::infra::version::current(),
            "created": now,
            "mode": if mode == Mode::Cluster { "cluster" } else { "only-this-node" },
            "cluster": {"endpoint": doc.get_str("cluster", "endpoint"), "mbusip": doc.get_str("cluster", "mbusip")},
            "exported_from": local.id,
            "nodes": nodes_meta,
        }))
    })();
    let _ = std::fs::remove_dir_all(&spool_dir);
    let manifest = match manifest {
        Ok(m) => m,
        Err(e) => {
            w.abandon();
            return Err(e);
        }
    };
    ctx.out.action(0, "Cleaning up", "ok", super::report::Tone::Ok);
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
fn check_for_here(checked: &Checked, id: &str, fresh: bool, doc: &Document) -> Result<()> {
    let m = &checked.manifest;
    if m["format"] != FORMAT {
        bail!("not a kato export (format {})", m["format"]);
    }
    let theirs = m["cluster"]["endpoint"].as_str().unwrap_or("");
    let ours = doc.get_str("cluster", "endpoint").unwrap_or("");
    if !fresh && theirs != ours {
        bail!("the archive is of the cluster {theirs}, this node is in the cluster {ours}");
    }
    let prefix = format!("nodes/{id}/");
    if !checked.files.iter().any(|f| f.path.starts_with(&prefix)) {
        bail!("the archive holds no files for this node ({id})");
    }
    Ok(())
}

/// Which node of an archive this one is: its id, or (never set up nor attached) its
/// network address; and whether it is such a fresh node (which joins the archive's cluster).
fn identity_here(ctx: &Ctx, local: &Local) -> Result<(String, bool)> {
    if !ctx.root.node_state_file().exists() {
        return Ok((crate::model::node::network_ip(&ctx.root)?, true));
    }
    Ok((local.id.clone(), false))
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
    let (id, fresh) = identity_here(ctx, &local)?;
    let checked = archive::check(source)
        .and_then(|c| check_for_here(&c, &id, fresh, &doc).map(|_| c))
        .map_err(|e| e.context(format!("{} refused, nothing was changed", source.display())))?;
    ctx.out.action(0, "Reading import file", "ok", super::report::Tone::Ok);
    let prefix = format!("nodes/{id}/");
    let mine: Vec<String> =
        checked.files.iter().filter_map(|f| f.path.strip_prefix(&prefix).map(str::to_string)).collect();
    let data: Vec<String> = checked.manifest["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["id"] == id.as_str())
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
        .filter(|n| *n != id)
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

/// The largest piece of a file in one line of a node's export stream.
const CHUNK: usize = 48 * 1024;

/// Answer another node's `ExportNode`: this node's part of an export, as JSON lines:
/// `{"node": {id, roles, data}}`, then per file `{"file", "size", "mode"}`, its bytes in
/// `{"chunk": base64}` lines and `{"sha256"}`; `{"done": true}` at the end, or
/// `{"error"}`.
pub fn export_here(ctx: &Ctx, exclude_roles: &[String], out: &mut dyn std::io::Write) -> Result<()> {
    let r = (|| -> Result<()> {
        use base64::Engine as _;
        use sha2::Digest as _;
        use std::io::Read as _;
        use std::os::unix::fs::PermissionsExt;
        let local = ctx.local()?;
        let doc = local.read_cluster(ctx)?;
        let (files, data) = node_files(ctx, &local, &doc, exclude_roles)?;
        let node = json!({"id": local.id, "roles": registry::role_names_of(&doc, &local.id), "data": data});
        writeln!(out, "{}", json!({ "node": node }))?;
        let mut buf = vec![0u8; CHUNK];
        for rel in &files {
            let mut f = std::fs::File::open(ctx.root.join(rel)).with_context(|| format!("cannot read {rel}"))?;
            let meta = f.metadata()?;
            let size = meta.len();
            writeln!(out, "{}", json!({"file": rel, "size": size, "mode": meta.permissions().mode() & 0o777}))?;
            let mut hash = sha2::Sha256::new();
            let mut left = size;
            while left > 0 {
                let want = (left as usize).min(CHUNK);
                f.read_exact(&mut buf[..want]).with_context(|| format!("{rel} changed size while it was read"))?;
                hash.update(&buf[..want]);
                let b64 = base64::engine::general_purpose::STANDARD.encode(&buf[..want]);
                writeln!(out, "{{\"chunk\":\"{b64}\"}}")?;
                left -= want as u64;
            }
            let sha: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
            writeln!(out, "{}", json!({ "sha256": sha }))?;
        }
        writeln!(out, "{}", json!({"done": true}))?;
        Ok(())
    })();
    if let Err(e) = &r {
        writeln!(out, "{}", json!({"error": crate::error::one_line(e)}))?;
    }
    out.flush()?;
    Ok(())
}

/// One remote node's part while it arrives: file bytes appended to a spool file, an index
/// of where each file is.
#[derive(Default)]
struct Spool {
    path: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
    offset: u64,
    /// (path, offset, size, mode, sha256)
    index: Vec<(String, u64, u64, u32, String)>,
    current: Option<(String, u64, u64, u32, sha2::Sha256)>,
    node: Option<serde_json::Value>,
    error: Option<String>,
    done: bool,
}

impl Spool {
    fn line(&mut self, line: &str) -> Result<()> {
        use base64::Engine as _;
        use sha2::Digest as _;
        use std::io::Write as _;
        let v: serde_json::Value = serde_json::from_str(line).context("garbled export stream")?;
        if let Some(b64) = v["chunk"].as_str() {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64).context("garbled export chunk")?;
            let (_, _, size, _, hash) = self.current.as_mut().context("a chunk outside a file")?;
            hash.update(&bytes);
            self.file.as_mut().context("spool closed")?.write_all(&bytes)?;
            self.offset += bytes.len() as u64;
            *size += bytes.len() as u64;
        } else if let Some(rel) = v["file"].as_str() {
            crate::infra::archive::check_name(rel)?;
            let mode = v["mode"].as_u64().unwrap_or(0o600) as u32;
            self.current = Some((rel.to_string(), self.offset, 0, mode, sha2::Sha256::new()));
        } else if let Some(sha) = v["sha256"].as_str() {
            let (rel, off, size, mode, hash) = self.current.take().context("a checksum outside a file")?;
            let got: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
            if got != sha {
                bail!("{rel} arrived damaged");
            }
            self.index.push((rel, off, size, mode, got));
        } else if v.get("node").is_some() {
            self.node = Some(v["node"].clone());
        } else if let Some(e) = v["error"].as_str() {
            self.error = Some(e.to_string());
        } else if v["done"] == true {
            self.file.as_mut().context("spool closed")?.flush()?;
            self.done = true;
        }
        Ok(())
    }
}

type Spools = std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, Spool>>>;

/// Gather the parts of `nodes` over SSH, in parallel, into spool files in `dir`.
fn gather(ctx: &Ctx, nodes: &[String], exclude_roles: &[String], dir: &Path) -> Result<Spools> {
    let spools: Spools = Default::default();
    for n in nodes {
        let path = dir.join(format!("{n}.spool"));
        let f = std::os::unix::fs::OpenOptionsExt::mode(&mut std::fs::OpenOptions::new(), 0o600)
            .write(true)
            .create_new(true)
            .open(&path)?;
        let spool = Spool { path, file: Some(std::io::BufWriter::new(f)), ..Default::default() };
        spools.lock().map_err(|_| anyhow::anyhow!("spool lock"))?.insert(n.clone(), spool);
    }
    let (on_line, on_drop) = (spools.clone(), spools.clone());
    ctx.transport()?.stream_many(
        nodes,
        &super::remote::Request::ExportNode { exclude_roles: exclude_roles.to_vec() },
        false,
        move |node, line| {
            if let Ok(mut all) = on_line.lock()
                && let Some(s) = all.get_mut(node)
                && s.error.is_none()
                && let Err(e) = s.line(line)
            {
                s.error = Some(crate::error::one_line(&e));
            }
        },
        move |node, why| {
            if let Ok(mut all) = on_drop.lock()
                && let Some(s) = all.get_mut(node)
                && !s.done
                && s.error.is_none()
            {
                s.error = Some(why.to_string());
            }
        },
    )?;
    Ok(spools)
}

/// Copy a gathered node's files from its spool into the archive.
fn add_spool(w: &mut Writer, node: &str, s: &Spool) -> Result<()> {
    use std::io::{Read as _, Seek as _};
    let mut f = std::fs::File::open(&s.path)?;
    for (rel, off, size, mode, sha) in &s.index {
        f.seek(std::io::SeekFrom::Start(*off))?;
        w.add_reader(&format!("nodes/{node}/{rel}"), (&mut f).take(*size), *size, *mode)?;
        if w.files().last().is_none_or(|e| e.sha256 != *sha) {
            bail!("{rel} of {node} changed in the spool");
        }
    }
    Ok(())
}
