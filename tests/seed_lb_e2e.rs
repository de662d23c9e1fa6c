//! The cluster guide's "Load Balancer and Multiple Routers" procedure, as written, on real
//! sshd nodes: the core, two routers and the load balancer all take the API endpoint's
//! hostname; the core is set up; the routers attach with `-e router`; the load balancer
//! attaches with no role and runs `kato node setup load_balancer --force`. The routers are
//! real nginx servers on ports 80 and 443 of their own addresses (as the original's), and
//! the load balancer has no catalog installed at all. Then: traffic spreads over every
//! router, TLS pass-through relays 443 to 443, a weak certificate is refused by `nginx -t`
//! before anything changes, an nginx that cannot start leaves the previous configuration
//! serving, and routers that do not answer are named (and "ok" needs one that does).

mod harness;
use harness::cluster::Cluster;
use harness::net::{Listener, curl, self_signed};
use harness::tools::{require, tools_present};
use std::collections::BTreeMap;
use std::path::Path;

const ENDPOINT: &str = "api.example.test";

/// A router: nginx serving `router NAME` on IP:80 and, with `cert`, IP:443.
fn router_conf(root: &Path, ip: &str, name: &str, cert: &Path, key: &Path) -> String {
    let prefix = root.join("var/lib/router-nginx");
    let p = prefix.display();
    let temps: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .iter()
        .map(|t| format!("    {t}_temp_path {p}/temp/{t};\n"))
        .collect();
    format!(
        "daemon off;\nworker_processes 1;\npid {p}/logs/nginx.pid;\nerror_log {p}/logs/error.log warn;\nevents {{}}\n\
         http {{\n    access_log off;\n{temps}\
         server {{ listen {ip}:80; location / {{ return 200 \"router {name}\\n\"; }} }}\n\
         server {{ listen {ip}:443 ssl; ssl_certificate {c}; ssl_certificate_key {k};\n\
         location / {{ return 200 \"router {name} tls\\n\"; }} }}\n}}\n",
        c = cert.display(),
        k = key.display()
    )
}

/// The example catalog with the router replaced by nginx on 80/443, and that nginx's
/// configuration, on node `i`.
fn install_router_catalog(c: &Cluster, i: usize, cert: &Path, key: &Path) {
    let n = &c.nodes[i];
    let etc = n.root.join("etc/kato");
    harness::files::copy_dir(&harness::repo("catalog/processes"), &etc.join("processes"));
    std::fs::remove_file(etc.join("processes/router2g.yml")).unwrap();
    std::fs::copy(harness::repo("catalog/process_order.yml"), etc.join("process_order.yml")).unwrap();
    harness::files::write_spec(
        &n.root,
        "router_nginx",
        "name: router_nginx\nroles: [router]\n\
         command: /usr/sbin/nginx -p ${KATO_ROOT}/var/lib/router-nginx -c conf/nginx.conf -e logs/error.log\n\
         listen_port: 80\ntls_listen_port: 443\n",
    );
    let prefix = n.root.join("var/lib/router-nginx");
    for d in ["conf", "logs", "temp"] {
        std::fs::create_dir_all(prefix.join(d)).unwrap();
    }
    std::fs::write(prefix.join("conf/nginx.conf"), router_conf(&n.root, &n.ip, &n.name, cert, key)).unwrap();
}

/// Who answered `n` requests through the load balancer (by body).
fn spread(args: &[&str], n: usize) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for _ in 0..n {
        let r = curl(args);
        assert_eq!(r.code, 0, "a request through the load balancer failed: {} {}", r.stdout, r.stderr);
        *seen.entry(r.stdout.trim().to_string()).or_insert(0) += 1;
    }
    seen
}

#[test]
fn the_seed_load_balancer_procedure_as_written() {
    if !tools_present("the seed's load balancer procedure", &["nginx", "curl", "openssl", "supervisord"]) {
        return;
    }
    let Some(c) = Cluster::try_start(4) else { return };
    c.open_to_workers();
    let certdir = c.dir().join("router-tls");
    std::fs::create_dir_all(&certdir).unwrap();
    let (rcert, rkey) = self_signed(&certdir, ENDPOINT);
    for i in 0..4 {
        let n = &c.nodes[i];
        std::fs::write(n.root.join("etc/hostname"), format!("{}.example.test\n", n.name)).unwrap();
        std::fs::write(n.root.join("etc/machine-id"), format!("{:032x}\n", 0xc0de_0000 + i)).unwrap();
        if i < 3 {
            install_router_catalog(&c, i, &rcert, &rkey);
        }
    }
    let (core, r1, r2, lb) =
        (c.nodes[0].ip.clone(), c.nodes[1].ip.clone(), c.nodes[2].ip.clone(), c.nodes[3].ip.clone());
    assert!(!c.nodes[3].root.join("etc/kato/processes").exists(), "the load balancer has no catalog");

    // The procedure. (--no-restart: a fresh node's micro-cloud roles would start on
    // 127.0.0.1, as the cluster guide's own core preparation avoids.)
    c.run(3, &["node", "rename", ENDPOINT, "--no-restart"]).ok();
    c.run(0, &["node", "rename", ENDPOINT, "--no-restart"]).ok();
    c.run(0, &["node", "setup", "core", ENDPOINT]).ok();
    for i in [1, 2] {
        c.run(i, &["node", "rename", ENDPOINT, "--no-restart"]).ok();
        let attach = c.run(i, &["node", "attach", "-e", "router", &core]);
        attach.ok();
        let note = format!("preflight duplicate-node: this node shares the hostname '{ENDPOINT}' with");
        assert!(attach.stdout.contains(&note), "the shared endpoint hostname is not said: {}", attach.stdout);
        assert!(!attach.stderr.contains("WARNING"), "{}", attach.stderr);
    }
    c.run(3, &["node", "attach", &core]).ok();
    let setup = c.run(3, &["node", "setup", "load_balancer", "--force"]);
    setup.ok();
    for ip in [&core, &r1, &r2] {
        assert!(setup.stdout.contains(&format!("-> {ip}\n")), "{}", setup.stdout);
    }
    let last = setup.stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with(&format!("load balancer for {ENDPOINT}...")) && last.ends_with(" ok"), "{}", setup.stdout);
    assert!(!setup.stderr.contains("WARNING"), "{}", setup.stderr);
    // The routers' ports came from their catalogs: 80 behind TLS termination.
    let conf_path = c.nodes[3].root.join("var/lib/kato/nginx/conf/nginx.conf");
    let conf = std::fs::read_to_string(&conf_path).unwrap();
    for ip in [&core, &r1, &r2] {
        assert!(conf.contains(&format!("server {ip}:80 max_fails")), "{conf}");
    }
    let list = c.run(0, &["node", "list"]).stdout.clone();
    assert!(list.contains(&format!("{lb:<15}  base load_balancer")), "{list}");
    let status = c.run(0, &["status", "--json"]).json();
    assert_eq!(status["process_issues"], serde_json::json!([]), "{status}");

    // Traffic spreads over every router (the core's router included, as the guide's
    // "all configured routers").
    let lb_cert = c.nodes[3].root.join("etc/kato/ssl/cluster.crt");
    let resolve = format!("{ENDPOINT}:443:{lb}");
    let https = ["--cacert", lb_cert.to_str().unwrap(), "--resolve", &resolve, "https://api.example.test/"];
    let seen = spread(&https, 15);
    let names: Vec<String> = (1..=3).map(|i| format!("router node{i}")).collect();
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), names, "{seen:?}");
    assert!(seen.values().all(|n| *n >= 3), "uneven spread: {seen:?}");

    // TLS pass-through: 443 relays to the routers' 443 (they hold the certificate).
    let stream = Path::new(kato::infra::nginx::STREAM_MODULE).exists();
    if require("the pass-through part", stream, "nginx's stream module is missing (libnginx-mod-stream)") {
        c.run(3, &["node", "setup", "load_balancer", "--tls-passthrough"]).ok();
        let conf = std::fs::read_to_string(&conf_path).unwrap();
        assert!(
            conf.contains(&format!("server {r1}:443 max_fails")) && conf.contains(&format!("server {r1}:80 max_fails"))
        );
        let https = ["--cacert", rcert.to_str().unwrap(), "--resolve", &resolve, "https://api.example.test/"];
        let seen = spread(&https, 12);
        let tls_names: Vec<String> = names.iter().map(|n| format!("{n} tls")).collect();
        assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), tls_names, "{seen:?}");
        let seen = spread(&[&format!("http://{lb}/")], 12);
        assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), names, "{seen:?}");
        c.run(3, &["node", "setup", "load_balancer"]).ok();
    }

    // Checked before anything changes: a key of another certificate, and a certificate
    // nginx refuses (a 512-bit RSA key).
    let before = std::fs::read(&conf_path).unwrap();
    let other = c.dir().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let (_, other_key) = self_signed(&other, ENDPOINT);
    let mismatch = c.run(
        3,
        &["node", "setup", "load_balancer", "--cert", lb_cert.to_str().unwrap(), "--key", other_key.to_str().unwrap()],
    );
    mismatch.fails(2);
    assert!(mismatch.stderr.contains("does not belong to the certificate"), "{}", mismatch.stderr);
    let (weak_cert, weak_key) = (other.join("weak.crt"), other.join("weak.key"));
    harness::run::output(
        std::process::Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:512", "-nodes", "-days", "1", "-subj", "/CN=api.example.test"])
            .arg("-keyout")
            .arg(&weak_key)
            .arg("-out")
            .arg(&weak_cert),
    )
    .ok();
    let weak = c.run(
        3,
        &["node", "setup", "load_balancer", "--cert", weak_cert.to_str().unwrap(), "--key", weak_key.to_str().unwrap()],
    );
    weak.fails(1);
    assert!(weak.stderr.contains("nginx rejects the load balancer's configuration"), "{}", weak.stderr);
    assert!(weak.stderr.contains("key too small"), "{}", weak.stderr);
    assert_eq!(std::fs::read(&conf_path).unwrap(), before, "a refused setup changed the configuration");

    // nginx that cannot start (its new HTTPS port is taken): the previous configuration
    // comes back, and with it the load balancer as it was.
    let taken = Listener::start(format!("{lb}:8443"), |_| {});
    let busy = c.run(3, &["node", "setup", "load_balancer", "--https-port", "8443"]);
    busy.fails(1);
    assert!(busy.stderr.contains("undone:") && busy.stderr.contains("nginx-config"), "{}", busy.stderr);
    assert_eq!(std::fs::read(&conf_path).unwrap(), before, "the previous configuration was not restored");
    drop(taken);
    assert_eq!(spread(&https, 3).len(), 3, "the previous load balancer does not serve again");

    // A router that does not answer is named; with none answering, nothing says ok.
    c.run(1, &["stop", "router"]).ok();
    let one_down = c.run(3, &["node", "setup", "load_balancer"]);
    one_down.ok();
    assert!(
        one_down.stderr.contains(&format!("WARNING: these routers did not answer: {r1}:80")),
        "{}",
        one_down.stderr
    );
    assert!(one_down.stdout.lines().last().unwrap_or_default().ends_with(" ok"), "{}", one_down.stdout);
    c.run(0, &["stop", "router"]).ok();
    c.run(2, &["stop", "router"]).ok();
    let none = c.run(3, &["node", "setup", "load_balancer"]);
    none.fails(1);
    assert!(none.stdout.contains("no router answers"), "{}", none.stdout);
    assert!(!none.stdout.lines().any(|l| l.ends_with(" ok") && l.starts_with("load balancer")), "{}", none.stdout);
    assert!(none.stderr.contains("no request through it reached a router"), "{}", none.stderr);
}
