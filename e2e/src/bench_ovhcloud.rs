//! The invoices page through the OVHcloud adapter (issue 15): the same 1,000 invoices, each
//! API request delayed by 20 ms, read in the two ways an OVHcloud-shaped backend offers:
//! - paginated objects (`X-Pagination-Mode: CachedObjectList-Pages`): one request a page;
//! - the ID list (`--ovh-id-lists`): `/me/bill`, then one request per bill, 8 at a time.
//!
//! Each run is a fresh browser, signed in first (not measured); the figures are ms from the
//! navigation's start until the first rows show and until the header summary (what the
//! filter matches, which needs every invoice) shows. `billing-e2e bench --only ovhcloud`.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use serde_json::json;

use crate::bench::median;
use crate::browser::{Browser, PageLoad};
use crate::infra::{Infra, Settings};

const INVOICES: usize = 1_000;
const LATENCY_MS: u64 = 20;

/// Resolves with when each selector first matched, in ms since the navigation's start.
const WAIT_FOR_ROWS_AND_SUMMARY: &str = r#"
const [rows, summary, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const seen = {};
const check = () => {
  if (seen.rows === undefined && document.querySelector(rows)) seen.rows = performance.now();
  if (seen.summary === undefined && document.querySelector(summary)) seen.summary = performance.now();
  return seen.rows !== undefined && seen.summary !== undefined;
};
if (check()) { done(seen); } else {
  new MutationObserver((_, observer) => {
    if (check()) { observer.disconnect(); done(seen); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}
"#;

pub struct OvhcloudRow {
    pub label: String,
    pub first_rows: Option<f64>,
    pub summary: Option<f64>,
}

pub async fn measure_all(settings: &Settings, runs: usize) -> Result<Vec<OvhcloudRow>> {
    let mut rows = Vec::new();
    for (label, mode_args) in [
        ("paginated objects", &[][..]),
        ("ID list, then items (8 at a time)", &["--ovh-id-lists"][..]),
    ] {
        let mut args = vec![
            "--invoices".to_owned(),
            INVOICES.to_string(),
            "--latency-ms".to_owned(),
            LATENCY_MS.to_string(),
        ];
        args.extend(mode_args.iter().map(|arg| (*arg).to_owned()));
        let infra = Arc::new(
            Infra::start(settings.clone(), &args)
                .await
                .with_context(|| format!("starting a dev API for {label}"))?,
        );
        let mut config = infra.static_server.default_config();
        config["adapter"] = json!("ovhcloud");
        config["apiBaseUrl"] = json!(format!("{}/ovh/1.0", infra.dev_api.origin));
        infra.static_server.set_config(config.to_string());
        let mut samples = Vec::new();
        for run in 1..=runs {
            samples.push(
                measure(&infra)
                    .await
                    .with_context(|| format!("{label}, run {run}"))?,
            );
        }
        rows.push(OvhcloudRow {
            label: format!("{label}, {INVOICES} invoices, {LATENCY_MS} ms a request"),
            first_rows: median(samples.iter().map(|(rows, _)| Some(*rows))),
            summary: median(samples.iter().map(|(_, summary)| Some(*summary))),
        });
    }
    Ok(rows)
}

/// One cold load of the invoices page: (first rows, summary) in ms.
async fn measure(infra: &Arc<Infra>) -> Result<(f64, f64)> {
    let browser = Browser::open(infra.clone(), PageLoad::Eager).await?;
    let outcome = async {
        browser.sign_in("fr-consumer").await?;
        browser.client.goto(&browser.app_url("invoices")).await?;
        let seen = browser
            .client
            .execute_async(
                WAIT_FOR_ROWS_AND_SUMMARY,
                vec![
                    json!("[data-testid=invoices-table] tbody tr [data-column=reference]"),
                    json!("[data-testid=summary-due]"),
                ],
            )
            .await?;
        let at = |key: &str| {
            seen[key]
                .as_f64()
                .ok_or_else(|| anyhow!("no {key} time: {seen}"))
        };
        Ok((at("rows")?, at("summary")?))
    }
    .await;
    browser.close().await;
    outcome
}
