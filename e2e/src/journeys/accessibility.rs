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

/// The design-system gallery (its own app under `_gallery/`, switched on by
/// config.json) in both themes and both languages: every component in every
/// state passes axe.
pub async fn axe_gallery_both_themes_and_languages(browser: &Browser) -> Result<()> {
    let static_server = &browser.infra.static_server;
    let mut config = static_server.default_config();
    config
        .as_object_mut()
        .expect("the default config is an object")
        .insert("gallery".into(), true.into());
    static_server.set_config(config.to_string());

    browser.goto("_gallery/").await?;
    browser.wait_visible(&testid("gallery")).await?;
    for language in ["fr", "it"] {
        browser
            .select_in(&testid("gallery-locale"), language)
            .await?;
        for theme in ["light", "dark"] {
            browser.select_in(&testid("gallery-theme"), theme).await?;
            browser
                .assert_accessible(&format!("the gallery ({language}, {theme})"))
                .await?;
        }
    }
    Ok(())
}

/// With the gallery switched off (the default), a deployment shows a plain notice.
pub async fn gallery_is_off_unless_configured(browser: &Browser) -> Result<()> {
    browser.goto("_gallery/").await?;
    browser.wait_visible(&testid("gallery-disabled")).await?;
    Ok(())
}
