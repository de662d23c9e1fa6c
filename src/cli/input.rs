//! What the operator types: values piped on stdin, answers at prompts (never asked
//! without a terminal), and the original's overloaded `-n LINES|NODE_IP`.

use crate::model::store::value;
use anyhow::Result;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::net::Ipv4Addr;

/// A config value: the argument, or (when `from_stdin_ok`) what is piped on stdin.
pub fn config_value(given: Option<&String>, from_stdin_ok: bool) -> Result<String> {
    if let Some(v) = given {
        return Ok(v.clone());
    }
    if !from_stdin_ok {
        crate::bail_usage!("a VALUE is required");
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        crate::bail_usage!("no VALUE given; pass it as an argument or pipe it on stdin");
    }
    let mut bytes = Vec::new();
    stdin.lock().take(value::MAX_VALUE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    let text = value::text_from_bytes(bytes)?;
    Ok(text.trim_end().to_string())
}

/// Ask a question on the terminal and read one line.
pub fn ask(question: &str) -> Result<String> {
    eprint!("{question} ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// The value of a flag, or the answer to `question` when there is a terminal to ask on.
pub fn flag_or_ask(given: &Option<String>, flag: &str, question: &str) -> Result<String> {
    if let Some(v) = given {
        return Ok(v.clone());
    }
    if !std::io::stdin().is_terminal() {
        crate::bail_usage!("{flag} is required when there is no terminal to ask on");
    }
    ask(question)
}

/// An address from a flag, or asked for on the terminal.
pub fn ip_flag(given: &Option<String>, flag: &str, question: &str, what: &str) -> Result<Ipv4Addr> {
    ip(&flag_or_ask(given, flag, question)?, what)
}

/// A list of addresses from a flag, asked for on a terminal, or empty.
pub fn ip_list(given: &Option<String>, question: &str, what: &str) -> Result<Vec<Ipv4Addr>> {
    let text = match given {
        Some(d) => d.clone(),
        None if std::io::stdin().is_terminal() => ask(question)?,
        None => String::new(),
    };
    list(&text).iter().map(|d| ip(d, what)).collect()
}

pub fn ip(s: &str, what: &str) -> Result<Ipv4Addr> {
    crate::model::node::parse_ip(s.trim(), what)
}

/// A space- or comma-separated list.
pub fn list(s: &str) -> Vec<String> {
    s.split([' ', ',']).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// `log tail`'s `-n`, which the original read as a line count or a node address, with
/// `--lines`, `--node` and `--local`: (lines, node).
pub fn lines_or_node(
    n: Option<&str>,
    lines: Option<usize>,
    node: Option<&str>,
    local: bool,
) -> Result<(usize, Option<String>)> {
    let mut count = lines.unwrap_or(10);
    let mut node = match node {
        Some(n) => Some(crate::model::node::parse_ip(n, "node id")?.to_string()),
        None => None,
    };
    if let Some(v) = n {
        if let Ok(n) = v.parse::<usize>() {
            if lines.is_some() {
                crate::bail_usage!("-n {n} and --lines both give a line count");
            }
            count = n;
        } else {
            let ip = crate::model::node::parse_ip(v, "node id")?.to_string();
            if node.is_some() || local {
                crate::bail_usage!("-n {ip} conflicts with --node/--local");
            }
            node = Some(ip);
        }
    }
    Ok((count, node))
}

/// A new password: `given` (`-p`), or the first line piped on stdin, or asked twice on the
/// terminal without echo (the original's `Enter password:` / `Verify password:`).
pub fn new_password(given: &Option<String>) -> Result<String> {
    if let Some(p) = given {
        return Ok(p.clone());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().take(4096).read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = ask_hidden("Enter password:")?;
    if ask_hidden("Verify password:")? != first {
        crate::bail_usage!("Passwords do not match");
    }
    Ok(first)
}

/// Ask on the terminal with echo off.
fn ask_hidden(question: &str) -> Result<String> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let stdin = std::io::stdin();
    let saved = tcgetattr(&stdin)?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(&stdin, SetArg::TCSANOW, &quiet)?;
    let answer = ask(question);
    tcsetattr(&stdin, SetArg::TCSANOW, &saved)?;
    eprintln!();
    answer
}

/// A kato command given as one string (`"node attach -e dea 10.0.0.5"`, with or without a
/// leading `kato`): its words, checked to parse as a kato command that may be deferred.
pub fn kato_command(line: &str) -> Result<Vec<String>> {
    let Some(mut words) = shlex::split(line) else {
        crate::bail_usage!("cannot split the command {line:?} into words (unbalanced quotes?)");
    };
    if words.first().is_some_and(|w| w == "kato" || w.ends_with("/kato")) {
        words.remove(0);
    }
    if words.is_empty() {
        crate::bail_usage!("no command to defer");
    }
    let mut argv = vec!["kato".to_string()];
    argv.extend(words.iter().cloned());
    let parsed = <crate::cli::Cli as clap::Parser>::try_parse_from(&argv).map_err(|e| {
        crate::error::usage(format!("'{line}' is not a kato command: {}", crate::cli::clap_error_line(&e)))
    })?;
    use crate::cli::Command;
    use crate::cli::commands::op::OpCommand;
    if matches!(
        parsed.command,
        Command::Remote | Command::Privileged { .. } | Command::Op(OpCommand::Defer(_) | OpCommand::RunDeferred(_))
    ) {
        crate::bail_usage!("'{line}' cannot be deferred");
    }
    Ok(words)
}
