//! What one node may ask another (over `infra::remote`'s transport): a closed set of typed
//! requests, each answered by an operation of this layer on the node asked (see
//! `cli::remote_server`). No request runs a command line.

use super::processes::state::ProcessStatus;
use crate::infra::history::Event;
use crate::infra::remote::Transport;
use crate::model::store::{Document, Mutation};
use anyhow::Result;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Who are you? (id, type, version, clock)
    Hello,
    /// The cluster store's current document (asked of the core).
    StoreRead,
    /// Apply a mutation under the core's lock.
    StoreMutate { mutation: Mutation, dry_run: bool },
    /// This node's process states. `doc` is the asker's cluster document, which the node
    /// then need not read back from the core (one SSH session per node instead of two).
    NodeReport {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        doc: Option<Box<Document>>,
    },
    /// Stop then start roles on this node, and/or re-sync its programs with the registry.
    Lifecycle { stop: Vec<String>, start: Vec<String>, force_stop: bool },
    /// Start, stop or restart processes of this node (`kato process … -n NODE`).
    ProcessControl { action: ProcessAction, processes: Vec<String> },
    /// This node's history.
    History,
    /// Leave the cluster (asked by the core during `node remove`).
    Detach { start: bool },
    /// Point this node at a core that changed its address; `host_keys` are the core's SSH
    /// host public keys (`TYPE BASE64`), to trust at the new address.
    Reattach {
        core_ip: String,
        #[serde(default)]
        host_keys: Vec<String>,
    },
    /// Which of these files (paths under the node's root) exist.
    CheckFiles { paths: Vec<String> },
    /// Stream this node's logs as JSON lines (`follow` keeps the stream open).
    LogTail { components: Vec<String>, lines: usize, follow: bool },
    /// Can this node take a new kato? (version, platform, free space, replaceable binary)
    UpgradeReadiness,
    /// One piece (base64, at `offset`) of a new kato binary of `total` bytes, kept beside
    /// this node's state; the last piece completes it, checked by its sha256.
    UpgradeStage { version: String, sha256: String, total: u64, offset: u64, chunk: String },
    /// Swap the staged binary in, keeping the running one.
    UpgradeSwap { version: String, sha256: String },
    /// Put the previous binary back.
    UpgradeRollback,
    /// Retire this node: drain the processes that ask for it, then stop every role.
    Retire,
    /// Where this node's catalog has a role's processes listen (`listen_port`,
    /// `tls_listen_port`): a router's HTTP and HTTPS ports, for the load balancer.
    RolePorts { role: String },
    /// Apply the cluster's log drains here (render the shipper's configuration, sync).
    DrainApply,
    /// The states of this node's log drains.
    DrainStatus,
    /// Stream this node's part of a `kato data export` as JSON lines (see `ops::data`).
    ExportNode {
        /// Roles whose processes' `data:` is left out.
        #[serde(default)]
        exclude_roles: Vec<String>,
    },
    /// This node's part of a `kato report` (bounded: the last `lines` lines of each log).
    ReportNode { lines: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessAction {
    Start,
    Stop,
    Restart,
}

impl ProcessAction {
    pub fn verb(self) -> &'static str {
        match self {
            ProcessAction::Start => "start",
            ProcessAction::Stop => "stop",
            ProcessAction::Restart => "restart",
        }
    }
}

/// What `Hello` answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hello {
    pub node_id: String,
    pub node_type: String,
    pub hostname: String,
    pub version: String,
    pub core_ip: Option<String>,
    pub unix_ms: u128,
    /// The kato binary's own version (`node_version` may be overridden by etc/kato/version).
    #[serde(default)]
    pub kato: String,
}

/// What `NodeReport` answers: `{"ok": [states]}` or `{"down": why}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeReportAnswer {
    Ok(Vec<ProcessStatus>),
    Down(String),
}

impl NodeReportAnswer {
    pub fn into_report(self) -> super::cluster::NodeReport {
        match self {
            NodeReportAnswer::Ok(s) => Ok(s),
            NodeReportAnswer::Down(why) => Err(why),
        }
    }
}

/// What requests that act answer: the progress lines the node reported.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Output {
    pub output: String,
}

/// What `CheckFiles` answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Present {
    pub present: Vec<bool>,
}

/// What `RolePorts` answers (`None`: no process of the role gives that port).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct RolePorts {
    pub http: Option<u16>,
    pub https: Option<u16>,
}

/// What `History` answers.
pub type HistoryAnswer = Vec<Event>;

/// Ask `host` and decode its answer.
pub fn ask<T: DeserializeOwned>(transport: &Transport, host: &str, req: &Request) -> Result<T> {
    Ok(serde_json::from_value(transport.call(host, req)?)?)
}

/// Ask a node who it is.
pub fn hello(transport: &Transport, host: &str) -> Result<Hello> {
    ask(transport, host, &Request::Hello)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_report_without_doc_is_the_old_request() {
        let old = r#"{"type":"node_report"}"#;
        assert_eq!(serde_json::from_str::<Request>(old).unwrap(), Request::NodeReport { doc: None });
        assert_eq!(serde_json::to_string(&Request::NodeReport { doc: None }).unwrap(), old);
    }

    #[test]
    fn node_report_answers_keep_their_wire_form() {
        let ok = serde_json::to_value(NodeReportAnswer::Ok(Vec::new())).unwrap();
        assert_eq!(ok, serde_json::json!({"ok": []}));
        let down = serde_json::to_value(NodeReportAnswer::Down("gone".into())).unwrap();
        assert_eq!(down, serde_json::json!({"down": "gone"}));
    }
}
