//! Filtering the invoices: by status, then by reference, through the filter bar; the filter
//! is in the URL, kept by the pagination, reset to page 1 by a new filter, survives a reload,
//! follows the back button, and an empty result offers to clear it.

use anyhow::{Result, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use crate::browser::{Browser, DEFAULT_WAIT, testid};

const SEARCH: &str = "form.filter-bar input[type=search]";
const PAID: &str = "form.filter-bar input[type=checkbox][value=paid]";
const APPLY: &str = "form.filter-bar button[type=submit]";
const WEBDRIVER_ENTER: &str = "\u{E007}";

/// One invoice row as the table shows it.
#[derive(Debug)]
struct Row {
    reference: String,
    status: String,
}

/// The rows of the invoices table (none while it shows a message or skeletons).
async fn rows(browser: &Browser) -> Result<Vec<Row>> {
    let value = browser
        .js(
            r#"
            return [...document.querySelectorAll(arguments[0] + ' tbody tr:not(.data-table__message)')]
              .filter((row) => row.querySelector('[data-column=reference]'))
              .map((row) => ({
                reference: row.querySelector('[data-column=reference]').textContent.trim(),
                status: row.querySelector('[data-column=status] .badge')?.className ?? '',
              }));
            "#,
            vec![json!(testid("invoices-table"))],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Row {
            reference: row["reference"].as_str().unwrap_or_default().to_owned(),
            status: row["status"].as_str().unwrap_or_default().to_owned(),
        })
        .collect())
}

/// Waits until the URL's query is `expected` (without `?`) and the rows satisfy `accept`.
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
    outcome.map_err(|error| anyhow::anyhow!("{error}; last query {query:?}, rows {rows:?}"))?;
    Ok(rows)
}

async fn search_text(browser: &Browser) -> Result<String> {
    let value = browser
        .js(
            "return document.querySelector(arguments[0]).value;",
            vec![json!(SEARCH)],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

async fn is_checked(browser: &Browser, css: &str) -> Result<bool> {
    let value = browser
        .js(
            "return document.querySelector(arguments[0]).checked;",
            vec![json!(css)],
        )
        .await?;
    Ok(value == Value::Bool(true))
}

async fn type_and_enter(browser: &Browser, text: &str) -> Result<()> {
    browser.wait_visible(SEARCH).await?;
    let field = browser.client.find(Locator::Css(SEARCH)).await?;
    field.send_keys(&format!("{text}{WEBDRIVER_ENTER}")).await?;
    Ok(())
}

pub async fn invoices_filter_by_status_and_reference(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "invoices").await?;
    let summary = "p.list-summary";
    let all = wait_for(browser, "", "rows", |_| true).await?;
    let everything = browser
        .wait_text(summary, "to count the invoices", |t| t.contains("facture"))
        .await?;

    // Only the paid ones: a status, applied with the button.
    browser.click(PAID).await?;
    browser.click(APPLY).await?;
    let paid = wait_for(browser, "status=paid", "only paid invoices", |rows| {
        rows.iter().all(|row| row.status.contains("badge--paid"))
    })
    .await?;
    browser
        .wait_text(summary, "to count fewer invoices", |t| {
            t.contains("facture") && t != everything
        })
        .await?;
    ensure!(
        all.iter().any(|row| !row.status.contains("badge--paid")),
        "the seeded account has only paid invoices on its first page, nothing to filter out"
    );

    // The next page keeps the filter.
    browser.click("nav.pagination a[rel=next]").await?;
    wait_for(
        browser,
        "status=paid&page=2",
        "the next paid invoices",
        |rows| {
            rows.iter().all(|row| row.status.contains("badge--paid"))
                && rows.iter().all(|row| row.reference != paid[0].reference)
        },
    )
    .await?;

    // And one reference (from the first page), typed and submitted with Enter: back to page 1.
    let reference = paid[0].reference.clone();
    type_and_enter(browser, &reference).await?;
    let expected_query = format!("q={reference}&status=paid");
    wait_for(browser, &expected_query, "that one invoice", |rows| {
        rows.len() == 1 && rows[0].reference == reference
    })
    .await?;
    browser
        .wait_text(summary, "to say one invoice", |t| t == "1 facture")
        .await?;
    browser
        .assert_accessible("the invoices, filtered (fr)")
        .await?;

    // The filter is in the URL: a reload shows the same list and the same filter bar.
    browser.reload().await?;
    wait_for(browser, &expected_query, "that one invoice again", |rows| {
        rows.len() == 1 && rows[0].reference == reference
    })
    .await?;
    ensure!(
        search_text(browser).await? == reference,
        "the search field lost the reference on reload"
    );
    ensure!(
        is_checked(browser, PAID).await?,
        "the paid box is unticked after reload"
    );

    // Back: the previous filter and page, in the list and in the bar.
    browser.client.back().await?;
    wait_for(
        browser,
        "status=paid&page=2",
        "paid invoices again",
        |rows| rows.len() > 1 && rows.iter().all(|row| row.status.contains("badge--paid")),
    )
    .await?;
    browser
        .poll("the search field to empty", DEFAULT_WAIT, || async {
            Ok(search_text(browser).await?.is_empty().then_some(()))
        })
        .await?;

    // Nothing matches: the table says so and offers to clear the filters.
    type_and_enter(browser, "ZZZ-NO-SUCH-INVOICE").await?;
    let empty_state = format!("{} .empty-state", testid("invoices-table"));
    browser
        .wait_text_contains(&empty_state, "Aucune facture ne correspond à ces filtres")
        .await?;
    browser
        .assert_accessible("the invoices, nothing matches (fr)")
        .await?;
    browser.click(&format!("{empty_state} button")).await?;
    wait_for(browser, "", "every invoice again", |rows| {
        rows.len() == all.len()
    })
    .await?;
    browser
        .wait_text(summary, "to count every invoice again", |t| t == everything)
        .await?;
    ensure!(
        search_text(browser).await?.is_empty() && !is_checked(browser, PAID).await?,
        "the filter bar still shows a filter after clearing"
    );
    Ok(())
}
