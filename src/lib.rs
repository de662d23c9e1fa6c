//! kato: administers a Stackato-style cluster of role-based VMs from any of its nodes.
//!
//! The crate is four layers, each a folder that imports only the ones below it:
//! [`cli`] (the command tree, rendering, and the remote-request entry point) →
//! [`ops`] (every operation, returning typed reports) → [`model`] (catalog, cluster
//! store, node identity, root) → [`infra`] (files, SSH, remote transport, supervisord,
//! nginx, nftables, history, log sources). [`error`] is shared by all of them.
//! `docs/architecture.md` walks through one command from argv to the remote store.

pub mod cli;
pub mod error;
pub mod infra;
pub mod model;
pub mod ops;
