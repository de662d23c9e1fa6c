//! Log lines on stdout: what `kato log tail` shows and what a node streams back to the
//! node that asked for its logs.

use crate::cli::ui::Ui;
use crate::infra::logtail::{LogLine, render, strip_timestamp};
use crate::ops::logtail::LogOut;
use std::io::Write;

/// Log lines (plain or JSON) on stdout, buffered and flushed once per round of reads: a fast
/// writer's lines travel in large SSH packets instead of one packet per line.
pub struct StdoutLines {
    out: std::sync::Mutex<std::io::BufWriter<std::io::Stdout>>,
    follow: bool,
    json: bool,
    /// On a terminal, a process's control characters are shown escaped, not obeyed.
    terminal: bool,
    style: Style,
}

/// How `kato log tail` shows a line, as the original's log tail: unless `raw`, a leading
/// timestamp is stripped from the text and `logyard`'s INFO records are skipped; `time`
/// prefixes the time the line was shown; `color` paints the process name (a stable colour
/// per name), the node grey, and the text red for errors and yellow for warnings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub raw: bool,
    pub time: bool,
    pub color: bool,
}

impl Style {
    /// The plain line, or None when it is not shown.
    fn render(&self, line: &LogLine, terminal: bool) -> Option<String> {
        if !self.raw && line.process == "logyard" && line.text.contains("INFO") {
            return None;
        }
        let text = if self.raw { line.text.as_str() } else { strip_timestamp(&line.text) };
        let shown = |s: &str| -> String {
            if terminal && s.chars().any(|c| c.is_control() && c != '\t') {
                s.chars()
                    .map(|c| if c.is_control() && c != '\t' { c.escape_default().to_string() } else { c.to_string() })
                    .collect()
            } else {
                s.to_string()
            }
        };
        let (process, node, text) = (shown(&line.process), shown(&line.node), shown(text));
        let mut out = String::new();
        if self.time {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            out.push_str(&crate::infra::history::format_time(now));
            out.push(' ');
        }
        if !self.color {
            out.push_str(&format!("{process}@{node}: {text}"));
            return Some(out);
        }
        let nginx = line.process.contains("nginx");
        let text_color = if (nginx && text.contains("[error]")) || (!nginx && text.contains("ERROR")) {
            Some("31")
        } else if (nginx && (text.contains(" 404 ") || text.contains("No such file or directory")))
            || (!nginx && text.contains("WARN"))
        {
            Some("33")
        } else {
            None
        };
        const NAME_COLORS: [&str; 5] = ["32", "33", "34", "35", "36"];
        let hash = line.process.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
        let paint = |code: &str, s: &str| format!("\x1b[{code}m{s}\x1b[0m");
        out.push_str(&paint(NAME_COLORS[hash % NAME_COLORS.len()], &process));
        out.push_str(&paint("90", &format!("@{node}")));
        out.push_str(": ");
        out.push_str(&match text_color {
            Some(c) => paint(c, &text),
            None => text,
        });
        Some(out)
    }
}

impl StdoutLines {
    pub fn new(follow: bool, json: bool) -> StdoutLines {
        StdoutLines {
            out: std::sync::Mutex::new(std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout())),
            follow,
            json,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
            style: Style::default(),
        }
    }

    /// Show lines in `style` (`kato log tail`'s --raw, --time and colours); JSON lines
    /// are never styled.
    pub fn styled(mut self, style: Style) -> StdoutLines {
        self.style = style;
        self
    }
}

impl LogOut for StdoutLines {
    fn line(&self, line: &LogLine) -> bool {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        if !self.json {
            return match self.style.render(line, self.terminal) {
                Some(text) => writeln!(out, "{text}").is_ok(),
                None => true,
            };
        }
        let text = render(line, self.json);
        if self.terminal && text.chars().any(|c| c.is_control() && c != '\t') {
            let shown: String = text
                .chars()
                .map(|c| if c.is_control() && c != '\t' { c.escape_default().to_string() } else { c.to_string() })
                .collect();
            return writeln!(out, "{shown}").is_ok();
        }
        writeln!(out, "{text}").is_ok()
    }
    fn end_of_round(&self, had_lines: bool) -> bool {
        if had_lines {
            self.out.lock().unwrap_or_else(|e| e.into_inner()).flush().is_ok()
        } else {
            // Idle: stop once the reader is gone, instead of polling forever.
            !(self.follow && stdout_hung_up())
        }
    }
    fn dropped(&self, _node: &str, _why: &str, _reconnecting: bool) {}
    fn garbled(&self, _node: &str, _raw: &str) {}
}

impl Drop for StdoutLines {
    fn drop(&mut self) {
        let _ = self.out.lock().map(|mut o| o.flush());
    }
}

/// `kato log tail` at a terminal or in a pipe: lines, and warnings for dropped streams
/// and garbled lines.
pub struct Terminal {
    lines: StdoutLines,
    ui: Ui,
}

impl Terminal {
    pub fn new(lines: StdoutLines, ui: Ui) -> Terminal {
        Terminal { lines, ui }
    }
}

impl LogOut for Terminal {
    fn line(&self, line: &LogLine) -> bool {
        self.lines.line(line)
    }
    fn end_of_round(&self, had_lines: bool) -> bool {
        self.lines.end_of_round(had_lines)
    }
    fn dropped(&self, node: &str, why: &str, reconnecting: bool) {
        self.ui.warn(&format!(
            "lost the log stream of {node} ({why}){}",
            if reconnecting { "; reconnecting" } else { "" }
        ));
    }
    fn garbled(&self, node: &str, raw: &str) {
        self.ui.warn(&format!("{node} sent a line that is not a log record: {raw}"));
    }
}

/// Whether nobody reads stdout any more (a pipe or socket whose other end is closed).
/// A log follower that sees no new lines never writes, so it would not notice otherwise.
fn stdout_hung_up() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdout = std::io::stdout();
    let mut fds = [PollFd::new(stdout.as_fd(), PollFlags::POLLOUT)];
    match poll(&mut fds, PollTimeout::ZERO) {
        Ok(n) if n > 0 => fds[0].revents().is_some_and(|r| r.intersects(PollFlags::POLLERR | PollFlags::POLLHUP)),
        _ => false,
    }
}
