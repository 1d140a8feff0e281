//! The per-page split of the release build (issue 14): the dashboard comes with the first
//! load and nothing else; a page's code arrives on its first visit; a page whose code
//! cannot be fetched says so in the customer's language and retries in place.

use anyhow::{Result, ensure};
use serde_json::{Value, json};

use crate::browser::{Browser, DEFAULT_WAIT, testid};

/// The wasm files this page has fetched so far, by file name.
async fn wasm_fetched(browser: &Browser) -> Result<Vec<String>> {
    let names = browser
        .js(
            "return performance.getEntriesByType('resource')
                .map((entry) => entry.name.split('/').pop())
                .filter((name) => name.endsWith('.wasm'));",
            vec![],
        )
        .await?;
    Ok(names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect())
}

pub async fn pages_load_their_code_on_first_visit_and_survive_a_failed_chunk(
    browser: &Browser,
) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser.wait_visible(&testid("balance-due")).await?;
    let first_load = wasm_fetched(browser).await?;
    ensure!(
        first_load.len() == 1 && first_load[0].starts_with("billing-portal-"),
        "the dashboard should need the main module only, it fetched {first_load:?}"
    );
    // config.json is asked for once, by index.html's preload while the wasm downloads
    // (the app's own fetch finds it there), not after the wasm has started.
    let config = browser
        .js(
            "return performance.getEntriesByType('resource')
                .filter((entry) => entry.name.split('?')[0].endsWith('/config.json'))
                .map((entry) => entry.initiatorType);",
            vec![],
        )
        .await?;
    ensure!(
        config == json!(["link"]),
        "config.json should be fetched once, by its preload; the fetches were {config}"
    );

    // The keyboard's focus on a link (or a pointer over it) starts fetching the code
    // of the page it leads to, before any click; the page stays where it is.
    let nav = testid("primary-nav");
    browser
        .js(
            "document.querySelector(arguments[0]).focus();",
            vec![json!(format!("{nav} a[href$=\"orders\"]"))],
        )
        .await?;
    browser
        .poll(
            "the orders page's chunk, fetched on focus",
            DEFAULT_WAIT,
            || async {
                let fetched = wasm_fetched(browser).await?;
                Ok(fetched
                    .iter()
                    .any(|name| name.starts_with("split_orders-"))
                    .then_some(()))
            },
        )
        .await?;
    let path = browser.current_path().await?;
    ensure!(
        path == browser.app_path("/"),
        "focusing a link must not follow it, the page is now {path}"
    );

    // The network refuses the invoices list's code: the customer is told, in French,
    // and the header and navigation keep working.
    browser.cdp("Network.enable", json!({})).await?;
    browser
        .cdp(
            "Network.setBlockedURLs",
            json!({ "urls": ["*split_invoices-*"] }),
        )
        .await?;
    browser
        .click(&format!("{nav} a[href$=\"invoices\"]"))
        .await?;
    let error = testid("chunk-error");
    browser.wait_visible(&error).await?;
    browser
        .wait_text_contains(&error, "Cette page n’a pas pu être chargée")
        .await?;
    ensure!(
        browser
            .is_focused(&format!("{error} {}", testid("retry")))
            .await?,
        "the retry should take the focus, so a keyboard user lands on the way out"
    );

    // The connection is back: the retry brings the list in place, without a reload.
    browser
        .cdp("Network.setBlockedURLs", json!({ "urls": [] }))
        .await?;
    browser
        .click(&format!("{error} {}", testid("retry")))
        .await?;
    browser
        .wait_visible(&format!("{} tbody tr", testid("invoices-table")))
        .await?;
    let after = wasm_fetched(browser).await?;
    ensure!(
        after.iter().any(|name| name.starts_with("split_invoices-")),
        "the invoices list's chunk should have been fetched on the retry: {after:?}"
    );

    // Another page in Italian: its own chunk, fetched on its first visit.
    browser.select_language("it").await?;
    browser
        .click(&format!("{nav} a[href$=\"payments\"]"))
        .await?;
    browser.wait_text_contains("h1", "pagamenti").await?;
    let last = wasm_fetched(browser).await?;
    ensure!(
        last.iter().any(|name| name.starts_with("split_payments-")),
        "the payments page's chunk should arrive on its first visit: {last:?}"
    );
    Ok(())
}
