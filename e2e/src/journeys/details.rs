//! From a list to one invoice and one order: the detail pages load by their
//! real path, show their lines, totals and tracking, and pass axe.

use anyhow::{Result, ensure};

use crate::browser::{Browser, testid};

pub async fn invoice_and_order_details_from_their_lists(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "invoices").await?;
    let first_invoice = format!("{} tbody tr a", testid("invoices-table"));
    let reference = browser.text_of(&first_invoice).await?.unwrap_or_default();
    browser.click(&first_invoice).await?;
    browser
        .wait_text_contains(&testid("page-heading"), &reference)
        .await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("invoice-lines")))
        .await?;
    let balance = browser
        .text_of(&testid("invoice-balance"))
        .await?
        .unwrap_or_default();
    ensure!(
        balance.contains('€'),
        "the balance is not an amount: {balance:?}"
    );
    let path = browser.current_path().await?;
    ensure!(
        path.contains("/invoices/"),
        "the invoice has no path of its own: {path}"
    );
    browser.assert_accessible("an invoice (fr)").await?;

    browser.goto("orders").await?;
    let first_order = format!("{} tbody tr a", testid("orders-table"));
    browser.click(&first_order).await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("order-lines")))
        .await?;
    browser
        .wait_visible("ol.step-tracker, [data-testid=tracking], [data-testid=tracking-none]")
        .await?;
    browser.assert_accessible("an order (fr)").await?;
    Ok(())
}
