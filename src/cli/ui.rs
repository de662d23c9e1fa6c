//! Talking to the operator at a terminal or in a script: `ERROR:`/`WARNING:` lines,
//! `----->` section headers, the original's aligned progress lines, colour (only on a
//! terminal, never with `NO_COLOR`) and confirmations that never block a script. [`Ui`]
//! is the CLI's [`Reporter`].

use crate::ops::report::{Reporter, Tone, action_line};
use anyhow::Result;
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, Clone)]
pub struct Ui {
    pub color_out: bool,
    pub color_err: bool,
    pub quiet: bool,
    pub verbose: bool,
    /// Confirmations are answered yes (`--yes` / `KATO_SKIP_CONFIRM`).
    pub assume_yes: bool,
    pub stdin_tty: bool,
}

fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
}

impl Ui {
    pub fn new(quiet: bool, verbose: bool, assume_yes: bool) -> Self {
        let allowed = color_allowed();
        Ui {
            color_out: allowed && std::io::stdout().is_terminal(),
            color_err: allowed && std::io::stderr().is_terminal(),
            quiet,
            verbose,
            assume_yes,
            stdin_tty: std::io::stdin().is_terminal(),
        }
    }

    fn out_line(&self, line: &str) {
        crate::outln!("{line}");
    }

    fn paint(on: bool, code: &str, s: &str) -> String {
        if on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }

    pub fn green(&self, s: &str) -> String {
        Self::paint(self.color_out, "32", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        Self::paint(self.color_out, "33", s)
    }
    pub fn red(&self, s: &str) -> String {
        Self::paint(self.color_out, "31", s)
    }
    pub fn bold(&self, s: &str) -> String {
        Self::paint(self.color_out, "1", s)
    }

    /// `ERROR: msg` on stderr.
    pub fn error(&self, msg: &str) {
        eprintln!("{}{}", Self::paint(self.color_err, "1;31", "ERROR: "), msg);
    }

    /// `WARNING: msg` on stderr (shown even with `--quiet`).
    pub fn warn(&self, msg: &str) {
        eprintln!("{}{}", Self::paint(self.color_err, "1;31", "WARNING: "), msg);
    }

    /// A plain informational line on stdout (hidden by `--quiet`).
    pub fn info(&self, msg: &str) {
        if !self.quiet {
            self.out_line(msg);
        }
    }

    /// `-----> Title` on stdout (hidden by `--quiet`).
    pub fn header(&self, title: &str) {
        if !self.quiet {
            self.out_line(&self.bold(&format!("-----> {title}")));
        }
    }

    /// Debug detail, shown with `-v`.
    pub fn detail(&self, msg: &str) {
        if self.verbose && !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// One finished progress line: `msg...` padded so the status starts at column 44.
    pub fn action(&self, depth: usize, msg: &str, status: &str, tone: Tone) {
        if self.quiet {
            return;
        }
        let painted = match tone {
            Tone::Ok => self.green(status),
            Tone::Skip => self.yellow(status),
            Tone::Fail => self.red(status),
        };
        self.out_line(&action_line(depth, msg, &painted));
    }

    /// Ask a yes/no question. Never blocks without a terminal: fails naming `flag`.
    pub fn confirm(&self, question: &str, flag: &str) -> Result<bool> {
        if self.assume_yes {
            return Ok(true);
        }
        self.ask(question, flag)
    }

    /// Ask before something is lost for good: `--yes` does not answer this one, only
    /// `flag` (checked by the caller) or an answer typed on a terminal.
    pub fn confirm_loss(&self, question: &str, flag: &str) -> Result<bool> {
        self.ask(question, flag)
    }

    fn ask(&self, question: &str, flag: &str) -> Result<bool> {
        if !self.stdin_tty {
            crate::bail_usage!("{question} (no terminal to ask on; pass {flag} to proceed)");
        }
        self.warn(question);
        let stdin = std::io::stdin();
        loop {
            eprint!("Continue? [N/y] ");
            std::io::stderr().flush().ok();
            let mut line = String::new();
            if stdin.lock().read_line(&mut line)? == 0 {
                return Ok(false);
            }
            match line.trim() {
                "" | "n" | "N" => return Ok(false),
                "y" | "Y" => return Ok(true),
                _ => eprintln!("Please enter y or n."),
            }
        }
    }
}

impl Reporter for Ui {
    fn header(&self, title: &str) {
        Ui::header(self, title)
    }
    fn info(&self, msg: &str) {
        Ui::info(self, msg)
    }
    fn warn(&self, msg: &str) {
        Ui::warn(self, msg)
    }
    fn detail(&self, msg: &str) {
        Ui::detail(self, msg)
    }
    fn action(&self, depth: usize, msg: &str, status: &str, tone: Tone) {
        Ui::action(self, depth, msg, status, tone)
    }
    fn verbose(&self) -> bool {
        self.verbose
    }
    fn confirm(&self, question: &str, flag: &str) -> Result<bool> {
        Ui::confirm(self, question, flag)
    }
    fn confirm_loss(&self, question: &str, flag: &str) -> Result<bool> {
        Ui::confirm_loss(self, question, flag)
    }
}
