//! A backend that answers `javascript:` wherever a URL is expected, on a host that serves
//! no Content-Security-Policy at all (as if `_headers` were forgotten): the portal itself
//! must neither render nor follow any such URL. Invoice and order renditions say the
//! document is not available, the balance payment stops with its message and changes
//! nothing the API holds, and no page carries a script URL.

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

use crate::browser::{Browser, testid};
use crate::infra::dev_api::FaultKind;

/// Every element attribute that could carry a URL the browser would act on, whose value
/// (trimmed as the browser does) starts with a script or data scheme.
const HOSTILE_URLS_IN_PAGE: &str = r#"
const found = [];
for (const element of document.querySelectorAll('*')) {
  for (const attribute of element.attributes) {
    if (/^(href|src|action|formaction|srcset|poster|data|xlink:href)$/i.test(attribute.name)
        && /^[\u0000-\u0020]*(javascript|vbscript|data):/i.test(attribute.value)) {
      found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
    }
  }
}
if (document.documentElement.hasAttribute('data-pwned')) found.push('a javascript: URL ran');
return found;
"#;

async fn assert_no_hostile_url(browser: &Browser, page: &str) -> Result<()> {
    let found = browser.js(HOSTILE_URLS_IN_PAGE, vec![]).await?;
    let found: Vec<String> = serde_json::from_value(found)?;
    ensure!(
        found.is_empty(),
        "{page}: hostile URLs reached the page: {found:?}"
    );
    let url = browser.current_url().await?;
    ensure!(
        url.starts_with(&browser.infra.static_server.origin),
        "{page}: the browser left the portal for {url}"
    );
    Ok(())
}

/// A GET on the dev API with the browser's session, straight to what the API holds.
async fn api_get(browser: &Browser, path: &str) -> Result<Value> {
    let url = format!("{}/api/v1{path}", browser.infra.dev_api.origin);
    let answer = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0], { credentials: 'include' })
               .then((r) => r.json()).then(done, (e) => done({ error: String(e) }));",
            vec![json!(url)],
        )
        .await
        .with_context(|| format!("GET {path}"))?;
    if let Some(error) = answer.get("error") {
        bail!("GET {path} failed: {error}");
    }
    Ok(answer)
}

async fn expect_documents_unavailable(browser: &Browser, page: &str) -> Result<()> {
    browser
        .wait_text_contains(
            &testid("document-unavailable"),
            "ce document n'est pas disponible",
        )
        .await
        .with_context(|| format!("{page}: the refused renditions are not explained"))?;
    let shown = browser
        .js(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(testid("document-unavailable"))],
        )
        .await?;
    ensure!(
        shown == json!(2),
        "{page}: expected the HTML and the PDF version to be unavailable, saw {shown}"
    );
    assert_no_hostile_url(browser, page).await
}

pub async fn hostile_backend_urls_are_never_rendered_nor_followed(browser: &Browser) -> Result<()> {
    browser.infra.static_server.switch_csp_off();
    browser.sign_in_at("fr-consumer", "invoices").await?;
    let balance_before = api_get(browser, "/balance").await?;
    let payments_before = api_get(browser, "/payments?pageSize=1").await?["total"].clone();
    browser
        .set_fault("/api/v1/", FaultKind::HostileUrls, 10_000)
        .await?;

    // An invoice: its HTML and PDF versions are not links, and retrying asks again.
    let first_invoice = format!("{} tbody tr a", testid("invoices-table"));
    browser.wait_visible(&first_invoice).await?;
    browser.click(&first_invoice).await?;
    expect_documents_unavailable(browser, "an invoice").await?;
    browser.click(&testid("document-retry")).await?;
    expect_documents_unavailable(browser, "an invoice, retried").await?;

    // An order.
    browser.goto("orders").await?;
    let first_order = format!("{} tbody tr a", testid("orders-table"));
    browser.wait_visible(&first_order).await?;
    browser.click(&first_order).await?;
    expect_documents_unavailable(browser, "an order").await?;

    // The dashboard: paying the balance meets a `javascript:` 3-D Secure page and stops.
    browser.goto("").await?;
    browser.wait_visible(&testid("balance-due")).await?;
    let due_shown = browser.text_of(&testid("balance-due")).await?;
    browser.click(&testid("pay-balance")).await?;
    browser.click(&testid("confirm-pay-balance")).await?;
    browser
        .wait_text_contains(".balance__status", "Paiement interrompu")
        .await
        .context("the refused payment page is not explained")?;
    browser.wait_visible(&testid("pay-balance")).await?;
    assert_no_hostile_url(browser, "the dashboard after paying").await?;
    ensure!(
        browser.current_path().await? == browser.app_path(""),
        "paying left the dashboard"
    );
    ensure!(
        browser.text_of(&testid("balance-due")).await? == due_shown,
        "the balance shown changed"
    );

    // The payment methods.
    browser.goto("payment-methods").await?;
    browser.wait_visible("table tbody tr td").await?;
    assert_no_hostile_url(browser, "the payment methods").await?;

    // Nothing changed on the API's side.
    ensure!(
        api_get(browser, "/balance").await? == balance_before,
        "the balance changed on the API"
    );
    ensure!(
        api_get(browser, "/payments?pageSize=1").await?["total"] == payments_before,
        "a payment was recorded"
    );
    Ok(())
}
