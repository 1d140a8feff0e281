//! Dev switches for the orders journeys: how many payments were asked for and made
//! (a double click must pay once), and moving an order's tracking one step on (the
//! tracking page must pick it up by itself).

use axum::extract::{Path, State};
use axum::response::Response;
use billing_contract::{OrderStatus, StepName, StepStatus};

use crate::problem::{ApiError, ApiResult};
use crate::seed::follow_up;
use crate::{AppState, json};

/// `GET /_dev/counters`: `{ "orderPayRequests": n, "charges": n }` since the seed.
pub async fn counters(State(state): State<AppState>) -> Response {
    json(&state.db().counters)
}

/// `POST /_dev/orders/{id}/advance`: the order's tracking moves one step on, and the
/// order's status follows (validation → delivering → delivered). Answers the tracking.
pub async fn advance(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let now = state.now();
    let mut db = state.db();
    let cd = db
        .customers
        .iter_mut()
        .find(|cd| cd.orders.iter().any(|o| o.id == id))
        .ok_or_else(|| ApiError::not_found("order", &id))?;
    let lang = cd.lang;
    let tracking = cd
        .follow_ups
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("order tracking", &id))?;
    follow_up::advance(tracking, now, lang);
    let in_progress = tracking
        .steps
        .iter()
        .find(|s| s.status == StepStatus::Doing)
        .map(|s| s.step);
    let status = match in_progress {
        Some(StepName::Validating | StepName::Validated) => OrderStatus::Checking,
        Some(StepName::Delivering | StepName::Available) => OrderStatus::Delivering,
        _ => OrderStatus::Delivered,
    };
    let tracking = tracking.clone();
    if let Some(order) = cd.orders.iter_mut().find(|o| o.id == id) {
        order.status = status;
    }
    Ok(json(&tracking))
}
