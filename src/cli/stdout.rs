//! kato's results on stdout when the reader may leave early (`kato info | head -1`): a
//! closed pipe ends the output quietly instead of panicking or printing an ERROR line.
//! The rest of the command still runs to its end, so a change is never left half done
//! because nobody reads its progress lines. Any other write error is reported once, at
//! the end of the command.

use std::io::{ErrorKind, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static CLOSED: AtomicBool = AtomicBool::new(false);
static FAILED: Mutex<Option<String>> = Mutex::new(None);

/// Write `text` to stdout (and flush it); nothing once the reader has gone.
pub fn write(text: &str) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        CLOSED.store(true, Ordering::Relaxed);
        if !is_broken_pipe(&e) {
            let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
            failed.get_or_insert_with(|| e.to_string());
        }
    }
}

/// Whether an I/O error means the reader closed its end.
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == ErrorKind::BrokenPipe
}

/// A write error other than a closed pipe, if one happened.
pub fn failure() -> Option<String> {
    FAILED.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// `print!` through [`write`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::stdout::write(&format!($($arg)*)) };
}

/// `println!` through [`write`].
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::stdout::write("\n") };
    ($($arg:tt)*) => { $crate::cli::stdout::write(&format!("{}\n", format_args!($($arg)*))) };
}
