//! The invoice list's needs from the dev API: every column sorts, the totals
//! of a filter per currency, the invoice extras (amounts above 1,000, a
//! formula order number, a second currency) and the refusal of a payment
//! mixing currencies.

mod common;

use axum::http::StatusCode;
use billing_contract::*;
use billing_dev_api::{AppState, router};
use common::*;
use rust_decimal::Decimal;
use serde_json::json;

fn app_with_extras() -> axum::Router {
    let mut options = seed(60);
    options.invoice_extras = true;
    router(AppState::new(options))
}

async fn all(c: &Client, query: &str) -> Vec<InvoiceSummary> {
    let res = c
        .get(&format!("/api/v1/invoices?pageSize=200&{query}"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text());
    assert_schema("InvoiceSummaryPage", &res.json());
    serde_json::from_slice::<Page<InvoiceSummary>>(&res.body)
        .unwrap()
        .items
}

#[tokio::test]
async fn every_column_sorts_both_ways() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    type Compare = fn(&InvoiceSummary, &InvoiceSummary) -> std::cmp::Ordering;
    let columns: [(&str, Compare); 7] = [
        ("reference", |a, b| a.reference.cmp(&b.reference)),
        ("orderId", |a, b| a.order_id.cmp(&b.order_id)),
        ("date", |a, b| a.date.cmp(&b.date)),
        ("totalExclTax", |a, b| {
            a.total_excl_tax.amount.cmp(&b.total_excl_tax.amount)
        }),
        ("totalInclTax", |a, b| {
            a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount)
        }),
        ("balanceDue", |a, b| {
            a.balance_due.amount.cmp(&b.balance_due.amount)
        }),
        ("status", |a, b| a.status.as_str().cmp(b.status.as_str())),
    ];
    for (field, compare) in columns {
        let up = all(&c, &format!("sort={field}")).await;
        assert!(
            up.windows(2).all(|w| compare(&w[0], &w[1]).is_le()),
            "{field} ascending"
        );
        let down = all(&c, &format!("sort=-{field}")).await;
        assert!(
            down.windows(2).all(|w| compare(&w[0], &w[1]).is_ge()),
            "{field} descending"
        );
    }
    assert_eq!(
        c.get("/api/v1/invoices?sort=secret").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn totals_follow_the_filter_per_currency() {
    let app = app_with_extras();
    let c = Client::sign_in(&app, "fr-consumer").await;
    for query in [
        "",
        "status=unpaid,overdue",
        "orderId=2098765",
        "reference=FR",
    ] {
        let res = c.get(&format!("/api/v1/invoices/totals?{query}")).await;
        assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text());
        assert_schema("InvoiceTotals", &res.json());
        let totals: InvoiceTotals = serde_json::from_slice(&res.body).unwrap();
        let items = all(&c, query).await;
        assert_eq!(totals.count, items.len() as u64, "{query}");
        for entry in &totals.currencies {
            let mine: Vec<_> = items
                .iter()
                .filter(|i| i.balance_due.currency == entry.currency)
                .collect();
            assert_eq!(entry.count, mine.len() as u64);
            let due: Decimal = mine.iter().map(|i| i.balance_due.amount).sum();
            assert_eq!(entry.balance_due, due, "{query} {}", entry.currency);
            let unpaid = mine
                .iter()
                .filter(|i| i.balance_due.amount > Decimal::ZERO)
                .count();
            assert_eq!(entry.unpaid_count, unpaid as u64);
            let overdue: Decimal = mine
                .iter()
                .filter(|i| i.status == InvoiceStatus::Overdue)
                .map(|i| i.balance_due.amount)
                .sum();
            assert_eq!(entry.overdue, overdue);
        }
    }
    let res = c.get("/api/v1/invoices/totals").await;
    let totals: InvoiceTotals = serde_json::from_slice(&res.body).unwrap();
    let currencies: Vec<_> = totals
        .currencies
        .iter()
        .map(|c| c.currency.as_str().to_owned())
        .collect();
    assert_eq!(currencies, ["EUR", "GBP"]);
}

#[tokio::test]
async fn the_extras_exercise_exports_and_payments() {
    let app = app_with_extras();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let items = all(&c, "").await;
    assert_eq!(items.len(), 63);
    assert!(
        items
            .iter()
            .any(|i| i.total_incl_tax.amount > Decimal::new(1000, 0))
    );
    assert!(items.iter().any(|i| i.order_id.starts_with("=HYPERLINK(")));
    let gbp: Vec<_> = items
        .iter()
        .filter(|i| i.total_incl_tax.currency.as_str() == "GBP")
        .collect();
    assert_eq!(gbp.len(), 1);
    let eur_unpaid = items
        .iter()
        .find(|i| {
            i.total_incl_tax.currency == Currency::EUR && i.balance_due.amount > Decimal::ZERO
        })
        .unwrap();
    // One payment, one currency.
    let res = c
        .post(
            "/api/v1/invoices/pay",
            "mixed-1",
            json!({ "invoiceIds": [eur_unpaid.id, gbp[0].id] }),
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert!(res.text().contains("mixed-currencies"));
    // The balance stays in euros: the GBP invoice is not added to it.
    let balance: Balance = serde_json::from_slice(&c.get("/api/v1/balance").await.body).unwrap();
    let eur_due: Decimal = items
        .iter()
        .filter(|i| i.balance_due.currency == Currency::EUR)
        .map(|i| i.balance_due.amount)
        .sum();
    assert_eq!(balance.due.amount, eur_due);
    // The invoice in pounds, paid alone, stays in pounds, and so does its payment.
    let res = c
        .post(
            &format!("/api/v1/invoices/{}/pay", gbp[0].id),
            "gbp-1",
            json!({ "paymentMethodId": "pm-fr-visa" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let paid: Invoice =
        serde_json::from_slice(&c.get(&format!("/api/v1/invoices/{}", gbp[0].id)).await.body)
            .unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    assert_eq!(paid.balance_due.currency.as_str(), "GBP");
    assert!(paid.balance_due.amount.is_zero());
    let payments: Page<Payment> =
        serde_json::from_slice(&c.get("/api/v1/payments?pageSize=1").await.body).unwrap();
    assert_eq!(payments.items[0].amount, gbp[0].balance_due);
    assert_eq!(
        payments.items[0].invoices[0].amount_applied,
        gbp[0].balance_due
    );
    // Without the flag, the seed is as before.
    let plain = common::app();
    let c = Client::sign_in(&plain, "fr-consumer").await;
    assert_eq!(all(&c, "").await.len(), 60);
}
