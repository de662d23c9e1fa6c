//! `kato log tail`.

pub mod drain;
pub mod stream;
pub mod tail;

use clap::Subcommand;

/// Read the logs of the cluster's processes
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    Tail(tail::TailArgs),
    #[command(subcommand)]
    Drain(drain::DrainCommand),
    Stream(stream::StreamArgs),
}
