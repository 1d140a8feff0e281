//! `GET /balance` and `POST /balance/pay` ("Régler mon solde immédiatement").

use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use billing_contract::*;
use chrono::Duration;
use rust_decimal::Decimal;

use crate::auth::Authed;
use crate::billing::{self, PayTarget};
use crate::problem::{ApiError, ApiResult};
use crate::seed::{CustomerData, follow_up, regularisation_lines};
use crate::{ApiJson, AppState, json};

/// The balance is in the account's currency (EUR): an invoice in another
/// currency is paid on its own, never added to euros.
fn in_account_currency(invoice: &&Invoice) -> bool {
    invoice.balance_due.currency == Currency::EUR
}

pub fn balance_of(cd: &CustomerData) -> Balance {
    let due: Decimal = cd
        .invoices
        .iter()
        .filter(in_account_currency)
        .map(|i| i.balance_due.amount)
        .sum();
    let overdue: Decimal = cd
        .invoices
        .iter()
        .filter(in_account_currency)
        .filter(|i| i.status == InvoiceStatus::Overdue)
        .map(|i| i.balance_due.amount)
        .sum();
    let pending: Decimal = cd
        .attempts
        .iter()
        .filter(|a| a.open)
        .map(|a| a.amount)
        .sum();
    Balance {
        due: Money::eur(due),
        pending: Money::eur(pending),
        overdue: Money::eur(overdue),
    }
}

pub async fn get_balance(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
) -> Response {
    json(&balance_of(&state.db().customers[me.customer]))
}

/// Creates a regularisation order covering every unpaid invoice, then pays it.
pub async fn pay(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PayBalanceRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let order_id = (db.customers[me.customer].next_order_number).to_string();
    let cd = &mut db.customers[me.customer];
    let method = billing::resolve_method(cd, req.payment_method_id.as_deref(), now)?;
    let unpaid: Vec<&Invoice> = cd
        .invoices
        .iter()
        .filter(|i| i.balance_due.amount > Decimal::ZERO)
        .filter(in_account_currency)
        .collect();
    if unpaid.is_empty() {
        return Err(ApiError::conflict(
            "nothing-to-pay",
            "Nothing to pay",
            "The balance is already settled.",
        ));
    }
    let settles: Vec<String> = unpaid.iter().map(|i| i.id.clone()).collect();
    let lines = regularisation_lines(&order_id, &unpaid, cd.lang);
    let total: Decimal = lines.iter().map(|l| l.total_excl_tax.amount).sum();
    cd.next_order_number += 1;
    let order = Order {
        id: order_id.clone(),
        date: now,
        status: OrderStatus::NotPaid,
        total_excl_tax: Money::eur(total),
        total_incl_tax: Money::eur(total),
        expiration_date: now + Duration::days(1),
        kind: OrderKind::Regularisation,
        tax: Money::eur(Decimal::ZERO),
        withdrawal_deadline: None,
        withdrawable: false,
        billing_contact: cd.contact.clone(),
        payment_method_id: None,
        invoice_id: None,
        lines,
        html_url: format!("/api/v1/orders/{order_id}/order.html"),
        pdf_url: format!("/api/v1/orders/{order_id}/order.pdf"),
    };
    let lang = cd.lang;
    cd.follow_ups.insert(
        order_id.clone(),
        follow_up::build(
            now,
            [
                StepStatus::Doing,
                StepStatus::Todo,
                StepStatus::Todo,
                StepStatus::Todo,
            ],
            lang,
        ),
    );
    cd.orders.insert(0, order);
    let target = PayTarget::Order { order_id, settles };
    let outcome = billing::charge(
        &mut db,
        me.customer,
        &method,
        target,
        total,
        &super::pay_context(now, &headers),
    );
    Ok(json(&outcome))
}
