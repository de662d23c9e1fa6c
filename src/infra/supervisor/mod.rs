//! Backend for the node-local supervisord that runs kato's role processes.
//!
//! Each node runs exactly one supervisord, configured and driven by kato
//! through XML-RPC on a unix socket under the kato root. The submodules
//! split the work: [`paths`] knows where the files live, [`render`] writes
//! the config text, [`client`] speaks XML-RPC, [`daemon`] starts/stops
//! supervisord, and [`apply`] converges the loaded programs onto a desired set.

pub mod apply;
pub mod client;
pub mod daemon;
pub mod error;
pub mod paths;
pub mod render;

pub use apply::{ApplyReport, apply_programs};
pub use client::{ProcessInfo, Supervisor, SupervisorState};
pub use daemon::{config_writable, ensure_running, ensure_running_within, is_running, stop};
pub use error::{Fault, SupervisorError};
pub use paths::SupervisorPaths;
pub use render::{ProgramSpec, render_main_conf, render_program};
