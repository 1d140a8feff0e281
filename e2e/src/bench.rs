//! Page-load measurements against a large seeded account: for each page, the median over
//! several cold runs of first-contentful-paint and of the time until its key content shows.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use serde_json::json;

use crate::browser::{Browser, PageLoad};
use crate::infra::{Infra, Settings};

struct BenchPage {
    name: &'static str,
    /// App route under the base path.
    route: &'static str,
    /// The page counts as ready when this selector matches.
    ready: &'static str,
}

/// One line per measured page.
const PAGES: &[BenchPage] = &[
    BenchPage {
        name: "dashboard",
        route: "",
        ready: "[data-testid=balance-due]",
    },
    BenchPage {
        name: "invoices",
        route: "invoices",
        ready: "[data-testid=invoices-table] tbody tr td",
    },
    BenchPage {
        name: "orders",
        route: "orders",
        ready: "[data-testid=orders-table] tbody tr td",
    },
];

/// Resolves with `performance.now()` (ms since navigation start) once the selector matches.
/// Started right after DOMContentLoaded (eager page-load strategy), before the wasm app has
/// rendered; if the content was already there, the time reported is an upper bound.
const WAIT_FOR_READY: &str = r#"
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const finish = () => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  done({ ready: performance.now(), fcp: paint ? paint.startTime : null });
};
if (document.querySelector(selector)) { finish(); } else {
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) { observer.disconnect(); finish(); }
  }).observe(document, { childList: true, subtree: true });
}
"#;

pub async fn run(settings: Settings, args: &[String]) -> Result<bool> {
    let invoices = flag(args, "--invoices").unwrap_or_else(|| "10000".to_owned());
    let runs: usize = flag(args, "--runs").map_or(Ok(5), |n| n.parse())?;
    let infra =
        Arc::new(Infra::start(settings, &["--invoices".to_owned(), invoices.clone()]).await?);
    println!("bench: {runs} cold runs per page, dev API seeded with {invoices} invoices");

    println!("{:<16} {:>12} {:>12}", "page", "FCP ms", "ready ms");
    for page in PAGES {
        let mut fcp = Vec::new();
        let mut ready = Vec::new();
        for _ in 0..runs {
            let (paint, content) = measure(&infra, page)
                .await
                .with_context(|| format!("measuring {}", page.name))?;
            fcp.push(paint);
            ready.push(content);
        }
        println!(
            "{:<16} {:>12.0} {:>12.0}",
            page.name,
            median(&mut fcp),
            median(&mut ready)
        );
    }
    Ok(true)
}

/// One cold load in a fresh browser: sign in first (that load is not measured), then
/// navigate to the page and time it.
async fn measure(infra: &Arc<Infra>, page: &BenchPage) -> Result<(f64, f64)> {
    let browser = Browser::open(infra.clone(), PageLoad::Eager).await?;
    let outcome = async {
        browser.sign_in("fr-consumer").await?;
        browser.client.goto(&browser.app_url(page.route)).await?;
        let timing = browser
            .client
            .execute_async(WAIT_FOR_READY, vec![json!(page.ready)])
            .await?;
        let ready = timing["ready"]
            .as_f64()
            .ok_or_else(|| anyhow!("no ready time: {timing}"))?;
        // Without a paint entry (should not happen), count FCP as the ready time.
        let fcp = timing["fcp"].as_f64().unwrap_or(ready);
        Ok((fcp, ready))
    }
    .await;
    browser.close().await;
    outcome
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1).cloned())
}
