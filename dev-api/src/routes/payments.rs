//! Payment tracking ("Suivi des paiements") and credit notes.

use std::cmp::Ordering;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use billing_contract::*;

use crate::auth::Authed;
use crate::listing::{Params, in_range, paginate};
use crate::problem::{ApiError, ApiResult};
use crate::seed::CustomerData;
use crate::{AppState, json, renditions};

pub async fn list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let id = p.get("id");
    let invoice_id = p.get("invoiceId");
    let reference = p.get("reference").map(str::to_lowercase);
    let range = p.range()?;
    let kinds = p.csv("type", PaymentMethodType::parse)?;
    let (min, max) = (p.decimal("minAmount")?, p.decimal("maxAmount")?);
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        return Err(ApiError::bad_param(
            "minAmount",
            "must not exceed maxAmount",
        ));
    }
    let sort = p.sort(&["date", "amount"], Sort::desc("date"))?;
    let (page, size) = p.page()?;
    let db = state.db();
    let mut items: Vec<&Payment> = db.customers[me.customer]
        .payments
        .iter()
        .filter(|x| id.is_none_or(|id| x.id == id))
        .filter(|x| invoice_id.is_none_or(|inv| x.invoices.iter().any(|s| s.id == inv)))
        .filter(|x| {
            reference.as_ref().is_none_or(|r| {
                x.invoices
                    .iter()
                    .any(|s| s.reference.to_lowercase().contains(r))
            })
        })
        .filter(|x| in_range(x.date.date_naive(), range))
        .filter(|x| kinds.is_empty() || kinds.contains(&x.payment_method.kind))
        .filter(|x| min.is_none_or(|m| x.amount.amount >= m))
        .filter(|x| max.is_none_or(|m| x.amount.amount <= m))
        .collect();
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "amount" => a.amount.amount.cmp(&b.amount.amount),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        (if sort.descending { o.reverse() } else { o }).then(a.id.cmp(&b.id))
    });
    let page = paginate(&items, page, size);
    Ok(json(&Page {
        items: page.items.into_iter().cloned().collect(),
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    }))
}

pub async fn credit_notes(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let id = p.get("id");
    let invoice_id = p.get("invoiceId");
    let range = p.range()?;
    let (page, size) = p.page()?;
    let db = state.db();
    let mut items: Vec<CreditNote> = db.customers[me.customer]
        .credit_notes
        .iter()
        .filter(|c| id.is_none_or(|id| c.id == id))
        .filter(|c| invoice_id.is_none_or(|inv| c.original_invoice_id == inv))
        .filter(|c| in_range(c.date.date_naive(), range))
        .cloned()
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    Ok(json(&paginate(&items, page, size)))
}

fn find_credit_note<'a>(cd: &'a CustomerData, id: &str) -> ApiResult<&'a CreditNote> {
    cd.credit_notes
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::not_found("credit note", id))
}

pub async fn credit_note_html(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let cn = find_credit_note(cd, &id)?;
    Ok(Html(renditions::html::render(
        &renditions::credit_note_doc(cd, cn),
    )))
}

pub async fn credit_note_pdf(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let cn = find_credit_note(cd, &id)?;
    let bytes = renditions::pdf::render(&renditions::credit_note_doc(cd, cn));
    Ok(super::attachment(
        bytes,
        "application/pdf",
        &format!("{}.pdf", cn.reference),
        true,
    ))
}
