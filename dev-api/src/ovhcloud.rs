//! The same seeded data, OVHcloud-shaped (`/ovh/1.0/me/...`): lists of IDs
//! then one request per item, `{value, currencyCode, text}` prices with JSON
//! doubles, a bare string for an order's status, debts beside bills, deposits
//! as payments, refunds as credit notes. With `X-Pagination-Mode:
//! CachedObjectList-Pages` a list answers a page of whole objects instead
//! (unless the server runs with `--ovh-id-lists`). Mutations reuse the
//! reference API's handlers, so both shapes share one set of rules.
//!
//! OVHcloud has no CSRF token: a deployment's signing proxy guards
//! mutations. Here the session cookie, the loopback-only CORS and the
//! Idempotency-Key stand in for it.

use axum::body::to_bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use billing_contract::ovhcloud::{self as ovh, Id, pagination};
use billing_contract::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::{self, Authed};
use crate::billing::PayTarget;
use crate::problem::{ApiError, ApiResult};
use crate::routes::{balance, invoices, orders, payment_methods};
use crate::seed::CustomerData;
use crate::{ApiJson, AppState, idempotency, json};

pub fn api(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/me/debtAccount", get(debt_account))
        .route("/me/debtAccount/pay", post(pay_all))
        .route("/me/debtAccount/debt/{debt_id}/pay", post(pay_debt))
        .route("/me/order", get(order_list))
        .route("/me/order/{id}", get(order))
        .route("/me/order/{id}/status", get(order_status))
        .route("/me/order/{id}/details", get(order_details))
        .route("/me/order/{id}/details/{detail}", get(order_detail))
        .route("/me/order/{id}/followUp", get(follow_up))
        .route("/me/order/{id}/retraction", post(retraction))
        .route("/me/order/{id}/pay", post(pay_order))
        .route("/me/bill", get(bill_list))
        .route("/me/bill/{id}", get(bill))
        .route("/me/bill/{id}/details", get(bill_details))
        .route("/me/bill/{id}/details/{detail}", get(bill_detail))
        .route("/me/bill/{id}/debt", get(debt))
        .route("/me/bill/{id}/payment", get(bill_payment))
        .route("/me/deposit", get(deposit_list))
        .route("/me/deposit/{id}", get(deposit))
        .route("/me/deposit/{id}/paidBills", get(paid_bills))
        .route("/me/deposit/{id}/paidBills/{bill}", get(paid_bill))
        .route("/me/refund", get(refund_list))
        .route("/me/refund/{id}", get(refund))
        .route("/me/payment/method", get(method_list).post(create_method))
        .route(
            "/me/payment/method/{id}",
            get(method).put(update_method).delete(delete_method),
        )
        .route_layer(from_fn_with_state(state.clone(), idempotency::require_key))
        .route_layer(from_fn_with_state(state, signed_in))
}

/// The session cookie, without the reference API's CSRF header (see above).
async fn signed_in(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(token) = auth::session_cookie(req.headers()) else {
        return ApiError::unauthorized().into_response();
    };
    let Some(rec) = state.sessions().get(&token).cloned() else {
        return ApiError::unauthorized().into_response();
    };
    req.extensions_mut().insert(Authed {
        customer: rec.customer,
        token,
        csrf: rec.csrf,
    });
    next.run(req).await
}

// ---------------------------------------------------------------------------
// Ids and money in OVHcloud's shapes
// ---------------------------------------------------------------------------

/// OVHcloud's numeric id for one of ours: itself when it is a number, else a
/// stable 53-bit hash (a JSON number any client reads exactly).
pub fn number(id: &str) -> String {
    if !id.is_empty() && id.len() < 16 && id.bytes().all(|b| b.is_ascii_digit()) {
        return id.to_owned();
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash & ((1 << 53) - 1)).to_string()
}

/// A price as OVHcloud writes it: the amount as a double, and with
/// `ucents` the exact micro-cents newer schemas add.
pub fn price(money: &Money, ucents: bool) -> ovh::Price {
    let symbol = match money.currency.as_str() {
        "EUR" => "€",
        "GBP" => "£",
        other => other,
    };
    ovh::Price {
        value: ovh::DoubleValue(money.amount),
        currency_code: money.currency.as_str().to_owned(),
        text: format!("{:.2} {symbol}", money.amount),
        price_in_ucents: ucents
            .then(|| i64::try_from(money.amount * Decimal::from(ovh::UCENTS_PER_UNIT)).ok())
            .flatten(),
    }
}

fn negative(money: &Money) -> Money {
    Money::new(-money.amount, money.currency)
}

/// A stand-in for the secret OVHcloud puts in document URLs.
fn password(id: &str) -> String {
    let digits: String = number(&format!("secret:{id}")).chars().take(8).collect();
    format!("pw{digits}")
}

// ---------------------------------------------------------------------------
// Lists: IDs, or a page of objects when asked and enabled
// ---------------------------------------------------------------------------

fn paginated(state: &AppState, headers: &HeaderMap) -> Option<(usize, usize)> {
    let mode = headers.get(pagination::MODE)?.to_str().ok()?;
    if !state.options().ovh_pagination || mode != pagination::MODE_PAGES {
        return None;
    }
    let read = |name: &str, default: usize| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(default)
    };
    Some((
        read(pagination::SIZE, 25).min(1000),
        read(pagination::NUMBER, 1),
    ))
}

/// `ids` (newest first), or the page of `objects` the headers ask for with
/// `X-Pagination-Elements`.
fn listing<T: Serialize>(
    state: &AppState,
    headers: &HeaderMap,
    ids: Vec<Id>,
    object: impl Fn(&Id) -> Option<T>,
) -> Response {
    match paginated(state, headers) {
        None => json(&ids),
        Some((size, number)) => {
            let total = ids.len();
            let page: Vec<T> = ids
                .iter()
                .skip((number - 1).saturating_mul(size))
                .take(size)
                .filter_map(object)
                .collect();
            let mut res = json(&page);
            res.headers_mut()
                .insert(pagination::ELEMENTS, HeaderValue::from(total));
            res
        }
    }
}

fn query_date(q: &[(String, String)], name: &str) -> Option<NaiveDate> {
    let value = q.iter().rev().find(|(k, _)| k == name)?.1.as_str();
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

fn query_value<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn in_dates(q: &[(String, String)], date: DateTimeOffset) -> bool {
    let day = date.date_naive();
    query_date(q, "date.from").is_none_or(|f| day >= f)
        && query_date(q, "date.to").is_none_or(|t| day <= t)
}

// ---------------------------------------------------------------------------
// The account
// ---------------------------------------------------------------------------

fn me_of(cd: &CustomerData) -> ovh::Me {
    let c = &cd.customer;
    let business = c.kind == CustomerKind::Business;
    let (firstname, name) = match (business, c.name.split_once(' ')) {
        (false, Some((first, last))) => (Some(first.to_owned()), Some(last.to_owned())),
        _ => (None, Some(c.name.clone())),
    };
    let mut address = cd.contact.address.lines();
    let street = address.next().map(str::to_owned);
    let town = address.last().unwrap_or_default();
    let (zip, city) = match town.split_once(' ') {
        Some((zip, city)) => (Some(zip.to_owned()), Some(city.to_owned())),
        None => (None, Some(town.to_owned())),
    };
    ovh::Me {
        nichandle: c.id.clone(),
        email: c.email.clone(),
        firstname,
        name,
        organisation: c.company_name.clone(),
        legalform: if business {
            "corporation"
        } else {
            "individual"
        }
        .into(),
        country: c.country.clone(),
        language: format!("{}_{}", c.locale, c.country),
        currency: ovh::MeCurrency {
            code: c.currency.as_str().to_owned(),
            symbol: "EURO".into(),
        },
        vat: c.vat_number.clone(),
        address: street,
        zip,
        city,
    }
}

async fn me(State(state): State<AppState>, Extension(me): Extension<Authed>) -> Response {
    json(&me_of(&state.db().customers[me.customer]))
}

async fn debt_account(State(state): State<AppState>, Extension(me): Extension<Authed>) -> Response {
    let b = balance::balance_of(&state.db().customers[me.customer]);
    let unmatured = Money::new(b.due.amount - b.overdue.amount, b.due.currency);
    json(&ovh::DebtAccount {
        active: true,
        due_amount: price(&b.due, true),
        pending_amount: price(&b.pending, true),
        todo_amount: price(&b.overdue, true),
        unmatured_amount: price(&unmatured, true),
    })
}

// ---------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------

fn find_order<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a Order> {
    cd.orders
        .iter()
        .find(|o| number(&o.id) == id)
        .ok_or_else(|| ApiError::not_found("order", id))
}

fn order_of(order: &Order) -> ovh::Order {
    let pw = password(&order.id);
    ovh::Order {
        order_id: Id(number(&order.id)),
        date: order.date,
        expiration_date: Some(order.expiration_date),
        // A property of the order, ahead or past: a consumer's purchase
        // has one unless a line is outside the right (a domain name, a
        // licence); a business's order or a renewal has none. The client
        // decides from it and the status.
        retraction_date: order
            .withdrawal_deadline
            .filter(|_| !crate::seed::has_excluded_lines(order)),
        password: Some(pw.clone()),
        pdf_url: Some(format!("{}?orderPassword={pw}", order.pdf_url)),
        url: Some(format!("{}?orderPassword={pw}", order.html_url)),
        price_with_tax: price(&order.total_incl_tax, true),
        price_without_tax: price(&order.total_excl_tax, true),
        tax: price(&order.tax, true),
    }
}

fn status_word(status: OrderStatus) -> &'static str {
    match status {
        // OVHcloud never says "expired": the client derives it from the date.
        OrderStatus::Expired => "notPaid",
        other => other.as_str(),
    }
}

fn detail_type(order: &Order, line: &OrderLine) -> &'static str {
    match order.kind {
        OrderKind::Renewal => "RENEW",
        OrderKind::Regularisation => "CONSUMPTION",
        _ if line.withdrawal_excluded => "LICENSE",
        _ => "CREATION",
    }
}

async fn order_list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items: Vec<&Order> = cd.orders.iter().filter(|o| in_dates(&q, o.date)).collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let ids = items.iter().map(|o| Id(number(&o.id))).collect();
    listing(&state, &headers, ids, |id| {
        find_order(cd, &id.0).ok().map(order_of)
    })
}

async fn order(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let order = find_order(cd, &id)?;
    let mut shaped = order_of(order);
    // OVHcloud's `url` of an unpaid order is where the customer pays it: a
    // payment waiting on the customer (3-D Secure, a PayPal approval) is
    // finished there, here on the reference API's 3-D Secure page.
    let waiting = cd.attempts.iter().rev().find(|a| {
        a.open && matches!(&a.target, PayTarget::Order { order_id, .. } if *order_id == order.id)
    });
    if let (OrderStatus::NotPaid, Some(attempt)) = (order.status, waiting) {
        shaped.url = Some(format!(
            "{}/api/v1/_dev/3ds/{}",
            crate::routes::base_url(&headers),
            attempt.id
        ));
    }
    Ok(json(&shaped))
}

async fn order_status(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    Ok(json(&status_word(find_order(cd, &id)?.status)))
}

async fn order_details(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let order = find_order(&db.customers[me.customer], &id)?;
    let ids: Vec<u64> = (1..=order.lines.len() as u64).collect();
    Ok(json(&ids))
}

async fn order_detail(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path((id, detail)): Path<(String, String)>,
) -> ApiResult<Response> {
    let db = state.db();
    let order = find_order(&db.customers[me.customer], &id)?;
    let at = detail
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=order.lines.len()).contains(n))
        .ok_or_else(|| ApiError::not_found("order detail", &detail))?;
    let line = &order.lines[at - 1];
    Ok(json(&ovh::OrderDetail {
        order_detail_id: Id(at.to_string()),
        description: line.description.clone(),
        domain: line.service_reference.clone(),
        quantity: line.quantity.normalize().to_string(),
        cancelled: false,
        detail_type: Some(detail_type(order, line).to_owned()),
        unit_price: price(&line.unit_price_excl_tax, true),
        total_price: price(&line.total_excl_tax, true),
    }))
}

async fn follow_up(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let order = find_order(cd, &id)?;
    let f = cd
        .follow_ups
        .get(&order.id)
        .ok_or_else(|| ApiError::not_found("order follow-up", &id))?;
    let word = |v: serde_json::Value| v.as_str().unwrap_or("UNKNOWN").to_owned();
    let steps: Vec<ovh::FollowUpStep> = f
        .steps
        .iter()
        .map(|s| ovh::FollowUpStep {
            step: word(serde_json::to_value(s.step).unwrap_or_default()),
            status: word(serde_json::to_value(s.status).unwrap_or_default()),
            history: s
                .history
                .iter()
                .map(|h| ovh::FollowUpHistory {
                    date: h.date,
                    description: h.description.clone(),
                    label: h.label.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(json(&steps))
}

/// Runs a reference handler and reads back its answer.
async fn answer<T: DeserializeOwned>(result: ApiResult<Response>) -> ApiResult<T> {
    let response = result?;
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|e| ApiError::server_error(e.to_string()))?;
    serde_json::from_slice(&body).map_err(|e| ApiError::server_error(e.to_string()))
}

async fn retraction(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ovh::Retraction>,
) -> ApiResult<Response> {
    let order_id = find_order(&state.db().customers[me.customer], &id)?
        .id
        .clone();
    let reason = match req.reason.as_str() {
        "unused" => WithdrawReason::ChangedMind,
        "performance" | "reliability" | "difficulty" => WithdrawReason::NotSatisfied,
        _ => WithdrawReason::Other,
    };
    let request = WithdrawRequest {
        reason,
        comment: req.comment.unwrap_or_default(),
    };
    let _: Order = answer(
        orders::withdraw(
            State(state.clone()),
            Extension(me),
            Path(order_id),
            ApiJson(request),
        )
        .await,
    )
    .await?;
    Ok(StatusCode::OK.into_response())
}

fn method_id_of(cd: &CustomerData, id: &str) -> ApiResult<String> {
    cd.payment_methods
        .iter()
        .find(|m| number(&m.id) == id)
        .map(|m| m.id.clone())
        .ok_or_else(|| ApiError::not_found("payment method", id))
}

async fn pay_order(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ovh::PayOrder>,
) -> ApiResult<Response> {
    let (order_id, method) = {
        let db = state.db();
        let cd = &db.customers[me.customer];
        (
            find_order(cd, &id)?.id.clone(),
            method_id_of(cd, &req.payment_method.id.0)?,
        )
    };
    let _: PaymentOutcome = answer(
        orders::pay(
            State(state.clone()),
            Extension(me),
            Path(order_id),
            headers,
            ApiJson(PayRequest {
                payment_method_id: Some(method),
            }),
        )
        .await,
    )
    .await?;
    // OVHcloud answers `null`.
    Ok(json(&()))
}

/// OVHcloud answers a payment with the order to pay at its `url`: here the
/// reference API's 3-D Secure page, or nothing to do once it went through.
fn payment_order(outcome: &PaymentOutcome, now: DateTimeOffset, total: &Money) -> ovh::Order {
    ovh::Order {
        order_id: Id(number(outcome.order_id.as_deref().unwrap_or("0"))),
        date: now,
        expiration_date: Some(now + chrono::Duration::days(1)),
        retraction_date: None,
        password: None,
        pdf_url: None,
        url: outcome.redirect_url.clone(),
        price_with_tax: price(total, true),
        price_without_tax: price(total, true),
        tax: price(&Money::new(Decimal::ZERO, total.currency), true),
    }
}

async fn pay_debt(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(debt_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (invoice_id, due) = {
        let db = state.db();
        let inv = db.customers[me.customer]
            .invoices
            .iter()
            .find(|i| number(&i.id) == debt_id)
            .ok_or_else(|| ApiError::not_found("debt", &debt_id))?;
        (inv.id.clone(), inv.balance_due.clone())
    };
    let now = state.now();
    let outcome: PaymentOutcome = answer(
        invoices::pay_one(
            State(state),
            Extension(me),
            Path(invoice_id),
            headers,
            ApiJson(PayRequest {
                payment_method_id: None,
            }),
        )
        .await,
    )
    .await?;
    Ok(json(&payment_order(&outcome, now, &due)))
}

async fn pay_all(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let due = balance::balance_of(&state.db().customers[me.customer]).due;
    let now = state.now();
    let outcome: PaymentOutcome = answer(
        balance::pay(
            State(state),
            Extension(me),
            headers,
            ApiJson(PayBalanceRequest {
                payment_method_id: None,
            }),
        )
        .await,
    )
    .await?;
    Ok(json(&payment_order(&outcome, now, &due)))
}

// ---------------------------------------------------------------------------
// Bills and debts
// ---------------------------------------------------------------------------

fn find_bill<'a>(cd: &'a CustomerData, bill_id: &str) -> ApiResult<&'a Invoice> {
    cd.invoices
        .iter()
        .find(|i| i.reference == bill_id)
        .ok_or_else(|| ApiError::not_found("bill", bill_id))
}

fn bill_of(invoice: &Invoice) -> ovh::Bill {
    let pw = password(&invoice.id);
    ovh::Bill {
        bill_id: Id(invoice.reference.clone()),
        category: Some(
            match invoice.category {
                InvoiceCategory::Autorenew => "autorenew",
                InvoiceCategory::Earlyrenewal => "earlyrenewal",
                _ => "purchase",
            }
            .into(),
        ),
        date: invoice.date,
        order_id: (!invoice.order_id.is_empty()).then(|| Id(number(&invoice.order_id))),
        password: Some(pw.clone()),
        pdf_url: Some(format!("{}?passwd={pw}", invoice.pdf_url)),
        url: Some(format!("{}?passwd={pw}", invoice.html_url)),
        price_with_tax: price(&invoice.total_incl_tax, false),
        price_without_tax: price(&invoice.total_excl_tax, false),
        tax: price(&invoice.tax, false),
    }
}

async fn bill_list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let order = query_value(&q, "orderId");
    let mut items: Vec<&Invoice> = cd
        .invoices
        .iter()
        .filter(|i| in_dates(&q, i.date))
        .filter(|i| order.is_none_or(|o| number(&i.order_id) == o))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let ids = items.iter().map(|i| Id(i.reference.clone())).collect();
    listing(&state, &headers, ids, |id| {
        find_bill(cd, &id.0).ok().map(bill_of)
    })
}

async fn bill(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    Ok(json(&bill_of(find_bill(&db.customers[me.customer], &id)?)))
}

async fn bill_details(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let inv = find_bill(&db.customers[me.customer], &id)?;
    let ids: Vec<Id> = inv.lines.iter().map(|l| Id(l.id.clone())).collect();
    Ok(json(&ids))
}

async fn bill_detail(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path((id, detail)): Path<(String, String)>,
) -> ApiResult<Response> {
    let db = state.db();
    let inv = find_bill(&db.customers[me.customer], &id)?;
    let line = inv
        .lines
        .iter()
        .find(|l| l.id == detail)
        .ok_or_else(|| ApiError::not_found("bill detail", &detail))?;
    Ok(json(&ovh::BillDetail {
        bill_detail_id: Id(line.id.clone()),
        description: line.description.clone(),
        domain: line.service_reference.clone(),
        period_start: line.period_start,
        period_end: line.period_end,
        quantity: line.quantity.normalize().to_string(),
        unit_price: price(&line.unit_price_excl_tax, false),
        total_price: price(&line.total_excl_tax, false),
    }))
}

/// A bill's debt; 404 (as OVHcloud answers) when there never was one.
async fn debt(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let now = state.now();
    let db = state.db();
    let inv = find_bill(&db.customers[me.customer], &id)?;
    let due = &inv.balance_due;
    let zero = Money::new(Decimal::ZERO, due.currency);
    let status = match inv.status {
        // A bill paid without going through the debt account has no debt.
        InvoiceStatus::Paid if inv.payments.is_empty() => {
            return Err(ApiError::not_found("debt of bill", &id));
        }
        InvoiceStatus::Paid => "PAID",
        InvoiceStatus::Overdue => "UNPAID",
        InvoiceStatus::Unpaid if inv.due_date > now => "UNMATURED",
        InvoiceStatus::Unpaid => "TO_BE_PAID",
        InvoiceStatus::Unknown => "WRITE_OFF",
    };
    let overdue = inv.status == InvoiceStatus::Overdue;
    Ok(json(&ovh::Debt {
        debt_id: Id(number(&inv.id)),
        amount: price(&inv.total_incl_tax, true),
        date: inv.date,
        due_amount: price(due, true),
        due_date: Some(inv.due_date),
        order_id: (!inv.order_id.is_empty()).then(|| Id(number(&inv.order_id))),
        pending_amount: price(&zero, true),
        todo_amount: price(if overdue { due } else { &zero }, true),
        unmatured_amount: price(if overdue { &zero } else { due }, true),
        status: status.into(),
    }))
}

async fn bill_payment(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let inv = find_bill(&db.customers[me.customer], &id)?;
    let last = inv
        .payments
        .last()
        .ok_or_else(|| ApiError::not_found("payment of bill", &id))?;
    Ok(json(&ovh::BillPayment {
        payment_date: Some(last.date),
        payment_identifier: Some(last.id.clone()),
        payment_type: inv.payment_type.clone(),
    }))
}

// ---------------------------------------------------------------------------
// Deposits (payments) and refunds (credit notes)
// ---------------------------------------------------------------------------

fn deposit_of(payment: &Payment) -> ovh::Deposit {
    let kind = match payment.payment_method.kind {
        PaymentMethodType::Card => "creditCard",
        PaymentMethodType::Sepa => "sepaDirectDebit",
        PaymentMethodType::Paypal => "paypal",
        PaymentMethodType::Transfer => "bankTransfer",
        PaymentMethodType::Unknown => "other",
    };
    ovh::Deposit {
        deposit_id: Id(payment.id.clone()),
        amount: price(&payment.amount, false),
        date: payment.date,
        order_id: None,
        payment_info: Some(ovh::PaymentInfo {
            payment_type: kind.into(),
            description: None,
            public_label: Some(payment.payment_method.label.clone()),
        }),
        pdf_url: None,
        url: None,
    }
}

fn find_deposit<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a Payment> {
    cd.payments
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::not_found("deposit", id))
}

async fn deposit_list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items: Vec<&Payment> = cd
        .payments
        .iter()
        .filter(|p| in_dates(&q, p.date))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let ids = items.iter().map(|p| Id(p.id.clone())).collect();
    listing(&state, &headers, ids, |id| {
        find_deposit(cd, &id.0).ok().map(deposit_of)
    })
}

async fn deposit(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    Ok(json(&deposit_of(find_deposit(
        &db.customers[me.customer],
        &id,
    )?)))
}

async fn paid_bills(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let p = find_deposit(&db.customers[me.customer], &id)?;
    let ids: Vec<Id> = p.invoices.iter().map(|s| Id(s.reference.clone())).collect();
    Ok(json(&ids))
}

async fn paid_bill(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path((id, bill)): Path<(String, String)>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let p = find_deposit(cd, &id)?;
    if !p.invoices.iter().any(|s| s.reference == bill) {
        return Err(ApiError::not_found("paid bill", &bill));
    }
    Ok(json(&bill_of(find_bill(cd, &bill)?)))
}

fn refund_of(cd: &CustomerData, note: &CreditNote) -> ovh::Refund {
    let excl = (note.amount.amount / (Decimal::ONE + cd.vat_rate)).round_dp(2);
    let currency = note.amount.currency;
    ovh::Refund {
        refund_id: Id(note.reference.clone()),
        original_bill_id: Some(Id(note.original_invoice_reference.clone())),
        order_id: None,
        date: note.date,
        price_with_tax: price(&negative(&note.amount), false),
        price_without_tax: price(&Money::new(-excl, currency), false),
        tax: price(&Money::new(excl - note.amount.amount, currency), false),
        pdf_url: Some(note.pdf_url.clone()),
        url: note.html_url.clone(),
    }
}

fn find_refund<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a CreditNote> {
    cd.credit_notes
        .iter()
        .find(|c| c.reference == id)
        .ok_or_else(|| ApiError::not_found("refund", id))
}

async fn refund_list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items: Vec<&CreditNote> = cd
        .credit_notes
        .iter()
        .filter(|c| in_dates(&q, c.date))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let ids = items.iter().map(|c| Id(c.reference.clone())).collect();
    listing(&state, &headers, ids, |id| {
        find_refund(cd, &id.0).ok().map(|c| refund_of(cd, c))
    })
}

async fn refund(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    Ok(json(&refund_of(cd, find_refund(cd, &id)?)))
}

// ---------------------------------------------------------------------------
// Payment methods
// ---------------------------------------------------------------------------

fn method_of(m: &PaymentMethod) -> ovh::PaymentMethod {
    let (payment_type, sub_type) = match m.kind {
        PaymentMethodType::Card => (
            "CREDIT_CARD",
            m.brand.map(|b| {
                match b {
                    CardBrand::Visa => "VISA",
                    CardBrand::Mastercard => "MASTERCARD",
                    CardBrand::Amex => "AMERICAN_EXPRESS",
                    CardBrand::Cb => "CARTE_BANCAIRE",
                    CardBrand::Unknown => "OTHER",
                }
                .to_owned()
            }),
        ),
        PaymentMethodType::Sepa => ("SEPA_DIRECT_DEBIT", None),
        PaymentMethodType::Paypal => ("PAYPAL", None),
        PaymentMethodType::Transfer | PaymentMethodType::Unknown => ("BANK_ACCOUNT", None),
    };
    let status = match m.status {
        PaymentMethodStatus::Valid => "VALID",
        PaymentMethodStatus::Expired => "EXPIRED",
        PaymentMethodStatus::Pending => "VALIDATING",
        PaymentMethodStatus::Failed => "FAILED",
        PaymentMethodStatus::Canceled => "CANCELED",
        PaymentMethodStatus::Unknown => "MAINTENANCE",
    };
    ovh::PaymentMethod {
        payment_method_id: Id(number(&m.id)),
        payment_type: payment_type.into(),
        payment_sub_type: sub_type,
        label: Some(m.label.clone()),
        description: m.description.clone(),
        default: m.default,
        status: status.into(),
        expiration_date: m
            .expires_on
            .and_then(|d| d.and_hms_opt(23, 59, 59))
            .and_then(|at| at.and_local_timezone(*m.created_at.offset()).single()),
        creation_date: m.created_at,
        last_update: None,
    }
}

async fn method_list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
) -> Response {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let ids = cd
        .payment_methods
        .iter()
        .map(|m| Id(number(&m.id)))
        .collect();
    listing(&state, &headers, ids, |id| {
        cd.payment_methods
            .iter()
            .find(|m| number(&m.id) == id.0)
            .map(method_of)
    })
}

async fn method(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let found = method_id_of(cd, &id)?;
    let m = cd.payment_methods.iter().find(|m| m.id == found);
    Ok(json(&m.map(method_of)))
}

async fn create_method(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ovh::CreatePaymentMethod>,
) -> ApiResult<Response> {
    let kind = match req.payment_type.as_str() {
        "CREDIT_CARD" => PaymentMethodType::Card,
        "SEPA_DIRECT_DEBIT" | "BANK_ACCOUNT" => PaymentMethodType::Sepa,
        "PAYPAL" => PaymentMethodType::Paypal,
        _ => {
            return Err(ApiError::bad_param(
                "paymentType",
                "CREDIT_CARD, SEPA_DIRECT_DEBIT or PAYPAL",
            ));
        }
    };
    // OVHcloud takes a mandate's IBAN on the page it answers, as a card's
    // number: the customer is sent to the provider's stand-in for both.
    if kind == PaymentMethodType::Sepa {
        let description = payment_methods::clean_description(req.description)?;
        let mut db = state.db();
        let id = db.fresh_id();
        let cd = &mut db.customers[me.customer];
        let url = payment_methods::open_provider_session(
            cd,
            me.customer,
            format!("ps-{id}"),
            &headers,
            kind,
            description,
            req.default,
            &req.callback_url.success,
        )?;
        return Ok(json(&ovh::PaymentMethodValidation {
            payment_method_id: Id("0".into()),
            url: Some(url),
            validation_type: Some("REDIRECT".into()),
        }));
    }
    let request = CreatePaymentMethodRequest {
        kind,
        description: req.description,
        default: req.default,
        return_to: req.callback_url.success,
        iban: None,
        holder_name: None,
    };
    let created: CreatePaymentMethodResponse = answer(
        payment_methods::create(State(state), Extension(me), headers, ApiJson(request)).await,
    )
    .await?;
    Ok(json(&ovh::PaymentMethodValidation {
        payment_method_id: Id(created
            .payment_method
            .as_ref()
            .map(|m| number(&m.id))
            .unwrap_or_else(|| "0".into())),
        url: created.redirect_url,
        validation_type: Some("REDIRECT".into()),
    }))
}

async fn update_method(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ovh::UpdatePaymentMethod>,
) -> ApiResult<Response> {
    let found = method_id_of(&state.db().customers[me.customer], &id)?;
    let updated: PaymentMethod = answer(
        payment_methods::update(
            State(state),
            Extension(me),
            Path(found),
            ApiJson(UpdatePaymentMethodRequest {
                default: req.default,
                description: req.description,
            }),
        )
        .await,
    )
    .await?;
    Ok(json(&method_of(&updated)))
}

async fn delete_method(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (found, before) = {
        let db = state.db();
        let cd = &db.customers[me.customer];
        let found = method_id_of(cd, &id)?;
        let before = cd
            .payment_methods
            .iter()
            .find(|m| m.id == found)
            .map(method_of);
        (found, before)
    };
    payment_methods::remove(State(state), Extension(me), Path(found)).await?;
    // OVHcloud answers the payment method it deleted.
    Ok(json(&before))
}
