mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use billing_contract::*;
use billing_dev_api::{AppState, router};
use common::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

#[test]
fn the_schemas_reject_contract_violations() {
    // Guards the guard: the validation used above really fails on bad bodies.
    let good = json!({"due": {"amount": "1.00", "currency": "EUR"}, "pending": {"amount": "0.00", "currency": "EUR"}, "overdue": {"amount": "0.00", "currency": "EUR"}});
    assert!(schema_errors("Balance", &good).is_empty());
    let mut float = good.clone();
    float["due"]["amount"] = json!(1.0);
    assert!(!schema_errors("Balance", &float).is_empty());
    let mut comma = good.clone();
    comma["due"]["amount"] = json!("12,34 EUR");
    assert!(!schema_errors("Balance", &comma).is_empty());
    let mut extra = good.clone();
    extra["surprise"] = json!(true);
    assert!(!schema_errors("Balance", &extra).is_empty());
    let page = json!({"items": [], "page": 1, "pageSize": 25, "total": 0, "more": 1});
    assert!(!schema_errors("InvoiceSummaryPage", &page).is_empty());
    let bad_date =
        json!({"id": "x", "date": "yesterday", "amount": {"amount": "1.00", "currency": "EUR"}});
    assert!(!schema_errors("InvoicePaymentRef", &bad_date).is_empty());
}

#[tokio::test]
async fn sign_in_then_every_get_matches_the_openapi_schemas() {
    let app = app();
    let page = send(
        &app,
        Request::get("/api/v1/auth/sign-in?returnTo=http%3A%2F%2F127.0.0.1%3A8080%2F")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("<html lang=\"en\"")
            && html.contains("<h1>")
            && html.contains("customer=fr-consumer")
            && html.contains("customer=it-business")
    );

    for demo in ["fr-consumer", "it-business"] {
        let c = Client::sign_in(&app, demo).await;
        let check = |name: &'static str, res: &Res| {
            assert_eq!(res.status, StatusCode::OK, "{name}: {}", res.text());
            assert_eq!(res.header("content-type"), Some("application/json"));
            assert_schema(name, &res.json());
        };
        let s = c.get("/api/v1/session").await;
        check("Session", &s);
        let session: Session = serde_json::from_slice(&s.body).unwrap();
        check("Balance", &c.get("/api/v1/balance").await);
        let orders = c.get("/api/v1/orders").await;
        check("OrderSummaryPage", &orders);
        let orders: Page<OrderSummary> = serde_json::from_slice(&orders.body).unwrap();
        for o in &orders.items {
            let detail = c.get(&format!("/api/v1/orders/{}", o.id)).await;
            check("Order", &detail);
            let order: Order = serde_json::from_slice(&detail.body).unwrap();
            assert_eq!(order.summary(), *o);
            check(
                "FollowUp",
                &c.get(&format!("/api/v1/orders/{}/follow-up", o.id)).await,
            );
        }
        let invoices = c.get("/api/v1/invoices?pageSize=200").await;
        check("InvoiceSummaryPage", &invoices);
        let invoices: Page<InvoiceSummary> = serde_json::from_slice(&invoices.body).unwrap();
        assert_eq!(invoices.total, 60);
        let prefix = if demo == "fr-consumer" { "FR" } else { "IT" };
        for i in &invoices.items {
            assert!(
                i.reference.starts_with(prefix) && i.reference.len() == 10,
                "{}",
                i.reference
            );
            let detail = c.get(&format!("/api/v1/invoices/{}", i.id)).await;
            check("Invoice", &detail);
            let inv: Invoice = serde_json::from_slice(&detail.body).unwrap();
            assert_eq!(inv.summary(), *i);
        }
        check("PaymentPage", &c.get("/api/v1/payments?pageSize=200").await);
        check("CreditNotePage", &c.get("/api/v1/credit-notes").await);
        let pms = c.get("/api/v1/payment-methods").await;
        check("PaymentMethodList", &pms);
        let pms: PaymentMethodList = serde_json::from_slice(&pms.body).unwrap();
        assert_eq!(pms.items.iter().filter(|m| m.default).count(), 1);
        assert_eq!(session.customer.currency, Currency::EUR);

        let missing = c.get("/api/v1/invoices/nope").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            missing.header("content-type"),
            Some("application/problem+json")
        );
        assert_schema("Problem", &missing.json());
    }
}

#[tokio::test]
async fn seed_is_realistic_for_the_french_consumer() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let page: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
    let statuses: HashSet<_> = page.items.iter().map(|o| o.status).collect();
    for s in OrderStatus::ALL {
        assert!(statuses.contains(&s), "first page lacks {s:?}");
    }
    let mut states = HashSet::new();
    let mut withdrawable = 0;
    for o in &page.items {
        let f: FollowUp = serde_json::from_slice(
            &c.get(&format!("/api/v1/orders/{}/follow-up", o.id))
                .await
                .body,
        )
        .unwrap();
        let names: Vec<_> = f.steps.iter().map(|s| s.step).collect();
        assert_eq!(
            names,
            [
                StepName::Validating,
                StepName::Validated,
                StepName::Delivering,
                StepName::Available
            ]
        );
        for s in f.steps {
            states.insert((s.step as u8, s.status as u8));
        }
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", o.id)).await.body).unwrap();
        withdrawable += order.withdrawable as usize;
        let excl: Decimal = order.lines.iter().map(|l| l.total_excl_tax.amount).sum();
        assert_eq!(excl, order.total_excl_tax.amount);
        assert_eq!(
            order.total_excl_tax.amount + order.tax.amount,
            order.total_incl_tax.amount
        );
    }
    assert_eq!(
        states.len(),
        16,
        "every TODO/DOING/DONE/ERROR on every step"
    );
    assert!(withdrawable >= 1);

    // Invoices: paid, unpaid and overdue; totals exact with 20 % VAT.
    let page: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?pageSize=200").await.body).unwrap();
    let st: HashSet<_> = page.items.iter().map(|i| i.status).collect();
    assert_eq!(st.len(), 3);
    for i in &page.items {
        let inv: Invoice =
            serde_json::from_slice(&c.get(&format!("/api/v1/invoices/{}", i.id)).await.body)
                .unwrap();
        let excl: Decimal = inv.lines.iter().map(|l| l.total_excl_tax.amount).sum();
        assert_eq!(excl, inv.total_excl_tax.amount);
        let tax = (excl * Decimal::new(20, 2))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
        assert_eq!(tax, inv.tax.amount, "{}", inv.reference);
        assert_eq!(excl + tax, inv.total_incl_tax.amount);
        for l in &inv.lines {
            assert_eq!(
                l.unit_price_excl_tax.amount * l.quantity,
                l.total_excl_tax.amount
            );
        }
    }
    let payments: Page<Payment> =
        serde_json::from_slice(&c.get("/api/v1/payments?pageSize=200").await.body).unwrap();
    assert!(
        payments.items.iter().any(|p| p.invoices.len() > 1),
        "a payment settling several invoices"
    );
    assert!(
        payments.items.iter().any(|p| p.credit_applied.is_some()),
        "a payment with a credit note"
    );
    for p in &payments.items {
        let applied: Decimal = p.invoices.iter().map(|i| i.amount_applied.amount).sum();
        let credit = p
            .credit_applied
            .as_ref()
            .map_or(Decimal::ZERO, |m| m.amount);
        assert_eq!(applied - credit, p.amount.amount);
    }
    // Payment methods as the brief describes them.
    let pms: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    let today = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .date_naive();
    let visa = pms
        .items
        .iter()
        .find(|m| m.brand == Some(CardBrand::Visa))
        .unwrap();
    assert!(visa.default && visa.status == PaymentMethodStatus::Valid);
    let mc = pms
        .items
        .iter()
        .find(|m| m.brand == Some(CardBrand::Mastercard))
        .unwrap();
    let left = (mc.expires_on.unwrap() - today).num_days();
    assert!(
        (0..=30).contains(&left),
        "mastercard expires in {left} days"
    );
    assert!(
        pms.items
            .iter()
            .any(|m| m.brand == Some(CardBrand::Cb) && m.status == PaymentMethodStatus::Expired)
    );
    assert!(pms.items.iter().any(|m| m.kind == PaymentMethodType::Sepa));
    assert!(
        pms.items
            .iter()
            .any(|m| m.kind == PaymentMethodType::Paypal)
    );
    // Hostile and long texts are there for the portal to render inertly.
    let all = c.get("/api/v1/orders?pageSize=200").await.text()
        + &c.get("/api/v1/payment-methods").await.text();
    let mut texts = all;
    for o in &page.items[..3] {
        texts += &c.get(&format!("/api/v1/invoices/{}", o.id)).await.text();
    }
    let orders: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
    let mut longest = 0;
    for o in &orders.items {
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", o.id)).await.body).unwrap();
        longest = longest.max(
            order
                .lines
                .iter()
                .map(|l| l.description.chars().count())
                .max()
                .unwrap_or(0),
        );
    }
    assert_eq!(longest, 2000);
    assert!(texts.contains("<script>alert(1)</script>"));
}

#[tokio::test]
async fn italian_business_has_22_percent_vat_and_no_withdrawal() {
    let app = app();
    let c = Client::sign_in(&app, "it-business").await;
    let s: Session = serde_json::from_slice(&c.get("/api/v1/session").await.body).unwrap();
    assert_eq!(s.customer.name, "Rossi Costruzioni S.r.l.");
    assert_eq!(s.customer.kind, CustomerKind::Business);
    let page: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices").await.body).unwrap();
    for i in &page.items {
        let tax = (i.total_excl_tax.amount * Decimal::new(22, 2))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
        assert_eq!(tax, i.tax.amount);
    }
    let orders: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
    for o in &orders.items {
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", o.id)).await.body).unwrap();
        assert!(!order.withdrawable && order.withdrawal_deadline.is_none());
    }
    let pms: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    assert!(
        pms.items
            .iter()
            .any(|m| m.default && m.kind == PaymentMethodType::Sepa)
    );
    assert!(pms.items.iter().any(|m| m.brand == Some(CardBrand::Amex)));
    assert!(
        !pms.items
            .iter()
            .any(|m| m.kind == PaymentMethodType::Paypal)
    );
}

#[tokio::test]
async fn auth_csrf_and_idempotency_key_are_enforced() {
    let app = app();
    let anon = send(
        &app,
        Request::get("/api/v1/balance").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    assert_schema("Problem", &anon.json());
    let bogus = send(
        &app,
        Request::get("/api/v1/orders")
            .header(header::COOKIE, "billing_session=forged")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(bogus.status, StatusCode::UNAUTHORIZED);

    let c = Client::sign_in(&app, "fr-consumer").await;
    let no_csrf = send(
        &app,
        Request::post("/api/v1/balance/pay")
            .header(header::COOKIE, &c.cookie)
            .header("idempotency-key", "k1")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"paymentMethodId":null}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    assert_schema("Problem", &no_csrf.json());
    let no_key = send(
        &app,
        Request::post("/api/v1/balance/pay")
            .header(header::COOKIE, &c.cookie)
            .header("x-csrf-token", &c.csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"paymentMethodId":null}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
    assert!(no_key.text().contains("idempotency-key-missing"));
    // Nothing was paid by the rejected calls.
    let b: Balance = serde_json::from_slice(&c.get("/api/v1/balance").await.body).unwrap();
    assert!(b.due.amount > Decimal::ZERO);
    // A float amount-like body or an unknown enum is a 400 problem.
    let bad = c
        .post(
            "/api/v1/orders/000000000/withdraw",
            "k2",
            json!({"reason": "bored", "comment": ""}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_schema("Problem", &bad.json());
    // Sign-out kills the session.
    let out = c
        .mutate(Method::POST, "/api/v1/auth/sign-out", "k3", None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        c.get("/api/v1/session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn paying_an_invoice_is_idempotent() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let unpaid: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?status=unpaid").await.body).unwrap();
    let inv = &unpaid.items[0];
    let before: Page<Payment> =
        serde_json::from_slice(&c.get("/api/v1/payments?pageSize=200").await.body).unwrap();
    let first = c
        .post(
            &format!("/api/v1/invoices/{}/pay", inv.id),
            "pay-once",
            json!({"paymentMethodId": null}),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_schema("PaymentOutcome", &first.json());
    assert_eq!(first.json()["status"], "succeeded");
    assert!(first.header("idempotent-replayed").is_none());
    let second = c
        .post(
            &format!("/api/v1/invoices/{}/pay", inv.id),
            "pay-once",
            json!({"paymentMethodId": null}),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.body, first.body, "replayed byte for byte");
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    let after: Page<Payment> =
        serde_json::from_slice(&c.get("/api/v1/payments?pageSize=200").await.body).unwrap();
    assert_eq!(after.total, before.total + 1, "paid exactly once");
    let paid: Invoice =
        serde_json::from_slice(&c.get(&format!("/api/v1/invoices/{}", inv.id)).await.body).unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    assert_eq!(paid.balance_due.amount, Decimal::ZERO);
    assert_eq!(paid.payments.last().unwrap().amount, inv.total_incl_tax);
    assert!(paid.payment_type.is_some());
    // A new key on a paid invoice is a conflict; the same key with another body is refused.
    assert_eq!(
        c.post(
            &format!("/api/v1/invoices/{}/pay", inv.id),
            "pay-twice",
            json!({"paymentMethodId": null})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let reused = c
        .post(
            &format!("/api/v1/invoices/{}/pay", inv.id),
            "pay-once",
            json!({"paymentMethodId": "pm-fr-sepa"}),
        )
        .await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn pay_flows_keep_statuses_and_balances_consistent() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    // Expired card → 422 naming paymentMethodId.
    let unpaid: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?status=unpaid,overdue").await.body)
            .unwrap();
    let r = c
        .post(
            &format!("/api/v1/invoices/{}/pay", unpaid.items[0].id),
            "e1",
            json!({"paymentMethodId": "pm-fr-cb"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "paymentMethodId");
    // PayPal → actionRequired, approved on the dev page → paid.
    let r = c
        .post(
            &format!("/api/v1/invoices/{}/pay", unpaid.items[0].id),
            "e2",
            json!({"paymentMethodId": "pm-fr-paypal"}),
        )
        .await;
    let outcome: PaymentOutcome = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(outcome.status, PaymentOutcomeStatus::ActionRequired);
    let url = outcome.redirect_url.unwrap();
    let path = &url[url.find("/api/").unwrap()..];
    let page = send(
        &app,
        Request::get(format!(
            "{path}?returnTo=http%3A%2F%2F127.0.0.1%3A8080%2Finvoices"
        ))
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("lang=\"en\"") && page.text().contains("<button"));
    let done = send(
        &app,
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(
                "decision=approve&returnTo=http%3A%2F%2F127.0.0.1%3A8080%2Finvoices",
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(
        done.text()
            .contains("content=\"0; url=http://127.0.0.1:8080/invoices?payment=succeeded\""),
        "{}",
        done.text()
    );
    let inv: Invoice = serde_json::from_slice(
        &c.get(&format!("/api/v1/invoices/{}", unpaid.items[0].id))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(inv.status, InvoiceStatus::Paid);

    // Pay the whole balance: a regularisation order settles every unpaid invoice.
    let r = c
        .post(
            "/api/v1/balance/pay",
            "bal",
            json!({"paymentMethodId": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let outcome: PaymentOutcome = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(outcome.status, PaymentOutcomeStatus::Succeeded);
    let order: Order = serde_json::from_slice(
        &c.get(&format!("/api/v1/orders/{}", outcome.order_id.unwrap()))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(order.kind, OrderKind::Regularisation);
    assert_eq!(order.status, OrderStatus::Delivered);
    let b: Balance = serde_json::from_slice(&c.get("/api/v1/balance").await.body).unwrap();
    assert_eq!(b.due.amount, Decimal::ZERO);
    assert_eq!(b.overdue.amount, Decimal::ZERO);
    let left: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?status=unpaid,overdue").await.body)
            .unwrap();
    assert_eq!(left.total, 0);
    assert_eq!(
        c.post(
            "/api/v1/balance/pay",
            "bal2",
            json!({"paymentMethodId": null})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // Pay a notPaid order → delivering with an invoice.
    let np: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders?status=notPaid&sort=date").await.body)
            .unwrap();
    let target = np
        .items
        .iter()
        .find(|o| o.kind == OrderKind::Purchase)
        .unwrap();
    let r = c
        .post(
            &format!("/api/v1/orders/{}/pay", target.id),
            "o1",
            json!({"paymentMethodId": "pm-fr-sepa"}),
        )
        .await;
    assert_eq!(r.json()["status"], "succeeded");
    let paid: Order =
        serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", target.id)).await.body)
            .unwrap();
    assert_eq!(paid.status, OrderStatus::Delivering);
    let inv: Invoice = serde_json::from_slice(
        &c.get(&format!("/api/v1/invoices/{}", paid.invoice_id.unwrap()))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        (inv.status, inv.total_incl_tax),
        (InvoiceStatus::Paid, paid.total_incl_tax)
    );
    assert_eq!(
        c.post(
            &format!("/api/v1/orders/{}/pay", target.id),
            "o2",
            json!({"paymentMethodId": null})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // Withdraw a withdrawable order.
    let all: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
    let mut done_one = false;
    for o in &all.items {
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", o.id)).await.body).unwrap();
        let path = format!("/api/v1/orders/{}/withdraw", o.id);
        let r = c
            .post(
                &path,
                &format!("w-{}", o.id),
                json!({"reason": "changedMind", "comment": "Je me suis trompé"}),
            )
            .await;
        if order.withdrawable {
            assert_eq!(r.status, StatusCode::OK);
            assert_schema("Order", &r.json());
            assert_eq!(r.json()["status"], "cancelling");
            done_one = true;
        } else {
            assert_eq!(r.status, StatusCode::CONFLICT, "{}", o.id);
        }
    }
    assert!(done_one);
}

#[tokio::test]
async fn payment_methods_default_delete_and_sepa() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let r = c
        .mutate(
            Method::DELETE,
            "/api/v1/payment-methods/pm-fr-visa",
            "d1",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "default with others valid");
    let r = c
        .mutate(
            Method::PATCH,
            "/api/v1/payment-methods/pm-fr-sepa",
            "p1",
            Some(json!({"default": true, "description": "Compte courant"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_schema("PaymentMethod", &r.json());
    let pms: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    let defaults: Vec<_> = pms
        .items
        .iter()
        .filter(|m| m.default)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(defaults, ["pm-fr-sepa"]);
    assert_eq!(
        c.mutate(
            Method::PATCH,
            "/api/v1/payment-methods/pm-fr-cb",
            "p2",
            Some(json!({"default": true}))
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let r = c
        .mutate(
            Method::DELETE,
            "/api/v1/payment-methods/pm-fr-visa",
            "d2",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let pms: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    assert!(!pms.items.iter().any(|m| m.id == "pm-fr-visa"));
    // SEPA: mod-97 checked.
    let bad = c.post("/api/v1/payment-methods", "s1", json!({"type": "sepa", "description": null, "default": false, "returnTo": "http://127.0.0.1:8080/", "iban": "FR76 3000 6000 0112 3456 7890 188", "holderName": "Camille Dupont"})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["field"], "iban");
    let ok = c.post("/api/v1/payment-methods", "s2", json!({"type": "sepa", "description": "Livret", "default": true, "returnTo": "http://127.0.0.1:8080/", "iban": "FR76 3000 6000 0112 3456 7890 189", "holderName": "Camille Dupont"})).await;
    assert_eq!(ok.status, StatusCode::CREATED);
    assert_schema("CreatePaymentMethodResponse", &ok.json());
    assert_eq!(ok.json()["paymentMethod"]["label"], "FR76 •••• •••• 0189");
    // Card: provider page, then back to returnTo.
    let card = c.post("/api/v1/payment-methods", "c1", json!({"type": "card", "description": null, "default": false, "returnTo": "http://127.0.0.1:8080/methods"})).await;
    assert_eq!(card.status, StatusCode::OK);
    assert_schema("CreatePaymentMethodResponse", &card.json());
    let url = card.json()["redirectUrl"].as_str().unwrap().to_owned();
    let path = &url[url.find("/api/").unwrap()..];
    let page = send(&app, Request::get(path).body(Body::empty()).unwrap()).await;
    assert!(page.text().contains("<label for=\"card-visa\">"));
    let back = send(
        &app,
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("decision=approve&card=mastercard"))
            .unwrap(),
    )
    .await;
    assert!(
        back.text()
            .contains("content=\"0; url=http://127.0.0.1:8080/methods?paymentMethod=added\""),
        "{}",
        back.text()
    );
    let pms: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    assert_eq!(pms.items.iter().filter(|m| m.default).count(), 1);
    assert!(pms.items.iter().any(|m| m.label == "•••• 4444"));
}

#[tokio::test]
async fn invoice_filters_sort_and_pagination() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let all: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?pageSize=200").await.body).unwrap();
    // Default: newest first.
    assert!(all.items.windows(2).all(|w| w[0].date >= w[1].date));
    // Amount bounds are exact decimals on totalInclTax.
    let pivot = all.items[7].total_incl_tax.amount;
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!(
            "/api/v1/invoices?minAmount={pivot}&maxAmount={pivot}&pageSize=200"
        ))
        .await
        .body,
    )
    .unwrap();
    assert!(r.total >= 1 && r.items.iter().all(|i| i.total_incl_tax.amount == pivot));
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!("/api/v1/invoices?minAmount={pivot}&pageSize=200"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        r.total as usize,
        all.items
            .iter()
            .filter(|i| i.total_incl_tax.amount >= pivot)
            .count()
    );
    // Sort ascending by total, with pagination over it.
    let asc: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get("/api/v1/invoices?sort=totalInclTax&pageSize=200")
            .await
            .body,
    )
    .unwrap();
    assert!(
        asc.items
            .windows(2)
            .all(|w| w[0].total_incl_tax.amount <= w[1].total_incl_tax.amount)
    );
    let p2: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get("/api/v1/invoices?sort=totalInclTax&page=2&pageSize=10")
            .await
            .body,
    )
    .unwrap();
    assert_eq!((p2.page, p2.page_size, p2.total), (2, 10, 60));
    assert_eq!(p2.items, asc.items[10..20]);
    let desc: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get("/api/v1/invoices?sort=-balanceDue&pageSize=200")
            .await
            .body,
    )
    .unwrap();
    assert!(
        desc.items
            .windows(2)
            .all(|w| w[0].balance_due.amount >= w[1].balance_due.amount)
    );
    // Status and reference filters.
    let open: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices?status=unpaid,overdue").await.body)
            .unwrap();
    assert!(open.total >= 3 && open.items.iter().all(|i| i.status != InvoiceStatus::Paid));
    let needle = all.items[3].reference[4..9].to_lowercase();
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!(
            "/api/v1/invoices?reference=fr{}",
            &all.items[3].reference[2..]
        ))
        .await
        .body,
    )
    .unwrap();
    assert_eq!(r.items[0].id, all.items[3].id);
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!("/api/v1/invoices?reference={needle}&pageSize=200"))
            .await
            .body,
    )
    .unwrap();
    assert!(
        r.items
            .iter()
            .all(|i| i.reference.to_lowercase().contains(&needle))
    );
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!(
            "/api/v1/invoices?orderId={}",
            all.items[0].order_id
        ))
        .await
        .body,
    )
    .unwrap();
    assert!(r.items.iter().any(|i| i.id == all.items[0].id));
    // Dates are inclusive.
    let d = all.items[5].date.date_naive();
    let r: Page<InvoiceSummary> = serde_json::from_slice(
        &c.get(&format!("/api/v1/invoices?from={d}&to={d}"))
            .await
            .body,
    )
    .unwrap();
    assert!(
        r.items.iter().any(|i| i.id == all.items[5].id)
            && r.items.iter().all(|i| i.date.date_naive() == d)
    );
    // Bad parameters are 400 problems naming the parameter.
    for (q, param) in [
        ("pageSize=500", "pageSize"),
        ("page=0", "page"),
        ("sort=-amount", "sort"),
        ("status=late", "status"),
        ("minAmount=12,5", "minAmount"),
        ("from=23/11/2026", "from"),
    ] {
        let r = c.get(&format!("/api/v1/invoices?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(r.json()["errors"][0]["field"], param, "{q}");
        assert_schema("Problem", &r.json());
    }
}

#[tokio::test]
async fn order_filters_sort_and_pagination() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let r: Page<OrderSummary> = serde_json::from_slice(
        &c.get("/api/v1/orders?status=delivered,cancelled&pageSize=200")
            .await
            .body,
    )
    .unwrap();
    assert!(
        r.total > 0
            && r.items
                .iter()
                .all(|o| matches!(o.status, OrderStatus::Delivered | OrderStatus::Cancelled))
    );
    let r: Page<OrderSummary> = serde_json::from_slice(
        &c.get("/api/v1/orders?sort=-totalInclTax&pageSize=200")
            .await
            .body,
    )
    .unwrap();
    assert!(
        r.items
            .windows(2)
            .all(|w| w[0].total_incl_tax.amount >= w[1].total_incl_tax.amount)
    );
    let r: Page<OrderSummary> = serde_json::from_slice(
        &c.get("/api/v1/orders?sort=date&page=3&pageSize=10")
            .await
            .body,
    )
    .unwrap();
    assert_eq!((r.items.len(), r.total), (10, 30));
    assert!(r.items.windows(2).all(|w| w[0].date <= w[1].date));
    let r = c.get("/api/v1/orders?status=paid").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["detail"].as_str().unwrap().starts_with("status"));
}

#[tokio::test]
async fn faults_can_be_armed_and_cleared() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let arm = |body: Value| {
        let app = app.clone();
        async move {
            let r = send(
                &app,
                Request::post("/api/v1/_dev/faults")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        }
    };
    arm(json!({"pathPrefix": "/api/v1/balance", "kind": "serverError", "times": 1})).await;
    let r = c.get("/api/v1/balance").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_schema("Problem", &r.json());
    assert_eq!(
        c.get("/api/v1/balance").await.status,
        StatusCode::OK,
        "times: 1"
    );

    arm(json!({"pathPrefix": "/api/v1/orders", "kind": "unauthorized", "times": 1})).await;
    assert_eq!(
        c.get("/api/v1/orders").await.status,
        StatusCode::UNAUTHORIZED
    );

    arm(json!({"pathPrefix": "/api/v1/invoices", "kind": "malformedJson", "times": 1})).await;
    let r = c.get("/api/v1/invoices").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());

    arm(json!({"pathPrefix": "/api/v1/balance", "kind": "badField", "times": 1})).await;
    let r = c.get("/api/v1/balance").await;
    assert_eq!(r.json()["due"]["amount"], "12,34 EUR");
    assert!(
        serde_json::from_slice::<Balance>(&r.body).is_err(),
        "the contract type rejects it"
    );

    arm(json!({"pathPrefix": "/api/v1/payment-methods", "kind": "slow", "delayMs": 300, "times": 1})).await;
    let t = Instant::now();
    assert_eq!(
        c.get("/api/v1/payment-methods").await.status,
        StatusCode::OK
    );
    assert!(t.elapsed() >= Duration::from_millis(300));

    // Until cleared; /_dev/ is never faulted.
    arm(json!({"pathPrefix": "/api/v1/", "kind": "timeout"})).await;
    let pending = tokio::time::timeout(Duration::from_millis(200), c.get("/api/v1/session")).await;
    assert!(pending.is_err(), "a timeout fault does not answer");
    let r = send(
        &app,
        Request::delete("/api/v1/_dev/faults")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/api/v1/session").await.status, StatusCode::OK);

    // Reset restores the seed and clears faults.
    arm(json!({"pathPrefix": "/api/v1/session", "kind": "serverError"})).await;
    let before = c.get("/api/v1/balance").await.body;
    c.post(
        "/api/v1/balance/pay",
        "reset-me",
        json!({"paymentMethodId": null}),
    )
    .await;
    assert_ne!(c.get("/api/v1/balance").await.body, before);
    let r = send(
        &app,
        Request::post("/api/v1/_dev/reset")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/api/v1/balance").await.body, before);
    assert_eq!(c.get("/api/v1/session").await.status, StatusCode::OK);
    // Invalid fault specs are rejected.
    let r = send(
        &app,
        Request::post("/api/v1/_dev/faults")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"pathPrefix":"/x","kind":"explode"}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn same_seed_same_bytes() {
    let (a, b) = (app(), app());
    let (ca, cb) = (
        Client::sign_in(&a, "fr-consumer").await,
        Client::sign_in(&b, "fr-consumer").await,
    );
    for path in [
        "/api/v1/session",
        "/api/v1/invoices?pageSize=200",
        "/api/v1/orders?pageSize=200",
        "/api/v1/payments?pageSize=200",
        "/api/v1/credit-notes",
        "/api/v1/payment-methods",
        "/api/v1/balance",
    ] {
        assert_eq!(ca.get(path).await.body, cb.get(path).await.body, "{path}");
    }
    let mut other = seed(60);
    other.seed = 7;
    let o = router(AppState::new(other));
    let co = Client::sign_in(&o, "fr-consumer").await;
    assert_ne!(
        co.get("/api/v1/invoices").await.body,
        ca.get("/api/v1/invoices").await.body
    );
}

#[tokio::test]
async fn ten_thousand_invoices_are_fast() {
    let t = Instant::now();
    let state = AppState::new(seed(10_000));
    let generated = t.elapsed();
    assert!(
        generated < Duration::from_secs(2),
        "generated in {generated:?}"
    );
    let app = router(state);
    let c = Client::sign_in(&app, "it-business").await;
    let t = Instant::now();
    let r = c
        .get("/api/v1/invoices?status=paid&sort=-totalInclTax")
        .await;
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "listed in {:?}",
        t.elapsed()
    );
    let page: Page<InvoiceSummary> = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(page.items.len(), 25);
    let all: Page<InvoiceSummary> =
        serde_json::from_slice(&c.get("/api/v1/invoices").await.body).unwrap();
    assert_eq!(all.total, 10_000);
    let refs: HashSet<_> = all.items.iter().map(|i| &i.reference).collect();
    assert_eq!(refs.len(), 25);
}

#[tokio::test]
async fn cors_reflects_loopback_origins_only() {
    let app = app();
    let pre = send(
        &app,
        Request::options("/api/v1/invoices/x/pay")
            .header(header::ORIGIN, "http://127.0.0.1:8080")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(
                header::ACCESS_CONTROL_REQUEST_HEADERS,
                "content-type, x-csrf-token, idempotency-key",
            )
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(pre.status, StatusCode::NO_CONTENT);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(pre.header("access-control-allow-credentials"), Some("true"));
    assert!(
        pre.header("access-control-allow-headers")
            .unwrap()
            .contains("idempotency-key")
    );
    assert!(
        pre.header("access-control-allow-methods")
            .unwrap()
            .contains("PATCH")
    );
    let evil = send(
        &app,
        Request::get("/api/v1/session")
            .header(header::ORIGIN, "http://evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(evil.header("access-control-allow-origin").is_none());
    let ok = send(
        &app,
        Request::get("/api/v1/session")
            .header(header::ORIGIN, "http://localhost:3000")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        ok.header("access-control-expose-headers"),
        Some("Idempotent-Replayed, X-Pagination-Elements")
    );
}

#[tokio::test]
async fn openapi_and_health_are_served() {
    let app = app();
    let r = send(
        &app,
        Request::get("/api/v1/openapi.yaml")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().starts_with("openapi: 3.1"));
    let h = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!((h.status, h.text().as_str()), (StatusCode::OK, "ok"));
    let r = send(
        &app,
        Request::get(
            "/api/v1/auth/demo?customer=fr-consumer&returnTo=https%3A%2F%2Fevil.example%2F",
        )
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn provider_pending_and_error_outcomes_and_the_request_counter() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let count = |query: &'static str| {
        let app = app.clone();
        async move {
            let r = send(
                &app,
                Request::get(format!("/api/v1/_dev/requests?{query}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            r.json()["count"].as_u64().unwrap()
        }
    };
    let start = |key: &'static str| {
        let c = &c;
        async move {
            let r = c.post("/api/v1/payment-methods", key, json!({"type": "card", "default": true, "returnTo": "http://127.0.0.1:8080/payment-methods"})).await;
            let url = r.json()["redirectUrl"].as_str().unwrap().to_owned();
            url[url.find("/api/").unwrap()..].to_owned()
        }
    };
    let decide = |path: String, decision: &'static str| {
        let app = app.clone();
        async move {
            send(
                &app,
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!("decision={decision}")))
                    .unwrap(),
            )
            .await
            .text()
        }
    };
    let before: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    let page = send(
        &app,
        Request::get(start("o1").await).body(Body::empty()).unwrap(),
    )
    .await;
    assert!(page.text().contains("value=\"pending\"") && page.text().contains("value=\"error\""));
    let refused = decide(start("o2").await, "error").await;
    assert!(refused.contains("paymentMethod=error"), "{refused}");
    let pending = decide(start("o3").await, "pending").await;
    assert!(pending.contains("paymentMethod=pending"), "{pending}");
    let after: PaymentMethodList =
        serde_json::from_slice(&c.get("/api/v1/payment-methods").await.body).unwrap();
    assert_eq!(
        after.items.len(),
        before.items.len() + 1,
        "only the pending one is saved"
    );
    let added = after.items.last().unwrap();
    assert_eq!(added.status, PaymentMethodStatus::Pending);
    assert!(!added.default, "a pending method never becomes the default");

    // Every request is counted, duplicates included; reset starts again.
    for key in ["dup", "dup"] {
        c.mutate(
            Method::DELETE,
            "/api/v1/payment-methods/pm-fr-paypal-closed",
            key,
            None,
        )
        .await;
    }
    assert_eq!(
        count("method=DELETE&pathPrefix=/api/v1/payment-methods/pm-fr-paypal-closed").await,
        2
    );
    assert_eq!(
        count("method=POST&pathPrefix=/api/v1/payment-methods").await,
        3
    );
    send(
        &app,
        Request::post("/api/v1/_dev/reset")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(count("method=DELETE").await, 0);
}

#[tokio::test]
async fn payment_filters_link_payments_invoices_and_credit_notes() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let get = |path: String| {
        let c = &c;
        async move {
            let r = c.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            serde_json::from_slice::<Page<Payment>>(&r.body).unwrap()
        }
    };
    let all = get("/api/v1/payments?pageSize=200".into()).await;
    assert!(
        all.items
            .iter()
            .all(|p| p.status == PaymentStatus::Succeeded)
    );
    // By id: exactly that payment.
    let one = &all.items[3];
    let r = get(format!("/api/v1/payments?id={}", one.id)).await;
    assert_eq!(r.items, vec![one.clone()]);
    // By invoice: every payment listed settled it, and the invoice lists them back.
    let invoice_id = &one.invoices[0].id;
    let r = get(format!("/api/v1/payments?invoiceId={invoice_id}")).await;
    assert!(r.items.iter().any(|p| p.id == one.id));
    let inv: Invoice =
        serde_json::from_slice(&c.get(&format!("/api/v1/invoices/{invoice_id}")).await.body)
            .unwrap();
    let from_invoice: HashSet<_> = inv.payments.iter().map(|p| p.id.clone()).collect();
    let from_payments: HashSet<_> = r.items.iter().map(|p| p.id.clone()).collect();
    assert_eq!(from_invoice, from_payments);
    // By settled invoice reference, case-insensitively.
    let needle = one.invoices[0].reference.to_lowercase();
    let r = get(format!("/api/v1/payments?reference={needle}&pageSize=200")).await;
    assert!(r.items.iter().any(|p| p.id == one.id));
    // By type and amount, exactly.
    for kind in PaymentMethodType::ALL {
        let r = get(format!(
            "/api/v1/payments?type={}&pageSize=200",
            kind.as_str()
        ))
        .await;
        let expected = all
            .items
            .iter()
            .filter(|p| p.payment_method.kind == kind)
            .count();
        assert_eq!(r.total as usize, expected, "{kind:?}");
    }
    let both = get("/api/v1/payments?type=sepa,transfer&pageSize=200".into()).await;
    assert!(both.items.iter().all(|p| matches!(
        p.payment_method.kind,
        PaymentMethodType::Sepa | PaymentMethodType::Transfer
    )));
    assert!(both.total > 0);
    let pivot = all.items[5].amount.amount;
    let r = get(format!(
        "/api/v1/payments?minAmount={pivot}&maxAmount={pivot}&pageSize=200"
    ))
    .await;
    assert!(r.total >= 1 && r.items.iter().all(|p| p.amount.amount == pivot));
    let asc = get("/api/v1/payments?sort=amount&pageSize=200".into()).await;
    assert!(
        asc.items
            .windows(2)
            .all(|w| w[0].amount.amount <= w[1].amount.amount)
    );
    for bad in ["type=cash", "minAmount=10&maxAmount=1", "minAmount=1e3"] {
        let r = c.get(&format!("/api/v1/payments?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    // The credit-lowered payment names its credit note, which exists with a reason.
    let lowered: Vec<&Payment> = all
        .items
        .iter()
        .filter(|p| p.credit_applied.is_some())
        .collect();
    assert_eq!(lowered.len(), 1);
    let lowered = lowered[0];
    let applied: Decimal = lowered
        .invoices
        .iter()
        .map(|s| s.amount_applied.amount)
        .sum();
    let credit = lowered.credit_applied.as_ref().unwrap().amount;
    assert_eq!(lowered.amount.amount, applied - credit);
    let note_ref = lowered
        .credit_note
        .as_ref()
        .expect("the credit note is named");
    let notes: Page<CreditNote> =
        serde_json::from_slice(&c.get("/api/v1/credit-notes").await.body).unwrap();
    let note = notes.items.iter().find(|n| n.id == note_ref.id).unwrap();
    assert_eq!(note.reference, note_ref.reference);
    assert!(notes.items.iter().all(|n| n.reason.is_some()));
    // Credit notes by original invoice.
    let r: Page<CreditNote> = serde_json::from_slice(
        &c.get(&format!(
            "/api/v1/credit-notes?invoiceId={}",
            note.original_invoice_id
        ))
        .await
        .body,
    )
    .unwrap();
    assert!(
        r.items
            .iter()
            .all(|n| n.original_invoice_id == note.original_invoice_id)
    );
    assert!(r.items.iter().any(|n| n.id == note.id));
    let r: Page<CreditNote> = serde_json::from_slice(
        &c.get(&format!("/api/v1/credit-notes?id={}", note.id))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(r.items, vec![note.clone()]);
    // Its HTML version renders the reason, escaped like every rendition.
    let html = c.get(note.html_url.as_deref().unwrap()).await;
    assert_eq!(html.status, StatusCode::OK);
    let text = html.text();
    assert!(text.contains(&note.reference) && text.contains(note.reason.as_deref().unwrap()));
    assert_eq!(
        c.get("/api/v1/credit-notes/nope/credit-note.html")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
