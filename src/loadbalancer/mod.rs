//! The load-balancer role: an nginx front door that terminates TLS and spreads requests
//! round-robin over the cluster's router nodes.

pub mod nginx;
pub mod setup;
