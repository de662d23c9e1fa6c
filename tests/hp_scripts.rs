//! HP's cluster automation, unmodified in what it asks of kato (tests/scripts/
//! hp-cluster-tool-lines.sh): it exports `KATO_BIN=/home/stackato/bin/kato` for its own use
//! and calls kato by that path. Each node's lines run in a private mount namespace where
//! `/home/stackato/bin/kato` exists (a link to the built binary), as on a Stackato VM;
//! the other nodes' sshd sessions do not see that path, so kato must find itself there
//! on its own (`KATO_REMOTE_BIN`, then PATH and the install paths), not through
//! `KATO_BIN`. The flows: core, two routers (attached with `-e router`, then the router
//! settings and a restart), and the load balancer (rename, attach, setup --force).

mod harness;
use harness::cluster::Cluster;
use harness::net::curl;
use harness::run::{self, Run};
use harness::tools::tools_present;
use std::path::PathBuf;
use std::process::Command;

/// Runs `STEP` of the script as node `i`, with `/home/stackato/bin/kato` in its private
/// mount namespace only, and without KATO_BIN set (the script sets it).
fn step(c: &Cluster, i: usize, step: &str, core_ip: &str) -> Run {
    let home = c.dir().join("home");
    let bin = home.join("stackato/bin");
    if !bin.join("kato").exists() {
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(harness::KATO, bin.join("kato")).unwrap();
    }
    let node = &c.nodes[i];
    let mut cmd = Command::new("unshare");
    harness::node_env(&mut cmd, &node.root, &node.ip)
        .envs(c.ssh_env())
        .env_remove("KATO_BIN")
        .env("HOMEDIR", &home)
        .env("SCRIPT", script())
        .env("STEP", step)
        .env("CLUSTER_HOSTNAME", "example.test")
        .env("CORE_IP", core_ip)
        .args(["--mount", "sh", "-c", "mount --bind \"$HOMEDIR\" /home && exec bash \"$SCRIPT\""]);
    run::capture(&mut cmd, None, run::LIMIT)
}

fn script() -> PathBuf {
    harness::repo("tests/scripts/hp-cluster-tool-lines.sh")
}

#[test]
fn hp_cluster_tool_router_and_load_balancer_flows() {
    if !tools_present("HP's cluster scripts", &["nginx", "curl", "openssl", "supervisord", "bash"]) {
        return;
    }
    let Some(c) = Cluster::try_start(4) else { return };
    c.provision();
    c.open_to_workers();
    for (i, n) in c.nodes.iter().enumerate() {
        std::fs::write(n.root.join("etc/machine-id"), format!("{:032x}\n", 0xa11c_e000 + i)).unwrap();
        let dir = n.root.join("var/lib/kato/data/router");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), format!("router {}\n", n.name)).unwrap();
    }
    // The load balancer has no catalog of its own.
    std::fs::remove_dir_all(c.nodes[3].root.join("etc/kato")).unwrap();
    let core = c.nodes[0].ip.clone();
    let lb = c.nodes[3].ip.clone();

    step(&c, 0, "core", "").ok();
    for i in [1, 2] {
        let attach = step(&c, i, "router", &core);
        attach.ok();
        assert!(attach.stdout.contains("shares the hostname 'example.test'"), "{}", attach.stdout);
        step(&c, i, "router-post-attach", &core).ok();
    }
    let found = step(&c, 1, "core-ip", &core);
    found.ok();
    assert_eq!(found.stdout, format!("{core}\n"));
    let setup = step(&c, 3, "load-balancer", &core);
    setup.ok();
    assert!(setup.stdout.lines().last().unwrap_or_default().ends_with(" ok"), "{}", setup.stdout);

    // The routers serve on 8080 (the example catalog's router2g): the load balancer learnt it.
    let conf = std::fs::read_to_string(c.nodes[3].root.join("var/lib/kato/nginx/conf/nginx.conf")).unwrap();
    assert!(conf.contains(&format!("server {}:8080 max_fails", c.nodes[1].ip)), "{conf}");
    let resolve = format!("api.example.test:443:{lb}");
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..12 {
        let r = curl(&["-k", "--resolve", &resolve, "https://api.example.test/"]);
        assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
        seen.insert(r.stdout.trim().to_string());
    }
    let want: std::collections::BTreeSet<String> = (1..=3).map(|i| format!("router node{i}")).collect();
    assert_eq!(seen, want);
    let status = c.run(0, &["status", "--json"]).json();
    assert_eq!(status["process_issues"], serde_json::json!([]), "{status}");
}
