//! Mechanisms with no knowledge of the cluster's rules: atomic files, the history file,
//! the hosts file, SSH, the remote transport, supervisord, nginx, nftables, log sources,
//! certificates (openssl) and one-request HTTP checks. Nothing here imports `model`, `ops` or `cli`.

pub mod archive;
pub mod files;
pub mod history;
pub mod hosts;
pub mod http;
pub mod logtail;
pub mod nftables;
pub mod nginx;
pub mod remote;
pub mod rsyslog;
pub mod ssh;
pub mod supervisor;
pub mod tls;
pub mod version;
