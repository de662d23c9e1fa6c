//! Every operation kato performs. An op takes its context explicitly ([`context::Ctx`]),
//! returns a typed report and never prints: progress goes through the context's
//! [`report::Reporter`]. Every operation that changes state runs on the one
//! [`workflow`] engine, which is also the only dry-run mechanism.

pub mod cluster;
pub mod config;
pub mod console;
pub mod context;
pub mod copy;
pub mod data;
pub mod deferred;
pub mod drains;
pub mod firewall;
pub mod history;
pub mod import;
pub mod info;
pub mod license;
pub mod lifecycle;
pub mod logtail;
pub mod node;
pub mod preflight;
pub mod privileged;
pub mod process;
pub mod processes;
pub mod proxy;
pub mod regenerate;
pub mod remap;
pub mod remote;
pub mod report;
pub mod roles;
pub mod setup;
pub mod ssl_cert;
pub mod status;
pub mod support;
pub mod system;
pub mod upgrade;
pub mod workflow;
