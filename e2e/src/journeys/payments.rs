//! Payment tracking and credit notes, in French then Italian: the payments
//! filtered by date, amount and type with the URL round-trip and the sort; a
//! payment followed to its invoice and back; the credit-lowered payment
//! explained; the credit notes equal to the API's with working PDF links; a
//! 500 and a malformed payment each shown with a working retry; axe on both.

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};

use crate::browser::{Browser, DEFAULT_WAIT, testid};
use crate::infra::dev_api::FaultKind;

use super::invoice_actions::{CAPTURE_DOWNLOADS, Download, download};
use super::ovhcloud::shown_invoice_id;

const APPLY: &str = "form.filter-bar button[type=submit]";

/// GETs `path` (after `/api/v1`) from the dev API inside the page, with the
/// customer's session cookie, as the portal does.
async fn api(browser: &Browser, path: &str) -> Result<Value> {
    let base = browser.infra.static_server.default_config()["apiBaseUrl"]
        .as_str()
        .unwrap_or("/api/v1")
        .trim_end_matches('/')
        .to_owned();
    browser
        .js(
            "return fetch(arguments[0], { credentials: 'include' }).then((r) => r.json());",
            vec![json!(format!("{base}{path}"))],
        )
        .await
        .with_context(|| format!("GET {path}"))
}

/// One payment row: its settled invoice references and the text of its cells.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    invoices: Vec<String>,
    amount: String,
    method: String,
    credit: String,
}

async fn rows(browser: &Browser) -> Result<Vec<Row>> {
    let value = browser
        .js(
            r#"
            return [...document.querySelectorAll(arguments[0] + ' tbody tr:not(.data-table__message)')]
              .filter((row) => row.querySelector('[data-column=invoices]'))
              .map((row) => ({
                invoices: [...row.querySelectorAll('[data-column=invoices] a')].map((a) => a.textContent.trim()),
                amount: row.querySelector('[data-column=amount]').textContent.trim(),
                method: row.querySelector('[data-column=method]').textContent.trim(),
                credit: row.querySelector('[data-column=credit]').textContent.trim(),
              }));
            "#,
            vec![json!(testid("payments-table"))],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Row {
            invoices: row["invoices"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_owned))
                .collect(),
            amount: row["amount"].as_str().unwrap_or_default().to_owned(),
            method: row["method"].as_str().unwrap_or_default().to_owned(),
            credit: row["credit"].as_str().unwrap_or_default().to_owned(),
        })
        .collect())
}

/// The settled invoice references of each payment of an API page.
fn api_invoices(page: &Value) -> Vec<Vec<String>> {
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            p["invoices"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["reference"].as_str().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Waits until the URL's query is `expected` and the rows are the API's answer to `api_path`.
async fn wait_for_api(browser: &Browser, expected_query: &str, api_path: &str) -> Result<Vec<Row>> {
    let page = api(browser, api_path).await?;
    let expected = api_invoices(&page);
    ensure!(
        !expected.is_empty(),
        "the API has no payment for {api_path}"
    );
    let last = std::cell::RefCell::new((String::new(), Vec::new()));
    let outcome = browser
        .poll(
            &format!("?{expected_query} to list {api_path}"),
            DEFAULT_WAIT,
            || async {
                let url = browser.client.current_url().await?;
                let query = url.query().unwrap_or_default().to_owned();
                let rows = rows(browser).await?;
                let shown: Vec<Vec<String>> = rows.iter().map(|r| r.invoices.clone()).collect();
                let done = query == expected_query && shown == expected;
                *last.borrow_mut() = (query, rows);
                Ok(done.then_some(()))
            },
        )
        .await;
    let (query, rows) = last.into_inner();
    outcome.map_err(|e| {
        anyhow::anyhow!("{e}; last query {query:?}, rows {rows:?}, API {expected:?}")
    })?;
    Ok(rows)
}

async fn field_value(browser: &Browser, css: &str) -> Result<Value> {
    browser
        .js(
            "const el = document.querySelector(arguments[0]); return el ? (el.type === 'checkbox' ? el.checked : el.value) : null;",
            vec![json!(css)],
        )
        .await
}

/// Filters (date, amount, type), the URL round-trip, the sort, a payment to its invoice and
/// back, the credit-lowered payment explained; then the same page in Italian, with axe.
pub async fn payments_filter_link_and_explain_fr_it(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "payments").await?;
    let all = api(browser, "/payments?pageSize=200").await?;
    let items = all["items"].as_array().cloned().unwrap_or_default();
    ensure!(items.len() > 5, "too few seeded payments: {}", items.len());

    // A date range and an amount range that hold several payments, and a type: by URL.
    let dates: Vec<&str> = items
        .iter()
        .filter_map(|p| p["date"].as_str())
        .map(|d| &d[..10])
        .collect();
    let (from, to) = (dates[dates.len() / 2], dates[1]);
    let url_query = format!("from={from}&to={to}&min=1&max=5000&type=card");
    browser.goto(&format!("payments?{url_query}")).await?;
    let api_query = format!("from={from}&to={to}&type=card&minAmount=1&maxAmount=5000&pageSize=25");
    let rows = wait_for_api(browser, &url_query, &format!("/payments?{api_query}")).await?;
    ensure!(
        rows.iter().all(|r| r.method.starts_with("Carte bancaire")),
        "a payment that is not by card: {rows:?}"
    );
    // The bar shows the URL's filter.
    let card = "form.filter-bar input[type=checkbox][value=card]";
    ensure!(
        field_value(browser, card).await? == json!(true),
        "the card box is unticked"
    );
    ensure!(
        field_value(browser, "form.filter-bar input[type=date]").await? == json!(from),
        "the start date is not in the bar"
    );
    browser
        .assert_accessible("the payments, filtered (fr)")
        .await?;

    // Another type through the bar: a new URL, the API's answer for it.
    browser
        .click("form.filter-bar input[type=checkbox][value=sepa]")
        .await?;
    browser.click(APPLY).await?;
    let url_query = format!("from={from}&to={to}&min=1&max=5000&type=card,sepa");
    let api_query =
        format!("from={from}&to={to}&type=card,sepa&minAmount=1&maxAmount=5000&pageSize=25");
    wait_for_api(browser, &url_query, &format!("/payments?{api_query}")).await?;
    // It survives a reload, and Back returns to the card-only list.
    browser.reload().await?;
    wait_for_api(browser, &url_query, &format!("/payments?{api_query}")).await?;
    browser.client.back().await?;
    let card_only = format!("from={from}&to={to}&min=1&max=5000&type=card");
    browser
        .poll(
            "Back to restore the card-only filter",
            DEFAULT_WAIT,
            || async {
                let url = browser.client.current_url().await?;
                let sepa = field_value(browser, "form.filter-bar input[type=checkbox][value=sepa]")
                    .await?;
                Ok((url.query() == Some(card_only.as_str()) && sepa == json!(false)).then_some(()))
            },
        )
        .await?;

    // Sorted by amount, in the URL, as the API sorts.
    browser.goto("payments").await?;
    wait_for_api(browser, "", "/payments?pageSize=25").await?;
    browser
        .click(&format!(
            "{} th[data-column=amount] button",
            testid("payments-table")
        ))
        .await?;
    wait_for_api(browser, "sort=amount", "/payments?sort=amount&pageSize=25").await?;
    browser
        .click(&format!(
            "{} th[data-column=amount] button",
            testid("payments-table")
        ))
        .await?;
    wait_for_api(
        browser,
        "sort=-amount",
        "/payments?sort=-amount&pageSize=25",
    )
    .await?;

    // A payment to its invoice, and back to that payment alone.
    let first = &items[0];
    let invoice_reference = first["invoices"][0]["reference"]
        .as_str()
        .unwrap_or_default();
    let payment_id = first["id"].as_str().unwrap_or_default();
    browser.goto("payments").await?;
    wait_for_api(browser, "", "/payments?pageSize=25").await?;
    let link = format!(
        "{} tbody tr:first-child [data-column=invoices] a",
        testid("payments-table")
    );
    browser.wait_text_contains(&link, invoice_reference).await?;
    browser.click(&link).await?;
    browser
        .wait_text_contains(&testid("page-heading"), invoice_reference)
        .await?;
    let see_payment = format!("{} a[href*='{payment_id}']", testid("invoice-payments"));
    browser.click(&see_payment).await?;
    let single = format!("payment={payment_id}");
    wait_for_api(browser, &single, &format!("/payments?id={payment_id}")).await?;
    browser.wait_visible(&testid("single-payment")).await?;

    // The payment a credit note lowered says so, with the amount, and names the credit note.
    let lowered = items
        .iter()
        .find(|p| !p["creditApplied"].is_null())
        .context("no seeded payment was lowered by a credit note")?;
    let lowered_id = lowered["id"].as_str().unwrap_or_default();
    let credit = lowered["creditApplied"]["amount"]
        .as_str()
        .unwrap_or_default();
    let note_reference = lowered["creditNote"]["reference"]
        .as_str()
        .unwrap_or_default();
    browser
        .goto(&format!("payments?payment={lowered_id}"))
        .await?;
    let rows = wait_for_api(
        browser,
        &format!("payment={lowered_id}"),
        &format!("/payments?id={lowered_id}"),
    )
    .await?;
    let french_credit = credit.replace('.', ",");
    // An OVHcloud deposit says what it paid and what it charged, so the credit is known,
    // but not which refund it came from: the credit note is named only where the API
    // names it.
    let note_reference = if browser.through_ovhcloud() {
        ""
    } else {
        note_reference
    };
    ensure!(
        rows[0].credit.contains(note_reference)
            && rows[0].credit.contains("a diminué ce paiement")
            && rows[0].credit.contains(&french_credit),
        "the lowered payment is not explained: {:?} (credit {credit}, note {note_reference})",
        rows[0].credit
    );
    // Its invoice explains it too.
    let lowered_invoice = shown_invoice_id(browser, &lowered["invoices"][0]);
    browser.goto(&format!("invoices/{lowered_invoice}")).await?;
    browser
        .wait_text_contains(&testid("invoice-payments"), "a diminué ce paiement")
        .await?;
    browser
        .assert_accessible("an invoice with its payments (fr)")
        .await?;

    // Italian: the same explanation, translated, and axe.
    browser
        .goto(&format!("payments?payment={lowered_id}"))
        .await?;
    browser.select_language("it").await?;
    browser
        .wait_text_contains(&testid("payments-table"), "ha ridotto questo pagamento")
        .await?;
    browser
        .wait_text_contains(&testid("page-heading"), "Controllo dei pagamenti")
        .await?;
    browser.goto("payments?type=transfer").await?;
    let rows = wait_for_api(
        browser,
        "type=transfer",
        "/payments?type=transfer&pageSize=25",
    )
    .await?;
    ensure!(
        rows.iter().all(|r| r.method.starts_with("Bonifico")),
        "transfers not named in Italian: {rows:?}"
    );
    browser.assert_accessible("the payments (it)").await?;
    Ok(())
}

/// The credit notes list equals the API's, its links work, a payment's credit note is one
/// click away; in French and Italian, with axe.
pub async fn credit_notes_match_the_api_fr_it(browser: &Browser) -> Result<()> {
    browser.sign_in_at("it-business", "credit-notes").await?;
    let page = api(browser, "/credit-notes?pageSize=25").await?;
    let expected: Vec<(String, String, String)> = page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            (
                n["reference"].as_str().unwrap_or_default().to_owned(),
                n["originalInvoiceReference"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                n["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    ensure!(!expected.is_empty(), "no seeded credit note");
    for lang in ["it", "fr"] {
        browser.select_language(lang).await?;
        let shown = browser
            .poll("the credit notes to equal the API's", DEFAULT_WAIT, || async {
                let value = browser
                    .js(
                        r#"return [...document.querySelectorAll(arguments[0] + ' tbody tr:not(.data-table__message)')]
                          .filter((row) => row.querySelector('[data-column=invoice] a'))
                          .map((row) => [
                            row.querySelector('[data-column=reference]').textContent.trim(),
                            row.querySelector('[data-column=invoice] a').textContent.trim(),
                            row.querySelector('[data-column=reason]').textContent.trim(),
                          ]);"#,
                        vec![json!(testid("credit-notes-table"))],
                    )
                    .await?;
                let shown: Vec<(String, String, String)> = serde_json::from_value(value)?;
                Ok((shown == expected).then_some(shown))
            })
            .await?;
        ensure!(shown.len() == expected.len(), "{shown:?}");
        let explanation = browser
            .text_of(&testid("credit-notes-explanation"))
            .await?
            .unwrap_or_default();
        let lowers = if lang == "it" {
            "prossimo pagamento"
        } else {
            "prochain paiement"
        };
        ensure!(
            explanation.contains(lowers),
            "no explanation in {lang}: {explanation:?}"
        );
        browser
            .assert_accessible(&format!("the credit notes ({lang})"))
            .await?;
    }
    // Every PDF and HTML link answers with the document.
    let links = browser
        .js(
            "return [...document.querySelectorAll('[data-testid=credit-note-pdf], [data-testid=credit-note-html]')].map((a) => a.href);",
            vec![],
        )
        .await?;
    let links: Vec<String> = serde_json::from_value(links)?;
    ensure!(
        links.len() == expected.len() * 2,
        "missing links: {links:?}"
    );
    for link in links {
        let kind = browser
            .js(
                "return fetch(arguments[0], { credentials: 'include' }).then((r) => r.ok ? r.headers.get('content-type') : 'HTTP ' + r.status);",
                vec![json!(link)],
            )
            .await?;
        let kind = kind.as_str().unwrap_or_default();
        ensure!(
            kind.starts_with("application/pdf") || kind.starts_with("text/html"),
            "{link} answered {kind}"
        );
    }
    // From the payments tab to the credit notes tab and back.
    browser
        .click(&format!("{} a[href$='/payments']", testid("payments-tabs")))
        .await?;
    browser
        .wait_visible(&format!(
            "{} tbody tr [data-column=invoices] a",
            testid("payments-table")
        ))
        .await?;
    browser
        .click(&format!(
            "{} a[href$='/credit-notes']",
            testid("payments-tabs")
        ))
        .await?;
    browser
        .wait_visible(&testid("credit-notes-explanation"))
        .await?;
    Ok(())
}

/// A 500, then a payment with a malformed amount: each explained, each retried to the
/// list; in French, then in Italian.
pub async fn payments_errors_show_and_retry(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "payments").await?;
    let first_row = format!(
        "{} tbody tr [data-column=invoices] a",
        testid("payments-table")
    );
    browser.wait_visible(&first_row).await?;
    let error = testid("page-error");
    for (lang, kind, says) in [
        ("fr", FaultKind::ServerError, "(code 500)"),
        ("fr", FaultKind::BadField, "amount"),
        ("it", FaultKind::ServerError, "(codice 500)"),
        ("it", FaultKind::BadField, "non è leggibile (campo «"),
    ] {
        if lang == "it" {
            browser.select_language("it").await?;
        }
        browser.set_fault("/api/v1/payments", kind, 1).await?;
        browser.reload().await?;
        browser.wait_text_contains(&error, says).await?;
        browser
            .assert_accessible(&format!("the payments, failed ({lang})"))
            .await?;
        browser
            .click(&format!("{error} {}", testid("retry")))
            .await?;
        browser.wait_visible(&first_row).await?;
    }
    Ok(())
}

/// The cells of a `;`-separated file with quotes (RFC 4180), BOM removed.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    rows
}

/// The CSV of everything a filter matches equals the API's payments for it, cent for cent,
/// in French; the selection exports only the ticked rows, in Italian.
pub async fn payments_csv_export_equals_the_api(browser: &Browser) -> Result<()> {
    browser
        .sign_in_at("fr-consumer", "payments?type=card")
        .await?;
    browser.js(CAPTURE_DOWNLOADS, vec![]).await?;
    let page = api(browser, "/payments?type=card&pageSize=200").await?;
    let expected = page["items"].as_array().cloned().unwrap_or_default();
    ensure!(
        expected.len() > 25,
        "the card payments fit one page: the export would not prove paging"
    );
    browser
        .wait_visible(&format!(
            "{} tbody tr [data-column=invoices] a",
            testid("payments-table")
        ))
        .await?;
    browser.click(&testid("export-all")).await?;
    let Download { name, bytes } = download(browser, 0).await?;
    ensure!(
        name.starts_with("paiements-") && name.ends_with(".csv"),
        "file name {name}"
    );
    ensure!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let text = String::from_utf8(bytes).context("the CSV is not UTF-8")?;
    let rows = parse_csv(&text, ';');
    let headers_fr = [
        "Identifiant du paiement",
        "Date",
        "Montant",
        "Devise",
        "Type de paiement",
        "Moyen de paiement",
        "Statut",
        "Factures réglées",
        "Avoir",
        "Montant de l'avoir",
    ];
    ensure!(
        rows[0] == headers_fr,
        "French headers expected: {:?}",
        rows[0]
    );
    ensure!(
        rows.len() == expected.len() + 1,
        "{} rows for {} payments",
        rows.len() - 1,
        expected.len()
    );
    for (row, payment) in rows[1..].iter().zip(&expected) {
        let amount = payment["amount"]["amount"]
            .as_str()
            .unwrap_or_default()
            .replace('.', ",");
        let invoices: Vec<&str> = payment["invoices"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["reference"].as_str())
            .collect();
        let credit_amount = payment["creditApplied"]["amount"]
            .as_str()
            .unwrap_or_default()
            .replace('.', ",");
        ensure!(
            row[0] == payment["id"].as_str().unwrap_or_default()
                && row[1] == payment["date"].as_str().unwrap_or_default()[..10]
                && row[2] == amount
                && row[3] == payment["amount"]["currency"].as_str().unwrap_or_default()
                && row[4] == "Carte bancaire"
                && row[5]
                    == payment["paymentMethod"]["label"]
                        .as_str()
                        .unwrap_or_default()
                && row[7] == invoices.join(", ")
                && (row[8]
                    == payment["creditNote"]["reference"]
                        .as_str()
                        .unwrap_or_default()
                    // OVHcloud does not say which refund lowered a deposit (see above).
                    || (browser.through_ovhcloud() && row[8].is_empty()))
                && row[9] == credit_amount,
            "row {row:?} differs from {payment}"
        );
    }
    browser
        .wait_text_contains(&testid("export-status"), &name)
        .await?;

    // In Italian, two ticked rows: exactly those two, Italian headers.
    browser.select_language("it").await?;
    let boxes = format!("{} tbody tr input[type=checkbox]", testid("payments-table"));
    browser
        .click(&format!(
            "{} tbody tr:nth-child(1) input[type=checkbox]",
            testid("payments-table")
        ))
        .await?;
    browser
        .click(&format!(
            "{} tbody tr:nth-child(2) input[type=checkbox]",
            testid("payments-table")
        ))
        .await?;
    browser.wait_visible(&boxes).await?;
    browser
        .wait_text_contains(&testid("export-selection"), "(2)")
        .await?;
    browser.click(&testid("export-selection")).await?;
    let Download { name, bytes } = download(browser, 1).await?;
    ensure!(
        name.starts_with("pagamenti-"),
        "Italian file name expected: {name}"
    );
    ensure!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM (it)");
    let text = String::from_utf8(bytes).context("the CSV is not UTF-8")?;
    let rows = parse_csv(&text, ';');
    ensure!(
        rows[0][0] == "Identificativo del pagamento",
        "{:?}",
        rows[0]
    );
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let first_two: Vec<&str> = expected[..2]
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    ensure!(
        ids == first_two,
        "selection exported {ids:?}, expected {first_two:?}"
    );
    for (row, payment) in rows[1..].iter().zip(&expected) {
        let amount = payment["amount"]["amount"]
            .as_str()
            .unwrap_or_default()
            .replace('.', ",");
        ensure!(
            row[2] == amount && row[3] == "EUR",
            "row {row:?} differs from {payment}"
        );
    }
    Ok(())
}
