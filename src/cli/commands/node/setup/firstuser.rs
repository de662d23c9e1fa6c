//! `kato node setup firstuser`: the first admin of the web console.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Create the first console admin (added to the cluster's admins)
#[derive(Debug, Args)]
pub struct FirstuserArgs {
    /// The admin's e-mail address (the console login)
    pub email: String,
    /// Organization (accepted for the original's scripts; kato has no organizations)
    pub org: Option<String>,
    /// The password (visible to other users of this machine; prefer stdin or the prompt)
    #[arg(short = 'p', long)]
    pub password: Option<String>,
    /// Username (accepted for the original's scripts; the login is the e-mail address)
    #[arg(short = 'u', long)]
    pub username: Option<String>,
}

impl FirstuserArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        crate::ops::console::validate_email(&self.email)?;
        let pw = crate::cli::input::new_password(&self.password)?;
        let r = crate::ops::console::first_user(ctx, &self.email, &pw)?;
        crate::outln!("Console admin {} created; log in with 'kato console' running.", r.email);
        Ok(())
    }
}
