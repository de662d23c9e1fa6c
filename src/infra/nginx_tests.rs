//! Unit tests for the nginx.conf renderer and the prefix writer.

use super::*;

fn config() -> LbConfig {
    LbConfig::new(
        "/kato/var/lib/kato/nginx",
        "api.example.com",
        "/kato/etc/ssl/lb.crt",
        "/kato/etc/ssl/lb.key",
        vec![
            RouterBackend { ip: "10.0.0.11".into(), http_port: 80, https_port: 443 },
            RouterBackend { ip: "10.0.0.12".into(), http_port: 80, https_port: 443 },
        ],
    )
}

fn render_err(cfg: &LbConfig) -> String {
    match render(cfg) {
        Ok(_) => panic!("render accepted a bad config: {cfg:?}"),
        Err(e) => {
            let msg = format!("{e:#}");
            assert!(!msg.contains('\n'), "error is not one line: {msg}");
            msg
        }
    }
}

#[test]
fn renders_every_required_directive() {
    let conf = render(&config()).expect("valid config renders");
    let p = "/kato/var/lib/kato/nginx";
    for needle in [
        "daemon off;".to_string(),
        "worker_processes 1;".to_string(),
        format!("pid \"{p}/logs/nginx.pid\";"),
        format!("error_log \"{p}/logs/error.log\""),
        format!("access_log \"{p}/logs/access.log\""),
        format!("client_body_temp_path \"{p}/temp/client_body\";"),
        format!("proxy_temp_path \"{p}/temp/proxy\";"),
        format!("fastcgi_temp_path \"{p}/temp/fastcgi\";"),
        format!("uwsgi_temp_path \"{p}/temp/uwsgi\";"),
        format!("scgi_temp_path \"{p}/temp/scgi\";"),
        "upstream routers {".to_string(),
        "server 10.0.0.11:80 max_fails=3 fail_timeout=15s;".to_string(),
        "server 10.0.0.12:80 max_fails=3 fail_timeout=15s;".to_string(),
        "proxy_next_upstream error timeout http_502 http_503 http_504;".to_string(),
        "listen 0.0.0.0:80;".to_string(),
        "return 301 https://$host$request_uri;".to_string(),
        "listen 0.0.0.0:443 ssl;".to_string(),
        "server_name api.example.com *.example.com;".to_string(),
        "ssl_certificate \"/kato/etc/ssl/lb.crt\";".to_string(),
        "ssl_certificate_key \"/kato/etc/ssl/lb.key\";".to_string(),
        "ssl_protocols TLSv1.2 TLSv1.3;".to_string(),
        "proxy_pass http://routers;".to_string(),
        "proxy_set_header Host $host;".to_string(),
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;".to_string(),
        "proxy_set_header X-Forwarded-Proto $scheme;".to_string(),
        "proxy_set_header X-Real-IP $remote_addr;".to_string(),
        "map $http_upgrade $connection_upgrade {".to_string(),
        "proxy_set_header Upgrade $http_upgrade;".to_string(),
        "proxy_set_header Connection $connection_upgrade;".to_string(),
        "proxy_http_version 1.1;".to_string(),
        "proxy_connect_timeout 5s;".to_string(),
        "proxy_read_timeout 300s;".to_string(),
        "client_max_body_size 1024m;".to_string(),
    ] {
        assert!(conf.contains(&needle), "missing {needle:?} in:\n{conf}");
    }
    assert_eq!(conf.matches("_temp_path").count(), 5);
    assert_eq!(conf.matches('{').count(), conf.matches('}').count());
}

#[test]
fn nondefault_ports_ipv6_and_body_size() {
    let mut cfg = config();
    cfg.listen_ip = "::1".into();
    cfg.http_port = 18081;
    cfg.https_port = 18443;
    cfg.client_max_body_size = "64M".into();
    cfg.routers.push(RouterBackend { ip: "fd00::7".into(), http_port: 8080, https_port: 8443 });
    let conf = render(&cfg).expect("renders");
    assert!(conf.contains("listen [::1]:18081;"));
    assert!(conf.contains("listen [::1]:18443 ssl;"));
    assert!(conf.contains("return 301 https://$host:18443$request_uri;"));
    assert!(conf.contains("server [fd00::7]:8080 max_fails=3"));
    assert!(conf.contains("client_max_body_size 64M;"));
}

#[test]
fn nginx_args_point_into_the_prefix() {
    let args = config().nginx_args().expect("args");
    assert_eq!(args, ["-p", "/kato/var/lib/kato/nginx", "-c", "conf/nginx.conf", "-e", "logs/error.log"]);
}

#[test]
fn rejects_bad_input_with_one_line_errors() {
    type Mutation = fn(&mut LbConfig);
    let cases: [(Mutation, &str); 16] = [
        (|c| c.routers.clear(), "at least one router"),
        (|c| c.routers[1].ip = "10.0.0.11".into(), "listed twice"),
        (|c| c.routers[0].ip = "10.0.0.300".into(), "not an IP address"),
        (|c| c.routers[0].ip = "router1".into(), "not an IP address"),
        (|c| c.routers[0].http_port = 0, "port 0"),
        (|c| c.listen_ip = "localhost".into(), "listen_ip"),
        (|c| c.https_port = 80, "must differ"),
        (|c| c.http_port = 0, "1-65535"),
        (|c| c.cert = "/etc/ssl/a\"b.crt".into(), "cert path"),
        (|c| c.key = "/etc/ssl/a;b.key".into(), "key path"),
        (|c| c.key = "/etc/ssl/a\nb.key".into(), "key path"),
        (|c| c.cert = "relative/lb.crt".into(), "must be absolute"),
        (|c| c.prefix = "/var/lib/$kato".into(), "prefix path"),
        (|c| c.endpoint = "api".into(), "parent domain"),
        (|c| c.endpoint = "api.exa mple.com".into(), "not a valid host name"),
        (|c| c.client_max_body_size = "1t".into(), "client_max_body_size"),
    ];
    for (mutate, expected) in cases {
        let mut cfg = config();
        mutate(&mut cfg);
        let msg = render_err(&cfg);
        assert!(msg.contains(expected), "{msg:?} lacks {expected:?}");
    }
}

#[test]
fn write_prefix_lays_out_dirs_and_replaces_conf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = config();
    cfg.prefix = dir.path().join("var/lib/kato/nginx");
    write_prefix(&cfg).expect("first write");
    for sub in ["conf", "logs", "temp/client_body", "temp/proxy", "temp/scgi"] {
        assert!(cfg.prefix.join(sub).is_dir(), "{sub} missing");
    }
    let first = fs::read_to_string(cfg.conf_path()).expect("conf written");
    assert_eq!(first, render(&cfg).expect("renders"));

    cfg.routers.pop();
    write_prefix(&cfg).expect("second write");
    let second = fs::read_to_string(cfg.conf_path()).expect("conf rewritten");
    assert!(!second.contains("10.0.0.12"));
    let leftovers: Vec<_> = fs::read_dir(cfg.prefix.join("conf"))
        .expect("read conf dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, ["nginx.conf"], "temp files left behind");

    cfg.routers.clear();
    assert!(write_prefix(&cfg).is_err());
    assert_eq!(fs::read_to_string(cfg.conf_path()).expect("conf kept"), second);
}

#[test]
fn passthrough_relays_tcp_to_the_routers_tls_port() {
    let mut cfg = config();
    cfg.tls_passthrough = true;
    cfg.routers[1].https_port = 8443;
    let text = render(&cfg).unwrap();
    assert!(text.contains(&format!("load_module \"{STREAM_MODULE}\";")));
    assert!(text.contains("stream {"));
    assert!(!text.contains("ssl_certificate"), "pass-through must not terminate TLS");
    assert!(text.contains("server 10.0.0.11:443 max_fails=3 fail_timeout=15s;"));
    assert!(text.contains("server 10.0.0.12:8443 max_fails=3 fail_timeout=15s;"));
    assert!(text.contains("server 10.0.0.12:80 max_fails=3 fail_timeout=15s;"));
    cfg.routers[1].https_port = 0;
    assert!(render(&cfg).is_err());
}
