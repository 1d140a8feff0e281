//! The OVHcloud adapter's mapping against the dev API's OVHcloud-shaped
//! answers (`/ovh/1.0`), compared with the reference contract's answers
//! (`/api/v1`) for the same seed: every invoice, order, payment, credit note
//! and the balance come out the same, to the cent, through either adapter.
#![cfg(not(target_arch = "wasm32"))]

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use billing_contract::ovhcloud as ovh;
use billing_dev_api::{AppState, Seed, router};
use billing_portal::api::decode;
use billing_portal::api::models::query::InvoiceQuery;
use billing_portal::api::models::*;
use billing_portal::api::ovhcloud::{listing, mapping};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

mod dev_api;
use dev_api::{now, sign_in};

fn app(pagination: bool) -> Router {
    let mut seed = Seed::new(42, now());
    seed.ovh_pagination = pagination;
    router(AppState::new(seed))
}

/// GET with headers; `None` on a 404.
async fn fetch<T: DeserializeOwned>(
    app: &Router,
    cookie: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Option<(T, Option<String>)> {
    let mut request = Request::get(path).header(header::COOKIE, cookie);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let elements = response
        .headers()
        .get(ovh::pagination::ELEMENTS)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let text = String::from_utf8(body.to_vec()).unwrap();
    let value = decode(&text).unwrap_or_else(|error| panic!("{path}: {error:?}"));
    Some((value, elements))
}

async fn get<T: DeserializeOwned>(app: &Router, cookie: &str, path: &str) -> T {
    fetch(app, cookie, path, &[])
        .await
        .unwrap_or_else(|| panic!("{path}: 404"))
        .0
}

async fn maybe<T: DeserializeOwned>(app: &Router, cookie: &str, path: &str) -> Option<T> {
    fetch(app, cookie, path, &[]).await.map(|(v, _)| v)
}

fn cents(money: &Money) -> (String, String) {
    (
        money.amount.round_dp(2).to_string(),
        money.currency.to_string(),
    )
}

#[tokio::test]
async fn both_shapes_of_the_same_seed_give_the_same_amounts_to_the_cent() {
    let app = app(true);
    for customer in ["fr-consumer", "it-business"] {
        let cookie = sign_in(&app, customer).await;
        let me: ovh::Me = get(&app, &cookie, "/ovh/1.0/me").await;
        let session: Session = get(&app, &cookie, "/api/v1/session").await;
        let mapped = mapping::session(&me).customer;
        assert_eq!(mapped.id, session.customer.id);
        assert_eq!(mapped.kind, session.customer.kind);
        assert_eq!(mapped.currency, session.customer.currency);
        assert_eq!(mapped.locale, session.customer.locale);
        assert_eq!(mapped.time_zone, session.customer.time_zone);

        // The balance.
        let reference: Balance = get(&app, &cookie, "/api/v1/balance").await;
        let account: ovh::DebtAccount = get(&app, &cookie, "/ovh/1.0/me/debtAccount").await;
        assert_eq!(mapping::balance(&account), reference, "{customer}");

        // Every invoice: a bill, then its debt (404 when settled).
        let reference: Page<InvoiceSummary> =
            get(&app, &cookie, "/api/v1/invoices?pageSize=200").await;
        let bill_ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/bill").await;
        assert_eq!(bill_ids.len() as u64, reference.total);
        let mut ovh_invoices = Vec::new();
        for id in &bill_ids {
            let bill: ovh::Bill = get(&app, &cookie, &format!("/ovh/1.0/me/bill/{id}")).await;
            let debt: Option<ovh::Debt> =
                maybe(&app, &cookie, &format!("/ovh/1.0/me/bill/{id}/debt")).await;
            ovh_invoices.push(mapping::invoice_summary(&bill, debt.as_ref()));
        }
        let by_reference: HashMap<_, _> = ovh_invoices
            .iter()
            .map(|i| (i.reference.clone(), i))
            .collect();
        for want in &reference.items {
            let got = by_reference[&want.reference];
            assert_eq!(cents(&got.total_incl_tax), cents(&want.total_incl_tax));
            assert_eq!(cents(&got.total_excl_tax), cents(&want.total_excl_tax));
            assert_eq!(cents(&got.tax), cents(&want.tax));
            assert_eq!(cents(&got.balance_due), cents(&want.balance_due));
            assert_eq!(got.status, want.status, "{}", want.reference);
            assert_eq!(got.due_date, want.due_date, "{}", want.reference);
            assert_eq!(got.date, want.date);
        }
        // The list's header totals, added up in the browser.
        let totals: InvoiceTotals = get(&app, &cookie, "/api/v1/invoices/totals").await;
        assert_eq!(
            listing::invoice_totals(&ovh_invoices, &InvoiceQuery::default()),
            totals
        );
        // One invoice whole: its lines to the cent.
        let first = &reference.items[0];
        let invoice: Invoice = get(&app, &cookie, &format!("/api/v1/invoices/{}", first.id)).await;
        let bill_path = format!("/ovh/1.0/me/bill/{}", first.reference);
        let bill: ovh::Bill = get(&app, &cookie, &bill_path).await;
        let debt: Option<ovh::Debt> = maybe(&app, &cookie, &format!("{bill_path}/debt")).await;
        let detail_ids: Vec<ovh::Id> = get(&app, &cookie, &format!("{bill_path}/details")).await;
        let mut details = Vec::new();
        for d in &detail_ids {
            details.push(get(&app, &cookie, &format!("{bill_path}/details/{d}")).await);
        }
        let payment: Option<ovh::BillPayment> =
            maybe(&app, &cookie, &format!("{bill_path}/payment")).await;
        let mapped = mapping::invoice(&bill, debt.as_ref(), &details, payment.as_ref());
        assert_eq!(mapped.lines.len(), invoice.lines.len());
        for (got, want) in mapped.lines.iter().zip(&invoice.lines) {
            assert_eq!(got.unit_price_excl_tax, want.unit_price_excl_tax);
            assert_eq!(cents(&got.total_excl_tax), cents(&want.total_excl_tax));
            assert_eq!(got.quantity, want.quantity);
        }
        assert_eq!(mapped.payment_type, invoice.payment_type);

        // Every order: the order, then its bare status.
        let reference: Page<OrderSummary> = get(&app, &cookie, "/api/v1/orders?pageSize=200").await;
        let order_ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/order").await;
        assert_eq!(order_ids.len() as u64, reference.total);
        for want in &reference.items {
            let path = format!("/ovh/1.0/me/order/{}", want.id);
            let order: ovh::Order = get(&app, &cookie, &path).await;
            let status: String = get(&app, &cookie, &format!("{path}/status")).await;
            let got = mapping::order_summary(&order, &status, None, now());
            assert_eq!(cents(&got.total_incl_tax), cents(&want.total_incl_tax));
            assert_eq!(cents(&got.total_excl_tax), cents(&want.total_excl_tax));
            assert_eq!(got.status, want.status, "order {}", want.id);
            assert_eq!(got.withdrawable, want.withdrawable, "order {}", want.id);
        }
        // Orders whole, with their tracking (or none).
        for want in reference.items.iter().take(6) {
            let full: Order = get(&app, &cookie, &format!("/api/v1/orders/{}", want.id)).await;
            let path = format!("/ovh/1.0/me/order/{}", want.id);
            let order: ovh::Order = get(&app, &cookie, &path).await;
            let status: String = get(&app, &cookie, &format!("{path}/status")).await;
            let ids: Vec<ovh::Id> = get(&app, &cookie, &format!("{path}/details")).await;
            let mut details = Vec::new();
            for d in &ids {
                details.push(get(&app, &cookie, &format!("{path}/details/{d}")).await);
            }
            let got = mapping::order(&order, &status, &details, None, &me, now());
            assert_eq!(got.kind, full.kind, "order {}", want.id);
            assert_eq!(got.withdrawable, full.withdrawable, "order {}", want.id);
            // The deadline, ahead or past, so the page says when the period ended
            // (an order with a line outside the right has none: that line is the reason).
            if !full.lines.iter().any(|l| l.withdrawal_excluded) {
                assert_eq!(
                    got.withdrawal_deadline, full.withdrawal_deadline,
                    "order {}",
                    want.id
                );
            }
            assert_eq!(cents(&got.tax), cents(&full.tax));
            for (l, r) in got.lines.iter().zip(&full.lines) {
                assert_eq!(l.total_excl_tax, r.total_excl_tax);
                assert_eq!(l.quantity, r.quantity);
            }
            let reference_tracking: Option<FollowUp> = maybe(
                &app,
                &cookie,
                &format!("/api/v1/orders/{}/follow-up", want.id),
            )
            .await;
            let steps: Option<Vec<ovh::FollowUpStep>> =
                maybe(&app, &cookie, &format!("{path}/followUp")).await;
            assert_eq!(steps.map(|s| mapping::follow_up(&s)), reference_tracking);
        }

        // Payments: deposits and the bills they paid.
        let reference: Page<Payment> = get(&app, &cookie, "/api/v1/payments?pageSize=200").await;
        let deposit_ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/deposit").await;
        assert_eq!(deposit_ids.len() as u64, reference.total);
        for want in &reference.items {
            let path = format!("/ovh/1.0/me/deposit/{}", want.id);
            let deposit: ovh::Deposit = get(&app, &cookie, &path).await;
            let ids: Vec<ovh::Id> = get(&app, &cookie, &format!("{path}/paidBills")).await;
            let mut bills = Vec::new();
            for b in &ids {
                bills.push(get(&app, &cookie, &format!("{path}/paidBills/{b}")).await);
            }
            let got = mapping::payment(&deposit, &bills);
            assert_eq!(
                cents(&got.amount),
                cents(&want.amount),
                "payment {}",
                want.id
            );
            assert_eq!(got.payment_method, want.payment_method);
            let refs = |p: &Payment| {
                p.invoices
                    .iter()
                    .map(|s| s.reference.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(refs(&got), refs(want));
        }

        // Credit notes: refunds, negative on the wire.
        let reference: Page<CreditNote> =
            get(&app, &cookie, "/api/v1/credit-notes?pageSize=200").await;
        let refund_ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/refund").await;
        assert_eq!(refund_ids.len() as u64, reference.total);
        for want in &reference.items {
            let refund: ovh::Refund = get(
                &app,
                &cookie,
                &format!("/ovh/1.0/me/refund/{}", want.reference),
            )
            .await;
            let got = mapping::credit_note(&refund);
            assert_eq!(cents(&got.amount), cents(&want.amount));
            assert_eq!(
                got.original_invoice_reference,
                want.original_invoice_reference
            );
        }

        // Payment methods.
        let reference: PaymentMethodList = get(&app, &cookie, "/api/v1/payment-methods").await;
        let ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/payment/method").await;
        assert_eq!(ids.len(), reference.items.len());
        for (id, want) in ids.iter().zip(&reference.items) {
            let method: ovh::PaymentMethod =
                get(&app, &cookie, &format!("/ovh/1.0/me/payment/method/{id}")).await;
            let got = mapping::payment_method(&method);
            assert_eq!(
                (
                    got.kind,
                    &got.label,
                    got.brand,
                    got.expires_on,
                    got.default,
                    got.status
                ),
                (
                    want.kind,
                    &want.label,
                    want.brand,
                    want.expires_on,
                    want.default,
                    want.status
                )
            );
        }
    }
}

#[tokio::test]
async fn lists_answer_pages_of_objects_when_asked_and_ids_when_switched_off() {
    let pages = [
        (ovh::pagination::MODE, ovh::pagination::MODE_PAGES),
        (ovh::pagination::SIZE, "7"),
        (ovh::pagination::NUMBER, "2"),
    ];
    let app_on = app(true);
    let cookie = sign_in(&app_on, "fr-consumer").await;
    let ids: Vec<ovh::Id> = get(&app_on, &cookie, "/ovh/1.0/me/bill").await;
    let (page, elements): (Vec<ovh::Bill>, _) = fetch(&app_on, &cookie, "/ovh/1.0/me/bill", &pages)
        .await
        .unwrap();
    assert_eq!(elements, Some(ids.len().to_string()));
    let got: Vec<_> = page.iter().map(|b| b.bill_id.clone()).collect();
    assert_eq!(got, ids[7..14].to_vec());

    let app_off = app(false);
    let cookie = sign_in(&app_off, "fr-consumer").await;
    let (still_ids, elements): (Vec<ovh::Id>, _) =
        fetch(&app_off, &cookie, "/ovh/1.0/me/bill", &pages)
            .await
            .unwrap();
    assert_eq!(elements, None);
    assert_eq!(still_ids, ids);
}

static KEYS: AtomicUsize = AtomicUsize::new(0);

/// A mutation as the adapter sends it: session cookie and Idempotency-Key.
async fn send(
    app: &Router,
    cookie: &str,
    method: &str,
    path: &str,
    body: Option<String>,
) -> (StatusCode, String) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(
            "Idempotency-Key",
            format!("key-{}", KEYS.fetch_add(1, Ordering::Relaxed)),
        );
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body.unwrap_or_default())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn the_mutations_the_portal_uses_answer_in_ovhcloud_shapes() {
    let app = app(false);
    let cookie = sign_in(&app, "fr-consumer").await;

    // Paying one debt answers an order whose `url` is where the customer pays.
    let invoices: Page<InvoiceSummary> = get(
        &app,
        &cookie,
        "/api/v1/invoices?status=unpaid,overdue&pageSize=200",
    )
    .await;
    let unpaid = invoices
        .items
        .first()
        .expect("the seed has unpaid invoices");
    let debt: ovh::Debt = get(
        &app,
        &cookie,
        &format!("/ovh/1.0/me/bill/{}/debt", unpaid.reference),
    )
    .await;
    let (status, text) = send(
        &app,
        &cookie,
        "POST",
        &format!("/ovh/1.0/me/debtAccount/debt/{}/pay", debt.debt_id),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let order: ovh::Order = decode(&text).unwrap();
    let outcome = mapping::debt_pay_outcome(&order, false);
    assert!(
        matches!(
            outcome.status,
            PaymentOutcomeStatus::ActionRequired | PaymentOutcomeStatus::Pending
        ),
        "{outcome:?}"
    );

    // Withdrawal of an order the customer may withdraw.
    let orders: Page<OrderSummary> = get(&app, &cookie, "/api/v1/orders?pageSize=200").await;
    if let Some(withdrawable) = orders.items.iter().find(|o| o.withdrawable) {
        let body = serde_json::to_string(&mapping::retraction(&WithdrawRequest {
            reason: WithdrawReason::ChangedMind,
            comment: String::new(),
        }))
        .unwrap();
        let (status, text) = send(
            &app,
            &cookie,
            "POST",
            &format!("/ovh/1.0/me/order/{}/retraction", withdrawable.id),
            Some(body),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let status: String = get(
            &app,
            &cookie,
            &format!("/ovh/1.0/me/order/{}/status", withdrawable.id),
        )
        .await;
        assert_eq!(status, "cancelling");
    }

    // Paying an order with a method the customer must approve (PayPal here): OVHcloud
    // answers `null`, the order stays unpaid and its `url` is where the customer approves.
    let unpaid_orders: Page<OrderSummary> =
        get(&app, &cookie, "/api/v1/orders?status=notPaid&pageSize=200").await;
    let unpaid_order = unpaid_orders.items.first().expect("an unpaid order");
    let body = serde_json::to_string(&ovh::PayOrder {
        payment_method: ovh::PaymentMethodChoice {
            id: ovh::Id(billing_dev_api::ovhcloud::number("pm-fr-paypal")),
        },
    })
    .unwrap();
    let path = format!("/ovh/1.0/me/order/{}", unpaid_order.id);
    let (status, text) = send(&app, &cookie, "POST", &format!("{path}/pay"), Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(text, "null");
    let status: String = get(&app, &cookie, &format!("{path}/status")).await;
    let order: ovh::Order = get(&app, &cookie, &path).await;
    let outcome = mapping::order_pay_outcome(&unpaid_order.id, &status, Some(&order));
    assert_eq!(outcome.status, PaymentOutcomeStatus::ActionRequired);
    assert!(
        outcome
            .redirect_url
            .as_deref()
            .is_some_and(|url| url.contains("/api/v1/_dev/3ds/")),
        "{outcome:?}"
    );

    // Payment methods: make another the default, then delete it.
    let ids: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/payment/method").await;
    let mut methods = Vec::new();
    for id in &ids {
        let m: ovh::PaymentMethod =
            get(&app, &cookie, &format!("/ovh/1.0/me/payment/method/{id}")).await;
        methods.push(m);
    }
    let other = methods
        .iter()
        .find(|m| !m.default && m.status == "VALID")
        .expect("a second valid method");
    let (status, text) = send(
        &app,
        &cookie,
        "PUT",
        &format!("/ovh/1.0/me/payment/method/{}", other.payment_method_id),
        Some(r#"{"default":true}"#.into()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let updated: ovh::PaymentMethod = decode(&text).unwrap();
    assert!(mapping::payment_method(&updated).default);

    let old_default = methods.iter().find(|m| m.default).unwrap();
    let (status, text) = send(
        &app,
        &cookie,
        "DELETE",
        &format!(
            "/ovh/1.0/me/payment/method/{}",
            old_default.payment_method_id
        ),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let left: Vec<ovh::Id> = get(&app, &cookie, "/ovh/1.0/me/payment/method").await;
    assert_eq!(left.len(), ids.len() - 1);

    // Adding one sends the customer to the provider's page, back to the callback:
    // a SEPA mandate too, since OVHcloud takes no IBAN (the page at `url` asks).
    for kind in [PaymentMethodType::Card, PaymentMethodType::Sepa] {
        let body = serde_json::to_string(&mapping::create_payment_method(
            &CreatePaymentMethodRequest {
                kind,
                description: Some("Pro".into()),
                default: false,
                return_to: "http://127.0.0.1:8080/payment-methods".into(),
                iban: None,
                holder_name: None,
            },
        ))
        .unwrap();
        let (status, text) = send(
            &app,
            &cookie,
            "POST",
            "/ovh/1.0/me/payment/method",
            Some(body),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{kind:?}: {text}");
        let created: ovh::PaymentMethodValidation = decode(&text).unwrap();
        assert!(
            created.url.is_some_and(|u| u.contains("/_dev/provider/")),
            "{kind:?}: {text}"
        );
    }
}
