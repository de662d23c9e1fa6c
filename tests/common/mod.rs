//! Shared helpers for kato's end-to-end tests: a fake multi-node cluster of real sshd
//! processes on loopback addresses (see `cluster`).
#![allow(dead_code)] // each test binary uses a different subset

pub mod cluster;
pub mod kato;
pub mod user;
