//! Orders ("Mes commandes"): list, detail, tracking, payment, withdrawal, renditions.

use std::cmp::Ordering;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use billing_contract::*;

use crate::auth::Authed;
use crate::billing::{self, PayTarget};
use crate::listing::{Params, in_range, paginate};
use crate::problem::{ApiError, ApiResult};
use crate::renditions;
use crate::seed::{CustomerData, has_excluded_lines, withdrawable};
use crate::{ApiJson, AppState, json};

fn find<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a Order> {
    cd.orders
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ApiError::not_found("order", id))
}

/// The order as of now: `withdrawable` lapses when the deadline passes.
pub(crate) fn current(cd: &CustomerData, order: &Order, now: DateTimeOffset) -> Order {
    let mut o = order.clone();
    o.withdrawable = withdrawable(
        &o,
        cd.customer.kind == CustomerKind::Consumer,
        has_excluded_lines(&o),
        now,
    );
    o
}

fn status_rank(s: OrderStatus) -> usize {
    OrderStatus::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(usize::MAX)
}

pub async fn list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let statuses = p.csv("status", OrderStatus::parse)?;
    let range = p.range()?;
    let number = p.get("id").map(str::trim).filter(|n| !n.is_empty());
    let sort = p.sort(
        &["date", "id", "totalInclTax", "status"],
        Sort::desc("date"),
    )?;
    let (page, size) = p.page()?;
    let now = state.now();
    let db = state.db();
    let cd = &db.customers[me.customer];
    let mut items: Vec<&Order> = cd
        .orders
        .iter()
        .filter(|o| statuses.is_empty() || statuses.contains(&o.status))
        .filter(|o| in_range(o.date.date_naive(), range))
        .filter(|o| number.is_none_or(|n| o.id.contains(n)))
        .collect();
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "id" => a.id.cmp(&b.id),
            "totalInclTax" => a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount),
            "status" => status_rank(a.status).cmp(&status_rank(b.status)),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        (if sort.descending { o.reverse() } else { o }).then(a.id.cmp(&b.id))
    });
    let page = paginate(&items, page, size);
    Ok(json(&Page {
        items: page
            .items
            .iter()
            .map(|o| current(cd, o, now).summary())
            .collect(),
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    }))
}

pub async fn get_one(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let now = state.now();
    let db = state.db();
    let cd = &db.customers[me.customer];
    Ok(json(&current(cd, find(cd, &id)?, now)))
}

pub async fn follow_up(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    find(cd, &id)?;
    let f = cd
        .follow_ups
        .get(&id)
        .ok_or_else(|| ApiError::not_found("order tracking", &id))?;
    Ok(json(f))
}

pub async fn pay(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PayRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    db.counters.order_pay_requests += 1;
    let cd = &db.customers[me.customer];
    let order = find(cd, &id)?;
    if order.status != OrderStatus::NotPaid || order.expiration_date <= now {
        return Err(ApiError::conflict(
            "order-not-payable",
            "Order cannot be paid",
            format!(
                "Order {id} is {} and cannot be paid.",
                if order.status == OrderStatus::NotPaid {
                    "expired"
                } else {
                    order.status.as_str()
                }
            ),
        ));
    }
    let method = billing::resolve_method(cd, req.payment_method_id.as_deref(), now)?;
    // A regularisation order settles the invoices its lines name.
    let settles = if order.kind == OrderKind::Regularisation {
        let refs: Vec<&str> = order
            .lines
            .iter()
            .map(|l| l.service_reference.as_str())
            .collect();
        cd.invoices
            .iter()
            .filter(|i| refs.contains(&i.reference.as_str()))
            .map(|i| i.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    let amount = order.total_incl_tax.amount;
    let target = PayTarget::Order {
        order_id: id,
        settles,
    };
    Ok(json(&billing::charge(
        &mut db,
        me.customer,
        &method,
        target,
        amount,
        &super::pay_context(now, &headers),
    )))
}

pub async fn withdraw(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<WithdrawRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let cd = &mut db.customers[me.customer];
    let order = current(cd, find(cd, &id)?, now);
    if !order.withdrawable {
        return Err(ApiError::conflict(
            "order-not-withdrawable",
            "Withdrawal not possible",
            "The withdrawal right applies to consumers, within 14 days, to orders not cancelled, and not to domain names or software licences.",
        ));
    }
    if req.comment.chars().count() > 2000 {
        return Err(ApiError::unprocessable(
            "validation-failed",
            "Invalid request",
            "comment is limited to 2,000 characters.",
        )
        .with_field("comment", "at most 2,000 characters"));
    }
    let stored = cd
        .orders
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| ApiError::not_found("order", &id))?;
    stored.status = OrderStatus::Cancelling;
    stored.withdrawable = false;
    let updated = stored.clone();
    Ok(json(&updated))
}

pub async fn html(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    Ok(Html(renditions::html::render(&renditions::order_doc(
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
    let order = find(cd, &id)?;
    let bytes = renditions::pdf::render(&renditions::order_doc(cd, order));
    Ok(super::attachment(
        bytes,
        "application/pdf",
        &format!("{}.pdf", order.id),
        true,
    ))
}
