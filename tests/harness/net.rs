//! The network side of the tests: TCP listeners run by the test itself, curl as the client,
//! a self-signed certificate, and the host's nftables ruleset.

use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use super::run::{self, Run};

/// A TCP listener served by a thread of the test: each accepted connection (blocking) is
/// handed to the handler. Stopped, or dropped, it closes its socket, so that new
/// connections are refused as by a dead server.
pub struct Listener {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Listener {
    pub fn start(addr: impl ToSocketAddrs, handle: impl Fn(TcpStream) + Send + 'static) -> Listener {
        let listener = TcpListener::bind(addr).expect("bind listener");
        let port = listener.local_addr().expect("listener address").port();
        listener.set_nonblocking(true).expect("nonblocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((conn, _)) => {
                        let _ = conn.set_nonblocking(false);
                        handle(conn);
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Listener { port, stop, thread: Some(thread) }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Closes the socket; later connections are refused.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().expect("listener thread");
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `curl -sS --max-time 10 <args>`.
pub fn curl(args: &[&str]) -> Run {
    run::output(Command::new("curl").args(["-sS", "--max-time", "10"]).args(args))
}

/// A self-signed certificate for `host` and every name beside it (`*.example.test` for
/// `api.example.test`), written as `lb.crt` and `lb.key` into `dir`: (certificate, key).
pub fn self_signed(dir: &Path, host: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("lb.crt"), dir.join("lb.key"));
    let domain = host.split_once('.').map_or(host, |(_, d)| d);
    run::output(
        Command::new("openssl")
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"])
            .args(["-subj", &format!("/CN={host}")])
            .args(["-addext", &format!("subjectAltName=DNS:{host},DNS:*.{domain}")])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert),
    )
    .ok();
    (cert, key)
}

/// `nft list ruleset` of this network namespace.
pub fn host_ruleset() -> String {
    run::output(Command::new("nft").args(["list", "ruleset"])).ok().stdout.clone()
}

/// Whether a plain HTTP GET of `url` (`http://IP:PORT/…`) answers 200 within 2 s.
pub fn http_ok(url: &str) -> bool {
    use std::io::{Read, Write};
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let Ok(addr) = host.parse::<std::net::SocketAddr>() else { return false };
    let Ok(mut s) = TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(2)) else { return false };
    let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(2)));
    if write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.") && &head[9..12] == b"200"
}
