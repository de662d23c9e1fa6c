//! `kato report`: a support bundle (`.tgz`) of this node, another node or the whole
//! cluster: info, process states, the cluster config with every secret-looking value
//! redacted, node list, history, the last lines of every log, catalog, OS facts, disk,
//! memory and clock. Each part is bounded, so the bundle is too. A node that cannot be
//! reached is listed in `down-nodes.txt` and the bundle is made without it.

use super::context::Ctx;
use super::remote::Request;
use super::report::Tone;
use crate::infra::archive::Writer;
use crate::infra::history::looks_secret;
use crate::model::store::registry;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The most kept of one log or record (its end).
const MAX_PART: usize = 128 * 1024;

/// One file of a node's report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Made {
    pub path: PathBuf,
    pub nodes: Vec<String>,
    pub down: Vec<(String, String)>,
}

/// The last `lines` lines of a file, at most [`MAX_PART`] bytes.
fn tail(path: &Path, lines: usize) -> String {
    let Ok(bytes) = std::fs::read(path) else { return String::new() };
    let start = bytes.len().saturating_sub(MAX_PART);
    let text = String::from_utf8_lossy(&bytes[start..]);
    let all: Vec<&str> = text.lines().collect();
    let mut out = all[all.len().saturating_sub(lines)..].join("\n");
    out.push('\n');
    out
}

/// Replace secret-looking values (by key, and passwords inside URLs) with `<redacted>`.
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if looks_secret(k) && !x.is_object() && !x.is_array() {
                    *x = Value::String("<redacted>".into());
                } else if looks_secret(k) {
                    redact_all(x);
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        Value::String(s) => {
            if let Some((scheme, rest)) = s.split_once("://")
                && let Some((userinfo, host)) = rest.split_once('@')
                && userinfo.contains(':')
            {
                *s = format!("{scheme}://<redacted>@{host}");
            }
        }
        _ => {}
    }
}

/// A URL's password in free text (`scheme://user:password@host`) replaced by `<redacted>`.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (before, after) = rest.split_at(i + 3);
        out.push_str(before);
        let token_end =
            after.find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '/').unwrap_or(after.len());
        match after[..token_end].rfind('@') {
            Some(at) if after[..at].contains(':') => {
                out.push_str("<redacted>");
                rest = &after[at..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

fn redact_all(v: &mut Value) {
    match v {
        Value::Object(m) => m.values_mut().for_each(redact_all),
        Value::Array(a) => a.iter_mut().for_each(redact_all),
        x => *x = Value::String("<redacted>".into()),
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// This node's facts: what `kato report` takes from every node.
pub fn here(ctx: &Ctx, lines: usize) -> Result<Vec<Part>> {
    let local = ctx.local()?;
    let mut parts = Vec::new();
    let mut add = |name: &str, text: String| parts.push(Part { name: name.into(), text });
    match super::info::info(ctx, None) {
        Ok(i) => add("info.json", serde_json::to_string_pretty(&i)?),
        Err(e) => add("info.json", format!("ERROR: {}\n", crate::error::one_line(&e))),
    }
    let procs = match super::processes::connect_if_running(&ctx.root) {
        None => "supervisord is not running\n".to_string(),
        Some(sup) => match sup.get_all_process_info() {
            Ok(all) => all.iter().map(|p| format!("{:<28} {:<10} pid {}\n", p.name, p.statename, p.pid)).collect(),
            Err(e) => format!("ERROR: {}\n", crate::error::one_line(&e.into())),
        },
    };
    add("processes.txt", procs);
    add("node.json", String::from_utf8_lossy(&std::fs::read(ctx.root.node_state_file()).unwrap_or_default()).into());
    add("history.jsonl", tail(&ctx.root.history_file(), 1000));
    if let Ok(dir) = std::fs::read_dir(ctx.root.log_dir()) {
        let mut logs: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "log"))
            .collect();
        logs.sort();
        for p in logs {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            add(&format!("logs/{name}"), tail(&p, lines));
        }
    }
    let catalog: String = local
        .catalog
        .processes
        .iter()
        .map(|p| format!("{:<28} roles: {}  port: {:?}\n", p.name, p.roles.join(","), p.listen_port))
        .collect();
    add("catalog.txt", catalog);
    let root_fs = nix::sys::statvfs::statvfs(ctx.root.dir())
        .map(|s| {
            let total = s.blocks() * s.fragment_size();
            let free = s.blocks_available() * s.fragment_size();
            format!("disk ({}): {} MiB free of {} MiB\n", ctx.root.dir().display(), free >> 20, total >> 20)
        })
        .unwrap_or_default();
    let now = crate::infra::history::now_secs();
    let mem: String = read("/proc/meminfo").lines().take(3).map(|l| format!("{l}\n")).collect();
    add(
        "system.txt",
        format!(
            "clock: {now} ({})\nkernel: {}uptime: {}load: {}{root_fs}{mem}\n{}",
            crate::infra::history::format_time(now),
            read("/proc/version"),
            read("/proc/uptime"),
            read("/proc/loadavg"),
            read("/etc/os-release")
        ),
    );
    Ok(parts)
}

/// `kato report`: this node's report, `node`'s, or (`cluster`) every node's, with the
/// cluster's config (redacted) and node list, written to `dest`.
pub fn make(ctx: &Ctx, cluster: bool, node: Option<&str>, lines: usize, dest: Option<&Path>) -> Result<Made> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let targets = if cluster { registry::node_ids(&doc) } else { vec![local.target_node(node, &doc)?] };
    let now = crate::infra::history::now_secs();
    let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(format!("kato-report-{now}.tgz")));
    let mut w = Writer::create_under(&dest, "kato-report")?;
    let mut made = Made { path: dest.clone(), nodes: Vec::new(), down: Vec::new() };
    let result = (|| -> Result<()> {
        let others: Vec<String> = targets.iter().filter(|n| **n != local.id).cloned().collect();
        let mut answers: Vec<(String, Result<Vec<Part>>)> = Vec::new();
        if targets.contains(&local.id) {
            ctx.out.header(&format!("Gathering report from {}", local.id));
            answers.push((local.id.clone(), here(ctx, lines)));
        }
        if !others.is_empty() {
            for n in &others {
                ctx.out.header(&format!("Gathering report from {n}"));
            }
            let req = |_: &str| Request::ReportNode { lines };
            for (n, r) in ctx.transport()?.call_many(&others, req) {
                answers.push((n, r.and_then(|v| Ok(serde_json::from_value::<Vec<Part>>(v)?))));
            }
        }
        for (n, r) in answers {
            match r {
                Ok(parts) => {
                    for p in parts {
                        w.add_bytes(&format!("nodes/{n}/{}", p.name), redact_text(&p.text).as_bytes())?;
                    }
                    ctx.out.action(0, &format!("report of {n}"), "ok", Tone::Ok);
                    made.nodes.push(n);
                }
                Err(e) => {
                    ctx.out.action(0, &format!("report of {n}"), "unreachable", Tone::Fail);
                    made.down.push((n, crate::error::one_line(&e)));
                }
            }
        }
        let mut config = serde_json::to_value(&doc.components)?;
        redact(&mut config);
        w.add_bytes("cluster/config.json", serde_json::to_string_pretty(&config)?.as_bytes())?;
        let list: String = super::info::node_rows(ctx)
            .unwrap_or_default()
            .into_iter()
            .map(|r| format!("{:<15}  {}\n", r.node, r.roles.join(" ")))
            .collect();
        w.add_bytes("cluster/node-list.txt", list.as_bytes())?;
        let down: String = made.down.iter().map(|(n, why)| format!("{n}: {why}\n")).collect();
        w.add_bytes("down-nodes.txt", down.as_bytes())?;
        Ok(())
    })();
    if let Err(e) = result {
        w.abandon();
        return Err(e);
    }
    let manifest = serde_json::json!({"format": "kato-report/1", "created": now, "from": local.id,
        "nodes": made.nodes, "down": made.down.iter().map(|(n, _)| n).collect::<Vec<_>>()});
    w.finish(manifest)?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_url_passwords_in_text() {
        let t = "set backup/url redis://user:Pw9@db:6379/0 and http://h/x@y and ftp://anon@h";
        assert_eq!(
            super::redact_text(t),
            "set backup/url redis://<redacted>@db:6379/0 and http://h/x@y and ftp://anon@h"
        );
        let mut v = serde_json::json!({"a": {"db_password": "x", "uri": "mysql://u:p@h/db", "keys": {"k": 1}}});
        super::redact(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": {"db_password": "<redacted>", "uri": "mysql://<redacted>@h/db", "keys": {"k": "<redacted>"}}})
        );
    }
}
