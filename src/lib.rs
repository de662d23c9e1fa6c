//! kato: administers a Stackato-style cluster of role-based VMs from any of its nodes.

pub mod ssh;
