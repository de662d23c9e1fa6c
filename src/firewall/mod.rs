//! Per-node firewall: the cluster's port matrix as data ([`ports`]) and its rendering into an
//! nftables ruleset that `nft -f` loads atomically ([`nftables`]).

pub mod nftables;
pub mod ports;
