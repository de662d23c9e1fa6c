//! The web console's accounts and rules (`kato node setup firstuser`, `kato console
//! passwd`): console admins are e-mail addresses with an argon2id password hash, kept in
//! `var/lib/kato/console_users.json` (group kato, 0660; never a password in clear), and
//! named in the cluster's `cloud_controller_ng/admins`. Also what the console may show of
//! the configuration (no secret-looking key's value) and how its changes reach history.

use super::context::Ctx;
use crate::model::root::Root;
use crate::model::store::Mutation;
use anyhow::{Context, Result, anyhow};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The shortest password accepted (the original's firstuser asked for 6; a web login
/// reachable from the network asks for more).
pub const MIN_PASSWORD: usize = 8;
/// The longest password accepted (argon2 takes any length; this bounds the work).
pub const MAX_PASSWORD: usize = 256;

/// Where the console's accounts are kept.
pub fn users_file(root: &Root) -> PathBuf {
    root.join("var/lib/kato/console_users.json")
}

/// The console's accounts: e-mail → PHC hash string.
pub fn load_users(root: &Root) -> Result<BTreeMap<String, String>> {
    let path = users_file(root);
    match crate::infra::files::read_optional(&path)? {
        None => Ok(BTreeMap::new()),
        Some(bytes) => serde_json::from_slice(&bytes).with_context(|| format!("{} is unreadable", path.display())),
    }
}

fn save_users(root: &Root, users: &BTreeMap<String, String>) -> Result<()> {
    crate::infra::files::state_dir(&root.state_dir())?;
    let data = serde_json::to_vec_pretty(users)?;
    crate::infra::files::write_state(&users_file(root), &data, crate::infra::files::STATE_FILE)
}

/// Check an admin's e-mail address: one `@`, no spaces, quotes, angle brackets or controls.
pub fn validate_email(email: &str) -> Result<()> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "@._+-".contains(c);
    let parts: Vec<&str> = email.split('@').collect();
    if email.len() > 254 || !email.chars().all(ok_char) || parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
        crate::bail_usage!("'{}' is not an e-mail address", email.escape_default());
    }
    Ok(())
}

/// Check a new password's length.
pub fn validate_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        crate::bail_usage!("Password needs to be at least {MIN_PASSWORD} characters long");
    }
    if n > MAX_PASSWORD {
        crate::bail_usage!("Password may be at most {MAX_PASSWORD} characters long");
    }
    Ok(())
}

fn hash(password: &str) -> Result<String> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| anyhow!("cannot hash: {e}"))
}

/// Whether `password` is `email`'s (false for an unknown address; the same work is done
/// either way, so timing does not tell which addresses exist).
pub fn verify(root: &Root, email: &str, password: &str) -> Result<bool> {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let users = load_users(root)?;
    let stored = match users.get(email) {
        Some(h) => h.as_str(),
        None => DUMMY.get_or_init(|| hash("no such account").unwrap_or_default()).as_str(),
    };
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow!("the stored hash of {email} is unreadable: {e}"))?;
    let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    Ok(ok && users.contains_key(email))
}

/// What `firstuser` and `passwd` did.
#[derive(Debug, Clone)]
pub struct AccountReport {
    pub email: String,
    pub created: bool,
}

/// `kato node setup firstuser EMAIL`: the first console admin. Refused once any exists
/// ("Already setup", as the original). The address joins `cloud_controller_ng/admins`.
pub fn first_user(ctx: &Ctx, email: &str, password: &str) -> Result<AccountReport> {
    validate_email(email)?;
    validate_password(password)?;
    let local = ctx.local()?;
    if local.is_attached() {
        crate::bail_usage!("run 'kato node setup firstuser' on the core node");
    }
    if !load_users(&ctx.root)?.is_empty() {
        crate::bail_usage!("Already setup (the console has an admin; use 'kato console passwd EMAIL')");
    }
    let doc = local.read_cluster(ctx)?;
    let admins = doc.get("cloud_controller_ng", "admins").and_then(Value::as_array).cloned().unwrap_or_default();
    let hashed = hash(password)?;
    ctx.out.header(&format!("Creating admin user {email}"));
    if !admins.iter().any(|a| a.as_str() == Some(email)) {
        let m = Mutation::ConfigPush {
            component: "cloud_controller_ng".into(),
            path: "admins".into(),
            value: json!(email),
        };
        super::config::edit(ctx, m, false)?;
    }
    let mut users = BTreeMap::new();
    users.insert(email.to_string(), hashed);
    save_users(&ctx.root, &users)?;
    ctx.note_changed();
    Ok(AccountReport { email: email.to_string(), created: true })
}

/// `kato console passwd EMAIL`: a new password for a console admin.
pub fn passwd(ctx: &Ctx, email: &str, password: &str) -> Result<AccountReport> {
    validate_email(email)?;
    validate_password(password)?;
    let mut users = load_users(&ctx.root)?;
    if !users.contains_key(email) {
        crate::bail_usage!("{email} is not a console admin (the first is made by 'kato node setup firstuser')");
    }
    users.insert(email.to_string(), hash(password)?);
    save_users(&ctx.root, &users)?;
    ctx.note_changed();
    Ok(AccountReport { email: email.to_string(), created: false })
}

/// `console/listen` from this node's store (the core's; read from the file, no SSH).
pub fn listen_setting(root: &Root) -> Result<Option<String>> {
    let doc = crate::model::store::FileStore::new(root).load()?;
    Ok(doc.and_then(|d| d.get_str("console", "listen").map(str::to_string)))
}

/// Words that make a config key's value a secret (never shown by the console).
const SECRET_WORDS: &[&str] = &["password", "passwd", "secret", "token", "credential", "private", "key", "salt"];

/// Whether a config key names a secret.
pub fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| k.contains(w))
}

/// A config value as the console shows it: every value under a secret-looking key (at any
/// depth) replaced by `<hidden>`.
pub fn filter_secrets(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let out: Map<String, Value> = m
                .iter()
                .map(|(k, v)| (k.clone(), if secret_key(k) { json!("<hidden>") } else { filter_secrets(v) }))
                .collect();
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(filter_secrets).collect()),
        other => other.clone(),
    }
}

/// Record a change made in the console in this node's `kato history`, with the admin's
/// name: `kato role add -n 10.0.0.2 dea (console: admin@example.com)`.
pub fn record(root: &Root, admin: &str, argv: &[String], status: &str) -> Result<()> {
    use crate::infra::history;
    let node_id = crate::model::node::NodeState::load(root)
        .ok()
        .and_then(|s| crate::model::node::node_id(root, &s).ok())
        .unwrap_or_else(|| "unknown".into());
    let event = history::Event {
        unix_time: history::now_secs(),
        node_id,
        command: format!("{} (console: {admin})", history::redact(argv)),
        status: status.to_string(),
    };
    history::record(&root.history_file(), &event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_hidden_at_any_depth() {
        let v = json!({"a": 1, "db": {"password": "x", "list": [{"api_token": "t", "ok": "<script>"}]}});
        let f = filter_secrets(&v);
        assert_eq!(f["db"]["password"], "<hidden>");
        assert_eq!(f["db"]["list"][0]["api_token"], "<hidden>");
        assert_eq!(f["db"]["list"][0]["ok"], "<script>");
        assert_eq!(f["a"], 1);
    }

    #[test]
    fn emails_are_checked() {
        assert!(validate_email("admin@example.com").is_ok());
        for bad in ["", "a", "a@", "@b", "a@b@c", "a b@c", "<script>@x", "a'@b"] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hashes_verify_and_are_salted() {
        let dir = tempfile::tempdir().unwrap();
        let root = Root::new(dir.path());
        let mut users = BTreeMap::new();
        users.insert("a@b.c".to_string(), hash("correct horse").unwrap());
        save_users(&root, &users).unwrap();
        assert!(verify(&root, "a@b.c", "correct horse").unwrap());
        assert!(!verify(&root, "a@b.c", "wrong horse").unwrap());
        assert!(!verify(&root, "x@b.c", "correct horse").unwrap());
        assert_ne!(hash("same").unwrap(), hash("same").unwrap());
        let text = std::fs::read_to_string(users_file(&root)).unwrap();
        assert!(text.contains("$argon2id$") && !text.contains("correct horse"));
    }
}
