//! The request/response protocol nodes speak to each other. A node runs
//! `kato __remote` on another node over SSH and writes one JSON [`Envelope`] on its stdin;
//! the other node answers with one JSON [`Reply`] on stdout. Nothing the operator typed
//! passes through a remote shell: it travels inside the JSON.
//!
//! The protocol is versioned; a node refuses a request of another protocol version and
//! says which versions met.

use crate::model::store::{Document, Mutation};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bumped whenever a request or reply changes shape.
pub const PROTOCOL: u32 = 1;

/// The hidden subcommand that answers requests.
pub const SUBCOMMAND: &str = "__remote";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    pub protocol: u32,
    pub kato_version: String,
    pub request: Request,
}

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
    /// Without it (an older asker) the node reads the store itself. Nodes that predate the
    /// field ignore it, so the protocol version is unchanged.
    NodeReport {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        doc: Option<Box<Document>>,
    },
    /// Stop then start roles on this node, and/or re-sync its programs with the registry.
    Lifecycle { stop: Vec<String>, start: Vec<String>, force_stop: bool },
    /// Run a kato command on this node and return its output and exit status.
    Kato { args: Vec<String> },
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reply {
    pub protocol: u32,
    pub kato_version: String,
    pub ok: bool,
    #[serde(default)]
    pub usage_error: bool,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub result: Value,
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
}

/// What `Kato` answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KatoRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn kato_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
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
    fn node_report_with_doc_round_trips_and_old_nodes_ignore_it() {
        let req = Request::NodeReport { doc: Some(Box::default()) };
        let text = serde_json::to_string(&req).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), req);
        // What a node from before the field parses the request as.
        #[derive(Deserialize, Debug, PartialEq)]
        #[serde(tag = "type", rename_all = "snake_case")]
        enum OldRequest {
            Hello,
            NodeReport,
        }
        assert_eq!(serde_json::from_str::<OldRequest>(&text).unwrap(), OldRequest::NodeReport);
    }
}
