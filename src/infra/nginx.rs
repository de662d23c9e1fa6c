//! Renders the load balancer's `nginx.conf` and lays out its private nginx prefix.
//!
//! The load balancer runs its own nginx, independent of any system nginx: supervisord starts
//! `nginx -p PREFIX -c conf/nginx.conf -e logs/error.log` in the foreground (`daemon off;`),
//! and every path nginx would otherwise take from its compiled-in defaults (pid file, logs and
//! all five `*_temp_path` directories) is pinned under `PREFIX`, which lives under the kato
//! root (normally `<root>/var/lib/kato/nginx`). Without the temp paths nginx tries to create
//! `/var/lib/nginx/body` and fails to start when not run as root.
//!
//! nginx terminates TLS for the API endpoint and every application (`*.<domain>`), then proxies
//! plain HTTP round-robin to the routers. A router that refuses or times out is marked failed
//! (`max_fails=3 fail_timeout=15s`) and the request is retried on the next one
//! (`proxy_next_upstream`), so a dead router costs no client-visible errors.

use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Default `client_max_body_size` (application pushes can be large).
pub const DEFAULT_CLIENT_MAX_BODY_SIZE: &str = "1024m";

/// The config file, relative to the prefix (what `-c` is given).
pub const CONF_FILE: &str = "conf/nginx.conf";
/// The error log, relative to the prefix (what `-e` is given).
pub const ERROR_LOG: &str = "logs/error.log";
/// The access log, relative to the prefix.
pub const ACCESS_LOG: &str = "logs/access.log";
/// The pid file, relative to the prefix.
pub const PID_FILE: &str = "logs/nginx.pid";

/// The five temp-path directives and their directories, relative to the prefix.
pub const TEMP_PATHS: [(&str, &str); 5] = [
    ("client_body_temp_path", "temp/client_body"),
    ("proxy_temp_path", "temp/proxy"),
    ("fastcgi_temp_path", "temp/fastcgi"),
    ("uwsgi_temp_path", "temp/uwsgi"),
    ("scgi_temp_path", "temp/scgi"),
];

/// One router node behind the load balancer: where it serves HTTP (what nginx proxies
/// to when it terminates TLS) and HTTPS (what TLS pass-through relays to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouterBackend {
    pub ip: String,
    pub http_port: u16,
    pub https_port: u16,
}

/// Everything the load balancer's nginx.conf depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LbConfig {
    /// nginx `-p` prefix, e.g. `<root>/var/lib/kato/nginx`; must be absolute.
    pub prefix: PathBuf,
    /// Address to listen on (`0.0.0.0` for all IPv4 interfaces).
    pub listen_ip: String,
    /// Plain-HTTP port; it only redirects to HTTPS.
    pub http_port: u16,
    /// HTTPS port where TLS is terminated.
    pub https_port: u16,
    /// Router nodes, at least one, no duplicates.
    pub routers: Vec<RouterBackend>,
    /// PEM certificate (chain) for the endpoint and `*.<domain>`.
    pub cert: PathBuf,
    /// PEM private key for `cert`.
    pub key: PathBuf,
    /// API endpoint host name, e.g. `api.example.com`; apps live under `*.example.com`.
    pub endpoint: String,
    /// nginx size for `client_max_body_size`, e.g. `1024m`.
    pub client_max_body_size: String,
    /// Pass TLS through to the routers' HTTPS ports (TCP) instead of terminating it here.
    pub tls_passthrough: bool,
}

impl LbConfig {
    /// A config with the usual defaults: listen on `0.0.0.0`, ports 80/443, body limit 1024m.
    pub fn new(
        prefix: impl Into<PathBuf>,
        endpoint: impl Into<String>,
        cert: impl Into<PathBuf>,
        key: impl Into<PathBuf>,
        routers: Vec<RouterBackend>,
    ) -> Self {
        LbConfig {
            prefix: prefix.into(),
            listen_ip: "0.0.0.0".to_string(),
            http_port: 80,
            https_port: 443,
            routers,
            cert: cert.into(),
            key: key.into(),
            endpoint: endpoint.into(),
            client_max_body_size: DEFAULT_CLIENT_MAX_BODY_SIZE.to_string(),
            tls_passthrough: false,
        }
    }

    /// Absolute path of the config file inside the prefix.
    pub fn conf_path(&self) -> PathBuf {
        self.prefix.join(CONF_FILE)
    }

    /// Absolute path of the pid file inside the prefix.
    pub fn pid_path(&self) -> PathBuf {
        self.prefix.join(PID_FILE)
    }

    /// Arguments for running this nginx in the foreground (after the `nginx` program name).
    pub fn nginx_args(&self) -> Result<Vec<String>> {
        let prefix = checked_path("prefix", &self.prefix)?;
        Ok(vec![
            "-p".to_string(),
            prefix.to_string(),
            "-c".to_string(),
            CONF_FILE.to_string(),
            "-e".to_string(),
            ERROR_LOG.to_string(),
        ])
    }
}

/// nginx's stream (TCP proxy) module on Debian (package `libnginx-mod-stream`).
pub const STREAM_MODULE: &str = "/usr/lib/nginx/modules/ngx_stream_module.so";

/// Renders a complete `nginx.conf` for `cfg`, or a one-line error naming the bad input.
pub fn render(cfg: &LbConfig) -> Result<String> {
    if cfg.tls_passthrough {
        return render_passthrough(cfg);
    }
    let prefix = prefix_of(cfg)?;
    let preamble = preamble(prefix);
    let cert = checked_path("cert", &cfg.cert)?;
    let key = checked_path("key", &cfg.key)?;
    let listen_ip = parse_ip("listen_ip", &cfg.listen_ip)?;
    if cfg.http_port == 0 || cfg.https_port == 0 {
        bail!("load balancer ports must be 1-65535 (http_port {}, https_port {})", cfg.http_port, cfg.https_port);
    }
    if cfg.http_port == cfg.https_port {
        bail!("http_port and https_port are both {}; they must differ", cfg.http_port);
    }
    let domain = endpoint_domain(&cfg.endpoint)?;
    check_body_size(&cfg.client_max_body_size)?;
    let upstream = upstream_servers(&cfg.routers)?;

    let listen_http = host_port(listen_ip, cfg.http_port);
    let listen_https = host_port(listen_ip, cfg.https_port);
    let endpoint = &cfg.endpoint;
    let body = &cfg.client_max_body_size;
    let redirect = if cfg.https_port == 443 {
        "https://$host$request_uri".to_string()
    } else {
        format!("https://$host:{}$request_uri", cfg.https_port)
    };
    let temp_paths: String =
        TEMP_PATHS.iter().map(|(directive, dir)| format!("    {directive} \"{prefix}/{dir}\";\n")).collect();

    Ok(format!(
        r#"# Generated by kato for the load_balancer role; do not edit, it is rewritten.
{preamble}
http {{
    default_type application/octet-stream;
    server_tokens off;
    sendfile on;
    keepalive_timeout 65s;

    log_format kato '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                    'host=$host upstream=$upstream_addr upstream_status=$upstream_status '
                    'rt=$request_time';
    access_log "{prefix}/{ACCESS_LOG}" kato;

{temp_paths}
    client_max_body_size {body};

    # Websockets: pass the Upgrade handshake through, otherwise close upstream connections.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    # Round-robin over the routers. A router that fails 3 times within 15s is skipped for 15s.
    upstream routers {{
{upstream}    }}

    server {{
        listen {listen_http};
        server_name {endpoint} *.{domain};
        return 301 {redirect};
    }}

    server {{
        listen {listen_https} ssl;
        server_name {endpoint} *.{domain};

        ssl_certificate "{cert}";
        ssl_certificate_key "{key}";
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_prefer_server_ciphers off;
        ssl_session_cache shared:kato_ssl:10m;
        ssl_session_timeout 1h;

        location / {{
            proxy_pass http://routers;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Port $server_port;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;

            # Passive failover: retry a request that hit a dead or failing router elsewhere.
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 5s;
            proxy_send_timeout 300s;
            proxy_read_timeout 300s;
        }}
    }}
}}
"#
    ))
}

/// The prefix as written into the config (no trailing slash).
fn prefix_of(cfg: &LbConfig) -> Result<&str> {
    let prefix = checked_path("prefix", &cfg.prefix)?.trim_end_matches('/');
    Ok(if prefix.is_empty() { "/" } else { prefix })
}

/// What both kinds of config start with: how to run it, process settings, events.
fn preamble(prefix: &str) -> String {
    format!(
        r#"# Run: nginx -p "{prefix}" -c {CONF_FILE} -e {ERROR_LOG}
daemon off;
worker_processes 1;
pid "{prefix}/{PID_FILE}";
error_log "{prefix}/{ERROR_LOG}" warn;

events {{
    worker_connections 1024;
}}
"#
    )
}

/// TCP pass-through: port 80 and TLS go to the routers unchanged (they terminate TLS
/// and must hold the certificate), round-robin with passive failover.
fn render_passthrough(cfg: &LbConfig) -> Result<String> {
    let prefix = prefix_of(cfg)?;
    let preamble = preamble(prefix);
    let listen_ip = parse_ip("listen_ip", &cfg.listen_ip)?;
    if cfg.http_port == 0 || cfg.https_port == 0 || cfg.http_port == cfg.https_port {
        bail!("load balancer ports must be distinct and 1-65535");
    }
    let http = upstream_servers(&cfg.routers)?;
    let tls_routers: Vec<RouterBackend> =
        cfg.routers.iter().map(|r| RouterBackend { http_port: r.https_port, ..r.clone() }).collect();
    let tls = upstream_servers(&tls_routers)?;
    let (listen_http, listen_https) = (host_port(listen_ip, cfg.http_port), host_port(listen_ip, cfg.https_port));
    Ok(format!(
        r#"# Generated by kato for the load_balancer role (TLS pass-through); do not edit.
load_module "{STREAM_MODULE}";
{preamble}
stream {{
    # Round-robin over the routers. A router that fails 3 times within 15s is skipped for 15s.
    upstream routers_http {{
{http}    }}
    upstream routers_tls {{
{tls}    }}

    server {{
        listen {listen_http};
        proxy_pass routers_http;
        proxy_connect_timeout 5s;
        proxy_next_upstream on;
    }}

    server {{
        listen {listen_https};
        proxy_pass routers_tls;
        proxy_connect_timeout 5s;
        proxy_next_upstream on;
    }}
}}
"#
    ))
}

/// Creates the prefix layout (conf, logs and the five temp directories) and atomically
/// replaces `conf/nginx.conf` with the rendered config (temp file, fsync, rename, dir fsync).
pub fn write_prefix(cfg: &LbConfig) -> Result<()> {
    let text = render(cfg)?;
    let mut dirs = vec!["conf", "logs"];
    dirs.extend(TEMP_PATHS.iter().map(|(_, dir)| *dir));
    for dir in dirs {
        let path = cfg.prefix.join(dir);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    crate::infra::files::write_state(&cfg.conf_path(), text.as_bytes(), crate::infra::files::STATE_FILE)
}

/// `nginx -t` on `cfg`, laid out in its (scratch) prefix: the whole configuration is
/// checked (syntax, modules, certificate and key) without binding a port or touching a
/// running nginx. The error carries nginx's own lines.
pub fn test_config(nginx: &Path, cfg: &LbConfig) -> Result<()> {
    write_prefix(cfg)?;
    let out = std::process::Command::new(nginx)
        .arg("-t")
        .args(cfg.nginx_args()?)
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", nginx.display()))?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> =
            text.lines().map(str::trim).filter(|l| l.contains("[emerg]") || l.contains("[crit]")).collect();
        let detail = if lines.is_empty() { text.trim().to_string() } else { lines.join("; ") };
        bail!("nginx rejects the load balancer's configuration: {detail}");
    }
    Ok(())
}

/// An absolute UTF-8 path that can sit inside a double-quoted nginx string unchanged.
fn checked_path<'a>(what: &str, path: &'a Path) -> Result<&'a str> {
    let Some(text) = path.to_str() else {
        bail!("{what} path {} is not valid UTF-8", path.display());
    };
    if !path.is_absolute() {
        bail!("{what} path {text:?} must be absolute");
    }
    if let Some(c) = text.chars().find(|c| c.is_control() || matches!(c, '"' | '\'' | ';' | '$' | '\\' | '{' | '}')) {
        bail!("{what} path {text:?} contains {c:?}, which nginx.conf cannot carry safely");
    }
    Ok(text)
}

fn parse_ip(what: &str, text: &str) -> Result<IpAddr> {
    text.parse::<IpAddr>().map_err(|_| anyhow::anyhow!("{what} {text:?} is not an IP address"))
}

/// `ip:port`, with IPv6 addresses bracketed as nginx expects.
fn host_port(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

fn upstream_servers(routers: &[RouterBackend]) -> Result<String> {
    if routers.is_empty() {
        bail!("the load balancer needs at least one router");
    }
    let mut seen = Vec::new();
    let mut out = String::new();
    for router in routers {
        let ip = parse_ip("router address", &router.ip)?;
        if router.http_port == 0 {
            bail!("router {} has port 0", router.ip);
        }
        let addr = host_port(ip, router.http_port);
        if seen.contains(&addr) {
            bail!("router {addr} is listed twice");
        }
        out.push_str(&format!("        server {addr} max_fails=3 fail_timeout=15s;\n"));
        seen.push(addr);
    }
    Ok(out)
}

/// Checks the endpoint host name and returns its parent domain (`api.example.com` →
/// `example.com`), which becomes the `*.<domain>` wildcard for applications.
fn endpoint_domain(endpoint: &str) -> Result<&str> {
    let labels: Vec<&str> = endpoint.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if endpoint.len() > 253 || !labels.iter().all(label_ok) {
        bail!("endpoint {endpoint:?} is not a valid host name");
    }
    match endpoint.split_once('.') {
        Some((_, domain)) => Ok(domain),
        None => bail!("endpoint {endpoint:?} needs a parent domain (e.g. api.example.com)"),
    }
}

/// nginx sizes: digits with an optional k/m/g suffix.
fn check_body_size(size: &str) -> Result<()> {
    let digits = size.strip_suffix(['k', 'K', 'm', 'M', 'g', 'G']).unwrap_or(size);
    if digits.is_empty() || digits.len() > 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        bail!("client_max_body_size {size:?} must be digits with an optional k/m/g suffix");
    }
    Ok(())
}

#[cfg(test)]
#[path = "nginx_tests.rs"]
mod tests;
