//! The dashboard: balance due and the latest orders, formatted per locale.

use anyhow::{Context, Result, ensure};
use regex::Regex;
use serde_json::json;

use super::orders::{amount_of, api_amount, api_get};
use crate::browser::{Browser, testid};

/// `1 234,56 €` with U+202F as thousands separator and U+00A0 before the euro sign.
const FRENCH_EURO: &str = r"^\d{1,3}(\x{202F}\d{3})*,\d{2}\x{00A0}€$";
/// `1.234,56 €` with U+00A0 before the euro sign.
const ITALIAN_EURO: &str = r"^\d{1,3}(\.\d{3})*,\d{2}\x{00A0}€$";

pub async fn dashboard_shows_balance_and_latest_orders_fr(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser.wait_html_lang("fr").await?;
    check_dashboard(browser, FRENCH_EURO).await
}

pub async fn dashboard_shows_balance_and_latest_orders_it(browser: &Browser) -> Result<()> {
    browser.sign_in("it-business").await?;
    // Explicit, so the journey does not depend on how the app picks its initial language.
    browser.select_language("it").await?;
    check_dashboard(browser, ITALIAN_EURO).await
}

async fn check_dashboard(browser: &Browser, money_pattern: &str) -> Result<()> {
    let money = Regex::new(money_pattern).expect("the money patterns are valid");
    let balance = browser
        .wait_text(
            &testid("balance-due"),
            &format!("to match {money_pattern}"),
            |text| money.is_match(text),
        )
        .await?;
    // The amount the API holds, to the cent, whichever adapter read it.
    let api = api_get(browser, "balance").await?;
    ensure!(
        amount_of(&balance)? == api_amount(&api["due"])?,
        "balance {balance:?} differs from the API's {api}"
    );

    // Each row: date, number, status badge, amount incl. tax, the tracking link
    // (cells may be th or td).
    let table = testid("latest-orders");
    browser.wait_visible(&table).await?;
    let rows = browser
        .poll(
            "`latest-orders` to have 5 body rows",
            crate::browser::DEFAULT_WAIT,
            || async {
                let rows = browser
                    .js(
                        "const rows = document.querySelectorAll(arguments[0] + ' tbody tr');
                     return Array.from(rows, (row) =>
                       Array.from(row.children, (cell) => cell.textContent.trim()));",
                        vec![json!(table)],
                    )
                    .await?;
                let rows: Vec<Vec<String>> = serde_json::from_value(rows)?;
                Ok((rows.len() == 5).then_some(rows))
            },
        )
        .await?;
    for (index, cells) in rows.iter().enumerate() {
        let row = index + 1;
        let date = cells
            .first()
            .with_context(|| format!("row {row} has no cells"))?;
        let amount = cells
            .get(3)
            .with_context(|| format!("row {row} has no amount cell"))?;
        ensure!(
            money.is_match(amount),
            "row {row}: amount {amount:?} does not match {money_pattern} (cells: {cells:?})"
        );
        // Localized dates look like 23/11/2026 or 23 nov. 2026, never like ISO 8601.
        ensure!(
            !date.is_empty() && !date.contains('T') && !date.contains('-'),
            "row {row}: date {date:?} is not localized (cells: {cells:?})"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_patterns_accept_the_documented_examples() {
        let fr = Regex::new(FRENCH_EURO).unwrap();
        assert!(fr.is_match("1\u{202F}234,56\u{A0}€"));
        assert!(fr.is_match("0,00\u{A0}€"));
        assert!(!fr.is_match("1 234,56 €"));
        let it = Regex::new(ITALIAN_EURO).unwrap();
        assert!(it.is_match("1.234,56\u{A0}€"));
        assert!(!it.is_match("1,234.56\u{A0}€"));
    }
}
