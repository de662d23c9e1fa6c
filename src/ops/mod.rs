//! Every operation kato performs. An op takes its context explicitly, returns a typed
//! report and never prints: progress goes through the context's reporter.

pub mod cluster_store;
pub mod context;
pub mod fanout;
pub mod firewall;
pub mod lifecycle;
pub mod load_balancer;
pub mod membership;
pub mod preflight;
pub mod processes;
pub mod remote;
pub mod status;
pub mod workflow;
