//! `kato node setup load_balancer` end to end: a real nginx (run by the load balancer
//! node's supervisord) in front of two router nodes that each answer with their own name;
//! requests are spread over both, TLS uses a certificate the test makes, and with one
//! router stopped no request fails.

mod harness;
use harness::cluster::Cluster;
use harness::net::{curl, self_signed};
use harness::tools::{require, tools_present};

#[test]
fn nginx_balances_and_fails_over() {
    if !tools_present("nginx_balances_and_fails_over", &["nginx", "curl", "openssl", "supervisord"]) {
        return;
    }
    let Some(c) = Cluster::try_core(4) else { return };
    c.open_to_workers();
    let core = c.nodes[0].ip.clone();
    let (r1, r2, lb) = (c.nodes[1].ip.clone(), c.nodes[2].ip.clone(), c.nodes[3].ip.clone());
    for i in 1..3 {
        let dir = c.nodes[i].root.join("var/lib/kato/data/router");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), format!("router {}\n", c.nodes[i].name)).unwrap();
    }
    c.run(1, &["node", "attach", "-e", "router", &core]).ok();
    c.run(2, &["node", "attach", "-e", "router", &core]).ok();
    c.run(3, &["node", "attach", "-e", "dea", "-s", &core]).ok();

    // Refused while the node has other roles; --force replaces them.
    let refused = c.run(3, &["node", "setup", "load_balancer", &r1, &r2]);
    refused.fails(2);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);

    let certdir = c.dir().join("tls");
    std::fs::create_dir_all(&certdir).unwrap();
    let (cert, key) = self_signed(&certdir, "api.example.test");
    // Checks come before changes (class 7): with --force, bad TLS material is refused
    // before the node's other roles are touched, and nothing changes anywhere.
    let otherdir = c.dir().join("tls-other");
    std::fs::create_dir_all(&otherdir).unwrap();
    let (_, other_key) = self_signed(&otherdir, "api.example.test");
    let not_pem = c.dir().join("not.pem");
    std::fs::write(&not_pem, "hello\n").unwrap();
    let (cert_s, key_s) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let (other_s, not_pem_s) = (other_key.to_str().unwrap(), not_pem.to_str().unwrap());
    let lb_files = harness::files::file_tree(&c.nodes[3].root);
    let registry = c.run(0, &["node", "list"]).stdout.clone();
    for (crt, k) in [
        ("/nonexistent.crt", key_s),
        (cert_s, "/nonexistent.key"),
        (cert_s, other_s),
        (not_pem_s, key_s),
        (cert_s, not_pem_s),
        (key_s, cert_s),
    ] {
        let args = ["node", "setup", "load_balancer", "--force", "--cert", crt, "--key", k, &r1, &r2];
        let out = c.run(3, &args);
        assert!(out.code == 1 || out.code == 2, "{crt} {k}: exit {}: {}", out.code, out.stderr);
        assert_eq!(out.stderr.lines().filter(|l| l.starts_with("ERROR: ")).count(), 1, "{crt} {k}: {}", out.stderr);
        assert_eq!(lb_files, harness::files::file_tree(&c.nodes[3].root), "{crt} {k}: the node's files changed");
        assert_eq!(registry, c.run(0, &["node", "list"]).stdout, "{crt} {k}: the registry changed");
    }
    let setup = c.run(
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
    let list = c.run(0, &["node", "list"]).stdout;
    assert!(list.contains(&format!("{lb:<15}  base load_balancer")), "{list}");
    assert_eq!(c.run(0, &["config", "get", "router2g", "prevent_x_spoofing"]).stdout, "false\n");

    let resolve = format!("api.example.test:443:{lb}");
    let https = ["--cacert", cert.to_str().unwrap(), "--resolve", &resolve, "https://api.example.test/"];
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..10 {
        let r = curl(&https);
        assert_eq!(r.code, 0, "request failed: {}", r.stdout);
        *seen.entry(r.stdout.trim().to_string()).or_insert(0) += 1;
    }
    assert_eq!(seen.len(), 2, "requests not spread over both routers: {seen:?}");
    assert!(seen.values().all(|n| *n >= 3), "uneven spread: {seen:?}");
    // Plain HTTP is redirected to HTTPS.
    let http_resolve = format!("api.example.test:80:{lb}");
    let url = "http://api.example.test/apps?x=1";
    let out = curl(&["-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve", &http_resolve, url]);
    assert_eq!(out.ok().stdout, "301 https://api.example.test/apps?x=1");

    // Stop the first router's role: every request still succeeds, from the second router.
    c.run(1, &["stop", "router"]).ok();
    for _ in 0..20 {
        let r = curl(&https);
        assert_eq!(r.code, 0, "a request failed after failover: {}", r.stdout);
        assert_eq!(r.stdout.trim(), "router node3", "unexpected backend");
    }

    // TLS pass-through: nginx relays TCP and the routers see the bytes unchanged (here the
    // routers' "TLS" port is their HTTP port, so plain HTTP to the LB's 443 reaches them).
    let stream = std::path::Path::new(kato::infra::nginx::STREAM_MODULE).exists();
    if !require("the pass-through part", stream, "nginx's stream module is missing (libnginx-mod-stream)") {
        return;
    }
    c.run(1, &["start", "router"]).ok();
    c.run(3, &["node", "setup", "load_balancer", "--tls-passthrough", "--router-tls-port", "8080", &r1, &r2]).ok();
    assert_eq!(c.run(0, &["config", "get", "router2g", "prevent_x_spoofing"]).stdout, "true\n");
    let mut seen = std::collections::BTreeSet::new();
    for port in ["80", "443"] {
        for _ in 0..6 {
            let r = curl(&[&format!("http://{lb}:{port}/")]);
            assert_eq!(r.code, 0, "pass-through request failed: {}", r.stdout);
            seen.insert(r.stdout.trim().to_string());
        }
    }
    assert_eq!(seen.len(), 2, "pass-through not spread over both routers: {seen:?}");
}
