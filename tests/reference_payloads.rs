//! The portal's decoder against the dev API's real answers: every model the
//! reference adapter reads decodes from what the server actually sends, for
//! both demo customers, and money arrives exact.
#![cfg(not(target_arch = "wasm32"))]

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use billing_dev_api::{AppState, Seed, router};
use billing_portal::api::decode;
use billing_portal::api::models::*;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

mod dev_api;
use dev_api::sign_in;

fn app() -> Router {
    router(AppState::new(Seed::new(42, dev_api::now())))
}

async fn get<T: DeserializeOwned>(app: &Router, cookie: &str, path: &str) -> T {
    let response = app
        .clone()
        .oneshot(
            Request::get(format!("/api/v1{path}"))
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let text = String::from_utf8(body.to_vec()).unwrap();
    decode(&text).unwrap_or_else(|error| panic!("{path}: {error:?}"))
}

#[tokio::test]
async fn every_model_decodes_from_the_dev_api_for_both_customers() {
    let app = app();
    for customer in ["fr-consumer", "it-business"] {
        let cookie = sign_in(&app, customer).await;
        let session: Session = get(&app, &cookie, "/session").await;
        assert!(!session.csrf_token.is_empty());
        let balance: Balance = get(&app, &cookie, "/balance").await;
        assert_eq!(balance.due.currency, session.customer.currency);

        let orders: Page<OrderSummary> = get(&app, &cookie, "/orders?pageSize=200").await;
        assert!(!orders.items.is_empty());
        for summary in orders.items.iter().take(5) {
            let order: Order = get(&app, &cookie, &format!("/orders/{}", summary.id)).await;
            let lines: Decimal = order.lines.iter().map(|l| l.total_excl_tax.amount).sum();
            assert_eq!(lines, order.total_excl_tax.amount, "order {}", order.id);
            let _: FollowUp =
                get(&app, &cookie, &format!("/orders/{}/follow-up", summary.id)).await;
        }

        let invoices: Page<InvoiceSummary> = get(&app, &cookie, "/invoices?pageSize=200").await;
        for summary in invoices.items.iter().take(5) {
            let invoice: Invoice = get(&app, &cookie, &format!("/invoices/{}", summary.id)).await;
            assert_eq!(
                invoice.total_excl_tax.amount + invoice.tax.amount,
                invoice.total_incl_tax.amount,
                "invoice {}",
                invoice.reference
            );
        }
        let _: Page<Payment> = get(&app, &cookie, "/payments").await;
        let _: Page<CreditNote> = get(&app, &cookie, "/credit-notes").await;
        let methods: PaymentMethodList = get(&app, &cookie, "/payment-methods").await;
        assert_eq!(methods.items.iter().filter(|m| m.default).count(), 1);
    }
}

#[tokio::test]
async fn the_bad_field_fault_is_reported_with_its_path() {
    let app = app();
    let cookie = sign_in(&app, "fr-consumer").await;
    let fault = Request::post("/api/v1/_dev/faults")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"pathPrefix":"/api/v1/balance","kind":"badField","times":1}"#,
        ))
        .unwrap();
    let status = app.clone().oneshot(fault).await.unwrap().status();
    assert!(status.is_success());
    let response = app
        .clone()
        .oneshot(
            Request::get("/api/v1/balance")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let error = decode::<Balance>(std::str::from_utf8(&body).unwrap()).unwrap_err();
    match error {
        billing_portal::api::ApiError::Decode { field, .. } => assert_eq!(field, "due.amount"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
