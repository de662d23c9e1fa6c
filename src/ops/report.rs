//! How an operation tells the operator what it is doing without printing: every op
//! reports progress through one [`Reporter`], which the CLI implements for a terminal
//! and the remote-request server implements by collecting the lines for the asker.

use anyhow::Result;

/// How a progress line's status is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Skip,
    Fail,
}

pub trait Reporter {
    /// A section title (`-----> Title`).
    fn header(&self, title: &str);
    /// A plain informational line.
    fn info(&self, msg: &str);
    /// A warning (shown even when the operator asked for quiet output).
    fn warn(&self, msg: &str);
    /// Detail that only a verbose run shows.
    fn detail(&self, msg: &str);
    /// One finished progress line: `msg... status`.
    fn action(&self, depth: usize, msg: &str, status: &str, tone: Tone);
    /// Whether per-process detail is wanted.
    fn verbose(&self) -> bool;
    /// A yes/no question; never blocks without a terminal (fails naming `flag`).
    fn confirm(&self, question: &str, flag: &str) -> Result<bool>;
    /// A question before something is lost for good (other nodes' registrations, cluster
    /// settings): only `flag` or an answer typed on a terminal says yes — `--yes` does not.
    fn confirm_loss(&self, question: &str, flag: &str) -> Result<bool> {
        self.confirm(question, flag)
    }
}

/// A reporter that keeps every line (no colour, confirmations answered yes), for a node
/// answering another node's request: the lines travel back in the reply.
#[derive(Debug, Default)]
pub struct Collect {
    lines: std::cell::RefCell<String>,
    verbose: bool,
}

impl Collect {
    pub fn new(verbose: bool) -> Collect {
        Collect { lines: Default::default(), verbose }
    }

    /// Everything reported so far.
    pub fn text(&self) -> String {
        self.lines.borrow().clone()
    }

    fn push(&self, line: &str) {
        let mut l = self.lines.borrow_mut();
        l.push_str(line);
        l.push('\n');
    }
}

impl Reporter for Collect {
    fn header(&self, title: &str) {
        self.push(&format!("-----> {title}"));
    }
    fn info(&self, msg: &str) {
        self.push(msg);
    }
    fn warn(&self, msg: &str) {
        self.push(&format!("WARNING: {msg}"));
    }
    fn detail(&self, msg: &str) {
        if self.verbose {
            self.push(msg);
        }
    }
    fn action(&self, depth: usize, msg: &str, status: &str, _tone: Tone) {
        self.push(&action_line(depth, msg, status));
    }
    fn verbose(&self) -> bool {
        self.verbose
    }
    fn confirm(&self, _question: &str, _flag: &str) -> Result<bool> {
        Ok(true)
    }
    fn confirm_loss(&self, question: &str, flag: &str) -> Result<bool> {
        crate::bail_usage!("{question} (nobody to ask on a remote request; pass {flag} on the node itself)")
    }
}

/// The original's progress-line layout: indent, `msg...` left-justified, one space, status.
pub fn action_line(depth: usize, msg: &str, status: &str) -> String {
    let width = 42usize.saturating_sub(depth * 2);
    let text = format!("{msg}...");
    format!("{}{:<width$} {}", "  ".repeat(depth), text, status)
}
