//! Tailing process logs on this node: the last lines of each log, then (with follow) new
//! lines as they are written, surviving rotation (a new file or a truncated one). Each
//! line is prefixed `process@node: `, or emitted as a JSON object.

use anyhow::Result;
use serde::Serialize;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
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
            self.read_new(&mut out);
            return out;
        };
        let renamed = self.file.is_some() && meta.ino() != self.inode;
        if renamed {
            // Lines written to the old file just before the rename come first.
            self.read_new(&mut out);
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
        self.read_new(&mut out);
        out
    }

    /// Appends the complete lines written to the open file since the last read.
    fn read_new(&mut self, out: &mut Vec<String>) {
        let Some(f) = self.file.as_mut() else {
            return;
        };
        let mut buf = Vec::new();
        if f.seek(SeekFrom::Start(self.pos)).is_err() || f.read_to_end(&mut buf).is_err() {
            return;
        }
        self.pos += buf.len() as u64;
        self.partial.extend_from_slice(&buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            out.push(String::from_utf8_lossy(&line[..line.len() - 1]).into_owned());
        }
    }
}

/// Render a line plain or as JSON.
pub fn render(line: &LogLine, json: bool) -> String {
    if json { serde_json::to_string(line).unwrap_or_default() } else { line.plain() }
}

/// A sink that prints whole lines to stdout (safe to share between threads: each line is
/// written under the stdout lock). Returns false once stdout is closed.
pub fn print_line(line: &LogLine, json: bool) -> bool {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", render(line, json)).and_then(|_| out.flush()).is_ok()
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
    for s in sources.iter_mut() {
        for text in s.last_lines(lines) {
            if !sink(LogLine { process: s.process.clone(), node: node.into(), text }) {
                return Ok(());
            }
        }
    }
    if !follow {
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
        if !any {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Tail to stdout through one buffered writer (the single-node case).
pub fn run_to_stdout(node: &str, sources: &mut [Source], lines: usize, follow: bool, json: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let out = std::cell::RefCell::new(std::io::BufWriter::new(stdout.lock()));
    let mut pending = 0usize;
    let mut sink = |line: LogLine| {
        let mut o = out.borrow_mut();
        if writeln!(o, "{}", render(&line, json)).is_err() {
            return false;
        }
        pending += 1;
        // Flush often enough that a follower sees lines promptly.
        if pending >= 256 || follow {
            pending = 0;
            return o.flush().is_ok();
        }
        true
    };
    run(node, sources, lines, follow, &mut sink)?;
    out.borrow_mut().flush()?;
    Ok(())
}
