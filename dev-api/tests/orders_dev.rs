//! The orders additions: search by number, sort by number, the summary's actions
//! (withdrawable, invoice, renditions), the excluded lines, and the dev switches the
//! orders journeys use (counters, advancing a tracking).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use billing_contract::*;
use common::*;
use serde_json::json;

#[tokio::test]
async fn orders_are_found_by_number_and_sorted_by_it() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let all: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders?pageSize=200").await.body).unwrap();
    let target = &all.items[3];
    let part = &target.id[3..7];
    let found = c.get(&format!("/api/v1/orders?id={part}")).await;
    assert_schema("OrderSummaryPage", &found.json());
    let found: Page<OrderSummary> = serde_json::from_slice(&found.body).unwrap();
    assert!(found.items.iter().any(|o| o.id == target.id));
    assert!(found.items.iter().all(|o| o.id.contains(part)));

    let sorted: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders?sort=id&pageSize=200").await.body).unwrap();
    let ids: Vec<&str> = sorted.items.iter().map(|o| o.id.as_str()).collect();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn a_summary_tells_what_can_be_done_with_the_order() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let all: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders?pageSize=200").await.body).unwrap();
    assert!(all.items.iter().any(|o| o.withdrawable));
    let mut excluded_seen = false;
    for summary in &all.items {
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", summary.id)).await.body)
                .unwrap();
        assert_eq!(summary.withdrawable, order.withdrawable, "{}", order.id);
        assert_eq!(summary.invoice_id, order.invoice_id);
        assert_eq!(summary.html_url.as_deref(), Some(order.html_url.as_str()));
        if order.lines.iter().any(|l| l.withdrawal_excluded) {
            excluded_seen = true;
            assert!(!order.withdrawable, "{} has an excluded line", order.id);
        }
    }
    assert!(excluded_seen, "the seed marks no line as excluded");
}

#[tokio::test]
async fn the_counters_count_pay_requests_and_charges_and_reset() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let counters = || async {
        let r = send(
            &app,
            Request::get("/api/v1/_dev/counters")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        r.json()
    };
    assert_eq!(
        counters().await,
        json!({"orderPayRequests": 0, "charges": 0})
    );
    let unpaid: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders?status=notPaid").await.body).unwrap();
    let path = format!("/api/v1/orders/{}/pay", unpaid.items[0].id);
    let body = json!({"paymentMethodId": "pm-fr-visa"});
    assert_eq!(
        c.post(&path, "k1", body.clone()).await.json()["status"],
        "succeeded"
    );
    // The same intent again: replayed, neither a request nor a charge more.
    assert_eq!(
        c.post(&path, "k1", body.clone()).await.json()["status"],
        "succeeded"
    );
    assert_eq!(
        counters().await,
        json!({"orderPayRequests": 1, "charges": 1})
    );
    // Another intent on a paid order: a request, refused, no charge.
    assert_eq!(c.post(&path, "k2", body).await.status, StatusCode::CONFLICT);
    assert_eq!(
        counters().await,
        json!({"orderPayRequests": 2, "charges": 1})
    );
    send(
        &app,
        Request::post("/api/v1/_dev/reset")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        counters().await,
        json!({"orderPayRequests": 0, "charges": 0})
    );
}

#[tokio::test]
async fn advancing_moves_the_tracking_and_the_status_on() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let delivering: Page<OrderSummary> = serde_json::from_slice(
        &c.get("/api/v1/orders?status=delivering&pageSize=200")
            .await
            .body,
    )
    .unwrap();
    let mut target = None;
    for o in &delivering.items {
        let f: FollowUp = serde_json::from_slice(
            &c.get(&format!("/api/v1/orders/{}/follow-up", o.id))
                .await
                .body,
        )
        .unwrap();
        let states: Vec<StepStatus> = f.steps.iter().map(|s| s.status).collect();
        if states
            == [
                StepStatus::Done,
                StepStatus::Done,
                StepStatus::Doing,
                StepStatus::Todo,
            ]
        {
            target = Some(o.id.clone());
            break;
        }
    }
    let id = target.expect("an order delivering on its third step");
    let r = send(
        &app,
        Request::post(format!("/api/v1/_dev/orders/{id}/advance"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let f: FollowUp =
        serde_json::from_slice(&c.get(&format!("/api/v1/orders/{id}/follow-up")).await.body)
            .unwrap();
    assert_schema("FollowUp", &serde_json::to_value(&f).unwrap());
    let states: Vec<StepStatus> = f.steps.iter().map(|s| s.status).collect();
    assert_eq!(
        states,
        [
            StepStatus::Done,
            StepStatus::Done,
            StepStatus::Done,
            StepStatus::Doing
        ]
    );
    let order: Order =
        serde_json::from_slice(&c.get(&format!("/api/v1/orders/{id}")).await.body).unwrap();
    assert_eq!(order.status, OrderStatus::Delivering);
    let missing = send(
        &app,
        Request::post("/api/v1/_dev/orders/000000000/advance")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
