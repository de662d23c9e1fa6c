//! Real nginx test of the load balancer config: two tiny HTTP "routers" on loopback addresses,
//! a self-signed certificate, nginx started in the foreground from the rendered prefix, and
//! curl as the client. Checks round-robin spread, forwarded headers, the HTTP->HTTPS redirect,
//! websocket upgrade headers, and zero failed requests after one router dies.

mod harness;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::net::{Listener, curl, self_signed};
use harness::procs::Guard;
use harness::run;
use harness::tools::{tools_present, which};
use harness::wait::{eventually, free_port};
use kato::infra::nginx::{self, LbConfig, RouterBackend};

const HOST: &str = "api.example.test";
const LB_IP: &str = "127.0.0.4";

/// A router stand-in: answers every request with its name and the request headers it saw.
/// Stopped, it refuses new connections, like a dead router.
fn backend(name: &'static str, ip: &str) -> Listener {
    Listener::start((ip, 0), move |conn| serve(name, conn))
}

fn serve(name: &str, conn: TcpStream) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&conn);
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => headers.push(line.trim_end().to_string()),
        }
    }
    let mut body = format!("backend={name}\n");
    for h in headers.iter().skip(1) {
        if let Some((k, v)) = h.split_once(':') {
            body.push_str(&format!("{}={}\n", k.to_ascii_lowercase(), v.trim()));
        }
    }
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut conn = &conn;
    let _ = conn.write_all(reply.as_bytes());
}

struct Client {
    cacert: PathBuf,
    https_port: u16,
    http_port: u16,
}

impl Client {
    /// GET https://host:port/path through the load balancer; (status, body fields).
    fn get(&self, host: &str, extra: &[&str]) -> (u16, BTreeMap<String, String>) {
        let url = format!("https://{host}:{}/", self.https_port);
        let resolve = format!("{host}:{}:{LB_IP}", self.https_port);
        let cacert = self.cacert.display().to_string();
        let mut args = vec!["--cacert", &cacert, "--resolve", &resolve, "-w", "\n%{http_code}"];
        args.extend_from_slice(extra);
        args.push(&url);
        let text = curl(&args).stdout;
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", "000"));
        let fields =
            body.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        (code.trim().parse().unwrap_or(0), fields)
    }
}

#[test]
fn nginx_balances_terminates_tls_and_fails_over() {
    if !tools_present("nginx_balances_terminates_tls_and_fails_over", &["nginx", "openssl", "curl"]) {
        return;
    }

    let dir = tempfile::tempdir().expect("tempdir");
    // nginx workers run as nobody; let them traverse into the prefix's temp directories.
    run::output(Command::new("chmod").arg("755").arg(dir.path())).ok();
    let (cert, key) = self_signed(dir.path(), HOST);

    let mut router1 = backend("router1", "127.0.0.2");
    let router2 = backend("router2", "127.0.0.3");
    let mut cfg = LbConfig::new(
        dir.path().join("var/lib/kato/nginx"),
        HOST,
        &cert,
        &key,
        vec![
            RouterBackend { ip: "127.0.0.2".into(), http_port: router1.port(), https_port: 443 },
            RouterBackend { ip: "127.0.0.3".into(), http_port: router2.port(), https_port: 443 },
        ],
    );
    cfg.listen_ip = LB_IP.into();
    cfg.http_port = free_port(LB_IP);
    cfg.https_port = free_port(LB_IP);
    nginx::write_prefix(&cfg).expect("write prefix");

    let args = cfg.nginx_args().expect("nginx args");
    let nginx_bin = which("nginx").expect("nginx");
    run::output(Command::new(&nginx_bin).arg("-t").args(&args)).ok();
    // nginx in the foreground; stopped by its pid when dropped.
    let child = Command::new(&nginx_bin)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    let _nginx = Guard::new(child, Duration::from_secs(5));
    assert!(
        eventually(Duration::from_secs(10), || TcpStream::connect((LB_IP, cfg.https_port)).is_ok()),
        "nginx did not start listening"
    );
    assert!(cfg.pid_path().is_file(), "pid file not under the prefix");

    let client = Client { cacert: cert.clone(), https_port: cfg.https_port, http_port: cfg.http_port };

    // Round-robin: both routers answer over 10 requests.
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for _ in 0..10 {
        let (code, fields) = client.get(HOST, &[]);
        assert_eq!(code, 200, "{fields:?}");
        *counts.entry(fields["backend"].clone()).or_default() += 1;
    }
    eprintln!("spread over 10 requests: {counts:?}");
    assert_eq!(counts.keys().collect::<Vec<_>>(), ["router1", "router2"]);
    assert!(counts.values().all(|&n| n >= 3), "lopsided spread: {counts:?}");

    // Forwarded headers reach the router.
    let (_, f) = client.get(HOST, &[]);
    assert_eq!(f["host"], HOST);
    assert_eq!(f["x-forwarded-proto"], "https");
    assert_eq!(f["x-forwarded-for"], f["x-real-ip"]);
    assert!(f["x-real-ip"].starts_with("127."), "{f:?}");
    assert_eq!(f["connection"], "close");
    let (_, f) = client.get(HOST, &["-H", "X-Forwarded-For: 203.0.113.9"]);
    assert!(f["x-forwarded-for"].starts_with("203.0.113.9, 127."), "{f:?}");

    // Applications under the wildcard domain are served too, with their own Host.
    let (code, f) = client.get("myapp.example.test", &[]);
    assert_eq!((code, f["host"].as_str()), (200, "myapp.example.test"));

    // Websocket handshakes keep their Upgrade/Connection headers.
    let (_, f) = client.get(HOST, &["-H", "Upgrade: websocket", "-H", "Connection: Upgrade"]);
    assert_eq!((f["upgrade"].as_str(), f["connection"].as_str()), ("websocket", "upgrade"));

    // Plain HTTP redirects to HTTPS, keeping path and query.
    let resolve = format!("{HOST}:{}:{LB_IP}", client.http_port);
    let url = format!("http://{HOST}:{}/apps?x=1", client.http_port);
    let redirect = curl(&["-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve", &resolve, &url]);
    assert_eq!(redirect.ok().stdout, format!("301 https://{HOST}:{}/apps?x=1", client.https_port));

    // Kill router1: every later request still succeeds, all from router2.
    router1.stop();
    let started = Instant::now();
    let mut after: BTreeMap<String, u32> = BTreeMap::new();
    let mut failures = 0;
    for _ in 0..20 {
        let (code, fields) = client.get(HOST, &[]);
        if code == 200 {
            *after.entry(fields["backend"].clone()).or_default() += 1;
        } else {
            failures += 1;
        }
    }
    eprintln!("after killing router1: {after:?}, {failures} failures, 20 requests in {:?}", started.elapsed());
    assert_eq!(failures, 0);
    assert_eq!(after.get("router2"), Some(&20));

    let log = std::fs::read_to_string(cfg.prefix.join("logs/error.log")).unwrap_or_default();
    // Passive health checking: refused connects mark router1 down after max_fails=3.
    let refused = log.matches("connect() failed (111").count();
    eprintln!("error.log: {refused} refused connects to the dead router before it was disabled");
    assert!((1..=3).contains(&refused), "unexpected retry count {refused}:\n{log}");
    assert!(log.contains("upstream server temporarily disabled"), "{log}");
    for level in ["[emerg]", "[alert]", "[crit]"] {
        assert!(!log.contains(level), "nginx logged {level}:\n{log}");
    }
    let access = std::fs::read_to_string(cfg.prefix.join("logs/access.log")).expect("access log");
    assert!(access.lines().count() >= 33, "access log too short");
}
