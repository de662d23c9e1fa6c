//! One module per command, mirroring the CLI tree. Each holds an `Args` struct whose doc
//! comments are the help text and a `cmd_…` function that parses nothing further and calls
//! into the library.

pub mod config;
pub mod history;
pub mod info;
pub mod inspect;
pub mod log;
pub mod node;
pub mod op;
pub mod process;
pub mod restart;
pub mod role;
pub mod role_target;
pub mod start;
pub mod status;
pub mod stop;
pub mod version;

use crate::ops::context::Ctx;
use anyhow::Result;

/// What `--dry-run` prints: the store changes a command would make.
pub fn print_dry_run(ctx: &Ctx, changes: &[String]) -> Result<()> {
    let _ = ctx;
    if changes.is_empty() {
        println!("dry run: nothing would change");
    } else {
        println!("dry run: would change:");
        for c in changes {
            println!("  {c}");
        }
    }
    Ok(())
}
