//! The command-line tree (clap derive) and the entry point that turns every outcome into
//! output and an exit status: 0 success, 1 operational error, 2 usage error. Errors are
//! one `ERROR: …` line on stderr; `-v` or `KATO_DEBUG=1` add the detail.

use crate::commands::{self, config::ConfigCommand, node::NodeCommand, role::RoleCommand};
use crate::context::Ctx;
use crate::root::Root;
use crate::ui::Ui;
use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// Administer a cluster of role-based VMs from any of its nodes
#[derive(Debug, Parser)]
#[command(
    name = "kato",
    version,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Directory every file kato reads or writes lives under
    #[arg(
        long,
        global = true,
        env = "KATO_ROOT",
        default_value = "/",
        value_name = "DIR"
    )]
    pub root: PathBuf,
    /// Show more detail (per-process lines, error causes)
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,
    /// Print only results, warnings and errors
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Answer yes to every confirmation
    #[arg(long, global = true, env = "KATO_SKIP_CONFIRM")]
    pub yes: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and change configuration values of cluster components
    #[command(subcommand)]
    Config(ConfigCommand),
    History(commands::history::HistoryArgs),
    Info(commands::info::InfoArgs),
    /// Set up, attach and manage cluster nodes
    #[command(subcommand)]
    Node(NodeCommand),
    /// Add, remove and describe the roles of a node
    #[command(subcommand)]
    Role(RoleCommand),
    Version(commands::version::VersionArgs),
}

impl Command {
    /// Whether a run of this command may change state (and so is recorded in history).
    pub fn changes_state(&self) -> bool {
        match self {
            Command::Config(c) => c.changes_state(),
            Command::Node(c) => c.changes_state(),
            Command::Role(c) => c.changes_state(),
            Command::History(_) | Command::Info(_) | Command::Version(_) => false,
        }
    }
}

fn dispatch(ctx: &Ctx, command: &Command) -> Result<()> {
    use commands::config::edit::{EditKind, cmd_edit};
    match command {
        Command::Config(c) => match c {
            ConfigCommand::Get(a) => commands::config::get::cmd_get(ctx, a),
            ConfigCommand::Set(a) => cmd_edit(ctx, EditKind::Set, a),
            ConfigCommand::Push(a) => cmd_edit(ctx, EditKind::Push, a),
            ConfigCommand::Pop(a) => cmd_edit(ctx, EditKind::Pop, a),
            ConfigCommand::Del(a) => commands::config::del::cmd_del(ctx, a),
        },
        Command::History(a) => commands::history::cmd_history(ctx, a),
        Command::Info(a) => commands::info::cmd_info(ctx, a),
        Command::Node(n) => match n {
            NodeCommand::List(a) => commands::node::list::cmd_list(ctx, a),
            NodeCommand::Setup(s) => match s {
                commands::node::setup::SetupCommand::Core(a) => {
                    commands::node::setup::core::cmd_core(ctx, a)
                }
                commands::node::setup::SetupCommand::Micro(a) => {
                    commands::node::setup::micro::cmd_micro(ctx, a)
                }
            },
        },
        Command::Role(r) => match r {
            RoleCommand::Add(a) => commands::role::add::cmd_add(ctx, a),
            RoleCommand::Remove(a) => commands::role::remove::cmd_remove(ctx, a),
            RoleCommand::Info(a) => commands::role::info::cmd_info(ctx, a),
        },
        Command::Version(a) => commands::version::cmd_version(ctx, a),
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
fn clap_error_line(err: &clap::Error) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // "the following required arguments were not provided:" lists them on the next lines.
    let listed: Vec<&str> = if first.ends_with(':') {
        text.lines()
            .skip(1)
            .take_while(|l| l.starts_with("  ") && !l.trim().is_empty())
            .map(str::trim)
            .collect()
    } else {
        Vec::new()
    };
    let first = if listed.is_empty() {
        first.to_string()
    } else {
        format!("{first} {}", listed.join(" "))
    };
    let tip = text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("tip: "))
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
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    2
                }
                _ => {
                    Ui::new(false, false, false).error(&clap_error_line(&err));
                    2
                }
            };
        }
    };
    let debug = debug_enabled();
    let ui = Ui::new(cli.quiet, cli.verbose || debug, cli.yes);
    let ctx = Ctx::new(Root::new(cli.root.clone()), ui.clone());
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dispatch(&ctx, &cli.command)
    }));
    let result = match outcome {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(anyhow::anyhow!("internal error: {msg}"))
        }
    };
    let code = match &result {
        Ok(()) => 0,
        Err(e) => {
            ui.error(&crate::error::one_line(e));
            if debug || cli.verbose {
                eprintln!("{e:?}");
            }
            crate::error::exit_code(e)
        }
    };
    if cli.command.changes_state() && crate::history::state_changed() {
        record_history(&ctx, &args, &result);
    }
    code
}

fn record_history(ctx: &Ctx, args: &[String], result: &Result<()>) {
    let status = match result {
        Ok(()) => "succeeded".to_string(),
        Err(e) => format!("failed: {}", crate::error::one_line(e)),
    };
    let node_id = ctx.node_id().unwrap_or_else(|_| "unknown".into());
    let event = crate::history::Event {
        unix_time: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        node_id,
        command: crate::history::redact(args.get(1..).unwrap_or(&[])),
        status,
    };
    if let Err(e) = crate::history::record(&ctx.root, &event) {
        ctx.ui.warn(&format!(
            "could not record this command in history: {}",
            crate::error::one_line(&e)
        ));
    }
}
