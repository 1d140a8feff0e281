//! The app shell: header, navigation, language.

use anyhow::{Result, ensure};

use crate::browser::{Browser, testid};

pub async fn home_shows_customer_name_in_french(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser
        .wait_text_contains(&testid("customer-name"), "Camille Dupont")
        .await?;
    // The browser is configured for fr-FR and the customer's locale is fr.
    browser.wait_html_lang("fr").await?;
    browser
        .wait_text_contains(&testid("primary-nav"), "Mes commandes")
        .await?;
    Ok(())
}

pub async fn switching_to_italian_changes_navigation(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser
        .wait_text_contains(&testid("primary-nav"), "Mes commandes")
        .await?;
    browser.select_language("it").await?;
    let nav = testid("primary-nav");
    browser.wait_text_contains(&nav, "I tuoi ordini").await?;
    browser.wait_text_contains(&nav, "Fatture").await?;

    browser.reload().await?;
    browser.wait_visible(&testid("customer-name")).await?;
    browser.wait_html_lang("it").await?;
    browser.wait_text_contains(&nav, "I tuoi ordini").await?;
    Ok(())
}

pub async fn switching_language_keeps_the_page(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "invoices").await?;
    let invoices = browser.app_path("invoices");
    browser
        .wait_path(&invoices, crate::browser::DEFAULT_WAIT)
        .await?;
    browser.wait_visible(&testid("page-heading")).await?;
    browser.select_language("it").await?;
    browser
        .wait_text_contains(&testid("page-heading"), "Fatture")
        .await?;
    let path = browser.current_path().await?;
    ensure!(
        path == invoices,
        "switching language moved the page from {invoices} to {path}"
    );
    Ok(())
}
