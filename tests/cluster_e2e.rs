//! The cluster guide's workflow, end to end, on real sshd nodes (one loopback address,
//! root and supervisord per node): set up a core, attach a router, a data-services node
//! and two DEAs, check `status` from several nodes, remove a DEA, move the core to a new
//! address with `migrate --reattach-all`, and check the cluster is clean again. The same
//! workflow runs with kato as root, and as the operator account `stackato` (group `kato`)
//! on every node, the way a real VM is used.

mod harness;
use harness::cluster::{Cluster, ClusterConfig};
use harness::files::read_json;
use serde_json::Value;

/// Node `i`'s `var/lib/kato/node.json`.
fn node_json(c: &Cluster, i: usize) -> Value {
    read_json(&c.nodes[i].root.join("var/lib/kato/node.json"))
}

#[test]
fn seed_workflow() {
    seed_workflow_with(ClusterConfig::default());
}

#[test]
fn seed_workflow_as_the_operator() {
    if let Some(c) = seed_workflow_with(ClusterConfig { as_operator: true, ..Default::default() }) {
        state_belongs_to_the_kato_group(&c);
    }
}

fn seed_workflow_with(config: ClusterConfig) -> Option<Cluster> {
    let mut c = Cluster::try_core_with(5, config, &[])?;
    let user = c.operator().map_or("root".to_string(), |o| o.name.clone());
    let core = c.nodes[0].ip.clone();
    let ips = c.ips();

    c.run(1, &["node", "attach", "-e", "router", &core]).ok();
    // The example catalog runs redis and memcached; the other data services stand in.
    c.stand_ins(2, &["mysql", "postgresql", "mongodb", "rabbit", "filesystem"]);
    c.run(2, &["node", "attach", "-e", "data-services", &core]).ok();
    c.run(3, &["node", "attach", "-e", "dea", &core]).ok();
    let attach = c.run(4, &["node", "attach", "-e", "dea", &core]);
    attach.ok();
    assert!(attach.stdout.contains("Attaching this node to core"), "{}", attach.stdout);
    assert!(attach.stdout.contains("role dea starting..."), "{}", attach.stdout);

    let list = c.run(0, &["node", "list"]);
    list.ok();
    let expect = [
        (&ips[0], "base controller primary router"),
        (&ips[1], "base router"),
        (&ips[2], "base filesystem memcached mongodb mysql postgresql rabbit redis"),
        (&ips[3], "base dea"),
        (&ips[4], "base dea"),
    ];
    let lines: Vec<&str> = list.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", list.stdout);
    for (line, (ip, roles)) in lines.iter().zip(expect) {
        assert_eq!(*line, format!("{ip:<15}  {roles}"));
    }
    // Scripts cut the first field.
    let ids: Vec<&str> = list.stdout.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(ids, ips.iter().map(String::as_str).collect::<Vec<_>>());

    // Status from the core and from a DEA: every node answers, nothing is wrong.
    for from in [0, 3] {
        let st = c.run(from, &["status", "--json"]);
        st.ok();
        let v = st.json();
        assert_eq!(v["down_nodes"], serde_json::json!([]), "{}", st.stdout);
        assert_eq!(v["process_issues"], serde_json::json!([]), "{}", st.stdout);
        assert_eq!(v["roles_stats"]["dea"]["node_ids"], serde_json::json!([ips[3], ips[4]]));
    }
    let text = c.run(1, &["status"]);
    text.ok();
    assert!(text.stdout.contains(" dea                       2       2   none"), "{}", text.stdout);
    assert!(text.stdout.contains(" redis                     1       1   none"), "{}", text.stdout);

    // Config written on a DEA lands in the core's store.
    c.run(3, &["config", "set", "fence", "docker/image", "stackato/stack/alsek"]).ok();
    assert_eq!(c.run(0, &["config", "get", "fence", "docker/image"]).stdout, "stackato/stack/alsek\n");
    let info = c.run(3, &["info", "--json"]);
    let v = info.json();
    assert_eq!(v["cluster"]["mbusip"], core.as_str());
    assert_eq!(v["node"][&ips[3]]["roles"], serde_json::json!(["base", "dea"]));
    assert!(v["redis"]["uri"].as_str().unwrap().starts_with(&format!("ssh://{user}@")), "{}", info.stdout);

    // Role changes on another node, from the core.
    c.run(0, &["role", "add", "--node", &ips[3], "memcached"]).ok();
    assert!(c.run(0, &["node", "list"]).stdout.contains(&format!("{:<15}  base dea memcached", ips[3])));
    c.run(0, &["role", "remove", "--node", &ips[3], "memcached"]).ok();
    let procs = c.run(3, &["process", "list", "--json"]);
    assert!(!procs.stdout.contains("memcached_node"), "{}", procs.stdout);

    // Another node's history, asked from the core.
    let hist = c.run(0, &["history", "-n", &ips[3]]);
    hist.ok();
    assert!(
        hist.stdout.contains(&format!("on {} => kato node attach -e dea {core} (succeeded)", ips[3])),
        "{}",
        hist.stdout
    );

    // Processes and roles of another node, from the core.
    let restart = c.run(0, &["process", "restart", "--node", &ips[3], "dir_server"]);
    restart.ok();
    assert!(
        restart.stdout.contains("process dir_server...") && restart.stdout.contains("started"),
        "{}",
        restart.stdout
    );
    c.run(0, &["stop", "--node", &ips[3], "dea"]).ok();
    let st = c.run(0, &["status", "--json"]).json();
    assert_eq!(st["process_issues"][0]["node_id"], ips[3].as_str(), "{st}");
    assert_eq!(st["process_issues"][0]["process_name"], "dir_server");
    c.run(0, &["start", "--node", &ips[3]]).ok();
    assert_eq!(c.run(0, &["status", "--json"]).json()["process_issues"], serde_json::json!([]));
    let other = c.run(0, &["info", "-n", &ips[2], "--json"]).json();
    assert!(other["node"][&ips[2]]["roles"].as_array().unwrap().contains(&serde_json::json!("memcached")));

    // Remove a DEA: it detaches and becomes a micro cloud.
    c.run(0, &["node", "remove", &ips[4]]).ok();
    assert_eq!(c.run(0, &["node", "list"]).stdout.lines().count(), 4);
    assert_eq!(node_json(&c, 4)["node_type"], "micro");

    // Move the core to a new address and re-point every node.
    let new_core = format!("{}.200", core.rsplit_once('.').unwrap().0);
    c.run(0, &["node", "migrate", &core, &new_core, "--reattach-all", "--no-restart"]).ok();
    c.readdress(0, &new_core);
    c.run(0, &["restart"]).ok();
    for i in 1..4 {
        let v = node_json(&c, i);
        assert_eq!(v["core_ip"], new_core.as_str(), "node {i} not re-pointed");
    }
    let st = c.run(2, &["status", "--json"]);
    st.ok();
    let v = st.json();
    assert_eq!(v["down_nodes"], serde_json::json!([]), "{}", st.stdout);
    assert_eq!(v["process_issues"], serde_json::json!([]), "{}", st.stdout);
    assert_eq!(v["roles_stats"]["primary"]["node_ids"], serde_json::json!([new_core]));
    assert_eq!(c.run(1, &["config", "get", "cluster", "mbusip"]).stdout, format!("{new_core}\n"));
    Some(c)
}

/// What kato wrote on the core is for root and group kato only: folders setgid
/// `rwxrws---`, files `rw-rw----` (the socket too); nothing for other users.
fn state_belongs_to_the_kato_group(c: &Cluster) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let kato = nix::unistd::Group::from_name("kato").unwrap().unwrap().gid.as_raw();
    let root = &c.nodes[0].root;
    let mut seen = 0;
    for dir in ["var/lib/kato", "run/kato", "var/log/kato"] {
        for (path, is_dir) in harness::files::walk(&root.join(dir), true) {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() || path.extension().is_some_and(|x| x == "pid") {
                continue;
            }
            let mode = meta.permissions().mode() & 0o7777;
            seen += 1;
            assert_eq!(mode & 0o007, 0, "{} is open to other users ({mode:o})", path.display());
            assert_eq!(meta.gid(), kato, "{} is not in group kato", path.display());
            if is_dir {
                assert_eq!(mode, 0o2770, "{} ({mode:o})", path.display());
            }
        }
    }
    assert!(seen > 5, "too few files checked ({seen})");
    for f in ["var/lib/kato/store/cluster.json", "var/lib/kato/store/lock", "var/log/kato/history.jsonl"] {
        let mode = std::fs::metadata(root.join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o660, "{f} ({mode:o})");
    }
    let sock = std::fs::metadata(root.join("run/kato/supervisord.sock")).unwrap();
    assert_eq!(sock.permissions().mode() & 0o777, 0o770, "the supervisord socket");
    assert_eq!(sock.gid(), kato, "the supervisord socket's group");
}
