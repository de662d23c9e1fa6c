//! Tailing process logs on this node: the last lines of each log, then (with follow) new
//! lines as they are written, surviving rotation (a new file or a truncated one). Each
//! line is prefixed `process@node: `, or emitted as a JSON object.

use anyhow::Result;
use serde::Serialize;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct LogLine {
    pub process: String,
    pub node: String,
    pub text: String,
}

impl LogLine {
    pub fn plain(&self) -> String {
        format!("{}@{}: {}", self.process, self.node, self.text)
    }
}

/// The most a follower reads from one file per poll: a fast writer cannot make one round
/// (and its memory) arbitrarily large.
const READ_CHUNK: u64 = 4 << 20;

/// One followed file.
pub struct Source {
    pub process: String,
    pub path: PathBuf,
    file: Option<File>,
    inode: u64,
    pos: u64,
    partial: Vec<u8>,
}

impl Source {
    pub fn new(process: impl Into<String>, path: PathBuf) -> Source {
        Source { process: process.into(), path, file: None, inode: 0, pos: 0, partial: Vec::new() }
    }

    /// The last `n` complete lines, and position the source at the end of the file.
    pub fn last_lines(&mut self, n: usize) -> Vec<String> {
        let Ok(mut f) = File::open(&self.path) else {
            return Vec::new();
        };
        let Ok(meta) = f.metadata() else {
            return Vec::new();
        };
        let len = meta.len();
        // Read at most 1 MiB from the end: enough for any sane `-n`.
        let start = len.saturating_sub(1 << 20);
        let mut buf = Vec::new();
        if f.seek(SeekFrom::Start(start)).is_err() || f.read_to_end(&mut buf).is_err() {
            return Vec::new();
        }
        self.inode = meta.ino();
        self.pos = start + buf.len() as u64;
        self.file = Some(f);
        let complete = match buf.iter().rposition(|b| *b == b'\n') {
            Some(i) => {
                self.partial = buf[i + 1..].to_vec();
                &buf[..i]
            }
            None => {
                self.partial = buf.clone();
                &buf[..0]
            }
        };
        if complete.is_empty() {
            return Vec::new();
        }
        let lines: Vec<String> =
            complete.split(|b| *b == b'\n').map(|l| String::from_utf8_lossy(l).into_owned()).collect();
        let skip = lines.len().saturating_sub(n);
        lines.into_iter().skip(skip).collect()
    }

    /// New complete lines since the last call; reopens the file after rotation.
    pub fn poll(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        let Ok(meta) = std::fs::metadata(&self.path) else {
            // Renamed away and not yet recreated: keep reading the old file.
            self.read_new(&mut out, READ_CHUNK);
            return out;
        };
        let renamed = self.file.is_some() && meta.ino() != self.inode;
        if renamed {
            // Lines written to the old file just before the rename come first (all of
            // them: the old file is left behind next).
            self.read_new(&mut out, u64::MAX);
        }
        if self.file.is_none() || renamed || meta.len() < self.pos {
            let Ok(f) = File::open(&self.path) else {
                return out;
            };
            self.file = Some(f);
            self.inode = meta.ino();
            self.pos = 0;
            self.partial.clear();
        }
        self.read_new(&mut out, READ_CHUNK);
        out
    }

    /// Appends the complete lines written to the open file since the last read, reading
    /// at most `limit` bytes (the rest comes with the next poll).
    fn read_new(&mut self, out: &mut Vec<String>, limit: u64) {
        let Some(f) = self.file.as_mut() else {
            return;
        };
        let mut buf = Vec::new();
        if f.seek(SeekFrom::Start(self.pos)).is_err() || f.take(limit).read_to_end(&mut buf).is_err() {
            return;
        }
        self.pos += buf.len() as u64;
        self.partial.extend_from_slice(&buf);
        // Split off every complete line, then drop them from the buffer in one go: draining
        // line by line moves the rest of the buffer each time, quadratic in a big read.
        let mut start = 0;
        while let Some(i) = self.partial[start..].iter().position(|b| *b == b'\n') {
            out.push(String::from_utf8_lossy(&self.partial[start..start + i]).into_owned());
            start += i + 1;
        }
        self.partial.drain(..start);
    }
}

/// Render a line plain or as JSON.
pub fn render(line: &LogLine, json: bool) -> String {
    if json { serde_json::to_string(line).unwrap_or_default() } else { line.plain() }
}

/// Tail `sources`: the last `lines` of each, then follow if asked. Every line goes to
/// `sink`, which returns false to stop.
pub fn run(
    node: &str,
    sources: &mut [Source],
    lines: usize,
    follow: bool,
    sink: &mut dyn FnMut(LogLine) -> bool,
) -> Result<()> {
    run_batched(node, sources, lines, follow, sink, &mut |_| true)
}

/// [`run`], calling `end_of_round(had_lines)` after the initial lines and after every
/// follow round (a buffering writer flushes there, once per batch instead of once per
/// line); it returns false to stop.
pub fn run_batched(
    node: &str,
    sources: &mut [Source],
    lines: usize,
    follow: bool,
    sink: &mut dyn FnMut(LogLine) -> bool,
    end_of_round: &mut dyn FnMut(bool) -> bool,
) -> Result<()> {
    let mut any = false;
    for s in sources.iter_mut() {
        for text in s.last_lines(lines) {
            any = true;
            if !sink(LogLine { process: s.process.clone(), node: node.into(), text }) {
                return Ok(());
            }
        }
    }
    if !end_of_round(any) || !follow {
        return Ok(());
    }
    loop {
        let mut any = false;
        for s in sources.iter_mut() {
            for text in s.poll() {
                any = true;
                if !sink(LogLine { process: s.process.clone(), node: node.into(), text }) {
                    return Ok(());
                }
            }
        }
        if !end_of_round(any) {
            return Ok(());
        }
        if !any {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The text without a leading timestamp in one of the forms the original's log tail
/// stripped: Go's `2013/01/02 15:04:05 `, supervisord's `2013-01-02 15:04:05,123 `,
/// syslog's `Jan  2 15:04:05 ` and vcap's `[2013-01-02 15:04:05.123] name - pid=123 `.
pub fn strip_timestamp(text: &str) -> &str {
    fn digits(s: &[u8], at: usize, n: usize) -> bool {
        s.len() >= at + n && s[at..at + n].iter().all(u8::is_ascii_digit)
    }
    fn clock(s: &[u8], at: usize) -> bool {
        digits(s, at, 2)
            && s.get(at + 2) == Some(&b':')
            && digits(s, at + 3, 2)
            && s.get(at + 5) == Some(&b':')
            && digits(s, at + 6, 2)
    }
    let b = text.as_bytes();
    // 2013/01/02 15:04:05 and 2013-01-02 15:04:05[,.]123
    if digits(b, 0, 4)
        && matches!(b.get(4), Some(b'/' | b'-'))
        && digits(b, 5, 2)
        && b.get(7) == b.get(4)
        && digits(b, 8, 2)
        && b.get(10) == Some(&b' ')
        && clock(b, 11)
    {
        let mut end = 19;
        if matches!(b.get(end), Some(b',' | b'.')) {
            end += 1;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        if b.get(end) == Some(&b' ') {
            return &text[end + 1..];
        }
    }
    // Jan  2 15:04:05
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    if text.len() > 16
        && MONTHS.iter().any(|m| text.starts_with(m))
        && b[3] == b' '
        && (b[4] == b' ' || b[4].is_ascii_digit())
        && b[5].is_ascii_digit()
        && b[6] == b' '
        && clock(b, 7)
        && b[15] == b' '
    {
        return &text[16..];
    }
    // [2013-01-02 15:04:05.123] name - pid=123 ...
    if text.starts_with('[')
        && let Some(close) = text.find("] ")
        && let Some(pid) = text[close..].find(" pid=")
    {
        let rest = &text[close + pid + 5..];
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 && rest.as_bytes().get(n) == Some(&b' ') {
            return &rest[n + 1..];
        }
    }
    text
}

#[cfg(test)]
mod strip_tests {
    use super::strip_timestamp;

    #[test]
    fn strips_the_original_forms() {
        assert_eq!(strip_timestamp("2013/01/02 15:04:05 hello"), "hello");
        assert_eq!(strip_timestamp("2013-01-02 15:04:05,123 INFO spawned"), "INFO spawned");
        assert_eq!(strip_timestamp("Jan  2 15:04:05 host x"), "host x");
        assert_eq!(strip_timestamp("Dec 12 15:04:05 host x"), "host x");
        assert_eq!(strip_timestamp("[2013-01-02 15:04:05.123] cc - pid=42 tid=1 msg"), "tid=1 msg");
        for keep in ["2013-01-02 hello", "plain", "", "Jan 2 x", "[x] y", "2013/01/02 15:04:05"] {
            assert_eq!(strip_timestamp(keep), keep);
        }
    }
}
