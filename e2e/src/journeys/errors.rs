//! Failure paths: bad configuration, API errors, expired sessions.

use anyhow::{Result, ensure};

use crate::browser::{Browser, demo_customer_link, testid};
use crate::infra::dev_api::FaultKind;

pub async fn bad_config_shows_translated_error(browser: &Browser) -> Result<()> {
    let static_server = &browser.infra.static_server;
    let mut config = static_server.default_config();
    config
        .as_object_mut()
        .expect("the default config is an object")
        .remove("apiBaseUrl");
    static_server.set_config(config.to_string());

    browser.goto("").await?;
    let error = testid("config-error");
    browser.wait_visible(&error).await?;
    let text = browser.wait_text_contains(&error, "apiBaseUrl").await?;
    // The browser asks for French; no customer is known yet, so the message must be French.
    browser.wait_html_lang("fr").await?;
    ensure!(
        looks_french(&text),
        "the config error does not look French: {text:?}"
    );
    Ok(())
}

/// A deliberately loose check: French function words or accented letters that an English
/// or Italian sentence about a configuration error would not contain.
fn looks_french(text: &str) -> bool {
    let padded = format!(" {} ", text.to_lowercase());
    [
        " la ", " le ", " les ", " du ", " des ", " est ", " une ", " pas ", "é", "è", "ê",
    ]
    .iter()
    .any(|marker| padded.contains(marker))
}

pub async fn balance_500_shows_error_and_retry_works(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser.wait_visible(&testid("balance-due")).await?;
    browser
        .set_fault("/api/v1/balance", FaultKind::ServerError, 1)
        .await?;
    browser.reload().await?;

    let error = testid("page-error");
    browser.wait_visible(&error).await?;
    let retry = format!("{error} {}", testid("retry"));
    browser.click(&retry).await?;
    browser.wait_visible(&testid("balance-due")).await?;
    Ok(())
}

pub async fn unauthorized_leads_to_sign_in_and_back(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "invoices").await?;
    let invoices = browser.app_path("invoices");
    browser
        .wait_path(&invoices, crate::browser::DEFAULT_WAIT)
        .await?;
    // The page's own requests (the list, its totals) have all been answered: none still
    // in flight can take the one 401 meant for the page after the refresh.
    browser
        .wait_visible(&format!("{} tbody tr", testid("invoices-table")))
        .await?;
    browser.wait_visible(&testid("summary-due")).await?;

    browser
        .set_fault("/api/v1/", FaultKind::Unauthorized, 1)
        .await?;
    browser.client.refresh().await?;
    let demo_link = &demo_customer_link("fr-consumer");
    browser
        .wait_visible_for(demo_link, std::time::Duration::from_secs(20))
        .await?;
    let url = browser.current_url().await?;
    let api_origin = &browser.infra.dev_api.origin;
    ensure!(
        url.starts_with(api_origin),
        "expected the dev API's sign-in page, got {url}"
    );
    browser.click(demo_link).await?;
    browser
        .wait_visible_for(&testid("customer-name"), std::time::Duration::from_secs(20))
        .await?;
    browser.install_page_probes().await?;
    browser
        .wait_path(&invoices, crate::browser::DEFAULT_WAIT)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::looks_french;

    #[test]
    fn recognises_french_sentences() {
        assert!(looks_french(
            "La configuration est invalide : apiBaseUrl manque."
        ));
        assert!(looks_french("Paramètre apiBaseUrl manquant"));
        assert!(!looks_french(
            "The configuration is invalid: apiBaseUrl is missing."
        ));
        assert!(!looks_french(
            "Configurazione non valida: manca apiBaseUrl."
        ));
    }
}
