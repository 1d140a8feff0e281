//! `billing-e2e screenshots DIR`: every page of the portal, whole, at 360 px (a touch
//! phone), 768 px (a portrait tablet) and 1280 px (a desk), signed in as the French demo customer, into
//! `DIR/360/<page>.png` and `DIR/1280/<page>.png` (and the gallery's header
//! frames, `gallery-header.png`), so a designer sees every page at both
//! sizes without signing in by hand. Same infrastructure as the journeys.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::browser::{Browser, PHONE, PageLoad, testid};
use crate::infra::Infra;

/// The pages, by file name, route and what shows once the page has its data.
const PAGES: [(&str, &str, &str); 5] = [
    ("dashboard", "", "latest-orders"),
    ("orders", "orders", "orders-table"),
    ("invoices", "invoices", "invoices-table"),
    ("payments", "payments", "payments-table"),
    (
        "payment-methods",
        "payment-methods",
        "payment-methods-table",
    ),
];

/// Serves a config.json that shows the gallery (off by default).
fn gallery_on(browser: &Browser) {
    let server = &browser.infra.static_server;
    let mut config = server.default_config();
    if let Some(object) = config.as_object_mut() {
        object.insert("gallery".into(), true.into());
    }
    server.set_config(config.to_string());
}

pub async fn run(infra: Arc<Infra>, out: &Path) -> Result<bool> {
    infra.reset().await?;
    let browser = Browser::open(infra, PageLoad::Normal).await?;
    let outcome = shoot_all(&browser, out).await;
    browser.close().await;
    outcome?;
    println!("screenshots written to {}", out.display());
    Ok(true)
}

async fn shoot_all(browser: &Browser, out: &Path) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    for width in [PHONE.0, 768, 1280] {
        let dir = out.join(width.to_string());
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        if width == PHONE.0 {
            browser.emulate_phone().await?;
        } else {
            browser.emulate_desktop(width, 900).await?;
        }
        for (name, route, ready) in PAGES {
            browser.goto(route).await?;
            let rows = format!("{} tbody tr > *", testid(ready));
            browser.wait_visible(&rows).await?;
            browser
                .full_page_screenshot(&dir.join(format!("{name}.png")))
                .await?;
            // One order and one invoice, the first of their lists.
            let detail = match name {
                "orders" => Some(("order", "order-lines")),
                "invoices" => Some(("invoice", "invoice-lines")),
                _ => None,
            };
            if let Some((detail, lines)) = detail {
                browser
                    .click(&format!("{} tbody tr a", testid(ready)))
                    .await?;
                browser
                    .wait_visible(&format!("{} tbody tr > *", testid(lines)))
                    .await?;
                browser
                    .full_page_screenshot(&dir.join(format!("{detail}.png")))
                    .await?;
            }
        }
        // The gallery's header frames: the 360 px header and the wide one.
        gallery_on(browser);
        browser.goto("_gallery/").await?;
        let frames = format!(".gallery__frames:has({})", testid("gallery-header-narrow"));
        browser.wait_visible(&frames).await?;
        browser
            .element_screenshot(&frames, &dir.join("gallery-header.png"))
            .await?;
        println!(
            "{width} px: {} pages and the gallery's header",
            PAGES.len() + 2
        );
    }
    Ok(())
}
