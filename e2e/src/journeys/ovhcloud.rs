//! The same portal build pointed at the OVHcloud-shaped API (`config.json`:
//! `"adapter": "ovhcloud"`, the dev API's `/ovh/1.0`): the dashboard, the
//! invoices list and an order with its tracking show the amounts the
//! reference API holds for the same seed, to the cent.

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};

use super::invoice_actions::api_invoices;
use super::orders::{amount_of, api_amount, api_get, wait_steps};
use crate::browser::{Browser, DEFAULT_WAIT, testid};

/// Serves a config.json that selects the OVHcloud adapter.
fn use_ovhcloud_adapter(browser: &Browser) -> Result<()> {
    let server = &browser.infra.static_server;
    let mut config = server.default_config();
    let object = config
        .as_object_mut()
        .context("the default config is an object")?;
    object.insert("adapter".into(), json!("ovhcloud"));
    object.insert(
        "apiBaseUrl".into(),
        json!(format!("{}/ovh/1.0", browser.infra.dev_api.origin)),
    );
    server.set_config(config.to_string());
    Ok(())
}

/// The invoices table's rows: reference → (TTC, balance due) as shown.
async fn invoice_rows(browser: &Browser) -> Result<Vec<(String, String, String)>> {
    let value = browser
        .js(
            r#"
            return [...document.querySelectorAll(arguments[0] + ' tbody tr')]
              .filter((row) => row.querySelector('[data-column=reference]'))
              .map((row) => ['reference', 'totalInclTax', 'balanceDue']
                .map((c) => row.querySelector(`[data-column=${c}]`)?.textContent.trim() ?? ''));
            "#,
            vec![json!(testid("invoices-table"))],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

pub async fn ovhcloud_adapter_shows_the_reference_amounts_fr(browser: &Browser) -> Result<()> {
    use_ovhcloud_adapter(browser)?;
    browser.sign_in("fr-consumer").await?;

    // The dashboard's balance: the debt account, as the reference balance.
    let balance = api_get(browser, "balance").await?;
    let shown = browser
        .wait_text(&testid("balance-due"), "to be an amount", |t| {
            t.contains('€')
        })
        .await?;
    ensure!(
        amount_of(&shown)? == api_amount(&balance["due"])?,
        "balance {shown:?} differs from the reference API's {balance}"
    );

    // The invoices list: bills and debts, each row's TTC and balance.
    browser.goto("invoices").await?;
    let reference = api_invoices(browser, "").await?;
    let rows = browser
        .poll("the invoices rows", DEFAULT_WAIT, || async {
            let rows = invoice_rows(browser).await?;
            Ok((!rows.is_empty()).then_some(rows))
        })
        .await?;
    for (number, total, due) in &rows {
        let want = reference
            .iter()
            .find(|i| i["reference"] == json!(number))
            .with_context(|| format!("invoice {number} is not in the reference API"))?;
        ensure!(
            amount_of(total)? == api_amount(&want["totalInclTax"])?
                && amount_of(due)? == api_amount(&want["balanceDue"])?,
            "invoice {number}: shown {total:?} / {due:?}, reference {want}"
        );
    }

    // A delivered order, its totals and its tracking.
    let orders = api_get(browser, "orders?pageSize=100&status=delivered").await?;
    let order: &Value = orders["items"]
        .as_array()
        .and_then(|items| items.first())
        .context("no delivered order in the seed")?;
    let id = order["id"].as_str().unwrap_or_default().to_owned();
    let order = api_get(browser, &format!("orders/{id}")).await?;
    browser.goto(&format!("orders/{id}")).await?;
    for (testid_name, field) in [
        ("order-total-excl-tax", "totalExclTax"),
        ("order-tax", "tax"),
        ("order-total-incl-tax", "totalInclTax"),
    ] {
        let shown = browser
            .wait_text(&testid(testid_name), "to be an amount", |t| t.contains('€'))
            .await?;
        ensure!(
            amount_of(&shown)? == api_amount(&order[field])?,
            "order {id} {field}: shown {shown:?}, reference {}",
            order[field]
        );
    }
    wait_steps(browser, &["done", "done", "done", "done"]).await?;
    Ok(())
}
