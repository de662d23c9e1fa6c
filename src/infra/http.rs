//! One HTTP request, to check that something serves: plain over TCP, or HTTPS through
//! `openssl s_client` (no certificate check: it asks whether the server answers, not
//! whom to trust). The answer is the response's status code.

use anyhow::{Context, Result, anyhow, bail};
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

fn request(host: &str) -> String {
    format!("GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: kato\r\nConnection: close\r\n\r\n")
}

/// The status code of a status line (`HTTP/1.1 200 OK`).
fn status(line: &str) -> Result<u16> {
    let mut words = line.split_whitespace();
    match (words.next(), words.next().and_then(|c| c.parse::<u16>().ok())) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => Ok(code),
        _ => bail!("not an HTTP answer: {:?}", line.trim_end()),
    }
}

/// `GET /` with `Host: host` to `ip:port`; its status code.
pub fn get_status(ip: IpAddr, port: u16, host: &str, tls: bool, timeout: Duration) -> Result<u16> {
    let addr = SocketAddr::new(ip, port);
    if tls { get_tls(addr, host, timeout) } else { get_plain(addr, host, timeout) }
}

fn get_plain(addr: SocketAddr, host: &str, timeout: Duration) -> Result<u16> {
    let mut conn = TcpStream::connect_timeout(&addr, timeout).with_context(|| format!("cannot connect to {addr}"))?;
    conn.set_read_timeout(Some(timeout))?;
    conn.set_write_timeout(Some(timeout))?;
    conn.write_all(request(host).as_bytes())?;
    let mut line = String::new();
    BufReader::new(conn).read_line(&mut line).with_context(|| format!("no answer from {addr}"))?;
    status(&line)
}

fn get_tls(addr: SocketAddr, host: &str, timeout: Duration) -> Result<u16> {
    let mut child = Command::new("openssl")
        .args(["s_client", "-quiet", "-connect", &addr.to_string(), "-servername", host])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run openssl s_client (is the openssl package installed?)")?;
    let stdout = child.stdout.take().context("openssl's output was not captured")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = tx.send(BufReader::new(stdout).read_line(&mut line).map(|_| line));
    });
    if let Some(mut stdin) = child.stdin.take() {
        // A write error means openssl already gave up; its (empty) answer says so.
        let _ = stdin.write_all(request(host).as_bytes());
    }
    let answer = rx.recv_timeout(timeout);
    let _ = child.kill();
    let _ = child.wait();
    match answer {
        Ok(Ok(line)) if !line.is_empty() => status(&line),
        Ok(_) => Err(anyhow!("no TLS answer from {addr}")),
        Err(_) => Err(anyhow!("no answer from {addr} within {}s", timeout.as_secs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(status("HTTP/1.1 200 OK\r\n").unwrap(), 200);
        assert_eq!(status("HTTP/1.0 502 Bad Gateway").unwrap(), 502);
        assert!(status("SSH-2.0-OpenSSH").is_err());
        assert!(status("").is_err());
    }

    #[test]
    fn a_plain_request_gets_the_status() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut head = String::new();
            BufReader::new(conn.try_clone().unwrap()).read_line(&mut head).unwrap();
            conn.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").unwrap();
            head
        });
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(get_status(ip, port, "api.example.test", false, Duration::from_secs(5)).unwrap(), 404);
        assert_eq!(server.join().unwrap(), "GET / HTTP/1.1\r\n");
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        assert!(get_status(ip, closed, "x", false, Duration::from_secs(2)).is_err());
    }
}
