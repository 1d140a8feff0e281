//! Runs the journeys one after another and reports like a test runner: one line per
//! journey as it finishes, then exactly `N passed, M failed` alone on the last line.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::browser::{Browser, PageLoad};
use crate::infra::Infra;
use crate::journeys::{self, Adapter, Journey};

/// A journey that takes longer than this is stuck; fail it and move on.
const JOURNEY_TIMEOUT: Duration = Duration::from_secs(120);

/// Returns whether every selected journey passed.
pub async fn run_journeys(infra: Arc<Infra>) -> Result<bool> {
    let selected: Vec<Journey> = journeys::for_base_path(&infra.settings.base_path)
        .into_iter()
        .filter(|journey| {
            infra
                .settings
                .filter
                .as_deref()
                .is_none_or(|filter| journey.label().contains(filter))
        })
        .collect();
    if selected.is_empty() {
        bail!("no journey matches E2E_FILTER={:?}", infra.settings.filter);
    }
    println!(
        "running {} journeys against {} (dist {}, dev API {})",
        selected.len(),
        infra.static_server.url(""),
        infra.settings.dist.display(),
        infra.dev_api.origin
    );

    let (mut passed, mut failed) = (0, 0);
    for journey in &selected {
        let started = Instant::now();
        let outcome = run_one(&infra, journey).await;
        let elapsed = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("ok      {} ({elapsed:.1} s)", journey.label());
            }
            Err(error) => {
                failed += 1;
                println!("FAILED  {} ({elapsed:.1} s): {error:#}", journey.label());
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0)
}

async fn run_one(infra: &Arc<Infra>, journey: &Journey) -> Result<()> {
    infra.reset().await?;
    if journey.adapter == Adapter::Ovhcloud {
        infra
            .static_server
            .use_ovhcloud_adapter(format!("{}/ovh/1.0", infra.dev_api.origin));
    }
    let browser = Browser::open(infra.clone(), PageLoad::Normal).await?;
    let outcome = match tokio::time::timeout(JOURNEY_TIMEOUT, (journey.run)(&browser)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(anyhow::anyhow!("did not finish within {JOURNEY_TIMEOUT:?}")),
    };
    // Page problems are reported even when the journey already failed: a CSP block or a
    // panic is usually the reason an element never showed up.
    let outcome = match (outcome, after_journey_checks(infra, &browser).await) {
        (Ok(()), checks) => checks,
        (Err(error), Ok(())) => Err(error),
        (Err(error), Err(problems)) => Err(anyhow::anyhow!(
            "{error:#}\n        page problems: {problems:#}"
        )),
    };
    if outcome.is_err() {
        let screenshot = infra.settings.artifacts.join(match journey.adapter {
            Adapter::Reference => format!("{}.png", journey.name),
            Adapter::Ovhcloud => format!("{}-ovhcloud.png", journey.name),
        });
        if browser.screenshot(&screenshot).await.is_ok() {
            eprintln!("        screenshot: {}", screenshot.display());
        }
    }
    browser.close().await;
    outcome
}

/// Whatever the journey asserted, a page that violated the CSP or panicked has failed.
async fn after_journey_checks(infra: &Infra, browser: &Browser) -> Result<()> {
    // Give the browser a moment to deliver report-uri POSTs, which are sent asynchronously.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut problems = browser.page_problems().await?;
    for report in infra.static_server.take_csp_reports() {
        problems.push(format!("CSP report: {}", summarize_csp_report(&report)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        bail!("{}", problems.join("\n        "))
    }
}

/// `script-src-elem blocked inline at http://…/:10` out of a report-uri JSON body.
fn summarize_csp_report(raw: &str) -> String {
    let Ok(report) = serde_json::from_str::<serde_json::Value>(raw) else {
        return raw.to_owned();
    };
    let report = &report["csp-report"];
    let field = |name: &str| match &report[name] {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => "?".to_owned(),
        other => other.to_string(),
    };
    format!(
        "{} blocked {} at {}:{}",
        field("effective-directive"),
        field("blocked-uri"),
        field("source-file"),
        field("line-number")
    )
}
