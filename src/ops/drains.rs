//! Log drains (`kato log drain add|delete|list|status`): stored in the cluster store
//! (`logyard drains/<name>`), shipped by rsyslog running as the `log_shipper` program under
//! every node's supervisord, with a configuration kato renders from the drains here
//! (`var/lib/kato/rsyslog/rsyslog.conf`) whenever the node's programs are synced (drain
//! add/delete on every node, start, boot, attach).

use super::context::{Ctx, Local};
use super::remote::{Output, Request};
use super::workflow::{Done, Outcome, Step, Workflow};
use crate::infra::rsyslog::{self, Action, Piece, Target};
use crate::infra::supervisor::SupervisorPaths;
use crate::model::catalog::Catalog;
use crate::model::drain::{self, AddInput, Drain, Field, Format, Part, Scheme};
use crate::model::root::Root;
use crate::model::store::{Document, Mutation, registry};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub use drain::SHIPPER;

fn dir(root: &Root) -> PathBuf {
    root.state_dir().join("rsyslog")
}

pub fn conf_path(root: &Root) -> PathBuf {
    dir(root).join("rsyslog.conf")
}

fn stats_path(root: &Root) -> PathBuf {
    dir(root).join("stats.json")
}

fn applied_path(root: &Root) -> PathBuf {
    dir(root).join("applied.json")
}

/// What a node records when it renders a new configuration.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Applied {
    revision: u64,
    /// Drains that could not be rendered here, with why.
    #[serde(default)]
    refused: Vec<(String, String)>,
    /// Why the newest configuration could not be written (the previous one runs).
    #[serde(default)]
    error: String,
}

fn event_pieces(node: &str, f: &Format) -> Vec<Piece> {
    match f {
        Format::Json => vec![Piece::EventJson],
        Format::Raw => vec![Piece::Text("event.kato_action ".into()), Piece::EventJson],
        Format::Template(parts) => {
            let mut v = Vec::new();
            for p in parts {
                match p {
                    Part::Literal(s) => v.push(Piece::Text(s.clone())),
                    Part::Field(Field::Name) => v.push(Piece::Text("kato".into())),
                    Part::Field(Field::NodeId) => v.push(Piece::Text(node.into())),
                    Part::Field(Field::Text) => v.extend([
                        Piece::Var("command".into()),
                        Piece::Text(" (".into()),
                        Piece::Var("status".into()),
                        Piece::Text(")".into()),
                    ]),
                    Part::Field(Field::UnixTime) => v.push(Piece::Var("unix_time".into())),
                    Part::Field(Field::HumanTime) => v.push(Piece::Rfc3339Time),
                    Part::Field(Field::Key) => v.push(Piece::Text("event.kato_action".into())),
                    Part::Field(Field::Type) => v.push(Piece::Text("kato_action".into())),
                }
            }
            v
        }
    }
}

fn pieces(node: &str, f: &Format) -> Vec<Piece> {
    let key = |v: &mut Vec<Piece>| {
        v.extend([Piece::Text("systail.".into()), Piece::Process, Piece::Text(format!(".{node}"))]);
    };
    match f {
        Format::Json => vec![Piece::Json],
        Format::Raw => {
            let mut v = Vec::new();
            key(&mut v);
            v.push(Piece::Text(" ".into()));
            v.push(Piece::Json);
            v
        }
        Format::Template(parts) => {
            let mut v = Vec::new();
            for p in parts {
                match p {
                    Part::Literal(s) => v.push(Piece::Text(s.clone())),
                    Part::Field(Field::Name) => v.push(Piece::Process),
                    Part::Field(Field::NodeId) => v.push(Piece::Text(node.into())),
                    Part::Field(Field::Text) => v.push(Piece::Message),
                    Part::Field(Field::UnixTime) => v.push(Piece::UnixTime),
                    Part::Field(Field::HumanTime) => v.push(Piece::Rfc3339Time),
                    Part::Field(Field::Key) => key(&mut v),
                    Part::Field(Field::Type) => v.push(Piece::Text("systail".into())),
                }
            }
            v
        }
    }
}

/// The rsyslog actions of a drain: one for process logs, one (`NAME.events`) for events.
fn actions(node: &str, d: &Drain) -> Vec<Action> {
    let mut out = Vec::new();
    if d.takes_logs() {
        out.push(action(node, d));
    }
    if d.takes_events() {
        let mut a = action(node, d);
        a.name = format!("{}.events", d.name);
        a.processes = None;
        a.line = event_pieces(node, &d.format);
        a.events = true;
        out.push(a);
    }
    out
}

fn action(node: &str, d: &Drain) -> Action {
    let target = match d.scheme {
        Scheme::Udp => Target::Udp { host: d.host.clone(), port: d.port },
        Scheme::Tcp => Target::Tcp { host: d.host.clone(), port: d.port },
        Scheme::File => Target::File { path: d.path.clone() },
        Scheme::Redis => Target::Redis {
            host: d.host.clone(),
            port: d.port,
            key: d.params.get("key").cloned().unwrap_or_else(|| d.name.clone()),
        },
    };
    let processes = if d.filters.iter().any(|f| f == "systail") {
        None
    } else {
        Some(d.filters.iter().filter_map(|f| f.strip_prefix("systail.")).map(str::to_string).collect())
    };
    Action { name: d.name.clone(), processes, target, line: pieces(node, &d.format), events: false }
}

/// The shipper's configuration for `node`, and the drains that could not be used.
fn config(root: &Root, catalog: &Catalog, doc: &Document, node: &str) -> (rsyslog::Config, Vec<(String, String)>) {
    let paths = SupervisorPaths::under(root.dir());
    let roles = super::processes::assigned_roles(catalog, doc, node);
    let mut inputs: Vec<(String, PathBuf)> = super::processes::processes_for(catalog, &roles)
        .iter()
        .filter(|p| p.name != SHIPPER)
        .map(|p| (p.name.clone(), paths.program_log(&p.name)))
        .collect();
    inputs.push(("supervisord".into(), paths.main_log()));
    let (mut actions, mut refused) = (Vec::new(), Vec::new());
    for (name, d) in drain::stored(doc) {
        match d {
            Ok(d) => actions.extend(self::actions(node, &d)),
            Err(e) => refused.push((name, crate::error::one_line(&e))),
        }
    }
    let cfg = rsyslog::Config {
        node_id: node.to_string(),
        work_dir: dir(root).join("work"),
        stats_file: stats_path(root),
        inputs,
        history: Some(root.history_file()),
        actions,
        queue_max_disk: std::env::var("KATO_DRAIN_QUEUE_MAX").unwrap_or_else(|_| "1g".into()),
    };
    (cfg, refused)
}

/// Write this node's shipper configuration from `doc` (checked by rsyslogd first; a
/// configuration rsyslog refuses leaves the previous one in place). Nothing to do without
/// drains. Returns whether the file changed.
pub fn render_here(root: &Root, catalog: &Catalog, doc: &Document, node: &str) -> Result<bool> {
    if !drain::any(doc) {
        return Ok(false);
    }
    let (cfg, refused) = config(root, catalog, doc, node);
    let text = rsyslog::render(&cfg);
    let path = conf_path(root);
    let old = crate::infra::files::read_optional(&path)?;
    if old.as_deref() == Some(text.as_bytes()) {
        return Ok(false);
    }
    crate::infra::files::state_dir(&cfg.work_dir)?;
    let candidate = dir(root).join("rsyslog.conf.new");
    crate::infra::files::write_state(&candidate, text.as_bytes(), 0o640)?;
    if let Err(e) = rsyslog::validate(&candidate) {
        let _ = std::fs::remove_file(&candidate);
        anyhow::bail!("rsyslog refuses the drains' configuration: {e}");
    }
    let _ = std::fs::remove_file(&candidate);
    // A file drain with overwrite=1 starts empty when it is new on this node.
    let old_text = old.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    for (_, d) in drain::stored(doc) {
        if let Ok(d) = d
            && d.scheme == Scheme::File
            && d.params.get("overwrite").map(String::as_str) == Some("1")
            && !old_text.contains(&format!("\"{}\"", rsyslog::action_name(&d.name)))
            && std::path::Path::new(&d.path).exists()
        {
            std::fs::File::create(&d.path).with_context(|| format!("cannot empty {}", d.path))?;
        }
    }
    crate::infra::files::write_state(&path, text.as_bytes(), 0o640)?;
    let applied = Applied { revision: doc.revision, refused, error: String::new() };
    crate::infra::files::write_state(&applied_path(root), &serde_json::to_vec(&applied)?, 0o640)?;
    // Old counters would describe the previous configuration.
    let _ = std::fs::remove_file(stats_path(root));
    Ok(true)
}

/// [`render_here`], keeping a failure for `status` instead of returning it.
pub fn render_or_record(root: &Root, catalog: &Catalog, doc: &Document, node: &str) {
    if let Err(e) = render_here(root, catalog, doc, node) {
        record_error(root, &crate::error::one_line(&e));
    }
}

/// Keep why this node cannot run its drains, for `status` (FATAL with this error).
pub fn record_error(root: &Root, why: &str) {
    let mut applied: Applied = crate::infra::files::read_optional(&applied_path(root))
        .ok()
        .flatten()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    applied.error = why.to_string();
    if let Ok(bytes) = serde_json::to_vec(&applied) {
        let _ = crate::infra::files::state_dir(&dir(root))
            .and_then(|()| crate::infra::files::write_state(&applied_path(root), &bytes, 0o640));
    }
}

/// The configuration's digest, given to supervisord with the shipper's program so that a
/// new configuration restarts it (rsyslog reads its configuration only at start).
pub fn conf_digest(root: &Root) -> String {
    use sha2::Digest;
    let bytes = crate::infra::files::read_optional(&conf_path(root)).ok().flatten().unwrap_or_default();
    format!("{:x}", sha2::Sha256::digest(&bytes))
}

/// Apply the cluster's drains on this node: render, sync the programs (the shipper is one
/// of them while the cluster has drains; it goes away with the last one), start it.
pub fn apply_here(ctx: &Ctx) -> Result<()> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let sup = super::processes::sync(&ctx.root, &local.catalog, &doc, &local.id)?;
    if drain::any(&doc) {
        let sup = sup.ok_or_else(|| anyhow::anyhow!("supervisord is not running on {}", local.id))?;
        sup.ensure_started(SHIPPER, true).with_context(|| format!("cannot start {SHIPPER} on {}", local.id))?;
    }
    Ok(())
}

/// Answer `DrainApply`.
pub fn answer_apply(ctx: &Ctx) -> Result<Output> {
    apply_here(ctx)?;
    Ok(Output::default())
}

fn apply_everywhere(ctx: &Ctx, local: &Local) -> Result<()> {
    let doc = local.read_cluster(ctx)?;
    let mut failed = Vec::new();
    for node in registry::node_ids(&doc) {
        let r = if node == local.id {
            apply_here(ctx)
        } else {
            ctx.transport().and_then(|t| super::remote::ask::<Output>(t, &node, &Request::DrainApply).map(|_| ()))
        };
        match r {
            Ok(()) => ctx.out.action(0, &format!("drains applied on {node}"), "ok", super::report::Tone::Ok),
            Err(e) => {
                ctx.out.action(0, &format!("drains applied on {node}"), "fail", super::report::Tone::Fail);
                failed.push(format!("{node}: {}", crate::error::one_line(&e)));
            }
        }
    }
    if !failed.is_empty() {
        anyhow::bail!(
            "the drains are stored, but not applied on {} (it applies them when its roles start): {}",
            if failed.len() == 1 { "one node" } else { "some nodes" },
            failed.join("; ")
        );
    }
    Ok(())
}

/// What `add` reports (the original prints it as YAML).
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    pub name: String,
    pub uri: String,
}

/// `kato log drain add`.
pub fn add(ctx: &Ctx, input: &AddInput, dry_run: bool) -> Result<Outcome<Added>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let d = drain::build(input, &doc)?;
    if doc.get(drain::COMPONENT, &format!("{}/{}", drain::DRAINS_KEY, d.name)).is_some() {
        crate::bail_usage!("drain '{}' already exists (delete it first)", d.name);
    }
    // Let rsyslog check the configuration this node would run, before anything changes.
    let mut with = doc.clone();
    let drains = with
        .components
        .entry(drain::COMPONENT.to_string())
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .map(|c| c.entry(drain::DRAINS_KEY).or_insert_with(|| serde_json::json!({})));
    if let Some(serde_json::Value::Object(m)) = drains {
        m.insert(d.name.clone(), serde_json::Value::String(d.uri.clone()));
    }
    let (mut cfg, _) = config(&ctx.root, &local.catalog, &with, &local.id);
    let probe = tempfile::Builder::new().prefix("kato-drain").tempdir()?;
    cfg.work_dir = probe.path().to_path_buf();
    let probe_conf = probe.path().join("rsyslog.conf");
    std::fs::write(&probe_conf, rsyslog::render(&cfg))?;
    rsyslog::validate(&probe_conf).map_err(|e| crate::error::usage(format!("rsyslog refuses this drain: {e}")))?;
    let path = format!("{}/{}", drain::DRAINS_KEY, d.name);
    let set = Mutation::ConfigSet {
        component: drain::COMPONENT.into(),
        path: path.clone(),
        value: serde_json::Value::String(d.uri.clone()),
        force: false,
    };
    let del = Mutation::ConfigDel { component: drain::COMPONENT.into(), path, force: false };
    let wf = Workflow::new()
        .step(super::cluster::reversible_mutate_step(ctx, &local, "store", format!("store drain {}", d.name), set, del))
        .step(Step::new("apply", "apply the drains on every node", || {
            apply_everywhere(ctx, &local)?;
            Ok(Done::Final)
        }));
    Ok(wf.execute(ctx, dry_run)?.map(|_| Added { name: d.name.clone(), uri: d.uri.clone() }))
}

/// `kato log drain delete`.
pub fn delete(ctx: &Ctx, name: &str, dry_run: bool) -> Result<Outcome<()>> {
    drain::check_name(name)?;
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let path = format!("{}/{name}", drain::DRAINS_KEY);
    if doc.get(drain::COMPONENT, &path).is_none() {
        let names: Vec<String> = drain::stored(&doc).into_iter().map(|(n, _)| n).collect();
        anyhow::bail!("no drain '{}'{}", name, crate::error::did_you_mean(name, names.iter().map(String::as_str)));
    }
    let del = Mutation::ConfigDel { component: drain::COMPONENT.into(), path, force: false };
    let wf = Workflow::new()
        .step(super::cluster::mutate_step(ctx, &local, "store", format!("delete drain {name}"), del, |_| Ok(())))
        .step(Step::new("apply", "apply the drains on every node", || {
            apply_everywhere(ctx, &local)?;
            Ok(Done::Final)
        }));
    Ok(wf.execute(ctx, dry_run)?.map(|_| ()))
}

/// `kato log drain list`: name → URI, in name order.
pub fn list(ctx: &Ctx) -> Result<Vec<(String, String)>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let Some(serde_json::Value::Object(m)) = doc.get(drain::COMPONENT, drain::DRAINS_KEY) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<(String, String)> =
        m.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect();
    out.sort();
    Ok(out)
}

/// One drain's state on one node.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DrainState {
    pub name: String,
    pub node: String,
    /// RUNNING, RETRYING or FATAL.
    pub state: String,
    /// The store revision this node's shipper configuration was made from.
    pub revision: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub error: String,
    /// Lines waiting in the drain's queue (memory and disk) at the last count.
    #[serde(default)]
    pub queued: u64,
    /// Lines the drain has handled since the shipper started.
    #[serde(default)]
    pub processed: u64,
}

fn num(v: Option<&serde_json::Value>, key: &str) -> u64 {
    v.and_then(|v| v.get(key)).and_then(|n| n.as_u64()).unwrap_or(0)
}

/// The states of this node's drains, from supervisord (is the shipper up?), the shipper's
/// configuration (was the drain rendered?), rsyslog's impstats counters (is a queue
/// waiting without progress?) and rsyslog's own error lines (why).
pub fn states_here(ctx: &Ctx) -> Result<Vec<DrainState>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let root = &ctx.root;
    let applied: Applied = crate::infra::files::read_optional(&applied_path(root))?
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let conf = String::from_utf8_lossy(&crate::infra::files::read_optional(&conf_path(root))?.unwrap_or_default())
        .into_owned();
    let paths = SupervisorPaths::under(root.dir());
    let shipper = super::processes::connect_if_running(root).map(|s| s.get_process_info(SHIPPER));
    let shipper_down = match shipper {
        None => Some("supervisord is not running".to_string()),
        Some(Err(e)) => Some(format!("{SHIPPER} is not a program here: {e}")),
        Some(Ok(i)) if i.statename != "RUNNING" => Some(format!("{SHIPPER} is {}", i.statename)),
        Some(Ok(_)) => None,
    };
    let stats = rsyslog::read_stats(&stats_path(root), 256 << 10);
    let log = rsyslog::read_tail(&paths.program_log(SHIPPER), 64 << 10).unwrap_or_default();
    let mut out = Vec::new();
    for (name, d) in drain::stored(&doc) {
        let aname = rsyslog::action_name(&name);
        let mut st = DrainState {
            name: name.clone(),
            node: local.id.clone(),
            state: "RUNNING".into(),
            revision: applied.revision,
            error: String::new(),
            queued: 0,
            processed: 0,
        };
        let fatal = match (&d, &shipper_down) {
            (Err(e), _) => Some(crate::error::one_line(e)),
            _ if !applied.error.is_empty() => Some(applied.error.clone()),
            (_, Some(why)) => Some(why.clone()),
            _ if !conf.contains(&format!("name=\"{aname}\""))
                && !conf.contains(&format!("name=\"{aname}.events\"")) =>
            {
                Some(
                    "not in this node's shipper configuration (run 'kato log drain status' again, or 'kato start')"
                        .into(),
                )
            }
            _ => None,
        };
        if let Some(why) = fatal {
            st.state = "FATAL".into();
            st.error = why;
            out.push(st);
            continue;
        }
        // The drain's actions: process logs, events; it waits if either does.
        let mut stalled_any = false;
        for a in [aname.clone(), format!("{aname}.events")] {
            let action = stats.get(&a);
            let queued = num(stats.get(&format!("{a} queue")).and_then(|q| q.last()), "size");
            st.queued += queued;
            st.processed += num(action.and_then(|r| r.last()), "processed");
            let stalled = match action.map(|r| r.as_slice()) {
                Some([.., prev, last]) => num(Some(prev), "processed") == num(Some(last), "processed"),
                _ => true,
            };
            stalled_any |= queued > 0 && stalled;
        }
        let target = match &d {
            Ok(d) if d.scheme != Scheme::File => format!("{}:{}", d.host, d.port),
            Ok(d) => d.path.clone(),
            Err(_) => String::new(),
        };
        if stalled_any {
            st.state = "RETRYING".into();
            st.error = log
                .lines()
                .rev()
                .find(|l| (!target.is_empty() && l.contains(&target)) || l.contains(&format!("'{aname}'")))
                .map(|l| l.trim_start_matches("rsyslogd: ").split(" [v8").next().unwrap_or(l).trim().to_string())
                .unwrap_or_else(|| format!("{} lines waiting", st.queued));
        }
        out.push(st);
    }
    Ok(out)
}

/// `kato log drain status`: every node's drains (only `names` if given).
pub fn status(ctx: &Ctx, names: &[String]) -> Result<Vec<DrainState>> {
    for n in names {
        drain::check_name(n)?;
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let stored: Vec<String> = drain::stored(&doc).into_iter().map(|(n, _)| n).collect();
    if let Some(n) = names.iter().find(|n| !stored.contains(n)) {
        anyhow::bail!("no drain '{n}'{}", crate::error::did_you_mean(n, stored.iter().map(String::as_str)));
    }
    let mut out = Vec::new();
    for node in registry::node_ids(&doc) {
        let states = if node == local.id {
            states_here(ctx)
        } else {
            ctx.transport().and_then(|t| super::remote::ask::<Vec<DrainState>>(t, &node, &Request::DrainStatus))
        };
        match states {
            Ok(s) => out.extend(s),
            Err(e) => out.extend(stored.iter().map(|n| DrainState {
                name: n.clone(),
                node: node.clone(),
                state: "FATAL".into(),
                revision: 0,
                error: format!("cannot ask the node: {}", crate::error::one_line(&e)),
                queued: 0,
                processed: 0,
            })),
        }
    }
    out.retain(|s| names.is_empty() || names.contains(&s.name));
    out.sort_by(|a, b| (&a.name, &a.node).cmp(&(&b.name, &b.node)));
    Ok(out)
}
