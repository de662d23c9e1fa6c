//! SSH transport: run `kato` (or any command) on another node over SSH.
//!
//! Nodes run OpenSSH's sshd; kato is the client (russh). [`exec`] runs one command and
//! collects its output, [`exec_streaming`] follows a command line by line, [`fan_out`] runs
//! work against many nodes with bounded concurrency, and [`quote_command`] makes sure no
//! user-typed text reaches the remote shell unquoted.

pub mod config;
mod connect;
pub mod error;
pub mod hostkeys;
pub mod options;
mod password_prompt;
pub mod quote;
pub mod session;

pub use error::{Phase, SshError};
pub use options::SshOptions;
pub use quote::{QuoteError, quote_command, try_quote_command};
pub use session::{DEFAULT_FAN_OUT, RemoteOutput, Sessions, exec, exec_blocking, exec_streaming, fan_out};
