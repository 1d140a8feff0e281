//! chromedriver as a child process on a free port.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tokio::process::{Child, Command};

use super::http;

pub struct ChromeDriver {
    /// The WebDriver endpoint, e.g. `http://127.0.0.1:9515`.
    pub url: String,
    _child: Child,
}

impl ChromeDriver {
    pub async fn start(binary: &Path, log_file: &Path) -> Result<Self> {
        let port = http::free_port()?;
        let log = std::fs::File::create(log_file)?;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(log.try_clone()?)
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!(
                    "starting {} (run `cargo xtask setup --browser`)",
                    binary.display()
                )
            })?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(response) = http::request("GET", &format!("{url}/status"), None).await
                && response.status == 200
                && serde_json::from_str::<serde_json::Value>(&response.body)
                    .is_ok_and(|status| status["value"]["ready"] == true)
            {
                break;
            }
            if Instant::now() > deadline {
                bail!(
                    "chromedriver did not become ready within 20 s (log: {})",
                    log_file.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(ChromeDriver { url, _child: child })
    }
}
