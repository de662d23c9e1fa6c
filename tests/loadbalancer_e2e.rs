//! `kato node setup load_balancer` end to end: a real nginx (run by the load balancer
//! node's supervisord) in front of two router nodes that each answer with their own name;
//! requests are spread over both, TLS uses a certificate the test makes, and with one
//! router stopped no request fails.

mod common;
use common::cluster::Cluster;
use common::kato::{provision, run};
use std::process::Command;

fn curl(args: &[&str]) -> (i32, String) {
    let out = Command::new("curl").args(["-sS", "--max-time", "5"]).args(args).output().expect("run curl");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn nginx_balances_and_fails_over() {
    for tool in ["nginx", "curl", "openssl", "supervisord"] {
        if !have(tool) {
            assert!(std::env::var("CI").is_err(), "{tool} is missing");
            eprintln!("skipping: {tool} is missing");
            return;
        }
    }
    let Some(c) = Cluster::try_start(4) else { return };
    provision(&c);
    // nginx workers (nobody) must traverse the prefix under the cluster dir.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(c.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let core = c.nodes[0].ip.clone();
    let (r1, r2, lb) = (c.nodes[1].ip.clone(), c.nodes[2].ip.clone(), c.nodes[3].ip.clone());
    for i in 1..3 {
        let dir = c.nodes[i].root.join("var/lib/kato/data/router");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), format!("router {}\n", c.nodes[i].name)).unwrap();
    }
    run(&c, 0, &["node", "setup", "core", "api.example.test"]).ok();
    run(&c, 1, &["node", "attach", "-e", "router", &core]).ok();
    run(&c, 2, &["node", "attach", "-e", "router", &core]).ok();
    run(&c, 3, &["node", "attach", "-e", "dea", "-s", &core]).ok();

    // Refused while the node has other roles; --force replaces them.
    let refused = run(&c, 3, &["node", "setup", "load_balancer", &r1, &r2]);
    refused.fails();
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);

    let certdir = c.dir().join("tls");
    std::fs::create_dir_all(&certdir).unwrap();
    let (cert, key) = (certdir.join("lb.crt"), certdir.join("lb.key"));
    let ok = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"])
        .args(["-subj", "/CN=api.example.test", "-addext", "subjectAltName=DNS:api.example.test,DNS:*.example.test"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let setup = run(
        &c,
        3,
        &[
            "node",
            "setup",
            "load_balancer",
            "--force",
            "--cert",
            cert.to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
            &r1,
            &r2,
        ],
    );
    setup.ok();
    assert!(
        setup.stdout.contains(&format!("-> {r1}")) && setup.stdout.contains(&format!("-> {r2}")),
        "{}",
        setup.stdout
    );
    let list = run(&c, 0, &["node", "list"]).stdout;
    assert!(list.contains(&format!("{lb:<15}  base load_balancer")), "{list}");
    assert_eq!(run(&c, 0, &["config", "get", "router2g", "prevent_x_spoofing"]).stdout, "false\n");

    let resolve = format!("api.example.test:443:{lb}");
    let https = ["--cacert", cert.to_str().unwrap(), "--resolve", &resolve, "https://api.example.test/"];
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..10 {
        let (code, body) = curl(&https);
        assert_eq!(code, 0, "request failed: {body}");
        *seen.entry(body.trim().to_string()).or_insert(0) += 1;
    }
    assert_eq!(seen.len(), 2, "requests not spread over both routers: {seen:?}");
    assert!(seen.values().all(|n| *n >= 3), "uneven spread: {seen:?}");
    // Plain HTTP is redirected to HTTPS.
    let http_resolve = format!("api.example.test:80:{lb}");
    let out = Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{redirect_url}",
            "--max-time",
            "5",
            "--resolve",
            &http_resolve,
        ])
        .arg("http://api.example.test/apps?x=1")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "301 https://api.example.test/apps?x=1");

    // Stop the first router's role: every request still succeeds, from the second router.
    run(&c, 1, &["stop", "router"]).ok();
    for _ in 0..20 {
        let (code, body) = curl(&https);
        assert_eq!(code, 0, "a request failed after failover: {body}");
        assert_eq!(body.trim(), "router node3", "unexpected backend");
    }

    // TLS pass-through: nginx relays TCP and the routers see the bytes unchanged (here the
    // routers' "TLS" port is their HTTP port, so plain HTTP to the LB's 443 reaches them).
    if !std::path::Path::new(kato::infra::nginx::STREAM_MODULE).exists() {
        assert!(std::env::var("CI").is_err(), "nginx's stream module is missing (libnginx-mod-stream)");
        eprintln!("skipping the pass-through part: no nginx stream module");
        return;
    }
    run(&c, 1, &["start", "router"]).ok();
    run(&c, 3, &["node", "setup", "load_balancer", "--tls-passthrough", "--router-tls-port", "8080", &r1, &r2]).ok();
    assert_eq!(run(&c, 0, &["config", "get", "router2g", "prevent_x_spoofing"]).stdout, "true\n");
    let mut seen = std::collections::BTreeSet::new();
    for port in ["80", "443"] {
        for _ in 0..6 {
            let (code, body) = curl(&[&format!("http://{lb}:{port}/")]);
            assert_eq!(code, 0, "pass-through request failed: {body}");
            seen.insert(body.trim().to_string());
        }
    }
    assert_eq!(seen.len(), 2, "pass-through not spread over both routers: {seen:?}");
}
