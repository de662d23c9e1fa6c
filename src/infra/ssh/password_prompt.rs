//! Asking for an SSH password on the controlling terminal, without echo. Scripts pass a
//! password file instead; the password never reaches argv, logs or history.

use nix::sys::termios::{self, LocalFlags, SetArg};
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};

pub fn ask(prompt: &str) -> std::io::Result<String> {
    let tty = OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let mut out = tty.try_clone()?;
    out.write_all(prompt.as_bytes())?;
    out.flush()?;
    let saved = termios::tcgetattr(&tty).map_err(std::io::Error::from)?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    termios::tcsetattr(&tty, SetArg::TCSANOW, &quiet).map_err(std::io::Error::from)?;
    let mut line = String::new();
    let read = BufReader::new(tty.try_clone()?).read_line(&mut line);
    let _ = termios::tcsetattr(&tty, SetArg::TCSANOW, &saved);
    let _ = out.write_all(b"\n");
    read?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
