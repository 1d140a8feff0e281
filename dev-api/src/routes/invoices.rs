//! Invoices ("Factures"): filtered list, detail, payment (one or several), renditions.

use std::cmp::Ordering;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use billing_contract::*;
use rust_decimal::Decimal;

use crate::auth::Authed;
use crate::billing::{self, PayTarget};
use crate::listing::{Params, in_range, paginate};
use crate::problem::{ApiError, ApiResult};
use crate::renditions;
use crate::seed::CustomerData;
use crate::{ApiJson, AppState, json};

fn find<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a Invoice> {
    cd.invoices
        .iter()
        .find(|i| i.id == id)
        .ok_or_else(|| ApiError::not_found("invoice", id))
}

/// The invoices the filters of `GET /invoices` match, in no particular order.
fn matching<'a>(cd: &'a CustomerData, p: &Params) -> ApiResult<Vec<&'a Invoice>> {
    let reference = p.get("reference").map(str::to_lowercase);
    let order_id = p.get("orderId").map(str::to_lowercase);
    let range = p.range()?;
    let statuses = p.csv("status", InvoiceStatus::parse)?;
    let (min, max) = (p.decimal("minAmount")?, p.decimal("maxAmount")?);
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        return Err(ApiError::bad_param(
            "minAmount",
            "must not exceed maxAmount",
        ));
    }
    Ok(cd
        .invoices
        .iter()
        .filter(|i| {
            reference
                .as_ref()
                .is_none_or(|r| i.reference.to_lowercase().contains(r))
        })
        .filter(|i| {
            order_id
                .as_ref()
                .is_none_or(|o| i.order_id.to_lowercase().contains(o))
        })
        .filter(|i| in_range(i.date.date_naive(), range))
        .filter(|i| statuses.is_empty() || statuses.contains(&i.status))
        .filter(|i| min.is_none_or(|m| i.total_incl_tax.amount >= m))
        .filter(|i| max.is_none_or(|m| i.total_incl_tax.amount <= m))
        .collect())
}

pub async fn list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let sort = p.sort(
        &[
            "date",
            "reference",
            "orderId",
            "totalExclTax",
            "totalInclTax",
            "balanceDue",
            "status",
        ],
        Sort::desc("date"),
    )?;
    let (page, size) = p.page()?;
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items = matching(cd, &p)?;
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "reference" => a.reference.cmp(&b.reference),
            "orderId" => a.order_id.cmp(&b.order_id),
            "totalExclTax" => a.total_excl_tax.amount.cmp(&b.total_excl_tax.amount),
            "totalInclTax" => a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount),
            "balanceDue" => a.balance_due.amount.cmp(&b.balance_due.amount),
            "status" => a.status.as_str().cmp(b.status.as_str()),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        (if sort.descending { o.reverse() } else { o }).then(a.id.cmp(&b.id))
    });
    let page = paginate(&items, page, size);
    Ok(json(&Page {
        items: page.items.iter().map(|i| i.summary()).collect(),
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    }))
}

/// `GET /invoices/totals`: the list's header summary, per currency in the
/// order the currencies first appear (newest invoice first).
pub async fn totals(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items = matching(cd, &p)?;
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let mut totals = InvoiceTotals::default();
    for invoice in items {
        totals.add_invoice(&invoice.balance_due, invoice.status);
    }
    Ok(json(&totals))
}

pub async fn get_one(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    Ok(json(find(&db.customers[me.customer], &id)?))
}

fn pay(
    state: &AppState,
    me: &Authed,
    ids: Vec<String>,
    method_id: Option<&str>,
    headers: &HeaderMap,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let cd = &db.customers[me.customer];
    if ids.is_empty() {
        return Err(ApiError::unprocessable(
            "validation-failed",
            "Invalid request",
            "invoiceIds must not be empty.",
        )
        .with_field("invoiceIds", "at least one invoice"));
    }
    let mut amount = Decimal::ZERO;
    let mut currency = None;
    for id in &ids {
        let inv = find(cd, id)?;
        let this = inv.balance_due.currency;
        if *currency.get_or_insert(this) != this {
            return Err(ApiError::unprocessable(
                "mixed-currencies",
                "Mixed currencies",
                "One payment settles invoices of one currency only.",
            )
            .with_field("invoiceIds", "invoices of one currency"));
        }
        if inv.balance_due.amount <= Decimal::ZERO {
            return Err(ApiError::conflict(
                "invoice-already-paid",
                "Invoice already paid",
                format!("Invoice {} has nothing left to pay.", inv.reference),
            ));
        }
        amount += inv.balance_due.amount;
    }
    let method = billing::resolve_method(cd, method_id, now)?;
    Ok(json(&billing::charge(
        &mut db,
        me.customer,
        &method,
        PayTarget::Invoices(ids),
        amount,
        &super::pay_context(now, headers),
    )))
}

pub async fn pay_one(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PayRequest>,
) -> ApiResult<Response> {
    pay(
        &state,
        &me,
        vec![id],
        req.payment_method_id.as_deref(),
        &headers,
    )
}

pub async fn pay_many(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PayInvoicesRequest>,
) -> ApiResult<Response> {
    let mut ids = req.invoice_ids;
    ids.dedup();
    pay(&state, &me, ids, req.payment_method_id.as_deref(), &headers)
}

pub async fn html(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    Ok(Html(renditions::html::render(&renditions::invoice_doc(
        cd,
        find(cd, &id)?,
    ))))
}

pub async fn pdf(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let inv = find(cd, &id)?;
    let bytes = renditions::pdf::render(&renditions::invoice_doc(cd, inv));
    Ok(super::attachment(
        bytes,
        "application/pdf",
        &format!("{}.pdf", inv.reference),
        true,
    ))
}
