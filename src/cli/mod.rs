//! The command-line tree (clap derive) and the entry point that turns every outcome into
//! output and an exit status: 0 success, 1 operational error, 2 usage error. Errors are
//! one `ERROR: …` line on stderr; `-v` or `KATO_DEBUG=1` add the detail.

pub mod commands;
pub mod compat;
pub mod console;
pub mod docs;
pub mod input;
pub mod lines;
pub mod remote_server;
pub mod render;
pub mod stdout;
pub mod ui;

use crate::cli::commands::{
    config::ConfigCommand, log::LogCommand, node::NodeCommand, process::ProcessCommand, role::RoleCommand,
};
use crate::cli::ui::Ui;
use crate::model::root::Root;
use crate::ops::context::{Ctx, SshFlags};
use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// Administer a cluster of role-based VMs from any of its nodes
#[derive(Debug, Parser)]
#[command(name = "kato", version, arg_required_else_help = true, max_term_width = 100)]
pub struct Cli {
    /// Directory every file kato reads or writes lives under
    #[arg(long, global = true, env = "KATO_ROOT", hide_env_values = true, default_value = "/", value_name = "DIR")]
    pub root: PathBuf,
    /// Show more detail (per-process lines, error causes)
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,
    /// Print only results, warnings and errors
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Answer yes to every confirmation
    #[arg(long, global = true, env = "KATO_SKIP_CONFIRM", hide_env_values = true, value_parser = clap::builder::FalseyValueParser::new())]
    pub yes: bool,
    /// SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]
    #[arg(long = "ssh-user", global = true, value_name = "USER")]
    pub ssh_user: Option<String>,
    /// SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]
    #[arg(short = 'i', long = "identity", global = true, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]
    #[arg(long = "password-file", global = true, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Trust and remember the host key of a node seen for the first time
    #[arg(long = "accept-new-host-key", global = true)]
    pub accept_new_host_key: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and change configuration values of cluster components
    #[command(subcommand)]
    Config(ConfigCommand),
    Console(commands::console::ConsoleArgs),
    /// Export and import kato's state and service data
    #[command(subcommand)]
    Data(commands::data::DataCommand),
    History(commands::history::HistoryArgs),
    Info(commands::info::InfoArgs),
    Inspect(commands::inspect::InspectArgs),
    /// Set the Stackato license in use for this microcloud or cluster
    #[command(subcommand)]
    License(commands::license::LicenseCommand),
    /// Read the logs of the cluster's processes
    #[command(subcommand)]
    Log(LogCommand),
    /// Set up, attach and manage cluster nodes
    #[command(subcommand)]
    Node(NodeCommand),
    /// Operational commands (static IP, firewall, timezone, hosts file, deferred commands, …)
    #[command(subcommand)]
    Op(commands::op::OpCommand),
    /// Start, stop or inspect individual processes
    #[command(subcommand)]
    Process(ProcessCommand),
    Report(commands::report::ReportArgs),
    /// Answer a request from another node (used by kato itself over SSH)
    #[command(name = "__remote", hide = true)]
    Remote,
    /// Make one change that needs root (used by kato itself through sudo)
    #[command(name = "__privileged", hide = true)]
    Privileged {
        /// The change, as JSON
        change: String,
    },
    /// Restart all roles of a node, or the ROLEs given
    Restart(commands::role_target::RoleTarget),
    /// Add, remove and describe the roles of a node
    #[command(subcommand)]
    Role(RoleCommand),
    Start(commands::role_target::StartArgs),
    Status(commands::status::StatusArgs),
    /// Stop all roles of a node (and processes no role needs), or the ROLEs given
    Stop(commands::role_target::RoleTarget),
    Version(commands::version::VersionArgs),
}

impl Command {
    fn exec(&self, ctx: &Ctx, ui: &Ui, ssh: &SshFlags) -> Result<()> {
        match self {
            Command::Config(c) => c.exec(ctx, ui),
            Command::Console(a) => a.exec(ctx, ssh.clone()),
            Command::Data(c) => c.exec(ctx),
            Command::History(a) => a.exec(ctx, ui),
            Command::Info(a) => a.exec(ctx, ui),
            Command::Inspect(a) => a.exec(ctx, ui),
            Command::License(c) => c.exec(ctx),
            Command::Log(LogCommand::Tail(a)) => a.exec(ctx, ui),
            Command::Log(LogCommand::Drain(c)) => c.exec(ctx),
            Command::Log(LogCommand::Stream(a)) => a.exec(ctx, ui),
            Command::Node(c) => c.exec(ctx, ui),
            Command::Op(c) => c.exec(ctx, ui),
            Command::Privileged { change } => crate::ops::privileged::serve(&ctx.root, change),
            Command::Process(c) => c.exec(ctx, ui),
            Command::Remote => {
                anyhow::bail!("{} is answered before any command runs", crate::infra::remote::SUBCOMMAND)
            }
            Command::Report(a) => a.exec(ctx),
            Command::Restart(a) => a.restart(ctx),
            Command::Role(c) => c.exec(ctx, ui),
            Command::Start(a) => a.exec(ctx),
            Command::Status(a) => a.exec(ctx, ui),
            Command::Stop(a) => a.stop(ctx),
            Command::Version(a) => a.exec(ctx, ui),
        }
    }
}

/// The clap command, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

fn debug_enabled() -> bool {
    std::env::var("KATO_DEBUG").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Turn a clap error into one line.
pub(crate) fn clap_error_line(err: &clap::Error) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // clap names a similar hidden subcommand in the first line too.
    let first = match first.split_once(" (a similar subcommand exists") {
        Some((head, _)) if !compat::visible_tip(&Cli::command(), first) => head,
        _ => first,
    };
    // "the following required arguments were not provided:" lists them on the next lines.
    let listed: Vec<&str> = if first.ends_with(':') {
        text.lines().skip(1).take_while(|l| l.starts_with("  ") && !l.trim().is_empty()).map(str::trim).collect()
    } else {
        Vec::new()
    };
    let first = if listed.is_empty() { first.to_string() } else { format!("{first} {}", listed.join(" ")) };
    let tip = text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("tip: "))
        .filter(|t| compat::visible_tip(&Cli::command(), t))
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    format!("{first}{tip}; see 'kato --help'")
}

/// Run kato with these arguments; returns the exit status.
pub fn run(args: Vec<String>) -> i32 {
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            return match err.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = err.print();
                    0
                }
                ErrorKind::InvalidSubcommand if compat::moved_verb(args.get(1..).unwrap_or(&[])).is_some() => {
                    let msg = compat::moved_verb(args.get(1..).unwrap_or(&[])).unwrap_or_default();
                    Ui::new(false, false, false).error(&msg);
                    2
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                    // A group alone prints its usage, as the original did.
                    match compat::group_help(&mut Cli::command(), args.get(1..).unwrap_or(&[])) {
                        Some(help) => {
                            print!("{help}");
                            0
                        }
                        None if err.kind() == ErrorKind::MissingSubcommand => {
                            Ui::new(false, false, false).error(&clap_error_line(&err));
                            2
                        }
                        None => {
                            let _ = err.print();
                            2
                        }
                    }
                }
                _ => {
                    Ui::new(false, false, false).error(&clap_error_line(&err));
                    2
                }
            };
        }
    };
    let debug = debug_enabled();
    let ssh = SshFlags {
        user: cli.ssh_user.clone(),
        identity: cli.identity.clone(),
        password_file: cli.password_file.clone(),
        accept_new_host_key: cli.accept_new_host_key,
    };
    let root = Root::new(cli.root.clone());
    if matches!(cli.command, Command::Remote) {
        return remote_server::run(root, ssh, cli.verbose);
    }
    let ui = Ui::new(cli.quiet, cli.verbose || debug, cli.yes);
    let ctx = Ctx::new(root, &ui, ssh.clone());
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli.command.exec(&ctx, &ui, &ssh)));
    let result = match outcome {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            // A reader that left (`| head -1`) is not an error, wherever the write was.
            if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
                Ok(())
            } else {
                Err(anyhow::anyhow!("internal error: {msg}"))
            }
        }
    };
    let result = match (result, stdout::failure()) {
        (Ok(()), Some(why)) => Err(anyhow::anyhow!("cannot write to stdout: {why}")),
        (r, _) => r,
    };
    let code = match &result {
        Ok(()) => 0,
        Err(e) if crate::error::silent_code(e).is_some() => crate::error::silent_code(e).unwrap_or(1),
        Err(e) => {
            ui.error(&with_access_hint(e));
            if debug || cli.verbose {
                eprintln!("{e:?}");
            }
            crate::error::exit_code(e)
        }
    };
    // Only a command that changed something is recorded (a refused one left no trace).
    if ctx.changed() {
        let status = match &result {
            Ok(()) => "succeeded".to_string(),
            Err(e) => format!("failed: {}", crate::error::one_line(e)),
        };
        if let Err(e) = crate::ops::history::record(&ctx, args.get(1..).unwrap_or(&[]), status) {
            ui.warn(&format!("could not record this command in history: {}", crate::error::one_line(&e)));
        }
    }
    code
}

/// The error's line, with what to do when it is kato's state that this user may not touch.
fn with_access_hint(e: &anyhow::Error) -> String {
    let line = crate::error::one_line(e);
    let denied = e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied)
    }) || line.contains("Permission denied");
    match crate::infra::files::access_hint() {
        Some(hint) if denied => format!("{line} ({hint})"),
        _ => line,
    }
}
