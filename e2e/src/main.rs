//! End-to-end harness for the billing portal: real Chromium (through chromedriver), the real
//! dev API, and the built dist/ behind a production-like static server.
//!
//! `billing-e2e` runs the journeys; `billing-e2e bench` measures page loads.
//! Environment: see [`infra::Settings`].

mod bench;
mod bench_actions;
mod bench_ovhcloud;
mod bench_routes;
mod browser;
mod infra;
mod journeys;
mod runner;
mod screenshots;

use std::process::ExitCode;
use std::sync::Arc;

use infra::{Infra, Settings};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        None | Some("journeys") => journeys_command().await,
        Some("bench") => bench::run(Settings::from_env(), &args[1..]).await,
        Some("screenshots") => screenshots_command(args.get(1).map(String::as_str)).await,
        Some(other) => Err(anyhow::anyhow!(
            "unknown command {other:?}; usage: billing-e2e [journeys|screenshots DIR|bench [--runs N] [--invoices N,N] [--cpu N,N] [--only NAME]]"
        )),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("billing-e2e: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn journeys_command() -> anyhow::Result<bool> {
    let infra = Arc::new(Infra::start(Settings::from_env(), &[]).await?);
    runner::run_journeys(infra).await
}

async fn screenshots_command(out: Option<&str>) -> anyhow::Result<bool> {
    let out = out.ok_or_else(|| anyhow::anyhow!("usage: billing-e2e screenshots DIR"))?;
    let infra = Arc::new(Infra::start(Settings::from_env(), &[]).await?);
    screenshots::run(infra, std::path::Path::new(out)).await
}
