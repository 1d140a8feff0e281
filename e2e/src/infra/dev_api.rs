//! The dev API as a child process: started on a random port, controlled through its
//! `/_dev` endpoints (faults, reset).

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::http;

const LISTENING_PREFIX: &str = "billing-dev-api listening on ";

pub struct DevApi {
    /// e.g. `http://127.0.0.1:41234`, without a trailing slash.
    pub origin: String,
    // Held so that the process is killed when the harness ends (kill_on_drop).
    _child: Child,
}

/// The fault kinds the dev API understands (`POST /api/v1/_dev/faults`).
#[derive(Clone, Copy, Debug)]
#[allow(
    dead_code,
    reason = "the dev API's whole vocabulary, for the journeys still to come"
)]
pub enum FaultKind {
    ServerError,
    Timeout,
    MalformedJson,
    BadField,
    Unauthorized,
    Slow,
    /// Every URL field a `javascript:` URL; payments answer "finish there" with one.
    HostileUrls,
}

impl FaultKind {
    fn wire_name(self) -> &'static str {
        match self {
            FaultKind::ServerError => "serverError",
            FaultKind::Timeout => "timeout",
            FaultKind::MalformedJson => "malformedJson",
            FaultKind::BadField => "badField",
            FaultKind::Unauthorized => "unauthorized",
            FaultKind::Slow => "slow",
            FaultKind::HostileUrls => "hostileUrls",
        }
    }
}

impl DevApi {
    /// Starts `binary --port 0 --seed 42 <extra_args>` and waits for its listening line.
    pub async fn start(binary: &Path, extra_args: &[String], log_file: &Path) -> Result<Self> {
        if !binary.is_file() {
            bail!(
                "dev API binary {} not found (build it with `cargo build -p billing-dev-api` or set E2E_DEV_API_BIN)",
                binary.display()
            );
        }
        let log = std::fs::File::create(log_file)?;
        let mut child = Command::new(binary)
            .args(["--port", "0", "--seed", "42"])
            .args(extra_args)
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let find_origin = async {
            while let Some(line) = lines.next_line().await? {
                if let Some(url) = line.trim().strip_prefix(LISTENING_PREFIX) {
                    return Ok(url.trim_end_matches('/').to_owned());
                }
            }
            Err(anyhow!(
                "the dev API exited without printing `{LISTENING_PREFIX}...` (log: {})",
                log_file.display()
            ))
        };
        // Seeding 10 000 invoices for the bench takes a while in a debug build.
        let origin = tokio::time::timeout(Duration::from_secs(120), find_origin)
            .await
            .map_err(|_| anyhow!("the dev API did not print its listening line within 120 s"))??;
        // Keep draining stdout so that a chatty server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(DevApi {
            origin,
            _child: child,
        })
    }

    fn dev_url(&self, endpoint: &str) -> String {
        format!("{}/api/v1/_dev/{endpoint}", self.origin)
    }

    /// Restores the seeded data and clears every fault and session.
    pub async fn reset(&self) -> Result<()> {
        http::expect_success("POST", &self.dev_url("reset"), Some("{}")).await?;
        Ok(())
    }

    /// How many `method` requests to paths starting with `path_prefix` reached the API since
    /// the last reset (`GET /_dev/requests`), duplicates included.
    pub async fn request_count(&self, method: &str, path_prefix: &str) -> Result<u64> {
        let url = format!(
            "{}?method={method}&pathPrefix={path_prefix}",
            self.dev_url("requests")
        );
        let body = http::expect_success("GET", &url, None).await?;
        let value: serde_json::Value = serde_json::from_str(&body)?;
        value["count"]
            .as_u64()
            .ok_or_else(|| anyhow!("no count in {body}"))
    }

    /// Makes the next `times` requests whose path starts with `path_prefix` fail with `kind`.
    pub async fn set_fault(&self, path_prefix: &str, kind: FaultKind, times: u32) -> Result<()> {
        let body = json!({ "pathPrefix": path_prefix, "kind": kind.wire_name(), "times": times });
        http::expect_success("POST", &self.dev_url("faults"), Some(&body.to_string())).await?;
        Ok(())
    }
}
