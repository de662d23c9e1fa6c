//! `kato console`: the web console ("Cluster Admin" of the original's Management Console).
//! An HTTPS server (axum over rustls) whose pages call the same ops as the CLI. Every page
//! and API answers only to a logged-in console admin: a session cookie (HttpOnly, Secure,
//! SameSite=Strict, expiring), a CSRF token on every change, failed logins slowed down and
//! then refused per client address. Pages are sent from the store (no SSH before the first
//! byte); node states come from the JSON API, polled by a little vanilla JS.

// A handler's early answer is a whole Response (axum's own type); boxing it buys nothing.
#![allow(clippy::result_large_err)]

mod api;
mod pages;

use crate::model::root::Root;
use crate::ops::context::{Ctx, SshFlags};
use crate::ops::report::Collect;
use anyhow::{Context, Result, anyhow};
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the console listens unless `console/listen` or `--listen` says otherwise.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:8443";
/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);
/// Largest request body accepted.
pub const BODY_LIMIT: usize = 16 * 1024;
/// Failed logins from one address within [`FAIL_WINDOW`] before it is refused.
pub const MAX_FAILS: usize = 10;
pub const FAIL_WINDOW: Duration = Duration::from_secs(15 * 60);
const COOKIE: &str = "kato_console";

/// How `kato console` was asked to serve.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub listen: Option<String>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

#[derive(Clone)]
struct Session {
    email: String,
    csrf: String,
    expires: Instant,
}

pub(crate) struct App {
    root: Root,
    ssh: SshFlags,
    tls: bool,
    sessions: Mutex<HashMap<String, Session>>,
    fails: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

type St = State<Arc<App>>;

/// A random token (hex), from the kernel.
fn token() -> Result<String> {
    use std::io::Read;
    let mut buf = [0u8; 32];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).context("cannot read /dev/urandom")?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

impl App {
    /// Run an op on a blocking thread with its own `Ctx`; its progress lines come back too.
    async fn op<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ctx) -> Result<T> + Send + 'static,
    ) -> (Result<T>, String, bool) {
        let (root, ssh) = (self.root.clone(), self.ssh.clone());
        let joined = tokio::task::spawn_blocking(move || {
            let out = Collect::new(false);
            let ctx = Ctx::new(root, &out, ssh);
            let r = f(&ctx);
            let changed = ctx.changed();
            (r, out.text(), changed)
        })
        .await;
        joined.unwrap_or_else(|e| (Err(anyhow!("internal error: {e}")), String::new(), false))
    }

    fn session(&self, headers: &HeaderMap) -> Option<Session> {
        let cookies = headers.get_all(header::COOKIE);
        let tok = cookies
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == COOKIE)
            .map(|(_, v)| v.to_string())?;
        let mut sessions = self.sessions.lock().ok()?;
        let now = Instant::now();
        sessions.retain(|_, s| s.expires > now);
        sessions.get(&tok).cloned()
    }

    fn cookie(&self, value: &str, max_age: u64) -> HeaderValue {
        let secure = if self.tls { "; Secure" } else { "" };
        let text = format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
        HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("kato_console=; Max-Age=0"))
    }

    /// Failed logins from `ip` within the window.
    fn recent_fails(&self, ip: IpAddr) -> usize {
        let mut fails = self.fails.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let list = fails.entry(ip).or_default();
        list.retain(|t| now.duration_since(*t) < FAIL_WINDOW);
        list.len()
    }
}

/// Serve until killed.
pub fn serve(root: Root, ssh: SshFlags, opts: Options) -> Result<()> {
    let listen = match &opts.listen {
        Some(l) => l.clone(),
        None => crate::ops::console::listen_setting(&root)?.unwrap_or_else(|| DEFAULT_LISTEN.to_string()),
    };
    let addr: SocketAddr = listen.parse().map_err(|_| {
        crate::error::usage(format!("'{}' is not an address:port to listen on", listen.escape_default()))
    })?;
    let ssl = root.join("etc/kato/ssl");
    let (cert, key) = match (&opts.cert, &opts.key) {
        (Some(c), Some(k)) => (Some(c.clone()), Some(k.clone())),
        (None, None) if ssl.join("cluster.crt").exists() => {
            (Some(ssl.join("cluster.crt")), Some(ssl.join("cluster.key")))
        }
        (None, None) => (None, None),
        _ => crate::bail_usage!("--cert and --key go together"),
    };
    if cert.is_none() && !addr.ip().is_loopback() {
        crate::bail_usage!(
            "no certificate: {} is missing (run 'kato node setup load_balancer', or pass --cert and --key); plain HTTP is served only on a loopback address",
            ssl.join("cluster.crt").display()
        );
    }
    let app = Arc::new(App {
        root,
        ssh,
        tls: cert.is_some(),
        sessions: Mutex::new(HashMap::new()),
        fails: Mutex::new(HashMap::new()),
    });
    let router = Router::new()
        .route("/", get(pages::cluster))
        .route("/nodes", get(pages::nodes))
        .route("/node/{ip}", get(pages::node))
        .route("/config", get(pages::config))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/static/console.js", get(|| async { asset("text/javascript", include_str!("console.js")) }))
        .route("/static/console.css", get(|| async { asset("text/css", include_str!("console.css")) }))
        .route("/api/status", get(api::status))
        .route("/api/roles", post(api::toggle_role))
        .route("/api/lifecycle", post(api::lifecycle))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async move {
        let svc = router.into_make_service_with_connect_info::<SocketAddr>();
        match (cert, key) {
            (Some(cert), Some(key)) => {
                let config =
                    axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key).await.with_context(|| {
                        format!("cannot use the certificate {} and key {}", cert.display(), key.display())
                    })?;
                eprintln!("kato console: serving https://{addr}/");
                axum_server::bind_rustls(addr, config)
                    .serve(svc)
                    .await
                    .with_context(|| format!("cannot serve on {addr}"))
            }
            _ => {
                eprintln!("kato console: serving http://{addr}/ (loopback only)");
                axum_server::bind(addr).serve(svc).await.with_context(|| format!("cannot serve on {addr}"))
            }
        }
    })
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "max-age=300")], body).into_response()
}

/// Security headers on every page: no framing, no inline or foreign scripts.
fn html(markup: maud::Markup) -> Response {
    (
        [
            (header::CONTENT_SECURITY_POLICY, "default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        markup,
    )
        .into_response()
}

/// The logged-in admin, or the answer for a visitor who is not: pages go to the login.
fn page_session(app: &App, headers: &HeaderMap) -> Result<Session, Response> {
    app.session(headers).ok_or_else(|| Redirect::to("/login").into_response())
}

#[derive(serde::Deserialize)]
struct LoginForm {
    email: String,
    password: String,
}

async fn login_page(State(app): St, headers: HeaderMap) -> Response {
    if app.session(&headers).is_some() {
        return Redirect::to("/").into_response();
    }
    html(pages::login(None))
}

async fn login(State(app): St, ConnectInfo(peer): ConnectInfo<SocketAddr>, Form(form): Form<LoginForm>) -> Response {
    let ip = peer.ip();
    let fails = app.recent_fails(ip);
    if fails >= MAX_FAILS {
        let msg = format!("Too many failed logins from {ip}; try again in 15 minutes.");
        return (StatusCode::TOO_MANY_REQUESTS, html(pages::login(Some(&msg)))).into_response();
    }
    let (email, password) = (form.email.trim().to_string(), form.password);
    let check_email = email.clone();
    let (ok, _, _) = app
        .op(move |ctx| {
            if password.len() > crate::ops::console::MAX_PASSWORD * 4 {
                return Ok(false);
            }
            crate::ops::console::verify(&ctx.root, &check_email, &password)
        })
        .await;
    if ok.unwrap_or(false) {
        let (Ok(tok), Ok(csrf)) = (token(), token()) else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "cannot make a session").into_response();
        };
        let s = Session { email, csrf, expires: Instant::now() + SESSION_TTL };
        if let Ok(mut sessions) = app.sessions.lock() {
            sessions.insert(tok.clone(), s);
        }
        app.fails.lock().unwrap_or_else(|p| p.into_inner()).remove(&ip);
        let mut resp = Redirect::to("/").into_response();
        resp.headers_mut().insert(header::SET_COOKIE, app.cookie(&tok, SESSION_TTL.as_secs()));
        return resp;
    }
    app.fails.lock().unwrap_or_else(|p| p.into_inner()).entry(ip).or_default().push(Instant::now());
    // Each failure after the third answers later, up to two seconds.
    let n = fails + 1;
    if n > 3 {
        tokio::time::sleep(Duration::from_millis((150 * (n as u64 - 3)).min(2000))).await;
    }
    (StatusCode::UNAUTHORIZED, html(pages::login(Some("Wrong e-mail address or password.")))).into_response()
}

#[derive(serde::Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(State(app): St, headers: HeaderMap, Form(form): Form<CsrfForm>) -> Response {
    let Some(s) = app.session(&headers) else { return Redirect::to("/login").into_response() };
    if s.csrf != form.csrf {
        return (StatusCode::FORBIDDEN, "missing or wrong CSRF token").into_response();
    }
    if let Ok(mut sessions) = app.sessions.lock() {
        sessions.retain(|_, v| v.csrf != s.csrf);
    }
    let mut resp = Redirect::to("/login").into_response();
    resp.headers_mut().insert(header::SET_COOKIE, app.cookie("", 0));
    resp
}
