//! The web console in a real browser: headless Chromium driven through WebDriver
//! (chromedriver, fantoccini) against `kato console` on the core of a 3-node sshd cluster,
//! over HTTPS with the cluster certificate. No access without a login; login; every node
//! and role shown; toggling dea on a node starts its process (in the page and in `kato
//! status`); a forbidden toggle shows the CLI's refusal; a change without the CSRF token is
//! refused; a `<script>` in a hostname and in a config value is shown as text; secrets are
//! hidden; a node whose sshd stops is shown down; ten wrong passwords are slowed down and
//! then refused. Screenshots of the three main pages go to docs/console/.

mod harness;
use fantoccini::{Client, ClientBuilder, Locator};
use harness::cluster::Cluster;
use harness::procs::Guard;
use harness::tools;
use harness::wait::{free_port, listening};
use serde_json::{Value, json};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ADMIN: &str = "admin@example.com";
const PASSWORD: &str = "correct horse battery";
const HOSTILE: &str = "<script>window.pwned=1</script>evil";

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

/// Waits until `css` has text for which `ok` holds; returns it.
async fn wait_text(c: &Client, css: &str, within: Duration, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
            && ok(&t)
        {
            return t;
        }
        assert!(Instant::now() < deadline, "{css} never showed what was awaited; page:\n{}", c.source().await.unwrap());
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

async fn wait_path(c: &Client, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while path(c).await != want {
        assert!(Instant::now() < deadline, "never reached {want}; at {}", path(c).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn login(c: &Client, base: &str, email: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys(email).await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(password).await.unwrap();
    c.find(Locator::Id("login-button")).await.unwrap().click().await.unwrap();
}

/// A POST to the role API from inside the page (with or without the CSRF header): its
/// status and JSON answer.
async fn post_role(c: &Client, body: Value, with_csrf: bool) -> (u64, Value) {
    let script = r#"
        const [body, withCsrf, done] = arguments;
        const headers = {"Content-Type": "application/json"};
        if (withCsrf) headers["X-CSRF-Token"] = document.querySelector('meta[name="csrf"]').content;
        fetch("/api/roles", {method: "POST", headers, body})
          .then(async r => done([r.status, await r.text()]))
          .catch(e => done([0, String(e)]));
    "#;
    let out = c.execute_async(script, vec![json!(body.to_string()), json!(with_csrf)]).await.unwrap();
    let status = out[0].as_u64().unwrap();
    let answer = serde_json::from_str(out[1].as_str().unwrap()).unwrap_or(json!({"raw": out[1]}));
    (status, answer)
}

fn screenshot(png: &[u8], name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/console");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[test]
fn console_in_a_real_browser() {
    if !tools::tools_present("console browser test", &[CHROMIUM, CHROMEDRIVER, "openssl"]) {
        return;
    }
    let Some(mut c) = Cluster::try_core(3) else { return };
    let ips = c.ips();
    let core = ips[0].clone();
    c.run(1, &["node", "attach", "-e", "dea", &core]).ok();
    c.run(2, &["node", "attach", "-e", "router", &core]).ok();

    // The first admin; a second is refused; a short password too.
    let mut first = c.command(0, &["node", "setup", "firstuser", ADMIN]);
    let r = harness::run::capture(&mut first, Some(format!("{PASSWORD}\n").as_bytes()), Duration::from_secs(60));
    r.ok();
    let again = c.run(0, &["node", "setup", "firstuser", "other@example.com", "-p", "long enough pw"]);
    again.fails(2);
    assert!(again.stderr.contains("Already setup"), "{}", again.stderr);
    let users = std::fs::read_to_string(c.nodes[0].root.join("var/lib/kato/console_users.json")).unwrap();
    assert!(users.contains("$argon2id$") && !users.contains(PASSWORD), "{users}");
    assert!(c.run(0, &["config", "get", "cloud_controller_ng", "admins"]).stdout.contains(ADMIN));

    // Hostile and secret values: a hostname written straight into the store (kato refuses
    // such a name, the console must not trust it), a config value, a secret.
    let store = c.nodes[0].root.join("var/lib/kato/store/cluster.json");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&store).unwrap()).unwrap();
    let components = if doc.get("components").is_some() { &mut doc["components"] } else { &mut doc };
    components["node"][&ips[1]]["hostname"] = json!(HOSTILE);
    std::fs::write(&store, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    c.run(0, &["config", "set", "dea_ng", "motd", HOSTILE]).ok();
    c.run(0, &["config", "set", "dea_ng", "db_password", "hunter22-secret"]).ok();

    // The cluster certificate (as `node setup load_balancer` makes it).
    let ssl = c.nodes[0].root.join("etc/kato/ssl");
    std::fs::create_dir_all(&ssl).unwrap();
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"])
        .args(["-subj", "/CN=api.example.test", "-keyout"])
        .arg(ssl.join("cluster.key"))
        .arg("-out")
        .arg(ssl.join("cluster.crt"))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());

    let port = free_port(&core);
    let listen = format!("{core}:{port}");
    let console =
        c.command(0, &["console", "--listen", &listen]).stdout(Stdio::null()).stderr(Stdio::inherit()).spawn();
    let _console = Guard::new(console.expect("start kato console"), Duration::from_secs(2));
    assert!(harness::wait::eventually(Duration::from_secs(20), || listening(&core, port)), "console not listening");
    let base = format!("https://{listen}");

    let driver_port = free_port("127.0.0.1");
    let driver = Command::new(CHROMEDRIVER)
        .args([format!("--port={driver_port}"), "--allowed-ips=127.0.0.1".into()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let _driver = Guard::new(driver, Duration::from_secs(2));
    assert!(harness::wait::eventually(Duration::from_secs(20), || listening("127.0.0.1", driver_port)));

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert("acceptInsecureCerts".into(), json!(true));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--window-size=1100,800"]}),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let b =
            ClientBuilder::new(connector).capabilities(caps).connect(&format!("http://127.0.0.1:{driver_port}")).await;
        let b = b.expect("a WebDriver session");

        // Nothing without a login: pages go to the login, the API answers 401.
        b.goto(&format!("{base}/nodes")).await.unwrap();
        assert_eq!(path(&b).await, "/login");
        b.goto(&format!("{base}/api/status")).await.unwrap();
        assert!(b.source().await.unwrap().contains("login required"));
        // A wrong password is refused.
        login(&b, &base, ADMIN, "not the password").await;
        wait_text(&b, "#login-error", Duration::from_secs(20), |t| t.contains("Wrong e-mail address or password"))
            .await;

        login(&b, &base, ADMIN, PASSWORD).await;
        wait_path(&b, "/").await;
        // The session cookie is invisible to scripts (HttpOnly).
        assert_eq!(b.execute("return document.cookie", vec![]).await.unwrap(), json!(""));

        // Cluster: the roles table fills in with the same numbers as `kato status`.
        let dea = wait_text(&b, "tr[data-role=dea] .running", Duration::from_secs(30), |t| t == "1").await;
        assert_eq!(dea, "1");
        let st = c.run(0, &["status", "--json"]).json();
        assert_eq!(st["roles_stats"]["dea"]["node_ids"], json!([ips[1]]));
        screenshot(&b.screenshot().await.unwrap(), "cluster");

        // Nodes: every node, the hostile hostname as text, reachability filled in.
        b.goto(&format!("{base}/nodes")).await.unwrap();
        for ip in &ips {
            let row = format!("tr.node[data-node=\"{ip}\"]");
            assert!(b.find(Locator::Css(&row)).await.is_ok(), "no row for {ip}");
        }
        let host = text(&b, &format!("tr.node[data-node=\"{}\"] td.hostname", ips[1])).await;
        assert_eq!(host, HOSTILE);
        assert_eq!(b.execute("return window.pwned === undefined", vec![]).await.unwrap(), json!(true));
        wait_text(&b, &format!("td.reach[data-node=\"{}\"]", ips[2]), Duration::from_secs(30), |t| t == "yes").await;

        // Toggle dea on node 3: the op runs, the process comes up.
        let dea_box = format!("input[data-node=\"{}\"][data-role=dea]", ips[2]);
        b.find(Locator::Css(&dea_box)).await.unwrap().click().await.unwrap();
        let msg = format!(".msg[data-node=\"{}\"]", ips[2]);
        let said = wait_text(&b, &msg, Duration::from_secs(60), |t| !t.ends_with('…')).await;
        assert_eq!(said, "dea added.");
        screenshot(&b.screenshot().await.unwrap(), "nodes");
        let st = c.run(0, &["status", "--json"]).json();
        assert_eq!(st["roles_stats"]["dea"]["node_ids"], json!([ips[1], ips[2]]), "{st}");
        let log = c.nodes[2].root.join("var/log/kato/dir_server.log");
        let mut old = std::fs::read_to_string(&log).unwrap_or_default();
        old.push_str("console probe <b>bold?</b>\n");
        std::fs::write(&log, old).unwrap();
        b.goto(&format!("{base}/node/{}", ips[2])).await.unwrap();
        let logs = text(&b, "section.log[data-process=dir_server] pre").await;
        assert!(logs.contains("console probe <b>bold?</b>"), "{logs}");
        let table = text(&b, "#processes").await;
        assert!(table.contains("dir_server"), "{table}");
        // Stop dea on that node from its page: the process stops, as with `kato stop -n`.
        let stop = "button.life[data-role=dea][data-action=stop]";
        b.find(Locator::Css(stop)).await.unwrap().click().await.unwrap();
        let said = wait_text(&b, "#life-msg", Duration::from_secs(60), |t| !t.is_empty() && !t.ends_with('…')).await;
        assert_eq!(said, "dea: stop done.");
        let ps = c.run(0, &["process", "list", "-n", &ips[2]]).stdout;
        let line = ps.lines().find(|l| l.contains("dir_server")).unwrap_or_default().to_string();
        assert!(!line.contains("RUNNING"), "{ps}");
        b.goto(&format!("{base}/node/{}", ips[2])).await.unwrap();
        let hist = text(&b, "#history").await;
        assert!(hist.contains(&format!("kato stop -n {} dea (console: {ADMIN})", ips[2])), "{hist}");
        assert!(hist.contains(&format!("(console: {ADMIN})")), "{hist}");
        screenshot(&b.screenshot().await.unwrap(), "node");

        // A forbidden toggle: a second primary. The refusal is the CLI's.
        b.goto(&format!("{base}/nodes")).await.unwrap();
        let primary = format!("input[data-node=\"{}\"][data-role=primary]", ips[2]);
        b.find(Locator::Css(&primary)).await.unwrap().click().await.unwrap();
        let refusal = wait_text(&b, &msg, Duration::from_secs(60), |t| !t.ends_with('…')).await;
        let cli = c.run(0, &["role", "add", "-n", &ips[2], "primary"]);
        assert_ne!(cli.code, 0);
        let cli_line = cli.stderr.trim().trim_start_matches("ERROR: ").to_string();
        assert_eq!(refusal, cli_line);
        assert!(!b.find(Locator::Css(&primary)).await.unwrap().is_selected().await.unwrap());

        // A change without the CSRF token is refused; bad input answers 4xx; nothing changed.
        let (code, answer) = post_role(&b, json!({"node": ips[2], "role": "redis", "action": "add"}), false).await;
        assert_eq!(code, 403, "{answer}");
        let (code, _) = post_role(&b, json!({"node": ips[2], "role": "red<is>", "action": "add"}), true).await;
        assert_eq!(code, 400);
        let (code, answer) = post_role(&b, json!({"node": "10.9.9.9", "role": "redis", "action": "add"}), true).await;
        assert!(answer["error"].as_str().unwrap_or("").contains("not a known node"), "{code} {answer}");
        let (code, _) = post_role(&b, json!({"node": ips[2], "role": "redis", "action": "explode"}), true).await;
        assert_eq!(code, 400);
        let big = "x".repeat(64 * 1024);
        let (code, _) = post_role(&b, json!({"node": ips[2], "role": big, "action": "add"}), true).await;
        assert_eq!(code, 413);
        assert!(!c.run(0, &["node", "list"]).stdout.contains("redis"));

        // Config: the hostile value as text, the secret hidden.
        b.goto(&format!("{base}/config")).await.unwrap();
        let cfg = text(&b, "section[data-component=dea_ng] pre").await;
        assert!(cfg.contains(HOSTILE), "{cfg}");
        assert!(!b.source().await.unwrap().contains("hunter22"), "a secret was rendered");
        assert_eq!(b.execute("return window.pwned === undefined", vec![]).await.unwrap(), json!(true));

        // A node whose sshd stops is shown down.
        c.stop_node(2);
        b.goto(&format!("{base}/nodes")).await.unwrap();
        let reach = format!("td.reach[data-node=\"{}\"]", ips[2]);
        wait_text(&b, &reach, Duration::from_secs(60), |t| t == "DOWN").await;

        // Log out, then ten wrong passwords: slowed down, then refused even when right.
        b.find(Locator::Css("form.logout button")).await.unwrap().click().await.unwrap();
        wait_path(&b, "/login").await;
        let t0 = Instant::now();
        for i in 0..10 {
            login(&b, &base, ADMIN, "wrong password").await;
            // Each answer is awaited (the login page fetched anew shows no error).
            let t = wait_text(&b, "#login-error", Duration::from_secs(20), |t| !t.is_empty()).await;
            assert!(t.contains("Wrong e-mail address or password"), "attempt {i}: {t}");
        }
        let slowed = t0.elapsed();
        assert!(slowed >= Duration::from_secs(3), "ten wrong passwords took only {slowed:?}");
        login(&b, &base, ADMIN, PASSWORD).await;
        wait_text(&b, "#login-error", Duration::from_secs(20), |t| t.contains("Too many failed logins")).await;
        b.close().await.unwrap();
    });

    // The change is in kato history with the admin's name.
    let hist = c.run(0, &["history"]).stdout;
    assert!(hist.contains(&format!("kato role add -n {} dea (console: {ADMIN}) (succeeded)", ips[2])), "{hist}");
}
