//! `node setup core|micro|load_balancer`: what a node is in its cluster.

pub mod core;
pub mod load_balancer;
pub mod micro;

/// Check an endpoint name: `api.` followed by a valid DNS name.
pub fn validate_endpoint(endpoint: &str) -> anyhow::Result<()> {
    if !endpoint.starts_with("api.") {
        crate::bail_usage!("Endpoint must begin with api. (got '{}')", endpoint.escape_default());
    }
    crate::model::node::validate_dns_name(endpoint, "DNS name")
}
