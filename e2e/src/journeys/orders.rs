//! "Mes commandes" end to end, in French and Italian: finding an order (status, number,
//! date, sort, expired toggle, all in the URL), its totals and tracking (with the refresh
//! picking up a step the dev API advances), paying it (directly, through the 3-D Secure
//! page, and a double click that pays once), withdrawing (and each refusal with its
//! reason), and the faults (500, malformed order or tracking) with a working retry.
//!
//! What the page shows is checked against what the dev API holds, read with the
//! customer's own session from inside the page.

use std::time::Duration;

use anyhow::{Context, Result, anyhow, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use super::ovhcloud::shown_id;
use crate::browser::{Browser, DEFAULT_WAIT, testid};
use crate::infra::dev_api::FaultKind;
use crate::infra::http;

const SEARCH: &str = "form.filter-bar input[type=search]";
const APPLY: &str = "form.filter-bar button[type=submit]";
const WEBDRIVER_ENTER: &str = "\u{E007}";
const ROWS_OF_TABLE: &str = "[data-testid=orders-table] tbody tr:not(.data-table__message)";

/// Every status but "expired": what the list asks for by default.
const VISIBLE_STATUSES: &str =
    "notPaid,checking,documentsRequested,delivering,delivered,cancelling,cancelled";

// ----- the API, as the signed-in customer ---------------------------------------------------

/// `GET /api/v1/<path>` with the page's session cookie.
pub(super) async fn api_get(browser: &Browser, path: &str) -> Result<Value> {
    let url = format!("{}/api/v1/{path}", browser.infra.dev_api.origin);
    let answer = browser
        .client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], { credentials: 'include' })
              .then((r) => r.ok ? r.json() : { httpError: r.status })
              .then(done, (e) => done({ fetchError: String(e) }));
            "#,
            vec![json!(url)],
        )
        .await
        .with_context(|| format!("GET {url} from the page"))?;
    ensure!(
        answer.get("httpError").is_none() && answer.get("fetchError").is_none(),
        "GET {url}: {answer}"
    );
    Ok(answer)
}

/// The orders the API lists for `query`, first page of 100.
async fn api_orders(browser: &Browser, query: &str) -> Result<Vec<Value>> {
    let page = api_get(browser, &format!("orders?pageSize=100&{query}")).await?;
    Ok(page["items"].as_array().cloned().unwrap_or_default())
}

async fn api_order(browser: &Browser, id: &str) -> Result<Value> {
    api_get(browser, &format!("orders/{id}")).await
}

fn ids(orders: &[Value]) -> Vec<String> {
    orders
        .iter()
        .map(|o| o["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The first order matching `accept`, with the reason in the error otherwise.
fn find<'a>(orders: &'a [Value], what: &str, accept: impl Fn(&Value) -> bool) -> Result<&'a Value> {
    orders
        .iter()
        .find(|o| accept(o))
        .ok_or_else(|| anyhow!("the seed has no order that is {what}"))
}

fn id_of(order: &Value) -> String {
    order["id"].as_str().unwrap_or_default().to_owned()
}

pub(super) async fn counters(browser: &Browser) -> Result<Value> {
    let url = format!("{}/api/v1/_dev/counters", browser.infra.dev_api.origin);
    let body = http::expect_success("GET", &url, None).await?;
    Ok(serde_json::from_str(&body)?)
}

/// Cents of an amount written with a decimal separator (`,` or `.`) and any grouping:
/// `1 234,56 €`, `1.234,56 €` (shown) or `1234.56` (the API).
pub(super) fn cents(text: &str, decimal: char) -> Result<i64> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == decimal || *c == '-')
        .collect();
    let (units, fraction) = kept.split_once(decimal).unwrap_or((&kept, "0"));
    let fraction = format!("{fraction:0<2}");
    ensure!(fraction.len() == 2, "more than cents in {text:?}");
    let units: i64 = units
        .parse()
        .with_context(|| format!("not an amount: {text:?}"))?;
    let fraction: i64 = fraction.parse()?;
    Ok(if units < 0 || kept.starts_with('-') {
        units * 100 - fraction
    } else {
        units * 100 + fraction
    })
}

/// What the page shows (fr and it both use a decimal comma).
pub(super) fn amount_of(text: &str) -> Result<i64> {
    cents(text, ',')
}

pub(super) fn api_amount(money: &Value) -> Result<i64> {
    cents(
        money["amount"]
            .as_str()
            .ok_or_else(|| anyhow!("no amount in {money}"))?,
        '.',
    )
}

// ----- the list as shown --------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Row {
    id: String,
    status: String,
}

async fn rows(browser: &Browser) -> Result<Vec<Row>> {
    let value = browser
        .js(
            r#"
            return [...document.querySelectorAll(arguments[0])]
              .filter((row) => row.querySelector('[data-column=id]'))
              .map((row) => ({
                id: row.querySelector('[data-column=id]').textContent.trim(),
                status: row.querySelector('[data-column=status] .badge')?.className ?? '',
              }));
            "#,
            vec![json!(ROWS_OF_TABLE)],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Row {
            id: row["id"].as_str().unwrap_or_default().to_owned(),
            status: row["status"].as_str().unwrap_or_default().to_owned(),
        })
        .collect())
}

/// Waits until the URL's query is `expected` and the rows satisfy `accept`.
async fn wait_for(
    browser: &Browser,
    expected_query: &str,
    what: &str,
    accept: impl Fn(&[Row]) -> bool,
) -> Result<Vec<Row>> {
    let last = std::cell::RefCell::new((String::new(), Vec::new()));
    let outcome = browser
        .poll(
            &format!("?{expected_query} and {what}"),
            DEFAULT_WAIT,
            || async {
                let url = browser.client.current_url().await?;
                let query = url.query().unwrap_or_default().to_owned();
                let rows = rows(browser).await?;
                let done = query == expected_query && !rows.is_empty() && accept(&rows);
                *last.borrow_mut() = (query, rows);
                Ok(done.then_some(()))
            },
        )
        .await;
    let (query, rows) = last.into_inner();
    outcome.map_err(|error| anyhow!("{error}; last query {query:?}, rows {rows:?}"))?;
    Ok(rows)
}

fn row_ids(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

async fn current_query(browser: &Browser) -> Result<String> {
    let url = browser.client.current_url().await?;
    Ok(url.query().unwrap_or_default().to_owned())
}

async fn wait_query(
    browser: &Browser,
    accept: impl Fn(&str) -> bool,
    what: &str,
) -> Result<String> {
    browser
        .poll(what, DEFAULT_WAIT, || async {
            let query = current_query(browser).await?;
            Ok(accept(&query).then_some(query))
        })
        .await
}

/// Clicks through JavaScript, twice in the same task when `times` is 2: a double click
/// faster than any re-render.
pub(super) async fn js_click(browser: &Browser, css: &str, times: u32) -> Result<()> {
    browser.wait_visible(css).await?;
    browser
        .js(
            "const el = document.querySelector(arguments[0]); for (let i = 0; i < arguments[1]; i++) el.click();",
            vec![json!(css), json!(times)],
        )
        .await?;
    Ok(())
}

/// The status the order page shows (`data-status` of the status value).
async fn shown_status(browser: &Browser) -> Result<String> {
    Ok(browser
        .js(
            "return document.querySelector(arguments[0])?.dataset.status ?? '';",
            vec![json!(testid("order-status-value"))],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

async fn wait_status(browser: &Browser, expected: &str) -> Result<()> {
    browser
        .poll(
            &format!("the order to show the status {expected}"),
            DEFAULT_WAIT,
            || async { Ok((shown_status(browser).await? == expected).then_some(())) },
        )
        .await
}

/// The order's status control on its page, where focus lands once an action changed it.
const STATUS_CONTROL: &str = "[data-testid=order-status-value] [data-testid=order-status]";

/// Waits for `css` to have the keyboard focus.
async fn wait_focus(browser: &Browser, css: &str, what: &str) -> Result<()> {
    browser
        .poll(&format!("focus on {what}"), DEFAULT_WAIT, || async {
            Ok(browser.is_focused(css).await?.then_some(()))
        })
        .await
}

/// The `data-status` of the four tracking steps.
async fn step_states(browser: &Browser) -> Result<Vec<String>> {
    let value = browser
        .js(
            "return [...document.querySelectorAll('[data-testid=tracking-step]')].map((s) => s.dataset.status);",
            vec![],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s.as_str().unwrap_or_default().to_owned())
        .collect())
}

pub(super) async fn wait_steps(browser: &Browser, expected: &[&str]) -> Result<()> {
    let last = std::cell::RefCell::new(Vec::new());
    let outcome = browser
        .poll(
            &format!("the tracking steps {expected:?}"),
            Duration::from_secs(15),
            || async {
                let states = step_states(browser).await?;
                let done = states == expected;
                *last.borrow_mut() = states;
                Ok(done.then_some(()))
            },
        )
        .await;
    outcome.map_err(|e| anyhow!("{e}; last steps {:?}", last.into_inner()))
}

// ----- journeys -----------------------------------------------------------------------------

pub async fn orders_find_sort_and_url_round_trip_fr_it(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "orders").await?;
    let first = wait_for(browser, "", "the first page", |_| true).await?;
    ensure!(
        first.iter().all(|r| !r.status.contains("badge--expired")),
        "expired orders are listed by default: {first:?}"
    );
    let expected = api_orders(browser, &format!("status={VISIBLE_STATUSES}&pageSize=25")).await?;
    ensure!(
        row_ids(&first) == ids(&expected)[..first.len()],
        "the first page is not the API's newest non-expired orders"
    );

    // The expired toggle, in the URL.
    browser.click(&testid("show-expired")).await?;
    wait_for(browser, "expired=shown", "expired orders too", |rows| {
        rows.iter().any(|r| r.status.contains("badge--expired"))
    })
    .await?;
    browser.click(&testid("show-expired")).await?;
    wait_for(browser, "", "expired hidden again", |rows| {
        rows.iter().all(|r| !r.status.contains("badge--expired"))
    })
    .await?;

    // By status.
    let unpaid = api_orders(browser, "status=notPaid").await?;
    ensure!(
        unpaid.len() >= 2,
        "the seed has fewer than two unpaid orders"
    );
    browser
        .click("form.filter-bar input[type=checkbox][value=notPaid]")
        .await?;
    browser.click(APPLY).await?;
    let shown = wait_for(browser, "status=notPaid", "only unpaid orders", |rows| {
        rows.iter().all(|r| r.status.contains("badge--not-paid"))
    })
    .await?;
    ensure!(
        row_ids(&shown) == ids(&unpaid),
        "the unpaid orders differ from the API's"
    );

    // By number, with Enter: one order.
    let number = id_of(&unpaid[1]);
    browser.wait_visible(SEARCH).await?;
    let field = browser.client.find(Locator::Css(SEARCH)).await?;
    field
        .send_keys(&format!("{number}{WEBDRIVER_ENTER}"))
        .await?;
    let searched = format!("q={number}&status=notPaid");
    wait_for(browser, &searched, "that one order", |rows| {
        rows.len() == 1 && rows[0].id == number
    })
    .await?;

    // Reload and Back restore the same rows.
    browser.reload().await?;
    wait_for(browser, &searched, "that one order after reload", |rows| {
        rows.len() == 1 && rows[0].id == number
    })
    .await?;
    browser.client.back().await?;
    wait_for(
        browser,
        "status=notPaid",
        "the unpaid orders again",
        |rows| rows.len() == unpaid.len(),
    )
    .await?;

    // Sorted by amount, as the API sorts it (every page, not just this one).
    browser.goto("orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    browser
        .click("[data-testid=orders-table] th[data-column=totalInclTax] button")
        .await?;
    let query = wait_query(browser, |q| q.starts_with("sort="), "a sort in the URL").await?;
    let sort = query.trim_start_matches("sort=").to_owned();
    let sorted = api_orders(
        browser,
        &format!("status={VISIBLE_STATUSES}&sort={sort}&pageSize=25"),
    )
    .await?;
    wait_for(browser, &query, "the API's order", |rows| {
        row_ids(rows) == ids(&sorted)[..rows.len().min(sorted.len())]
    })
    .await?;
    // Every column sorts.
    for column in ["date", "id", "status"] {
        browser
            .click(&format!(
                "[data-testid=orders-table] th[data-column={column}] button"
            ))
            .await?;
        wait_query(
            browser,
            |q| {
                q.contains(&format!("sort={column}"))
                    || q.contains(&format!("sort=-{column}"))
                    || (column == "date" && q.is_empty())
            },
            &format!("sorted by {column}"),
        )
        .await?;
    }

    // A date preset: this month, as the API filters it.
    browser.goto("orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    // The second preset (the last three months): never empty, whatever the day.
    browser.wait_visible("form.filter-bar button.chip").await?;
    browser
        .js(
            "document.querySelectorAll('form.filter-bar button.chip')[1].click();",
            vec![],
        )
        .await?;
    browser.click(APPLY).await?;
    let query = wait_query(
        browser,
        |q| q.starts_with("from="),
        "a date range in the URL",
    )
    .await?;
    let in_range = api_orders(browser, &format!("{query}&status={VISIBLE_STATUSES}")).await?;
    wait_for(browser, &query, "this month's orders", |rows| {
        row_ids(rows) == ids(&in_range)[..rows.len().min(in_range.len())]
    })
    .await?;

    // The row menu, open, passes axe; in Italian too.
    browser.goto("orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let menu_button = format!("{ROWS_OF_TABLE} .action-menu__button");
    browser.click(&menu_button).await?;
    browser.wait_visible("[role=menu] [role=menuitem]").await?;
    browser
        .assert_accessible("the orders, a row menu open (fr)")
        .await?;
    browser.select_language("it").await?;
    browser
        .wait_text_contains("label.orders__expired", "Mostra gli ordini scaduti")
        .await?;
    browser
        .click("form.filter-bar input[type=checkbox][value=delivered]")
        .await?;
    browser.click(APPLY).await?;
    wait_for(
        browser,
        "status=delivered",
        "delivered orders (it)",
        |rows| rows.iter().all(|r| r.status.contains("badge--delivered")),
    )
    .await?;
    browser.click(&menu_button).await?;
    browser.wait_visible("[role=menu] [role=menuitem]").await?;
    browser
        .assert_accessible("the orders, a row menu open (it)")
        .await?;
    Ok(())
}

pub async fn order_totals_and_tracking_fr_it(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let orders = api_orders(browser, "").await?;
    let delivered = id_of(find(&orders, "delivered", |o| o["status"] == "delivered")?);
    let checking = id_of(find(&orders, "in validation", |o| {
        o["status"] == "checking"
    })?);
    let documents = id_of(find(&orders, "waiting for documents", |o| {
        o["status"] == "documentsRequested"
    })?);

    // Totals add up to the cent and equal the API's.
    browser.goto(&format!("orders/{delivered}")).await?;
    let order = api_order(browser, &delivered).await?;
    let read = |id: &'static str| async move {
        let text = browser
            .wait_text(&testid(id), "to be an amount", |t| t.contains('€'))
            .await?;
        amount_of(&text)
    };
    let (excl, tax, incl) = (
        read("order-total-excl-tax").await?,
        read("order-tax").await?,
        read("order-total-incl-tax").await?,
    );
    ensure!(excl + tax == incl, "HT {excl} + TVA {tax} != TTC {incl}");
    ensure!(
        excl == api_amount(&order["totalExclTax"])?
            && tax == api_amount(&order["tax"])?
            && incl == api_amount(&order["totalInclTax"])?,
        "the totals differ from the API's: {excl} {tax} {incl} vs {order}"
    );
    wait_steps(browser, &["done", "done", "done", "done"]).await?;
    browser.assert_accessible("a delivered order (fr)").await?;

    // Its own tracking page, reached from the detail page.
    browser.click(&testid("order-tracking-link")).await?;
    browser
        .wait_path(
            &browser.app_path(&format!("orders/{delivered}/tracking")),
            DEFAULT_WAIT,
        )
        .await?;
    wait_steps(browser, &["done", "done", "done", "done"]).await?;

    // In validation: the second step is in progress, the history translated.
    browser.goto(&format!("orders/{checking}/tracking")).await?;
    wait_steps(browser, &["done", "doing", "todo", "todo"]).await?;
    let history = browser
        .text_of("[data-testid=tracking-step]")
        .await?
        .unwrap_or_default();
    ensure!(
        !history.contains("PAYMENT_RECEIVED") && history.contains("Paiement reçu"),
        "the history is not translated: {history:?}"
    );
    browser
        .assert_accessible("the tracking of an order in validation (fr)")
        .await?;

    // In error: what to do.
    browser
        .goto(&format!("orders/{documents}/tracking"))
        .await?;
    wait_steps(browser, &["done", "error", "todo", "todo"]).await?;
    browser
        .wait_text_contains(&testid("tracking-advice"), "documents")
        .await?;
    browser.select_language("it").await?;
    browser
        .wait_text_contains(&testid("tracking-advice"), "documenti")
        .await?;
    browser
        .assert_accessible("the tracking of an order in error (it)")
        .await?;
    browser.goto(&format!("orders/{delivered}")).await?;
    wait_steps(browser, &["done", "done", "done", "done"]).await?;
    browser.assert_accessible("a delivered order (it)").await?;

    // An expired order never started: no tracking data, said plainly, not four blank steps.
    let expired = api_orders(browser, "status=expired").await?;
    let expired = id_of(expired.first().ok_or_else(|| anyhow!("no expired order"))?);
    browser.goto(&format!("orders/{expired}/tracking")).await?;
    browser
        .wait_text_contains(&testid("tracking-none"), "Nessun monitoraggio disponibile")
        .await?;
    ensure!(
        step_states(browser).await?.is_empty(),
        "blank steps shown for an order without tracking"
    );
    Ok(())
}

pub async fn order_tracking_refreshes_itself(browser: &Browser) -> Result<()> {
    // The refresh every 60 s, shortened to 1 s for the test.
    let static_server = &browser.infra.static_server;
    let mut config = static_server.default_config();
    config["trackingRefreshSeconds"] = json!(1);
    static_server.set_config(config.to_string());

    browser.sign_in_at("fr-consumer", "orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let orders = api_orders(browser, "status=delivering").await?;
    // A delivery in progress on its third step.
    let mut candidate = None;
    for order in &orders {
        let id = id_of(order);
        let follow_up = api_get(browser, &format!("orders/{id}/follow-up")).await?;
        let states: Vec<&str> = follow_up["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| s["status"].as_str().unwrap_or_default())
            .collect();
        if states == ["DONE", "DONE", "DOING", "TODO"] {
            candidate = Some(id);
            break;
        }
    }
    let id = candidate.ok_or_else(|| anyhow!("no order delivering on its third step"))?;
    browser.goto(&format!("orders/{id}/tracking")).await?;
    wait_steps(browser, &["done", "done", "doing", "todo"]).await?;

    let advance = format!(
        "{}/api/v1/_dev/orders/{id}/advance",
        browser.infra.dev_api.origin
    );
    http::expect_success("POST", &advance, Some("{}")).await?;
    wait_steps(browser, &["done", "done", "done", "doing"]).await?;
    browser
        .wait_text(&testid("tracking-live"), "to announce the change", |t| {
            !t.is_empty()
        })
        .await?;
    Ok(())
}

pub async fn pay_unpaid_orders_directly_and_with_3ds(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let unpaid = api_orders(browser, "status=notPaid").await?;
    ensure!(
        unpaid.len() >= 2,
        "the seed has fewer than two unpaid orders"
    );
    let (first, second) = (id_of(&unpaid[0]), id_of(&unpaid[1]));
    let before = counters(browser).await?;

    // From the row menu to the order's pay dialog.
    let menu_button =
        format!("{ROWS_OF_TABLE}:has(a[href$=\"/orders/{first}\"]) .action-menu__button");
    browser.click(&menu_button).await?;
    let pay_item = browser
        .js(
            r#"const items = [...document.querySelectorAll('[role=menu]:not([hidden]) [role=menuitem]')];
               const pay = items.find((i) => i.textContent.includes('Payer'));
               if (pay) { pay.click(); return true; } return false;"#,
            vec![],
        )
        .await?;
    ensure!(
        pay_item == Value::Bool(true),
        "no pay item in the unpaid order's menu"
    );
    browser.wait_visible(&testid("checkout")).await?;
    let amount = browser
        .wait_text(&testid("checkout-amount"), "to be an amount", |t| {
            t.contains('€')
        })
        .await?;
    ensure!(
        amount_of(&amount)? == api_amount(&unpaid[0]["totalInclTax"])?,
        "the dialog's amount {amount} is not the order's"
    );
    // The default method chosen, the expired one shown but not selectable.
    let visa = shown_id(browser, "pm-fr-visa");
    browser
        .poll("the default method to be chosen", DEFAULT_WAIT, || async {
            let checked = browser
                .js("return document.querySelector('[data-testid=checkout-method]:checked')?.value ?? null;", vec![])
                .await?;
            Ok((checked == json!(visa)).then_some(()))
        })
        .await?;
    let expired_disabled = browser
        .js(
            "return document.querySelector(`[data-testid=checkout-method][value=\"${arguments[0]}\"]`)?.disabled;",
            vec![json!(shown_id(browser, "pm-fr-cb"))],
        )
        .await?;
    ensure!(
        expired_disabled == Value::Bool(true),
        "the expired card can be chosen"
    );
    browser.assert_accessible("the pay dialog (fr)").await?;

    // A double click on confirm: one request, one payment.
    js_click(browser, &testid("checkout-confirm"), 2).await?;
    browser
        .wait_text_contains(&testid("checkout-status"), "Paiement effectué")
        .await?;
    let after = counters(browser).await?;
    let delta = |key: &str| after[key].as_u64().unwrap_or(0) - before[key].as_u64().unwrap_or(0);
    ensure!(
        delta("orderPayRequests") == 1 && delta("charges") == 1,
        "a double click sent {} request(s) and charged {} time(s)",
        delta("orderPayRequests"),
        delta("charges")
    );
    browser.click(&testid("checkout-close")).await?;
    wait_status(browser, "delivering").await?;
    ensure!(
        api_order(browser, &first).await?["status"] == "delivering",
        "the API does not hold the order as paid"
    );
    // The dialog came from the list's menu and the pay button is gone: focus is on the
    // order's new status, not lost at the top of the page.
    wait_focus(browser, STATUS_CONTROL, "the paid order's status").await?;

    // The second one in Italian, through the 3-D Secure (PayPal approval) page.
    browser.select_language("it").await?;
    browser.goto(&format!("orders/{second}")).await?;
    // Dismissed with Escape: focus back on the pay button.
    browser.click(&testid("pay-order")).await?;
    browser.wait_visible(&testid("checkout")).await?;
    browser.press("\u{E00C}").await?;
    wait_focus(browser, &testid("pay-order"), "the pay button after Escape").await?;
    browser.click(&testid("pay-order")).await?;
    browser
        .click(&format!(
            "[data-testid=checkout-method][value=\"{}\"]",
            shown_id(browser, "pm-fr-paypal")
        ))
        .await?;
    browser.assert_accessible("the pay dialog (it)").await?;
    super::invoice_payments::confirm_through_3ds(
        browser,
        "convalidato",
        &format!("/orders/{second}"),
    )
    .await?;
    wait_status(browser, "delivering").await?;
    ensure!(
        api_order(browser, &second).await?["status"] == "delivering",
        "the API does not hold the second order as paid"
    );
    Ok(())
}

pub async fn withdrawal_by_a_consumer_and_its_refusals_fr(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let orders = api_orders(browser, "").await?;

    // Refusals, each with its reason.
    let mut past = None;
    let mut excluded = None;
    for summary in &orders {
        if summary["status"] != "delivered" || summary["kind"] != "purchase" {
            continue;
        }
        let order = api_order(browser, &id_of(summary)).await?;
        let has_excluded = order["lines"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| l["withdrawalExcluded"] == true);
        let deadline_passed = !order["withdrawalDeadline"].is_null()
            && order["withdrawable"] == false
            && !has_excluded;
        if has_excluded && excluded.is_none() {
            excluded = Some(id_of(summary));
        } else if deadline_passed && past.is_none() {
            past = Some(id_of(summary));
        }
    }
    let excluded = excluded.ok_or_else(|| anyhow!("no delivered order with an excluded line"))?;
    let past = past.ok_or_else(|| anyhow!("no delivered order past its deadline"))?;
    browser.goto(&format!("orders/{excluded}")).await?;
    browser
        .wait_text_contains(&testid("withdrawal-why"), "nom de domaine")
        .await?;
    browser.goto(&format!("orders/{past}")).await?;
    browser
        .wait_text_contains(&testid("withdrawal-why"), "a pris fin")
        .await?;

    // Within the deadline: the dialog, its gating, and the withdrawal.
    let open = find(&orders, "withdrawable", |o| o["withdrawable"] == true)?;
    let id = id_of(open);
    // In Italian first, opened from the URL (as the list's menu does): axe, then dismissed
    // with Escape, focus lands on the button that opens it.
    browser.select_language("it").await?;
    browser
        .goto(&format!("orders/{id}?action=withdraw"))
        .await?;
    browser
        .wait_text_contains(
            &testid("withdrawal-dialog"),
            "diritto di recesso di 14 giorni",
        )
        .await?;
    browser
        .assert_accessible("the withdrawal dialog (it)")
        .await?;
    browser.press("\u{E00C}").await?;
    wait_focus(
        browser,
        &testid("withdraw-order"),
        "the withdrawal button after Escape",
    )
    .await?;
    browser.select_language("fr").await?;
    browser.click(&testid("withdraw-order")).await?;
    browser.wait_visible(&testid("withdrawal-dialog")).await?;
    let disabled = || async {
        Ok::<_, anyhow::Error>(
            browser
                .js(
                    "return document.querySelector(arguments[0]).disabled;",
                    vec![json!(testid("withdraw-confirm"))],
                )
                .await?
                == Value::Bool(true),
        )
    };
    ensure!(
        disabled().await?,
        "confirm is enabled before anything is chosen"
    );
    browser
        .select_in(&testid("withdraw-reason"), "changedMind")
        .await?;
    ensure!(
        disabled().await?,
        "confirm is enabled before the box is ticked"
    );
    browser
        .assert_accessible("the withdrawal dialog (fr)")
        .await?;
    browser.click(&testid("withdraw-tick")).await?;
    browser
        .poll("confirm to unlock", DEFAULT_WAIT, || async {
            Ok((!disabled().await?).then_some(()))
        })
        .await?;
    js_click(browser, &testid("withdraw-confirm"), 2).await?;
    wait_status(browser, "cancelling").await?;
    ensure!(
        api_order(browser, &id).await?["status"] == "cancelling",
        "the API does not hold the order as cancelling"
    );
    wait_focus(browser, STATUS_CONTROL, "the withdrawn order's status").await?;
    browser
        .wait_text_contains(&testid("withdrawal-why"), "annulation")
        .await?;
    Ok(())
}

pub async fn withdrawal_refused_to_a_business_it(browser: &Browser) -> Result<()> {
    browser.sign_in_at("it-business", "orders").await?;
    browser.select_language("it").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let orders = api_orders(browser, "status=delivered,delivering,checking").await?;
    let id = id_of(orders.first().ok_or_else(|| anyhow!("no paid order"))?);
    browser.goto(&format!("orders/{id}")).await?;
    browser
        .wait_text_contains(&testid("withdrawal-why"), "riservato ai consumatori")
        .await?;
    ensure!(
        !browser.is_visible(&testid("withdraw-order")).await?,
        "a business is offered the withdrawal"
    );
    browser
        .assert_accessible("an order of a business (it)")
        .await?;
    Ok(())
}

pub async fn orders_faults_show_clearly_and_retry(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "orders").await?;
    wait_for(browser, "", "the first page", |_| true).await?;
    let orders = api_orders(browser, "").await?;

    // A 500 on the list: said, and the retry works.
    browser
        .set_fault("/api/v1/orders", FaultKind::ServerError, 1)
        .await?;
    browser.reload().await?;
    let error = "[data-testid=orders-table] [data-testid=page-error], [data-testid=page-error]";
    browser.wait_visible(error).await?;
    browser
        .wait_text_contains(error, "500")
        .await
        .context("the 500 is not said")?;
    browser
        .click(&format!("{} {}", testid("page-error"), testid("retry")))
        .await?;
    wait_for(browser, "", "the orders after the retry", |_| true).await?;

    // A malformed order and tracking: said, and the retries work. (The prefix covers both
    // calls of the page.)
    let id = id_of(&orders[2]);
    browser
        .set_fault(&format!("/api/v1/orders/{id}"), FaultKind::MalformedJson, 2)
        .await?;
    browser.goto(&format!("orders/{id}")).await?;
    browser
        .poll("both sections to fail", DEFAULT_WAIT, || async {
            let count = browser
                .js(
                    "return document.querySelectorAll('[data-testid=page-error]').length;",
                    vec![],
                )
                .await?;
            Ok((count == json!(2)).then_some(()))
        })
        .await?;
    browser.assert_accessible("a malformed order (fr)").await?;
    browser
        .js(
            "document.querySelectorAll('[data-testid=page-error] [data-testid=retry]').forEach((b) => b.click());",
            vec![],
        )
        .await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("order-lines")))
        .await?;
    browser
        .poll(
            "the tracking after the retry",
            Duration::from_secs(15),
            || async { Ok((step_states(browser).await?.len() == 4).then_some(())) },
        )
        .await?;

    // A description with markup stays text (the seed's third order has one).
    let lines = browser
        .text_of(&testid("order-lines"))
        .await?
        .unwrap_or_default();
    ensure!(
        lines.contains("<script>alert(1)</script>"),
        "the description with markup is not shown as text: {lines:?}"
    );
    let scripts = browser
        .js(
            "return document.querySelectorAll('main script').length;",
            vec![],
        )
        .await?;
    ensure!(scripts == json!(0), "a description became markup");

    // A 2,000-character description (the sixth order) wraps rather than widening the page.
    browser
        .goto(&format!("orders/{}", id_of(&orders[5])))
        .await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("order-lines")))
        .await?;
    let overflow = browser
        .js(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await?;
    ensure!(
        overflow == json!(false),
        "a long description widens the page"
    );

    // In Italian: the malformed order and the 500 on the list, said in Italian, retried.
    browser.select_language("it").await?;
    browser
        .set_fault(&format!("/api/v1/orders/{id}"), FaultKind::MalformedJson, 2)
        .await?;
    browser.goto(&format!("orders/{id}")).await?;
    browser
        .wait_text_contains(&testid("page-error"), "non è leggibile")
        .await?;
    browser.assert_accessible("a malformed order (it)").await?;
    browser
        .js(
            "document.querySelectorAll('[data-testid=page-error] [data-testid=retry]').forEach((b) => b.click());",
            vec![],
        )
        .await?;
    browser
        .wait_visible(&format!("{} tbody tr td", testid("order-lines")))
        .await?;
    browser
        .set_fault("/api/v1/orders", FaultKind::ServerError, 1)
        .await?;
    browser.goto("orders").await?;
    browser
        .wait_text_contains(&testid("page-error"), "codice 500")
        .await?;
    browser
        .click(&format!("{} {}", testid("page-error"), testid("retry")))
        .await?;
    wait_for(browser, "", "the orders after the retry (it)", |_| true).await?;
    Ok(())
}
