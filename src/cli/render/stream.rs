//! `kato log stream` lines in the original's formats (logyard-cli's stream): a systail key's
//! line is `name@node_id: text`; `--json` prints `<key> <json>`; `--time` puts the time in
//! front; without `--raw`, a leading timestamp in the text is dropped; on a terminal (not
//! `--no-color`) the process name has a colour of its own, the node is grey, and text with
//! ERROR is red and with WARN yellow.

use crate::cli::ui::Ui;
use crate::infra::logtail::LogLine;
use crate::ops::logtail::LogOut;
use std::io::Write;

pub struct StreamOptions {
    pub json: bool,
    pub raw: bool,
    pub time: bool,
    pub color: bool,
}

pub struct StreamOut {
    out: std::sync::Mutex<std::io::BufWriter<std::io::Stdout>>,
    opts: StreamOptions,
    ui: Ui,
}

impl StreamOut {
    pub fn new(opts: StreamOptions, ui: Ui) -> StreamOut {
        StreamOut { out: std::sync::Mutex::new(std::io::BufWriter::new(std::io::stdout())), opts, ui }
    }
}

/// Whether `s` starts with `pattern`, where `d` is any digit, `a` any letter and `_` a
/// digit or a space.
fn shaped(s: &str, pattern: &str) -> bool {
    s.len() >= pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'd' => c.is_ascii_digit(),
            b'a' => c.is_ascii_alphabetic(),
            b'_' => c.is_ascii_digit() || c == b' ',
            p => c == p,
        })
}

/// The text without a leading timestamp (Go's, supervisord's, syslog's).
pub fn strip_timestamp(text: &str) -> &str {
    for p in ["dddd/dd/dd dd:dd:dd ", "dddd-dd-dd dd:dd:dd,ddd ", "aaa _d dd:dd:dd "] {
        if shaped(text, p) {
            return &text[p.len()..];
        }
    }
    text
}

fn paint(on: bool, code: &str, s: &str) -> String {
    if on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
}

/// One line as the original's stream shows it.
pub fn format(line: &LogLine, opts: &StreamOptions, now: u64) -> String {
    let key = format!("systail.{}.{}", line.process, line.node);
    let mut out = if opts.time { format!("{} ", crate::infra::history::format_time(now)) } else { String::new() };
    if opts.json {
        let record =
            serde_json::json!({"name": line.process, "node_id": line.node, "text": line.text, "unix_time": now});
        out.push_str(&format!("{} {record}", paint(opts.color, "36", &key)));
        return out;
    }
    let text = if opts.raw { line.text.as_str() } else { strip_timestamp(&line.text) };
    let hue = 31 + line.process.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 6;
    let text = if text.contains("ERROR") {
        paint(opts.color, "31", text)
    } else if text.contains("WARN") {
        paint(opts.color, "33", text)
    } else {
        text.to_string()
    };
    out.push_str(&format!(
        "{}@{}: {text}",
        paint(opts.color, &hue.to_string(), &line.process),
        paint(opts.color, "90", &line.node)
    ));
    out
}

impl LogOut for StreamOut {
    fn line(&self, line: &LogLine) -> bool {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let text = format(line, &self.opts, now);
        let text: String =
            text.chars().map(|c| if c.is_control() && c != '\t' && c != '\x1b' { ' ' } else { c }).collect();
        writeln!(self.out.lock().unwrap_or_else(|e| e.into_inner()), "{text}").is_ok()
    }
    fn end_of_round(&self, _had_lines: bool) -> bool {
        self.out.lock().unwrap_or_else(|e| e.into_inner()).flush().is_ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_original() {
        let l = LogLine { process: "dea".into(), node: "10.0.0.5".into(), text: "2013/01/02 15:04:05 Started".into() };
        let o = StreamOptions { json: false, raw: false, time: false, color: false };
        assert_eq!(format(&l, &o, 0), "dea@10.0.0.5: Started");
        let o = StreamOptions { raw: true, ..o };
        assert_eq!(format(&l, &o, 0), "dea@10.0.0.5: 2013/01/02 15:04:05 Started");
        let o = StreamOptions { json: true, time: true, ..o };
        assert!(format(&l, &o, 0).starts_with("1970-01-01 00:00:00 +0000 systail.dea.10.0.0.5 {\"name\":\"dea\""));
        assert_eq!(strip_timestamp("2013-01-02 15:04:05,123 INFO x"), "INFO x");
        assert_eq!(strip_timestamp("Jan  2 15:04:05 host x"), "host x");
    }
}
