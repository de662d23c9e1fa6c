//! Waiting with a deadline: for a condition, for a port, for a line of a running process.

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// Polls `f` every 20 ms for up to `within`; whether it became true.
pub fn eventually(within: Duration, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if f() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// A TCP port on `ip` that nothing listens on right now.
pub fn free_port(ip: &str) -> u16 {
    TcpListener::bind((ip, 0)).and_then(|l| l.local_addr()).expect("find a free port").port()
}

/// Whether something accepts TCP connections on `ip:port`.
pub fn listening(ip: &str, port: u16) -> bool {
    let addr: SocketAddr = format!("{ip}:{port}").parse().expect("addr");
    TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok()
}

/// The lines of `reader` (a child's stdout or stderr), as they come.
pub fn lines(reader: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// Waits up to `limit` for the line `want`; fails the test otherwise.
#[track_caller]
pub fn line_is(rx: &Receiver<String>, want: &str, limit: Duration) {
    line_where(rx, want, limit, |l| l == want);
}

/// Waits up to `limit` for a line containing `want`; the lines seen up to and with it.
#[track_caller]
pub fn line_containing(rx: &Receiver<String>, want: &str, limit: Duration) -> Vec<String> {
    line_where(rx, want, limit, |l| l.contains(want))
}

#[track_caller]
fn line_where(rx: &Receiver<String>, want: &str, limit: Duration, hit: impl Fn(&str) -> bool) -> Vec<String> {
    let deadline = Instant::now() + limit;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                let done = hit(&line);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("did not see {want:?}; saw {seen:?}");
}
