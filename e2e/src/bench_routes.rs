//! What the per-page split costs a customer who moves around (issue 14): for each page of
//! the header's navigation, the time from the click on its link to its data in the page,
//! on a cold cache, in the split release build (`E2E_DIST`, the page's chunk fetched after
//! the click) and in the same commit built unsplit (`E2E_UNSPLIT_DIST`, every page already
//! in the first load's wasm; `cargo xtask bench` builds it in `target/dist-unsplit`).
//!
//! One run: a fresh browser signs in and lands on the dashboard (its data shown), the HTTP
//! cache is cleared (the main module keeps running, as for a customer whose cache was
//! evicted or who never opened that page), the CPU is slowed down if asked, then the link
//! is clicked; the time runs from the click's `event.timeStamp` to the frame after the
//! page's table has a row (`bench_actions`' probe). Each run checks that the split build
//! fetched wasm after the click and the unsplit one did not, so the two columns measure
//! what they say. The two builds take turns run by run, so drift on a shared machine
//! weighs on both alike. `billing-e2e bench --only routes`.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::bench::median;
use crate::bench_actions::{ARM, timed};
use crate::browser::{Browser, PageLoad, testid};
use crate::infra::{Infra, Settings};

/// The header's navigation links (`src/components/navigation.rs`) beside the dashboard:
/// the route, and what means "its data is shown" (as in the page-load scenarios).
const ROUTES: &[(&str, &str)] = &[
    ("orders", "[data-testid=orders-table] tbody tr td"),
    ("invoices", "[data-testid=invoices-table] tbody tr td"),
    ("payments", "[data-testid=payments-table] tbody tr td"),
    (
        "payment-methods",
        "[data-testid=payment-methods-table] tbody tr td",
    ),
];

/// The wasm fetched over the network since the click (a cached answer has no transfer
/// size): how many files, and their bytes as served.
const WASM_SINCE_CLICK: &str = r#"
const wasm = performance.getEntriesByType('resource').filter((entry) =>
  entry.name.split('?')[0].endsWith('.wasm') && entry.startTime >= window.__benchClickAt &&
  entry.transferSize > 0);
return { files: wasm.length, bytes: wasm.reduce((sum, entry) => sum + entry.encodedBodySize, 0) };
"#;

pub struct RouteRow {
    pub route: &'static str,
    pub cpu: u32,
    pub split: Option<f64>,
    pub unsplit: Option<f64>,
    /// Median files and bytes of wasm the split build fetched after the click.
    pub chunk_files: Option<f64>,
    pub chunk_bytes: Option<f64>,
}

/// Where the unsplit build is, from `E2E_UNSPLIT_DIST`.
pub fn unsplit_dist() -> Option<PathBuf> {
    std::env::var_os("E2E_UNSPLIT_DIST")
        .filter(|dist| !dist.is_empty())
        .map(PathBuf::from)
}

pub async fn measure_all(
    settings: &Settings,
    unsplit_dist: PathBuf,
    cpu_rates: &[u32],
    runs: usize,
) -> Result<Vec<RouteRow>> {
    let split = start(settings, settings.dist.clone(), "routes-split").await?;
    let unsplit = start(settings, unsplit_dist, "routes-unsplit").await?;
    let mut rows = Vec::new();
    for &cpu in cpu_rates {
        for &(route, ready) in ROUTES {
            let (mut split_samples, mut unsplit_samples) = (Vec::new(), Vec::new());
            for run in 1..=runs {
                let context = || format!("{route} at {cpu}× CPU, run {run}");
                split_samples.push(
                    click_to_data(&split, route, ready, cpu, true)
                        .await
                        .with_context(|| format!("split build, {}", context()))?,
                );
                unsplit_samples.push(
                    click_to_data(&unsplit, route, ready, cpu, false)
                        .await
                        .with_context(|| format!("unsplit build, {}", context()))?,
                );
            }
            let row = RouteRow {
                route,
                cpu,
                split: median(split_samples.iter().map(|s| s.0)),
                unsplit: median(unsplit_samples.iter().map(|s| s.0)),
                chunk_files: median(split_samples.iter().map(|s| Some(s.1))),
                chunk_bytes: median(split_samples.iter().map(|s| Some(s.2))),
            };
            eprintln!("measured {}", format_row(&row));
            rows.push(row);
        }
    }
    Ok(rows)
}

/// One dev API (default seed), static server and chromedriver per build, side by side.
async fn start(settings: &Settings, dist: PathBuf, name: &str) -> Result<Arc<Infra>> {
    let settings = Settings {
        dist,
        artifacts: settings.artifacts.join(name),
        ..settings.clone()
    };
    let infra = Infra::start(settings, &[])
        .await
        .with_context(|| format!("starting the servers of {name}"))?;
    Ok(Arc::new(infra))
}

pub fn format_row(row: &RouteRow) -> String {
    let ms = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"));
    format!(
        "| {} | {}× | {} | {} | {} ({:.1} KB) |",
        row.route,
        row.cpu,
        ms(row.split),
        ms(row.unsplit),
        row.chunk_files.unwrap_or_default(),
        row.chunk_bytes.unwrap_or_default() / 1024.0
    )
}

/// One cold click: (ms from the click to the data, or None after 20 s; wasm files and
/// bytes fetched since the click).
async fn click_to_data(
    infra: &Arc<Infra>,
    route: &str,
    ready: &str,
    cpu: u32,
    split: bool,
) -> Result<(Option<f64>, f64, f64)> {
    let browser = Browser::open(infra.clone(), PageLoad::Normal).await?;
    let outcome = async {
        browser.sign_in("fr-consumer").await?;
        browser.wait_visible(&testid("balance-due")).await?;
        browser.cdp("Network.clearBrowserCache", json!({})).await?;
        if cpu > 1 {
            browser
                .cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))
                .await?;
        }
        browser
            .js("performance.clearResourceTimings();", vec![])
            .await?;
        browser.js(ARM, vec![]).await?;
        browser
            .click(&format!("{} a[href$='/{route}']", testid("primary-nav")))
            .await?;
        let (ms, _) = timed(
            &browser,
            &format!("return document.querySelector({ready:?}) !== null;"),
        )
        .await?;
        let wasm = browser.js(WASM_SINCE_CLICK, vec![]).await?;
        let files = wasm["files"].as_f64().unwrap_or_default();
        let bytes = wasm["bytes"].as_f64().unwrap_or_default();
        match (split, files > 0.0) {
            (true, false) => bail!("no wasm chunk was fetched after the click: is E2E_DIST split?"),
            (false, true) => bail!("wasm was fetched after the click: is E2E_UNSPLIT_DIST split?"),
            _ => Ok((ms, files, bytes)),
        }
    }
    .await;
    browser.close().await;
    outcome
}
