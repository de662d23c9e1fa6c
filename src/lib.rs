//! kato: administers a Stackato-style cluster of role-based VMs from any of its nodes.
//!
//! The command modules under [`commands`] mirror the CLI tree and stay thin; the domain
//! lives in the other modules: the role [`catalog`], the cluster [`store`], this node's
//! identity ([`node`]), multi-step [`workflow`]s, output [`render`]ing and the [`ui`].

pub mod atomic_file;
pub mod catalog;
pub mod cli;
pub mod cluster_ops;
pub mod cluster_store;
pub mod commands;
pub mod context;
pub mod docs;
pub mod error;
pub mod firewall;
pub mod history;
pub mod hosts;
pub mod lifecycle;
pub mod loadbalancer;
pub mod logtail;
pub mod membership;
pub mod node;
pub mod preflight;
pub mod processes;
pub mod remote;
pub mod render;
pub mod root;
pub mod ssh;
pub mod status;
pub mod store;
pub mod supervisor;
pub mod ui;
pub mod workflow;
