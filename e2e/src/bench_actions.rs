//! The invoices page's heavy actions against the largest account, a second table of
//! `cargo xtask bench`: each bulk export of every invoice (fetched page by page, written
//! in the browser), and sorting by each column. Per action: the median time from the
//! click to its result, and the longest main-thread task meanwhile (Long Tasks API: what
//! says whether the page stayed responsive; under 50 ms no task is reported, shown as –).
//! Printed, never asserted.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use fantoccini::Locator;
use serde_json::json;

use crate::browser::{Browser, testid};
use crate::infra::Infra;

/// The invoices table's sortable columns, by `data-column` (also the API's sort key).
const SORTABLE: &[&str] = &[
    "reference",
    "orderId",
    "date",
    "totalExclTax",
    "totalInclTax",
    "balanceDue",
    "status",
];

/// Starts recording long tasks and the time of the next click (also `bench_routes`).
pub(crate) const ARM: &str = r#"
window.__benchLongest = 0;
window.__benchObserver?.disconnect();
window.__benchObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__benchLongest = Math.max(window.__benchLongest, entry.duration);
  }
});
window.__benchObserver.observe({ type: 'longtask' });
window.__benchClickAt = null;
document.addEventListener('click', (event) => { window.__benchClickAt = event.timeStamp; }, { capture: true, once: true });
"#;

/// Resolves once `arguments[0]` (a JS predicate's body) holds: ms since the click, and the
/// longest task seen; after 20 s without it, no time (shown as –, never a hang).
const AWAIT: &str = r#"
const [predicate, done] = [new Function(arguments[0]), arguments[arguments.length - 1]];
const deadline = performance.now() + 20000;
const check = () => {
  if (performance.now() > deadline) {
    done({ ms: null, longest: window.__benchLongest });
    return true;
  }
  if (window.__benchClickAt !== null && predicate()) {
    // The next frame's paint shows what the predicate saw.
    requestAnimationFrame(() => {
      const at = performance.now();
      setTimeout(() => done({ ms: at - window.__benchClickAt, longest: window.__benchLongest }), 0);
    });
    return true;
  }
  return false;
};
if (!check()) {
  const timer = setInterval(() => { if (check()) clearInterval(timer); }, 5);
}
"#;

pub struct ActionRow {
    pub label: String,
    pub ms: Option<f64>,
    pub longest: Option<f64>,
}

/// One row per export and per sorted column, medians over `runs`.
pub async fn measure_all(
    infra: &Arc<Infra>,
    invoices: usize,
    runs: usize,
) -> Result<Vec<ActionRow>> {
    let mut rows = Vec::new();
    for (label, menu_item) in [
        ("CSV", "Tout exporter en CSV"),
        ("PDF", "Tout exporter en PDF"),
    ] {
        let mut samples = Vec::new();
        for _ in 0..runs {
            samples.push(
                export(infra, menu_item)
                    .await
                    .with_context(|| format!("{label} export"))?,
            );
        }
        rows.push(row(
            format!("export every invoice as {label} ({invoices})"),
            &samples,
        ));
    }
    let mut by_column: Vec<Vec<(Option<f64>, f64)>> = vec![Vec::new(); SORTABLE.len()];
    for _ in 0..runs {
        for (column, sample) in sort_each_column(infra).await?.into_iter().enumerate() {
            by_column[column].push(sample);
        }
    }
    for (column, samples) in SORTABLE.iter().zip(&by_column) {
        rows.push(row(format!("sort by {column} ({invoices})"), samples));
    }
    Ok(rows)
}

fn row(label: String, samples: &[(Option<f64>, f64)]) -> ActionRow {
    ActionRow {
        label,
        ms: crate::bench::median(samples.iter().map(|s| s.0)),
        longest: crate::bench::median(
            samples
                .iter()
                .map(|s| Some(s.1))
                .filter(|l| l.is_some_and(|l| l > 0.0)),
        ),
    }
}

async fn open_invoices(infra: &Arc<Infra>) -> Result<Browser> {
    let browser = Browser::open(infra.clone(), crate::browser::PageLoad::Normal).await?;
    browser.sign_in_at("fr-consumer", "invoices").await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("invoices-table")))
        .await?;
    Ok(browser)
}

pub(crate) async fn timed(browser: &Browser, predicate: &str) -> Result<(Option<f64>, f64)> {
    let result = browser
        .client
        .execute_async(AWAIT, vec![json!(predicate)])
        .await?;
    if result.get("ms").is_none() {
        return Err(anyhow!("no answer from the probe: {result}"));
    }
    Ok((
        result["ms"].as_f64(),
        result["longest"].as_f64().unwrap_or(0.0),
    ))
}

/// From the menu item's click to "the file is ready".
async fn export(infra: &Arc<Infra>, menu_item: &str) -> Result<(Option<f64>, f64)> {
    let browser = open_invoices(infra).await?;
    let outcome = async {
        browser
            .click(&format!("{} .action-menu__button", testid("bulk-actions")))
            .await?;
        let item = browser
            .client
            .find(Locator::XPath(&format!(
                "//*[@data-testid='bulk-actions']//button[@role='menuitem'][normalize-space()=\"{menu_item}\"]"
            )))
            .await?;
        browser.js(ARM, vec![]).await?;
        item.click().await?;
        timed(
            &browser,
            "const s = document.querySelector('[data-testid=export-status]'); \
             const e = document.querySelector('[data-testid=export-error]'); \
             if (e && e.textContent.trim()) throw new Error(e.textContent); \
             return s && s.textContent.trim().length > 0;",
        )
        .await
    }
    .await;
    browser.close().await;
    outcome
}

/// Each column in turn, in one page: from the header's click to the API's answer for
/// that sort being in the page (the list is sorted by the API: the rows are the answer's).
async fn sort_each_column(infra: &Arc<Infra>) -> Result<Vec<(Option<f64>, f64)>> {
    let browser = open_invoices(infra).await?;
    let outcome = async {
        let table = testid("invoices-table");
        let mut samples = Vec::new();
        for column in SORTABLE {
            let header = format!("{table} th[data-column={column}] .data-table__sort");
            browser.js(ARM, vec![]).await?;
            browser.click(&header).await?;
            let predicate = format!(
                "const key = {column:?}; \
                 return performance.getEntriesByType('resource').some((entry) => \
                   entry.name.includes('/invoices?') && entry.name.includes('sort=') && \
                   entry.name.includes(key) && entry.startTime >= window.__benchClickAt && \
                   entry.responseEnd > 0);"
            );
            samples.push(
                timed(&browser, &predicate)
                    .await
                    .with_context(|| format!("sorting by {column}"))?,
            );
        }
        Ok(samples)
    }
    .await;
    browser.close().await;
    outcome
}
