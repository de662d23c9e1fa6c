//! The state of each process on a node, as `kato status` and `kato process list` report
//! it: RUNNING, STARTING (up but not yet listening), STOPPED, FATAL, DISABLED (its
//! `depends_on_config` condition does not hold) and ROGUE (running but not assigned); and
//! what the node's catalog lacks: INVALID (a process it names but cannot run) and MISSING
//! (a role of the node with no process in its catalog; the name is the role's).

use super::assigned_roles;
use crate::infra::supervisor::{ProcessInfo, Supervisor};
use crate::model::catalog::{Catalog, ProcessSpec};
use crate::model::store::Document;
use anyhow::Result;
use serde::Serialize;
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ProcState {
    Running,
    Starting,
    Stopped,
    Fatal,
    Disabled,
    Rogue,
    Invalid,
    Missing,
}

impl ProcState {
    pub fn as_str(self) -> &'static str {
        match self {
            ProcState::Running => "RUNNING",
            ProcState::Starting => "STARTING",
            ProcState::Stopped => "STOPPED",
            ProcState::Fatal => "FATAL",
            ProcState::Disabled => "DISABLED",
            ProcState::Rogue => "ROGUE",
            ProcState::Invalid => "INVALID",
            ProcState::Missing => "MISSING",
        }
    }

    /// States that are not an issue.
    pub fn is_fine(self) -> bool {
        matches!(self, ProcState::Running | ProcState::Disabled)
    }
}

/// Whether a process's `depends_on_config` conditions hold.
pub fn enabled(spec: &ProcessSpec, doc: &Document) -> bool {
    spec.depends_on_config.iter().all(|c| doc.get(&c.component, &c.key) == Some(&c.value))
}

/// Whether something accepts connections on `ip:port` (within 300 ms).
pub fn listening(ip: &str, port: u16) -> bool {
    let Ok(addr) = format!("{ip}:{port}").parse::<SocketAddr>() else {
        return false;
    };
    TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok()
}

fn state_of(spec: &ProcessSpec, info: Option<&ProcessInfo>, doc: &Document, node_ip: &str) -> ProcState {
    if !enabled(spec, doc) {
        return ProcState::Disabled;
    }
    match info.map(|i| i.statename.as_str()) {
        Some("RUNNING") => {
            let ports = spec.listen_port.into_iter().chain(spec.tls_listen_port);
            if ports.into_iter().all(|port| listening(node_ip, port)) {
                ProcState::Running
            } else {
                ProcState::Starting
            }
        }
        Some("STARTING") | Some("BACKOFF") => ProcState::Starting,
        Some("FATAL") => ProcState::Fatal,
        _ => ProcState::Stopped,
    }
}

/// One process's state on a node.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ProcessStatus {
    pub name: String,
    pub state: ProcState,
}

/// Every assigned process (in process order) followed by rogue ones.
pub fn node_processes(catalog: &Catalog, doc: &Document, node: &str, sup: &Supervisor) -> Result<Vec<ProcessStatus>> {
    let infos = sup.get_all_process_info()?;
    let roles = assigned_roles(catalog, doc, node);
    let assigned = super::processes_for(catalog, &roles);
    let mut out: Vec<ProcessStatus> = assigned
        .iter()
        .map(|spec| {
            let info = infos.iter().find(|i| i.name == spec.name);
            ProcessStatus { name: spec.name.clone(), state: state_of(spec, info, doc, node) }
        })
        .collect();
    for info in &infos {
        let up = !matches!(info.statename.as_str(), "STOPPED" | "EXITED" | "FATAL");
        if up && !assigned.iter().any(|s| s.name == info.name) {
            out.push(ProcessStatus { name: info.name.clone(), state: ProcState::Rogue });
        }
    }
    Ok(out)
}

/// What the node's catalog lacks for its roles: a process it cannot run (INVALID), a role
/// with no process at all (MISSING, named by the role), and catalog files it ignored.
pub fn catalog_issues(catalog: &Catalog, doc: &Document, node: &str) -> Vec<ProcessStatus> {
    let roles = assigned_roles(catalog, doc, node);
    let mut out: Vec<ProcessStatus> = catalog
        .problems_of(&roles)
        .into_iter()
        .chain(catalog.node_problems())
        .map(|p| ProcessStatus { name: p.process.clone(), state: ProcState::Invalid })
        .collect();
    for role in roles.iter().filter(|r| !catalog.is_mandatory(r)) {
        let none = catalog.processes_of(role).is_empty() && catalog.problems_of(std::slice::from_ref(role)).is_empty();
        if none {
            out.push(ProcessStatus { name: role.clone(), state: ProcState::Missing });
        }
    }
    out
}
