//! The shared infrastructure of one harness run: dev API, chromedriver and static server,
//! started once and torn down when the process ends (children are `kill_on_drop`).

pub mod chromedriver;
pub mod dev_api;
pub mod http;
pub mod static_server;

use std::path::{Path, PathBuf};

use anyhow::Result;

use chromedriver::ChromeDriver;
use dev_api::DevApi;
use static_server::StaticServer;

/// Everything the harness reads from the environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `E2E_DIST`: the Trunk output to serve (default `dist`).
    pub dist: PathBuf,
    /// `E2E_BASE_PATH`: where the app is mounted (default `/`), e.g. `/billing/`.
    pub base_path: String,
    /// `E2E_DEV_API_BIN`: a built `billing-dev-api` binary.
    pub dev_api_bin: PathBuf,
    /// `E2E_FILTER`: run only journeys whose name contains it.
    pub filter: Option<String>,
    /// `CHROMEDRIVER` (default `/usr/bin/chromedriver`).
    pub chromedriver: PathBuf,
    /// `CHROMIUM` (default `/usr/bin/chromium`).
    pub chromium: PathBuf,
    /// `E2E_AXE`: axe-core's browser bundle (default `node_modules/axe-core/axe.min.js`).
    pub axe_script: PathBuf,
    /// `E2E_ARTIFACTS`: where logs and failure screenshots go (default `target/e2e`).
    pub artifacts: PathBuf,
}

impl Settings {
    pub fn from_env() -> Self {
        let workspace = workspace_root();
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let path_var = |name: &str, default: PathBuf| {
            var(name)
                .map(|value| workspace.join(value))
                .unwrap_or(default)
        };
        Settings {
            dist: path_var("E2E_DIST", workspace.join("dist")),
            base_path: var("E2E_BASE_PATH").unwrap_or_else(|| "/".to_owned()),
            dev_api_bin: path_var(
                "E2E_DEV_API_BIN",
                workspace.join("target/debug/billing-dev-api"),
            ),
            filter: var("E2E_FILTER"),
            chromedriver: path_var("CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver")),
            chromium: path_var("CHROMIUM", PathBuf::from("/usr/bin/chromium")),
            axe_script: path_var(
                "E2E_AXE",
                workspace.join("node_modules/axe-core/axe.min.js"),
            ),
            artifacts: path_var("E2E_ARTIFACTS", workspace.join("target/e2e")),
        }
    }
}

/// Relative paths in the environment are taken from the workspace root, so the harness
/// behaves the same whether cargo, xtask or a shell in `e2e/` started it.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e/ lives inside the workspace")
        .to_owned()
}

pub struct Infra {
    pub settings: Settings,
    pub dev_api: DevApi,
    pub chromedriver: ChromeDriver,
    pub static_server: StaticServer,
}

impl Infra {
    pub async fn start(settings: Settings, dev_api_args: &[String]) -> Result<Self> {
        std::fs::create_dir_all(&settings.artifacts)?;
        let dev_api = DevApi::start(
            &settings.dev_api_bin,
            dev_api_args,
            &settings.artifacts.join("dev-api.log"),
        )
        .await?;
        let chromedriver = ChromeDriver::start(
            &settings.chromedriver,
            &settings.artifacts.join("chromedriver.log"),
        )
        .await?;
        let static_server =
            StaticServer::start(&settings.dist, &settings.base_path, &dev_api.origin).await?;
        Ok(Infra {
            settings,
            dev_api,
            chromedriver,
            static_server,
        })
    }

    /// Fresh state for the next journey: seeded data, no faults, default config.
    pub async fn reset(&self) -> Result<()> {
        self.dev_api.reset().await?;
        self.static_server.reset();
        Ok(())
    }
}
