//! Dev-only pages standing in for third parties: the bank's 3-D Secure challenge and the
//! payment provider's card/PayPal registration. Plain, accessible HTML forms.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, Response};
use billing_contract::*;
use chrono::Months;
use serde::Deserialize;

use crate::auth::{check_return_to, navigate_to, with_query};
use crate::billing;
use crate::problem::{ApiError, ApiResult};
use crate::renditions::{html::escape, money};
use crate::routes::payment_methods::set_default;
use crate::{AppState, seed};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnQuery {
    return_to: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    decision: String,
    return_to: Option<String>,
    card: Option<String>,
}

/// The provider's other callbacks (OVHcloud's `callbackUrl.pending` and `.error`), so that
/// the portal's handling of each can be rehearsed.
const OTHER_OUTCOMES: &str = "<fieldset><legend>Other outcomes</legend>\
<button type=\"submit\" name=\"decision\" value=\"pending\">Accept, pending validation</button>\
<button type=\"submit\" name=\"decision\" value=\"error\">Refuse (error)</button></fieldset>";

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{t}</title><style>body{{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}\
button{{font:inherit;padding:.6rem 1rem;margin-right:.5rem;border-radius:.4rem;border:1px solid #333}}button.primary{{background:#0050d7;color:#fff;border-color:#0050d7}}\
button:focus,input:focus{{outline:3px solid #ffbf47;outline-offset:2px}}fieldset{{border:1px solid #ccc;margin:1rem 0}}</style></head>\
<body><main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title)
    ))
}

fn resolve_return(given: Option<&str>, fallback: Option<&str>) -> ApiResult<String> {
    check_return_to(given.or(fallback))
}

pub async fn three_ds_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ReturnQuery>,
) -> ApiResult<Html<String>> {
    let db = state.db();
    let a = db
        .customers
        .iter()
        .flat_map(|c| &c.attempts)
        .find(|a| a.id == id && a.open)
        .ok_or_else(|| ApiError::not_found("pending payment", &id))?;
    let return_to = resolve_return(q.return_to.as_deref(), a.return_to.as_deref())?;
    let cd = &db.customers[a.customer];
    let method = cd
        .payment_methods
        .iter()
        .find(|m| m.id == a.method_id)
        .map(seed::method_label)
        .unwrap_or_default();
    let body = format!(
        "<p>Development stand-in for the bank's 3-D Secure / PayPal approval.</p>\
<p>Amount: <strong>{}</strong><br>Payment method: {}</p>\
<form method=\"post\"><input type=\"hidden\" name=\"returnTo\" value=\"{}\">\
<button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Approve the payment</button>\
<button type=\"submit\" name=\"decision\" value=\"decline\">Decline</button></form>",
        escape(&money(cd.lang, a.amount)),
        escape(&method),
        escape(&return_to)
    );
    Ok(page("Confirm your payment", &body))
}

pub async fn three_ds_submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<Decision>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let (c, i) = db
        .customers
        .iter()
        .enumerate()
        .find_map(|(c, cd)| {
            cd.attempts
                .iter()
                .position(|a| a.id == id && a.open)
                .map(|i| (c, i))
        })
        .ok_or_else(|| ApiError::not_found("pending payment", &id))?;
    let attempt = db.customers[c].attempts[i].clone();
    let return_to = resolve_return(f.return_to.as_deref(), attempt.return_to.as_deref())?;
    db.customers[c].attempts[i].open = false;
    let result = if f.decision == "approve" {
        let method = db.customers[c]
            .payment_methods
            .iter()
            .find(|m| m.id == attempt.method_id)
            .cloned();
        match method {
            Some(m) => {
                billing::complete(&mut db, c, &m, &attempt.target, now);
                "succeeded"
            }
            None => "declined",
        }
    } else {
        "declined"
    };
    Ok(navigate_to(
        &with_query(&return_to, "payment", result),
        "Payment authentication done.",
    ))
}

/// The account the bank's stand-in page offers for a mandate (a valid French IBAN).
const SEPA_TEST_IBAN: &str = "FR7630006000011234567890189";

pub async fn provider_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let db = state.db();
    let s = db
        .customers
        .iter()
        .flat_map(|c| &c.provider_sessions)
        .find(|s| s.id == id && s.open)
        .ok_or_else(|| ApiError::not_found("registration", &id))?;
    let body = if s.kind == PaymentMethodType::Card {
        format!(
            "<p>Development stand-in for the payment provider. Choose a test card.</p>\
<form method=\"post\"><fieldset><legend>Test card</legend>\
<p><input type=\"radio\" id=\"card-visa\" name=\"card\" value=\"visa\" checked> <label for=\"card-visa\">Visa ending 1111</label></p>\
<p><input type=\"radio\" id=\"card-mc\" name=\"card\" value=\"mastercard\"> <label for=\"card-mc\">Mastercard ending 4444</label></p>\
<p><input type=\"radio\" id=\"card-amex\" name=\"card\" value=\"amex\"> <label for=\"card-amex\">American Express ending 8431 (3-D Secure on payment)</label></p>\
</fieldset><button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Save the card</button>\
<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>{OTHER_OUTCOMES}</form>"
        )
    } else if s.kind == PaymentMethodType::Sepa {
        format!(
            "<p>Development stand-in for the bank's mandate page. Choose a test account.</p>\
<form method=\"post\"><fieldset><legend>Test account</legend>\
<p><input type=\"radio\" id=\"iban-fr\" name=\"iban\" value=\"{SEPA_TEST_IBAN}\" checked> <label for=\"iban-fr\">{SEPA_TEST_IBAN}</label></p>\
</fieldset><button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Sign the mandate</button>\
<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>{OTHER_OUTCOMES}</form>"
        )
    } else {
        let email = &db.customers[s.customer].customer.email;
        format!(
            "<p>Development stand-in for PayPal. Link the account {}?</p><form method=\"post\">\
<button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Link PayPal</button>\
<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>{OTHER_OUTCOMES}</form>",
            escape(email)
        )
    };
    Ok(page("Add a payment method", &body))
}

pub async fn provider_submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<Decision>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let new_id = db.fresh_id();
    let (c, i) = db
        .customers
        .iter()
        .enumerate()
        .find_map(|(c, cd)| {
            cd.provider_sessions
                .iter()
                .position(|s| s.id == id && s.open)
                .map(|i| (c, i))
        })
        .ok_or_else(|| ApiError::not_found("registration", &id))?;
    let cd = &mut db.customers[c];
    cd.provider_sessions[i].open = false;
    let s = cd.provider_sessions[i].clone();
    match f.decision.as_str() {
        "approve" | "pending" => {}
        "error" => {
            return Ok(navigate_to(
                &with_query(&s.return_to, "paymentMethod", "error"),
                "Registration refused.",
            ));
        }
        _ => {
            return Ok(navigate_to(
                &with_query(&s.return_to, "paymentMethod", "cancelled"),
                "Registration cancelled.",
            ));
        }
    }
    let pending = f.decision == "pending";
    let (brand, label, expires_on) = if s.kind == PaymentMethodType::Card {
        let (brand, last4) = match f.card.as_deref() {
            Some("mastercard") => (CardBrand::Mastercard, "4444"),
            Some("amex") => (CardBrand::Amex, "8431"),
            _ => (CardBrand::Visa, "1111"),
        };
        let exp = now.date_naive() + Months::new(36);
        (Some(brand), format!("•••• {last4}"), seed_end_of_month(exp))
    } else if s.kind == PaymentMethodType::Sepa {
        (None, billing::iban_label(SEPA_TEST_IBAN), None)
    } else {
        (None, cd.customer.email.clone(), None)
    };
    let method = PaymentMethod {
        id: format!("pm-{new_id}"),
        kind: s.kind,
        label,
        brand,
        expires_on,
        description: s.description.clone(),
        default: false,
        status: if pending {
            PaymentMethodStatus::Pending
        } else {
            PaymentMethodStatus::Valid
        },
        created_at: now,
    };
    let mid = method.id.clone();
    cd.payment_methods.push(method);
    // Only a valid method can be the default: a pending one waits for its validation.
    if !pending && (s.make_default || !cd.payment_methods.iter().any(|m| m.default)) {
        set_default(cd, &mid);
    }
    let outcome = if pending { "pending" } else { "added" };
    Ok(navigate_to(
        &with_query(&s.return_to, "paymentMethod", outcome),
        "Payment method saved.",
    ))
}

fn seed_end_of_month(d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let first = chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?;
    (first + Months::new(1)).pred_opt()
}

/// Adds the invoices that exercise the invoice exports and payments (see
/// `seed::invoice_extras`); `POST /_dev/reset` takes them away again.
pub async fn invoice_extras(State(state): State<AppState>) -> StatusCode {
    let now = state.options().now;
    crate::seed::invoice_extras::add(&mut state.db(), now);
    StatusCode::NO_CONTENT
}
