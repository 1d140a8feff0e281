//! Payment tracking ("Suivi des paiements") and credit notes.

use std::cmp::Ordering;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use billing_contract::*;

use crate::auth::Authed;
use crate::listing::{Params, in_range, paginate};
use crate::problem::{ApiError, ApiResult};
use crate::{AppState, json, renditions};

pub async fn list(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Query(q): Query<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let p = Params::new(q);
    let range = p.range()?;
    let sort = p.sort(&["date", "amount"], Sort::desc("date"))?;
    let (page, size) = p.page()?;
    let db = state.db();
    let mut items: Vec<&Payment> = db.customers[me.customer]
        .payments
        .iter()
        .filter(|x| in_range(x.date.date_naive(), range))
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
    let range = p.range()?;
    let (page, size) = p.page()?;
    let db = state.db();
    let mut items: Vec<CreditNote> = db.customers[me.customer]
        .credit_notes
        .iter()
        .filter(|c| in_range(c.date.date_naive(), range))
        .cloned()
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    Ok(json(&paginate(&items, page, size)))
}

pub async fn credit_note_pdf(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let db = state.db();
    let cd = &db.customers[me.customer];
    let cn = cd
        .credit_notes
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::not_found("credit note", &id))?;
    let bytes = renditions::pdf::render(&renditions::credit_note_doc(cd, cn));
    Ok(super::attachment(
        bytes,
        "application/pdf",
        &format!("{}.pdf", cn.reference),
        true,
    ))
}
