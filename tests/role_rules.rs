//! Each role rule with its allowed and its refused case, through the built binary.

mod harness;
use harness::sandbox::Sandbox;

#[test]
fn mandatory_base_cannot_be_added_or_removed() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["role", "add", "base"]);
    r.fails(2);
    assert!(r.stderr.contains("Cannot add mandatory role 'base'"), "{}", r.stderr);
    let r = sb.run(&["role", "remove", "base"]);
    r.fails(2);
    assert!(r.stderr.contains("Cannot remove mandatory role 'base'"), "{}", r.stderr);
    // Allowed: base stays listed on every node.
    assert!(sb.node_list().contains(" base "));
}

#[test]
fn primary_at_most_one_per_cluster() {
    let sb = Sandbox::new();
    sb.setup_core();
    // Allowed: re-adding primary on the node that has it is a no-op ("exists").
    let r = sb.run(&["role", "add", "primary"]);
    r.ok();
    assert!(r.stdout.contains("exists"), "{}", r.stdout);
    // Refused: primary on a second node of the cluster (simulated by --node after
    // registering another node through the store file).
    sb.register_node("10.11.12.14", &[]);
    let r = sb.run(&["role", "add", "primary", "--node", "10.11.12.14", "--no-start"]);
    r.fails(2);
    assert!(
        r.stderr.contains("There are already 1 primary roles configured on this cluster. Maximum allowed is 1"),
        "{}",
        r.stderr
    );
    // Allowed by the rules, but the node cannot be reached (it is only a store entry
    // here): refused whole, nothing recorded (a real node is tested in cluster_e2e).
    let before = sb.tree();
    let r = sb.run(&["role", "add", "dea", "--node", "10.11.12.14", "--no-start"]);
    r.fails(1);
    assert!(r.stderr.contains("cannot reach 10.11.12.14") && r.stderr.contains("nothing was changed"), "{}", r.stderr);
    assert!(sb.tree() == before, "a role added to a node that cannot be reached was recorded");
    assert!(sb.node_list().contains("10.11.12.14      base\n"), "{}", sb.node_list());
}

#[test]
fn required_roles_keep_their_last_node_unless_forced() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["role", "remove", "router"]);
    r.fails(2);
    assert!(r.stderr.contains("would leave the cluster with 0 router node(s)"), "{}", r.stderr);
    assert!(sb.node_list().contains("router"));
    // Allowed with --force.
    sb.run(&["role", "remove", "router", "--force"]).ok();
    assert!(!sb.node_list().contains("router"));
    // Allowed without --force when another node still has it: add dea twice over.
    sb.run(&["role", "add", "--skip-preflight", "role-processes", "dea"]).ok();
    let r = sb.run(&["role", "remove", "dea"]);
    r.fails(2);
}

#[test]
fn load_balancer_is_exclusive_and_not_in_all() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["role", "add", "load_balancer"]);
    r.fails(2);
    assert!(r.stderr.contains("cannot share a node with other roles"), "{}", r.stderr);
    // --all leaves load_balancer (and the micro-only mdns) out.
    sb.run(&["role", "add", "--skip-preflight", "role-processes", "--all", "--no-start"]).ok();
    let list = sb.node_list();
    assert!(!list.contains("load_balancer") && !list.contains("mdns"), "{list}");
    assert!(list.contains("memcached") && list.contains("harbor"), "{list}");
    // Allowed: load_balancer alone on a node without other roles.
    let lb = Sandbox::new();
    lb.setup_core();
    lb.run(&["role", "remove", "--all", "--force"]).ok();
    lb.run(&["role", "add", "--skip-preflight", "role-processes", "load_balancer", "--no-start"]).ok();
    assert!(lb.node_list().contains("base load_balancer"), "{}", lb.node_list());
    // Refused: any other role next to it.
    let r = lb.run(&["role", "add", "dea"]);
    r.fails(2);
    assert!(r.stderr.contains("is a load_balancer node"), "{}", r.stderr);
}

#[test]
fn mdns_only_on_micro_clouds() {
    let micro = Sandbox::new();
    micro.run(&["role", "add", "--skip-preflight", "role-processes", "mdns"]).ok();
    assert!(micro.node_list().contains("mdns"));
    let core = Sandbox::new();
    core.setup_core();
    let r = core.run(&["role", "add", "mdns"]);
    r.fails(2);
    assert!(r.stderr.contains("only for micro clouds"), "{}", r.stderr);
}

#[test]
fn groups_all_but_and_only() {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.run(&["role", "add", "--skip-preflight", "role-processes", "data-services", "--no-start"]).ok();
    let l = sb.node_list();
    for r in ["mysql", "postgresql", "redis", "mongodb", "rabbit", "memcached", "filesystem"] {
        assert!(l.contains(r), "{r} missing: {l}");
    }
    sb.run(&["role", "add", "--skip-preflight", "role-processes", "--all-but", "mdns", "harbor", "--no-start"]).ok();
    let l = sb.node_list();
    assert!(l.contains("dea") && !l.contains("harbor"), "{l}");
    sb.run(&["role", "add", "--only", "primary", "controller", "router", "--force", "--skip-preflight=role-processes"])
        .ok();
    assert_eq!(sb.node_list().trim_end(), "10.11.12.13      base controller primary router");
    let r = sb.run(&["role", "add", "data-servics"]);
    r.fails(2);
    assert!(r.stderr.contains("did you mean 'data-services'"), "{}", r.stderr);
}

#[test]
fn catalog_files_extend_and_override_roles() {
    let sb = Sandbox::new();
    sb.write_spec("es_node", "name: es_node\nroles: [elasticsearch]\ncommand: /bin/sleep 1000\nlisten_port: 9200\n");
    std::fs::write(sb.path("etc/kato/role_groups.yml"), "search:\n  - elasticsearch\n").unwrap();
    let info = sb.run(&["info"]);
    info.ok();
    assert!(info.stdout.contains("load_balancer,elasticsearch"), "{}", info.stdout);
    let r = sb.run(&["role", "info", "search"]);
    r.ok();
    assert_eq!(r.stdout, format!("{:<25}  es_node\n", "elasticsearch"));
    // A spec that cannot be used is one process with a problem, named with its file; the
    // rest of the catalog and every command keep working.
    sb.write_spec("broken", "name: broken\nroles: [dea]\n");
    let r = sb.run(&["info"]);
    r.ok();
    assert!(r.stderr.contains("WARNING: process broken cannot run on this node"), "{}", r.stderr);
    assert!(r.stderr.contains("broken.yml: no 'command', and no supervisord program [program:broken]"), "{}", r.stderr);
    sb.write_spec("broken", "name: broken\nroles: [dea]\ncommand: x\nlisten_prot: 5\n");
    let r = sb.run(&["role", "info", "search"]);
    r.ok();
    assert!(r.stderr.contains("unknown key 'listen_prot' (did you mean 'listen_port'?)"), "{}", r.stderr);
    assert_eq!(r.stdout, format!("{:<25}  es_node\n", "elasticsearch"));
    std::fs::remove_file(sb.path("etc/kato/processes/broken.yml")).unwrap();
    std::fs::write(sb.path("etc/kato/role_order.yml"), "base:\n  mandatory: yes please\n").unwrap();
    let r = sb.run(&["info"]);
    r.fails(1);
    assert!(r.stderr.contains("role_order.yml: role 'base'"), "{}", r.stderr);
}
