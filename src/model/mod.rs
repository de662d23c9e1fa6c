//! What the cluster is: the role catalog, the cluster store (documents, mutations,
//! registry), this node's identity, the root every file lives under, and the port table.
//! The model persists itself through `infra`'s files and imports nothing from `ops` or
//! `cli`.

pub mod catalog;
pub mod drain;
pub mod node;
pub mod ports;
pub mod root;
pub mod store;
