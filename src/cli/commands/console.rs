//! `kato console`: serve the web console; `kato console passwd EMAIL`.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Serve the web console (the Management Console's "Cluster Admin") over HTTPS
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConsoleArgs {
    #[command(subcommand)]
    pub command: Option<ConsoleCommand>,
    /// Address and port to listen on [default: console/listen, else 0.0.0.0:8443]
    #[arg(long, value_name = "IP:PORT")]
    pub listen: Option<String>,
    /// TLS certificate (PEM) [default: etc/kato/ssl/cluster.crt]; without one, plain HTTP is served on a loopback address only
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// TLS private key (PEM) [default: etc/kato/ssl/cluster.key]
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConsoleCommand {
    /// Set a console admin's password (read from -p, stdin, or asked twice)
    Passwd {
        /// The admin's e-mail address
        email: String,
        /// The new password (visible to other users of this machine; prefer stdin)
        #[arg(short = 'p', long)]
        password: Option<String>,
    },
}

impl ConsoleArgs {
    pub fn exec(&self, ctx: &Ctx, ssh: crate::ops::context::SshFlags) -> Result<()> {
        match &self.command {
            Some(ConsoleCommand::Passwd { email, password }) => {
                crate::ops::console::validate_email(email)?;
                let pw = crate::cli::input::new_password(password)?;
                let r = crate::ops::console::passwd(ctx, email, &pw)?;
                crate::outln!("Password of {} changed.", r.email);
                Ok(())
            }
            None => {
                let opts = crate::cli::console::Options {
                    listen: self.listen.clone(),
                    cert: self.cert.clone(),
                    key: self.key.clone(),
                };
                crate::cli::console::serve(ctx.root.clone(), ssh, opts)
            }
        }
    }
}
