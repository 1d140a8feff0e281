//! axe-core audits of representative pages in each language.

use anyhow::{Result, ensure};
use serde_json::json;

use crate::browser::{Browser, DEFAULT_WAIT, KEY_ESCAPE, testid};

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
    gallery_shows_the_header_narrow_and_wide(browser).await?;
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

/// The header in the gallery's two frames, on a desk-sized window: the
/// 360 px one is the phone header (a menu button that opens the five
/// destinations, Escape closes it back to the button), the wide one the tabs.
async fn gallery_shows_the_header_narrow_and_wide(browser: &Browser) -> Result<()> {
    let narrow = testid("gallery-header-narrow");
    let wide = testid("gallery-header-wide");
    let nav = testid("primary-nav");
    let menu_button = testid("menu-button");
    ensure!(
        browser.is_visible(&format!("{wide} {nav}")).await?
            && !browser.is_visible(&format!("{wide} {menu_button}")).await?,
        "the wide frame shows the tabs, not the menu button"
    );
    ensure!(
        browser
            .is_visible(&format!("{narrow} {menu_button}"))
            .await?
            && !browser.is_visible(&format!("{narrow} {nav}")).await?,
        "the 360 px frame shows the menu button, its navigation folded"
    );
    browser.click(&format!("{narrow} {menu_button}")).await?;
    let links = browser
        .poll("the 360 px menu's destinations", DEFAULT_WAIT, || async {
            let shown = browser
                .js(
                    "return [...document.querySelectorAll(arguments[0])]
                       .filter((a) => a.getClientRects().length > 0).length;",
                    vec![json!(format!("{narrow} {nav} a"))],
                )
                .await?;
            Ok(shown.as_u64().filter(|&n| n > 0))
        })
        .await?;
    ensure!(
        links == 5,
        "the open menu shows {links} destinations, not 5"
    );
    browser.press(KEY_ESCAPE).await?;
    browser
        .poll(
            "the menu closed, the focus on its button",
            DEFAULT_WAIT,
            || async {
                let closed = !browser.is_visible(&format!("{narrow} {nav}")).await?;
                let focused = browser
                    .is_focused(&format!("{narrow} {menu_button}"))
                    .await?;
                Ok((closed && focused).then_some(()))
            },
        )
        .await
}

/// With the gallery switched off (the default), a deployment shows a plain notice.
pub async fn gallery_is_off_unless_configured(browser: &Browser) -> Result<()> {
    browser.goto("_gallery/").await?;
    browser.wait_visible(&testid("gallery-disabled")).await?;
    Ok(())
}
