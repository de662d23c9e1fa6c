//! A node's processes: which ones its roles need, how they are handed to supervisord, and
//! what state each is in. [`control`] starts and stops them by role.

pub mod control;
pub mod state;

use crate::infra::supervisor::{self, ProgramSpec, Supervisor, SupervisorPaths};
use crate::model::catalog::{Catalog, ProcessSpec};
use crate::model::root::Root;
use crate::model::store::{Document, registry};
use anyhow::{Context, Result};
use std::time::Duration;

/// How long supervisord calls may take before kato gives up.
pub fn rpc_timeout() -> Duration {
    let secs = std::env::var("KATO_SUPERVISOR_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    Duration::from_secs(secs)
}

/// The roles a node runs: mandatory roles plus its configured ones, in role order.
pub fn assigned_roles(catalog: &Catalog, doc: &Document, node: &str) -> Vec<String> {
    let mut roles = catalog.mandatory_roles();
    roles.extend(registry::role_names_of(doc, node));
    if crate::model::drain::any(doc) {
        // Every node ships its logs while the cluster has drains.
        roles.push(crate::model::drain::SHIPPER.into());
    }
    catalog.sort_roles(&mut roles);
    roles
}

/// Processes needed by any of `roles`, in process order.
pub fn processes_for<'a>(catalog: &'a Catalog, roles: &[String]) -> Vec<&'a ProcessSpec> {
    catalog.processes.iter().filter(|p| p.roles.iter().any(|r| roles.contains(r))).collect()
}

/// Replace `${KATO_ROOT}` and `${NODE_IP}` in a spec value.
pub fn expand(text: &str, root: &Root, node_ip: &str) -> String {
    let root_text = root.dir().display().to_string();
    let root_text = root_text.trim_end_matches('/');
    text.replace("${KATO_ROOT}", root_text).replace("${NODE_IP}", node_ip)
}

/// The supervisord program for a process spec on this node.
pub fn program_spec(root: &Root, node_ip: &str, spec: &ProcessSpec) -> ProgramSpec {
    let mut environment: std::collections::BTreeMap<String, String> =
        spec.environment.iter().map(|(k, v)| (k.clone(), expand(v, root, node_ip))).collect();
    environment.insert("KATO_ROOT".into(), root.dir().display().to_string());
    environment.insert("KATO_NODE_IP".into(), node_ip.to_string());
    if !spec.proxy_env.is_empty()
        && let Some(proxy) = super::proxy::load(root)
    {
        for key in &spec.proxy_env {
            let value = if key.to_ascii_lowercase().ends_with("no_proxy") { &proxy.no_proxy } else { &proxy.url };
            if !value.is_empty() {
                environment.insert(key.clone(), value.clone());
            }
        }
    }
    ProgramSpec {
        name: spec.name.clone(),
        command: expand(&spec.command, root, node_ip),
        directory: spec.directory.as_ref().map(|d| expand(d, root, node_ip).into()),
        environment,
    }
}

/// The executable a process spec runs (after expansion), if it can be found.
pub fn find_program(root: &Root, node_ip: &str, spec: &ProcessSpec) -> Result<std::path::PathBuf, String> {
    let cmd = expand(&spec.command, root, node_ip);
    let first = shlex::split(&cmd).and_then(|w| w.into_iter().next()).unwrap_or_default();
    let is_exec = |p: &std::path::Path| {
        use std::os::unix::fs::PermissionsExt;
        p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if first.contains('/') {
        let p = std::path::PathBuf::from(&first);
        return if is_exec(&p) { Ok(p) } else { Err(first) };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin".into());
    std::env::split_paths(&path).map(|d| d.join(&first)).find(|p| is_exec(p)).ok_or(first)
}

/// Make supervisord run (starting it if needed) with exactly the programs this node's
/// roles need. Untouched programs keep running. A node whose roles have no processes
/// needs no supervisord: `None` unless one is already running.
pub fn sync(root: &Root, catalog: &Catalog, doc: &Document, node: &str) -> Result<Option<Supervisor>> {
    let roles = assigned_roles(catalog, doc, node);
    let paths = SupervisorPaths::under(root.dir());
    // A drain configuration rsyslog refuses does not keep the roles from starting: it is
    // kept for 'kato log drain status'.
    super::drains::render_or_record(root, catalog, doc, node);
    if processes_for(catalog, &roles).is_empty() && !supervisor::is_running(&paths) {
        return Ok(None);
    }
    if !supervisor::config_writable(&paths) {
        // Root's supervisord: root renders the programs of these roles from its own
        // catalog (the only programs anyone can have it run).
        let node = crate::model::node::parse_ip(node, "node address")?;
        // Not the log shipper: its configuration is written by group kato, and rsyslogd
        // under root's supervisord would load it as root (see docs/security.md).
        let roles: Vec<String> = roles.into_iter().filter(|r| r != crate::model::drain::SHIPPER).collect();
        if crate::model::drain::any(doc) {
            super::drains::record_error(
                root,
                "log drains do not run under root's supervisord yet (the shipper's configuration is written by group kato)",
            );
        }
        super::privileged::apply(root, &super::privileged::SystemChange::SyncPrograms { node, roles })?;
        return Ok(connect_if_running(root));
    }
    sync_roles(root, catalog, node, &roles).map(Some)
}

/// Make supervisord run with exactly the programs of `roles`.
pub fn sync_roles(root: &Root, catalog: &Catalog, node: &str, roles: &[String]) -> Result<Supervisor> {
    let paths = SupervisorPaths::under(root.dir());
    // A supervisord launched on a busy machine (many nodes booting at once) may take
    // longer to answer than one request should.
    let start = rpc_timeout().max(Duration::from_secs(20));
    let sup = supervisor::ensure_running_within(&paths, node, rpc_timeout(), start)
        .with_context(|| "cannot run this node's supervisord")?;
    let mut desired = Vec::new();
    for spec in processes_for(catalog, roles) {
        if let Some(dir) = &spec.directory {
            let dir = expand(dir, root, node);
            crate::infra::files::state_dir(std::path::Path::new(&dir))
                .with_context(|| format!("cannot create {dir} for {}", spec.name))?;
        }
        let mut program = program_spec(root, node, spec);
        if spec.name == crate::model::drain::SHIPPER {
            // rsyslog reads its configuration at start: a new one restarts it.
            program.environment.insert("KATO_SHIPPER_CONFIG".into(), super::drains::conf_digest(root));
        }
        desired.push(program);
    }
    supervisor::apply_programs(&sup, &paths, &desired)?;
    Ok(sup)
}

/// A client for this node's supervisord if it is running (no attempt to start it).
pub fn connect_if_running(root: &Root) -> Option<Supervisor> {
    let paths = SupervisorPaths::under(root.dir());
    let sup = Supervisor::connect(&paths.socket, rpc_timeout());
    sup.get_state().ok().map(|_| sup)
}

/// This node's process states, or why they cannot be known.
pub fn local_report(root: &Root, catalog: &Catalog, doc: &Document, node: &str) -> crate::ops::cluster::NodeReport {
    let mut states = match connect_if_running(root) {
        Some(sup) => state::node_processes(catalog, doc, node, &sup).map_err(|e| crate::error::one_line(&e))?,
        None => {
            let roles = assigned_roles(catalog, doc, node);
            if !processes_for(catalog, &roles).is_empty() {
                return Err(format!("supervisord is not running on {node}; run 'kato start' there"));
            }
            Vec::new()
        }
    };
    states.extend(state::catalog_issues(catalog, doc, node));
    Ok(states)
}
