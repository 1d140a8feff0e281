//! Payment methods: the list with every status and its warnings, managing methods (default,
//! description, delete, refusals, a 500, a double click) in French, and adding them (card
//! through the provider's page, SEPA with IBAN validation) in Italian.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use fantoccini::Locator;
use serde_json::json;

use super::ovhcloud::shown_id;
use crate::browser::{Browser, DEFAULT_WAIT, testid};
use crate::infra::dev_api::FaultKind;

const METHODS_API: &str = "/api/v1/payment-methods";
const OVHCLOUD_METHODS_API: &str = "/ovh/1.0/me/payment/method";

fn row(id: &str) -> String {
    format!("[data-testid=\"method-row\"][data-method-id=\"{id}\"]")
}

fn in_row(id: &str, inner: &str) -> String {
    format!("{} {}", row(id), testid(inner))
}

async fn row_attr(browser: &Browser, id: &str, attr: &str) -> Result<Option<String>> {
    let value = browser
        .js(
            "const el = document.querySelector(arguments[0]); return el ? el.getAttribute(arguments[1]) : null;",
            vec![json!(row(id)), json!(attr)],
        )
        .await?;
    Ok(value.as_str().map(str::to_owned))
}

async fn wait_row_attr(browser: &Browser, id: &str, attr: &str, expected: &str) -> Result<()> {
    browser
        .poll(
            &format!("row {id} to have {attr}={expected:?}"),
            DEFAULT_WAIT,
            || async {
                Ok((row_attr(browser, id, attr).await?.as_deref() == Some(expected)).then_some(()))
            },
        )
        .await
}

async fn wait_gone(browser: &Browser, css: &str) -> Result<()> {
    browser
        .poll(&format!("`{css}` to disappear"), DEFAULT_WAIT, || async {
            let count = browser
                .js(
                    "return document.querySelectorAll(arguments[0]).length;",
                    vec![json!(css)],
                )
                .await?;
            Ok((count.as_u64() == Some(0)).then_some(()))
        })
        .await
}

async fn type_into(browser: &Browser, css: &str, text: &str) -> Result<()> {
    browser.wait_visible(css).await?;
    let field = browser.client.find(Locator::Css(css)).await?;
    field.clear().await?;
    field
        .send_keys(text)
        .await
        .with_context(|| format!("typing into {css}"))?;
    Ok(())
}

/// The ids of the listed methods, in order.
async fn listed_ids(browser: &Browser) -> Result<Vec<String>> {
    let ids = browser
        .js(
            "return Array.from(document.querySelectorAll('[data-testid=\"method-row\"]'), (r) => r.dataset.methodId);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(ids)?)
}

async fn notice_with_tone(browser: &Browser, tone: &str, needle: &str) -> Result<String> {
    let css = format!("{} [data-tone=\"{tone}\"]", testid("methods-notice"));
    browser.wait_text_contains(&css, needle).await
}

pub async fn payment_methods_list_and_manage_fr(browser: &Browser) -> Result<()> {
    // The seed's ids and the API's paths as this run's adapter names them.
    let id = |seeded: &str| shown_id(browser, seeded);
    let methods_api = if browser.through_ovhcloud() {
        OVHCLOUD_METHODS_API
    } else {
        METHODS_API
    };
    browser.sign_in_at("fr-consumer", "payment-methods").await?;
    browser.select_language("fr").await?;
    let table = testid("payment-methods-table");
    browser.wait_visible(&table).await?;

    // Every status of the seed, the default first and marked, labels masked.
    let ids = listed_ids(browser).await?;
    ensure!(ids.len() == 8, "expected the 8 seeded methods, got {ids:?}");
    ensure!(
        ids[0] == id("pm-fr-visa"),
        "the default comes first: {ids:?}"
    );
    let statuses = browser
        .js(
            "return Array.from(document.querySelectorAll('[data-testid=\"method-row\"]'), (r) => r.dataset.status);",
            vec![],
        )
        .await?;
    for status in ["valid", "expired", "pending", "failed", "canceled"] {
        ensure!(
            statuses
                .as_array()
                .is_some_and(|s| s.iter().any(|v| v == status)),
            "no {status} method listed: {statuses}"
        );
    }
    let marks = browser
        .js(
            "return document.querySelectorAll('[data-testid=\"default-mark\"]').length;",
            vec![],
        )
        .await?;
    ensure!(marks == json!(1), "exactly one default mark, got {marks}");
    browser
        .wait_text_contains(
            &in_row(&id("pm-fr-paypal"), "method-label"),
            "c•••••@example.fr",
        )
        .await?;
    browser
        .wait_text_contains(
            &in_row(&id("pm-fr-sepa"), "method-label"),
            "FR76 •••• •••• 0189",
        )
        .await?;
    // A hostile description is shown as text, never run.
    browser
        .wait_text_contains(
            &in_row(&id("pm-fr-sepa"), "method-description"),
            "<script>alert(1)</script>",
        )
        .await?;
    let scripts = browser
        .js(
            "return document.querySelectorAll('main script').length;",
            vec![],
        )
        .await?;
    ensure!(scripts == json!(0), "a script element got into the page");
    // Status with what to do.
    browser
        .wait_text_contains(&row(&id("pm-fr-sepa-pending")), "24 à 48 h")
        .await?;
    browser
        .wait_text_contains(&row(&id("pm-fr-cb")), "ajoutez une nouvelle carte")
        .await?;

    // The page's warnings: a card expiring this month, an expired card, a mandate being validated.
    browser.wait_visible(&testid("warning-expiring")).await?;
    browser
        .wait_text_contains(&testid("warning-expiring"), "•••• 5454")
        .await?;
    browser
        .wait_text_contains(&testid("warning-expired"), "•••• 1881")
        .await?;
    browser
        .wait_text_contains(&testid("warning-mandate"), "24 à 48 h")
        .await?;
    ensure!(
        !browser.is_visible(&testid("warning-no-default")).await?,
        "a default exists: no warning expected"
    );
    browser.assert_accessible("payment methods (fr)").await?;

    // A 500 on set-default: said clearly, the list unchanged.
    browser
        .set_fault(
            &format!("{methods_api}/{}", id("pm-fr-sepa")),
            FaultKind::ServerError,
            1,
        )
        .await?;
    browser
        .click(&in_row(&id("pm-fr-sepa"), "set-default"))
        .await?;
    notice_with_tone(browser, "error", "n'a pas changé").await?;
    ensure!(
        row_attr(browser, &id("pm-fr-visa"), "data-default")
            .await?
            .as_deref()
            == Some("true")
    );
    ensure!(
        row_attr(browser, &id("pm-fr-sepa"), "data-default")
            .await?
            .as_deref()
            == Some("false")
    );

    // Set default: the mark moves, and the API holds it (after a reload).
    browser
        .click(&in_row(&id("pm-fr-sepa"), "set-default"))
        .await?;
    notice_with_tone(browser, "success", "par défaut").await?;
    wait_row_attr(browser, &id("pm-fr-sepa"), "data-default", "true").await?;
    wait_row_attr(browser, &id("pm-fr-visa"), "data-default", "false").await?;
    browser.reload().await?;
    wait_row_attr(browser, &id("pm-fr-sepa"), "data-default", "true").await?;
    ensure!(listed_ids(browser).await?[0] == id("pm-fr-sepa"));

    // Edit a description inline; markup typed stays text.
    browser
        .click(&in_row(&id("pm-fr-paypal"), "edit-description"))
        .await?;
    type_into(browser, &testid("description-input"), "<b>Perso</b> PayPal").await?;
    browser.click(&testid("save-description")).await?;
    notice_with_tone(browser, "success", "Description enregistrée").await?;
    browser
        .wait_text_contains(
            &in_row(&id("pm-fr-paypal"), "method-description"),
            "<b>Perso</b> PayPal",
        )
        .await?;
    browser.reload().await?;
    browser
        .wait_text_contains(
            &in_row(&id("pm-fr-paypal"), "method-description"),
            "<b>Perso</b> PayPal",
        )
        .await?;

    // Deleting the default while others are valid: the dialog explains, the API refuses
    // and the portal shows why.
    browser
        .click(&in_row(&id("pm-fr-sepa"), "delete-method"))
        .await?;
    browser
        .wait_visible(&testid("delete-default-consequence"))
        .await?;
    browser.assert_accessible("delete dialog (fr)").await?;
    browser.click(&testid("confirm-delete")).await?;
    browser
        .wait_text_contains(
            &testid("delete-refused"),
            "choisissez d'abord un autre moyen de paiement par défaut",
        )
        .await?;
    browser.click(&testid("keep-method")).await?;
    ensure!(listed_ids(browser).await?.contains(&id("pm-fr-sepa")));

    // A double click on "delete" sends one request (the API is slowed so the first one is
    // still in flight when the second click lands).
    let closed = id("pm-fr-paypal-closed");
    let closed = closed.as_str();
    let delete_path = format!("{methods_api}/{closed}");
    browser.set_fault(&delete_path, FaultKind::Slow, 1).await?;
    browser.click(&in_row(closed, "delete-method")).await?;
    browser.wait_visible(&testid("confirm-delete")).await?;
    browser
        .js(
            "const b = document.querySelector(arguments[0]); b.click(); b.click();",
            vec![json!(testid("confirm-delete"))],
        )
        .await?;
    wait_gone(browser, &row(closed)).await?;
    notice_with_tone(browser, "success", "a été supprimé").await?;
    let sent = browser
        .infra
        .dev_api
        .request_count("DELETE", &delete_path)
        .await?;
    ensure!(sent == 1, "a double click sent {sent} DELETE requests");

    // The dashboard warns too.
    browser.goto("").await?;
    browser
        .wait_visible(&testid("payment-method-alerts"))
        .await?;
    browser
        .wait_text_contains(&testid("payment-method-alerts"), "•••• 5454")
        .await?;
    browser.wait_visible(&testid("warning-expired")).await?;
    Ok(())
}

/// Adds a method of `kind` (`card`, `paypal`, `sepa`) on the provider's page,
/// answering it `decision`, and waits to be back in the portal.
async fn add_through_provider(browser: &Browser, kind: &str, decision: &str) -> Result<()> {
    if !browser.is_visible(&testid("add-method")).await? {
        browser.click(&testid("add-method-toggle")).await?;
    }
    browser.click(&testid(&format!("add-kind-{kind}"))).await?;
    browser.click(&testid("go-to-provider")).await?;
    let button = format!("button[name=\"decision\"][value=\"{decision}\"]");
    browser
        .wait_visible_for(&button, Duration::from_secs(20))
        .await
        .context("expected the provider's page")?;
    browser.click(&button).await?;
    browser
        .wait_visible_for(&testid("customer-name"), Duration::from_secs(20))
        .await?;
    browser.install_page_probes().await
}

pub async fn payment_methods_add_and_no_default_it(browser: &Browser) -> Result<()> {
    // The seed's ids and the API's paths as this run's adapter names them.
    let (amex, sepa) = (
        shown_id(browser, "pm-it-amex"),
        shown_id(browser, "pm-it-sepa"),
    );
    browser.sign_in_at("it-business", "payment-methods").await?;
    browser.select_language("it").await?;
    browser
        .wait_visible(&testid("payment-methods-table"))
        .await?;

    // Delete both methods (confirming each): no default is left, and both pages say so.
    browser.click(&in_row(&amex, "delete-method")).await?;
    browser.click(&testid("confirm-delete")).await?;
    wait_gone(browser, &row(&amex)).await?;
    browser.click(&in_row(&sepa, "delete-method")).await?;
    browser
        .wait_text_contains(&testid("delete-default-consequence"), "rinnovo automatico")
        .await?;
    browser.assert_accessible("delete dialog (it)").await?;
    browser.click(&testid("confirm-delete")).await?;
    wait_gone(browser, &row(&sepa)).await?;
    browser.wait_visible(&testid("warning-no-default")).await?;
    browser.goto("").await?;
    browser.wait_visible(&testid("warning-no-default")).await?;
    browser.goto("payment-methods").await?;
    browser
        .wait_visible(&testid("payment-methods-empty"))
        .await?;

    // Card through the provider: cancel, then an error, then success.
    add_through_provider(browser, "card", "cancel").await?;
    browser
        .wait_text_contains(&testid("outcome-cancelled"), "annullato")
        .await?;
    ensure!(!browser.is_visible(&testid("payment-methods-table")).await?);
    add_through_provider(browser, "card", "error").await?;
    browser.wait_visible(&testid("outcome-failed")).await?;
    ensure!(!browser.is_visible(&testid("payment-methods-table")).await?);
    add_through_provider(browser, "card", "approve").await?;
    browser
        .wait_text_contains(&testid("outcome-added"), "•••• 1111")
        .await?;
    browser
        .wait_visible(&testid("payment-methods-table"))
        .await?;
    // The first method becomes the default: the warning is gone.
    ensure!(!browser.is_visible(&testid("warning-no-default")).await?);
    browser
        .assert_accessible("after adding a card (it)")
        .await?;

    if browser.through_ovhcloud() {
        // OVHcloud's `POST /me/payment/method` carries no IBAN nor holder: the
        // customer gives them, and signs the mandate, on the page at the `url` it
        // answers, as for a card. The portal says so and sends them there.
        browser.click(&testid("add-method-toggle")).await?;
        browser.click(&testid("add-kind-sepa")).await?;
        browser
            .wait_text_contains(&testid("sepa-at-provider"), "mandato")
            .await?;
        ensure!(
            !browser.is_visible(&testid("sepa-iban")).await?,
            "the IBAN is given on OVHcloud's page, not typed in the portal"
        );
        browser
            .assert_accessible("SEPA through the provider (it)")
            .await?;
        add_through_provider(browser, "sepa", "approve").await?;
        browser
            .wait_text_contains(&testid("outcome-added"), "FR76 •••• •••• 0189")
            .await?;
        browser
            .wait_text_contains(&testid("payment-methods-table"), "FR76 •••• •••• 0189")
            .await?;
        return Ok(());
    }

    // SEPA typed in the portal (the reference API): an IBAN with a typo is
    // explained and nothing is sent.
    browser.click(&testid("add-method-toggle")).await?;
    browser.click(&testid("add-kind-sepa")).await?;
    browser.assert_accessible("SEPA form (it)").await?;
    let posts_before = browser
        .infra
        .dev_api
        .request_count("POST", METHODS_API)
        .await?;
    type_into(browser, &testid("sepa-holder"), "Giulia Rossi").await?;
    type_into(browser, &testid("sepa-iban"), "IT60X0542811101000000123457").await?;
    browser
        .wait_text_contains(&testid("sepa-iban-message"), "cifre di controllo")
        .await?;
    browser.click(&testid("sepa-accept")).await?;
    browser.click(&testid("sepa-submit")).await?;
    let invalid = browser
        .js(
            "return document.querySelector(arguments[0]).getAttribute('aria-invalid');",
            vec![json!(testid("sepa-iban"))],
        )
        .await?;
    ensure!(
        invalid == json!("true"),
        "the IBAN field is not marked invalid"
    );
    let posts_after = browser
        .infra
        .dev_api
        .request_count("POST", METHODS_API)
        .await?;
    ensure!(posts_after == posts_before, "an invalid IBAN was sent");

    // Lower case and spaces are fine; the field groups by four.
    type_into(
        browser,
        &testid("sepa-iban"),
        "it60 x054 2811 1010 0000 0123 456",
    )
    .await?;
    browser
        .wait_text_contains(&testid("sepa-iban-message"), "IBAN valido")
        .await?;
    browser.click(&testid("sepa-submit")).await?;
    notice_with_tone(browser, "success", "IT60 •••• •••• 3456").await?;
    browser
        .wait_text_contains(&testid("payment-methods-table"), "IT60 •••• •••• 3456")
        .await?;
    let posts_sent = browser
        .infra
        .dev_api
        .request_count("POST", METHODS_API)
        .await?;
    ensure!(
        posts_sent == posts_before + 1,
        "the mandate was sent {} times",
        posts_sent - posts_before
    );
    Ok(())
}
