//! axe-core audits of representative pages in each language.

use anyhow::Result;

use crate::browser::{Browser, testid};

const MISSING_ROUTE: &str = "this-does-not-exist";

pub async fn axe_dashboard_and_404_fr_it(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    for language in ["fr", "it"] {
        browser.goto("").await?;
        browser.select_language(language).await?;
        // Audit the settled page, not the loading skeleton.
        browser.wait_visible(&testid("balance-due")).await?;
        browser.wait_visible(&testid("latest-orders")).await?;
        browser
            .assert_accessible(&format!("the dashboard ({language})"))
            .await?;

        browser.goto(MISSING_ROUTE).await?;
        browser.wait_visible(&testid("not-found")).await?;
        browser.wait_html_lang(language).await?;
        browser
            .assert_accessible(&format!("the 404 page ({language})"))
            .await?;
    }
    Ok(())
}
