//! Paying from the invoices list: one invoice from its row's `...` menu (a
//! double click on confirm pays once), a selection mixing currencies refused
//! before any request, an invoice paid elsewhere meanwhile (the API's 409
//! explained; both in French then Italian), the selection and the whole balance paid through the
//! 3-D Secure page in French then Italian, and axe with the pay dialog open.
//!
//! Amounts are checked to the cent against what the dev API holds, read with
//! the customer's own session.

use std::time::Duration;

use anyhow::{Context, Result, anyhow, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use super::invoice_actions::{add_invoice_extras, api_invoices, bulk};
use super::orders::{amount_of, api_amount, api_get, counters, js_click};
use super::ovhcloud::{shown_id, shown_invoice_id};
use crate::browser::{Browser, DEFAULT_WAIT, testid};

const TABLE_ROWS: &str = "[data-testid=invoices-table] tbody tr";
const UNPAID: &str = "status=unpaid,overdue";
/// What the order numbers of the seed's extra invoices (euros and pounds) contain.
const EXTRAS_ORDERS: &str = "20987654";
const APPROVE: &str = "button[name=decision][value=approve]";

/// Where this run's adapter posts an invoice's payment (the dev API counts the requests).
fn pay_path(browser: &Browser) -> &'static str {
    if browser.through_ovhcloud() {
        "/ovh/1.0/me/debtAccount/"
    } else {
        "/api/v1/invoices/"
    }
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap_or_default().to_owned()
}

fn currency_of(invoice: &Value) -> &str {
    invoice["balanceDue"]["currency"]
        .as_str()
        .unwrap_or_default()
}

/// The unpaid invoices in euros, newest first (the list's default order).
async fn unpaid_eur(browser: &Browser) -> Result<Vec<Value>> {
    Ok(api_invoices(browser, &format!("{UNPAID}&sort=-date"))
        .await?
        .into_iter()
        .filter(|i| currency_of(i) == "EUR")
        .collect())
}

fn row(id: &str) -> String {
    format!("{TABLE_ROWS}:has(a[href$=\"/invoices/{id}\"])")
}

async fn tick(browser: &Browser, id: &str) -> Result<()> {
    browser
        .click(&format!("{} td.data-table__select input", row(id)))
        .await
}

/// Opens an invoice's `...` menu and picks `label`.
async fn row_action(browser: &Browser, id: &str, label: &str) -> Result<()> {
    browser
        .click(&format!(
            "{} [data-column=actions] .action-menu__button",
            row(id)
        ))
        .await?;
    browser
        .client
        .find(Locator::XPath(&format!(
            "//tr[.//a[substring(@href, string-length(@href) - string-length('/invoices/{id}') + 1) = '/invoices/{id}']]\
             //button[@role='menuitem'][normalize-space()=\"{label}\"]"
        )))
        .await
        .with_context(|| format!("no {label:?} in the menu of invoice {id}"))?
        .click()
        .await?;
    Ok(())
}

/// The ids the pay dialog lists, in order.
async fn listed(browser: &Browser) -> Result<Vec<String>> {
    browser.wait_visible(&testid("invoice-pay-list")).await?;
    let value = browser
        .js(
            "return [...document.querySelectorAll('[data-testid=invoice-pay-list] li')].map((li) => li.dataset.id);",
            vec![],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|id| id.as_str().unwrap_or_default().to_owned())
        .collect())
}

/// The dialog's amount, once shown, in cents.
async fn dialog_amount(browser: &Browser) -> Result<i64> {
    let text = browser
        .wait_text(&testid("checkout-amount"), "to be an amount", |t| {
            t.contains('€') && !t.starts_with("0,00")
        })
        .await?;
    amount_of(&text)
}

async fn wait_method(browser: &Browser, id: &str) -> Result<()> {
    browser
        .poll(&format!("the method {id} to be chosen"), DEFAULT_WAIT, || async {
            let checked = browser
                .js("return document.querySelector('[data-testid=checkout-method]:checked')?.value ?? null;", vec![])
                .await?;
            Ok((checked == json!(id)).then_some(()))
        })
        .await
}

fn sum(invoices: &[&Value]) -> Result<i64> {
    invoices.iter().map(|i| api_amount(&i["balanceDue"])).sum()
}

/// Confirms, approves on the 3-D Secure page and waits to be back where the payment
/// started (a path ending with `back_to`), with the outcome (shared by the orders' and
/// the invoices' journeys).
pub(super) async fn confirm_through_3ds(
    browser: &Browser,
    returned: &str,
    back_to: &str,
) -> Result<()> {
    browser.click(&testid("checkout-confirm")).await?;
    browser
        .wait_visible_for(APPROVE, Duration::from_secs(20))
        .await?;
    let url = browser.current_url().await?;
    ensure!(
        url.starts_with(&browser.infra.dev_api.origin),
        "expected the payment page, got {url}"
    );
    browser.click(APPROVE).await?;
    browser
        .wait_visible_for(&testid("checkout-return"), Duration::from_secs(20))
        .await?;
    browser.install_page_probes().await?;
    browser
        .wait_text_contains(&testid("checkout-return"), returned)
        .await?;
    let path = browser.current_path().await?;
    ensure!(
        path.ends_with(back_to),
        "came back to {path}, not {back_to}"
    );
    Ok(())
}

/// The newest payment the API holds: its amount in cents and the invoices it settled.
async fn newest_payment(browser: &Browser) -> Result<(i64, Vec<String>)> {
    let page = api_get(browser, "payments?pageSize=1").await?;
    let payment = &page["items"][0];
    let mut settled: Vec<String> = payment["invoices"]
        .as_array()
        .into_iter()
        .flatten()
        .map(id_of)
        .collect();
    settled.sort();
    Ok((api_amount(&payment["amount"])?, settled))
}

pub async fn invoice_payment_from_a_row_once_and_mixed_currencies_refused_fr_it(
    browser: &Browser,
) -> Result<()> {
    add_invoice_extras(browser).await?;
    browser
        .sign_in_at("fr-consumer", &format!("invoices?{UNPAID}"))
        .await?;
    // Not one of the extras: they make the mixed selection below.
    let unpaid = unpaid_eur(browser).await?;
    let first = unpaid
        .iter()
        .find(|i| {
            !i["orderId"]
                .as_str()
                .unwrap_or_default()
                .contains(EXTRAS_ORDERS)
        })
        .ok_or_else(|| anyhow!("the seed has no unpaid invoice in euros"))?;
    // The API's id (to read it back) and the one the page shows and links to.
    let (id, shown) = (id_of(first), shown_invoice_id(browser, first));
    let visa = shown_id(browser, "pm-fr-visa");
    let before = counters(browser).await?;

    // The row's `...`: this invoice alone, its balance, in euros, the default card.
    row_action(browser, &shown, "Régler mon solde immédiatement").await?;
    ensure!(
        listed(browser).await? == vec![shown.clone()],
        "the dialog does not list just {shown}"
    );
    ensure!(
        dialog_amount(browser).await? == api_amount(&first["balanceDue"])?,
        "the dialog's amount is not the invoice's balance"
    );
    browser
        .wait_text(&testid("invoice-pay-currency"), "EUR", |t| t == "EUR")
        .await?;
    wait_method(browser, &visa).await?;

    // A double click on confirm: one request, one payment.
    let pay_requests = || {
        browser
            .infra
            .dev_api
            .request_count("POST", pay_path(browser))
    };
    let requests_before = pay_requests().await?;
    js_click(browser, &testid("checkout-confirm"), 2).await?;
    browser
        .wait_text_contains(&testid("checkout-status"), "Paiement effectué")
        .await?;
    let after = counters(browser).await?;
    let charges = after["charges"].as_u64().unwrap_or(0) - before["charges"].as_u64().unwrap_or(0);
    let requests = pay_requests().await? - requests_before;
    ensure!(
        charges == 1 && requests == 1,
        "a double click sent {requests} request(s) and charged {charges} time(s)"
    );
    let paid = api_get(browser, &format!("invoices/{id}")).await?;
    ensure!(
        paid["status"] == "paid" && api_amount(&paid["balanceDue"])? == 0,
        "the API does not hold {id} as paid: {paid}"
    );
    let (amount, settled) = newest_payment(browser).await?;
    ensure!(
        amount == api_amount(&first["balanceDue"])? && settled == vec![id.clone()],
        "the payment is {amount} cents for {settled:?}"
    );
    browser.click(&testid("checkout-close")).await?;
    browser
        .poll(
            "the paid invoice to leave the unpaid list",
            DEFAULT_WAIT,
            || async { Ok((!browser.is_visible(&row(&shown)).await?).then_some(())) },
        )
        .await?;

    // Euros and pounds in one selection: refused with why, nothing sent.
    browser
        .goto(&format!("invoices?order={EXTRAS_ORDERS}"))
        .await?;
    let pounds = api_invoices(browser, &format!("orderId={EXTRAS_ORDERS}"))
        .await?
        .into_iter()
        .find(|i| currency_of(i) == "GBP")
        .ok_or_else(|| anyhow!("no invoice in pounds: were the extras added?"))?;
    browser
        .wait_visible(&row(&shown_invoice_id(browser, &pounds)))
        .await?;
    browser.click(&testid("select-all")).await?;
    let requests = browser
        .infra
        .dev_api
        .request_count("POST", pay_path(browser))
        .await?;
    bulk(browser, "Régler la sélection").await?;
    let refusal = browser
        .wait_text_contains(&testid("invoice-pay-refused"), "même devise")
        .await?;
    ensure!(
        refusal.contains("EUR") && refusal.contains("GBP"),
        "the refusal does not name the currencies: {refusal}"
    );
    ensure!(
        !browser.is_visible(&testid("checkout")).await?,
        "the pay dialog opened for two currencies"
    );
    let requests_after = browser
        .infra
        .dev_api
        .request_count("POST", pay_path(browser))
        .await?;
    ensure!(
        requests_after == requests,
        "a mixed selection sent a payment request"
    );

    // The same refusal in Italian.
    browser.select_language("it").await?;
    bulk(browser, "Paga la selezione").await?;
    browser
        .wait_text_contains(&testid("invoice-pay-refused"), "stessa valuta")
        .await?;

    // Paid elsewhere while the dialog is open: the API's 409, said in Italian.
    let euros = api_invoices(browser, &format!("orderId={EXTRAS_ORDERS}"))
        .await?
        .into_iter()
        .find(|i| currency_of(i) == "EUR")
        .ok_or_else(|| anyhow!("no extra invoice in euros"))?;
    let (euros_id, euros_shown) = (id_of(&euros), shown_invoice_id(browser, &euros));
    browser.click(&testid("clear-selection")).await?;
    row_action(browser, &euros_shown, "Salda subito l'importo dovuto").await?;
    ensure!(
        listed(browser).await? == vec![euros_shown.clone()],
        "the dialog does not list just {euros_shown}"
    );
    wait_method(browser, &visa).await?;
    pay_behind_the_page(browser, &euros_id).await?;
    browser.click(&testid("checkout-confirm")).await?;
    browser
        .wait_text_contains(&testid("checkout-status"), "già stata saldata")
        .await?;
    Ok(())
}

/// Pays an invoice with the customer's session, as another tab would.
async fn pay_behind_the_page(browser: &Browser, id: &str) -> Result<()> {
    let csrf = api_get(browser, "session").await?["csrfToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let status = browser
        .client
        .execute_async(
            r#"
            const [base, id, csrf, done] = arguments;
            fetch(`${base}/api/v1/invoices/${id}/pay`, {
              method: 'POST', credentials: 'include',
              headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': `behind-${id}` },
              body: JSON.stringify({ paymentMethodId: null }),
            }).then((r) => done(r.status), (e) => done(String(e)));
            "#,
            vec![json!(browser.infra.dev_api.origin), json!(id), json!(csrf)],
        )
        .await?;
    ensure!(
        status == json!(200),
        "paying {id} behind the page: {status}"
    );
    Ok(())
}

pub async fn invoice_payments_selection_and_balance_through_3ds_fr_it(
    browser: &Browser,
) -> Result<()> {
    add_invoice_extras(browser).await?;
    // The unfiltered list (with a status filter shown, axe flags the filter
    // bar's status checkboxes as small targets: not this feature's, reported).
    browser.sign_in_at("fr-consumer", "invoices").await?;
    // Two unpaid invoices in euros on the first page (25 rows, newest first).
    let first_page: Vec<Value> = api_invoices(browser, "sort=-date")
        .await?
        .into_iter()
        .take(25)
        .filter(|i| currency_of(i) == "EUR" && i["status"] != "paid")
        .collect();
    ensure!(
        first_page.len() >= 2,
        "fewer than two unpaid invoices in euros on the first page"
    );
    let chosen = [&first_page[0], &first_page[1]];
    let mut chosen_ids: Vec<String> = chosen.iter().map(|i| id_of(i)).collect();

    // The selection, with axe on the selection and the bulk menu open.
    for id in &chosen_ids {
        tick(browser, id).await?;
    }
    browser
        .wait_text_contains(&testid("selection-count"), "2 factures sélectionnées")
        .await?;
    browser
        .click(&format!("{} .action-menu__button", testid("bulk-actions")))
        .await?;
    browser
        .assert_accessible("the unpaid invoices, two selected, the bulk menu open (fr)")
        .await?;
    browser
        .click(&format!("{} .action-menu__button", testid("bulk-actions")))
        .await?;
    bulk(browser, "Régler la sélection").await?;
    let mut shown = listed(browser).await?;
    shown.sort();
    chosen_ids.sort();
    ensure!(shown == chosen_ids, "the dialog lists {shown:?}");
    ensure!(
        dialog_amount(browser).await? == sum(&chosen)?,
        "the dialog's total is not the two balances"
    );
    browser
        .wait_text(&testid("invoice-pay-currency"), "EUR", |t| t == "EUR")
        .await?;
    wait_method(browser, "pm-fr-visa").await?;
    browser
        .click("[data-testid=checkout-method][value=pm-fr-paypal]")
        .await?;
    browser
        .assert_accessible("the pay dialog of a selection (fr)")
        .await?;
    confirm_through_3ds(browser, "validé", "/invoices").await?;
    for id in &chosen_ids {
        let invoice = api_get(browser, &format!("invoices/{id}")).await?;
        ensure!(
            invoice["status"] == "paid" && api_amount(&invoice["balanceDue"])? == 0,
            "the API does not hold {id} as paid"
        );
    }
    let (amount, settled) = newest_payment(browser).await?;
    ensure!(
        amount == sum(&chosen)? && settled == chosen_ids,
        "the payment is {amount} cents for {settled:?}"
    );

    // In Italian, the whole balance: every unpaid invoice in euros, the API's
    // amount due, the pounds left out and said so.
    browser.select_language("it").await?;
    browser.goto("invoices").await?;
    browser
        .wait_visible(&format!("{TABLE_ROWS} [data-column=reference]"))
        .await?;
    let balance = api_get(browser, "balance").await?;
    let due = api_amount(&balance["due"])?;
    let remaining = unpaid_eur(browser).await?;
    let remaining_refs: Vec<&Value> = remaining.iter().collect();
    ensure!(
        due == sum(&remaining_refs)?,
        "the balance {due} is not the unpaid invoices' sum"
    );
    let mut remaining_ids: Vec<String> = remaining.iter().map(id_of).collect();
    remaining_ids.sort();
    bulk(browser, "Salda subito l'importo dovuto").await?;
    let mut shown = listed(browser).await?;
    shown.sort();
    ensure!(shown == remaining_ids, "the balance dialog lists {shown:?}");
    ensure!(
        dialog_amount(browser).await? == due,
        "the dialog's amount is not the balance due"
    );
    browser
        .wait_text_contains(&testid("invoice-pay-left-out"), "GBP")
        .await?;
    browser
        .click("[data-testid=checkout-method][value=pm-fr-paypal]")
        .await?;
    browser
        .assert_accessible("the pay dialog of the balance (it)")
        .await?;
    confirm_through_3ds(browser, "convalidato", "/invoices").await?;
    let after = api_get(browser, "balance").await?;
    ensure!(
        api_amount(&after["due"])? == 0,
        "the balance is still {} after paying it",
        after["due"]
    );
    let (amount, settled) = newest_payment(browser).await?;
    ensure!(
        amount == due && settled == remaining_ids,
        "the balance's payment is {amount} cents for {settled:?}"
    );
    let pounds = api_invoices(browser, UNPAID).await?;
    ensure!(
        pounds.iter().all(|i| currency_of(i) == "GBP") && !pounds.is_empty(),
        "after the balance, the unpaid invoices are {pounds:?}"
    );
    Ok(())
}
