//! Saved payment methods ("Moyens de paiement"): exactly one default at any time.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use billing_contract::*;

use crate::auth::{Authed, check_return_to};
use crate::billing::{ProviderSession, iban_is_valid, iban_label};
use crate::problem::{ApiError, ApiResult};
use crate::seed::CustomerData;
use crate::{ApiJson, AppState, json};

const MAX_DESCRIPTION: usize = 255;

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::unprocessable(
        "validation-failed",
        "Invalid request",
        format!("{field}: {message}"),
    )
    .with_field(field, message)
}

pub async fn list(State(state): State<AppState>, Extension(me): Extension<Authed>) -> Response {
    let db = state.db();
    json(&PaymentMethodList {
        items: db.customers[me.customer].payment_methods.clone(),
    })
}

/// Makes `id` the only default.
pub fn set_default(cd: &mut CustomerData, id: &str) {
    for m in &mut cd.payment_methods {
        m.default = m.id == id;
    }
}

pub fn clean_description(d: Option<String>) -> ApiResult<Option<String>> {
    match d {
        Some(d) if d.chars().count() > MAX_DESCRIPTION => {
            Err(invalid("description", "at most 255 characters"))
        }
        Some(d) if d.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// Opens a registration on the provider's stand-in page (`/_dev/provider/{id}`)
/// and answers its URL: a card or a PayPal account here; a SEPA mandate too
/// for the OVHcloud shape, whose creation takes no IBAN.
#[allow(clippy::too_many_arguments)]
pub fn open_provider_session(
    cd: &mut CustomerData,
    customer: usize,
    id: String,
    headers: &HeaderMap,
    kind: PaymentMethodType,
    description: Option<String>,
    make_default: bool,
    return_to: &str,
) -> ApiResult<String> {
    let return_to = check_return_to(Some(return_to)).map_err(|_| {
        invalid(
            "returnTo",
            "must be an absolute http URL on a loopback host",
        )
    })?;
    let redirect = format!("{}/api/v1/_dev/provider/{id}", super::base_url(headers));
    cd.provider_sessions.push(ProviderSession {
        id,
        customer,
        kind,
        description,
        make_default,
        return_to,
        open: true,
    });
    Ok(redirect)
}

pub async fn create(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CreatePaymentMethodRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let description = clean_description(req.description)?;
    let mut db = state.db();
    let id = db.fresh_id();
    let cd = &mut db.customers[me.customer];
    match req.kind {
        PaymentMethodType::Sepa => {
            let iban = req.iban.unwrap_or_default();
            if !iban_is_valid(&iban) {
                return Err(ApiError::unprocessable(
                    "invalid-iban",
                    "Invalid IBAN",
                    "The IBAN fails the mod-97 check.",
                )
                .with_field("iban", "invalid IBAN"));
            }
            if req
                .holder_name
                .as_deref()
                .is_none_or(|h| h.trim().is_empty())
            {
                return Err(invalid("holderName", "required for a SEPA mandate"));
            }
            let make_default = req.default || !cd.payment_methods.iter().any(|m| m.default);
            let method = PaymentMethod {
                id: format!("pm-{id}"),
                kind: PaymentMethodType::Sepa,
                label: iban_label(&iban),
                brand: None,
                expires_on: None,
                description,
                default: false,
                status: PaymentMethodStatus::Valid,
                created_at: now,
            };
            let mid = method.id.clone();
            cd.payment_methods.push(method);
            if make_default {
                set_default(cd, &mid);
            }
            let created = cd.payment_methods.iter().find(|m| m.id == mid).cloned();
            let mut res = json(&CreatePaymentMethodResponse {
                payment_method: created,
                redirect_url: None,
            });
            *res.status_mut() = StatusCode::CREATED;
            Ok(res)
        }
        PaymentMethodType::Card | PaymentMethodType::Paypal => {
            let redirect = open_provider_session(
                cd,
                me.customer,
                format!("ps-{id}"),
                &headers,
                req.kind,
                description,
                req.default,
                &req.return_to,
            )?;
            Ok(json(&CreatePaymentMethodResponse {
                payment_method: None,
                redirect_url: Some(redirect),
            }))
        }
        _ => Err(invalid("type", "expected card, sepa or paypal")),
    }
}

pub async fn update(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<UpdatePaymentMethodRequest>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let cd = &mut db.customers[me.customer];
    let idx = cd
        .payment_methods
        .iter()
        .position(|m| m.id == id)
        .ok_or_else(|| ApiError::not_found("payment method", &id))?;
    if req.default == Some(false) {
        return Err(invalid(
            "default",
            "only true is accepted: make another method the default instead",
        ));
    }
    let description = match req.description {
        Some(d) => Some(clean_description(Some(d))?),
        None => None,
    };
    if req.default == Some(true) {
        if cd.payment_methods[idx].status != PaymentMethodStatus::Valid {
            return Err(ApiError::conflict(
                "payment-method-unusable",
                "Payment method not usable",
                "Only a valid payment method can become the default.",
            ));
        }
        set_default(cd, &id);
    }
    if let Some(d) = description {
        cd.payment_methods[idx].description = d;
    }
    Ok(json(&cd.payment_methods[idx]))
}

pub async fn remove(
    State(state): State<AppState>,
    Extension(me): Extension<Authed>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let cd = &mut db.customers[me.customer];
    let idx = cd
        .payment_methods
        .iter()
        .position(|m| m.id == id)
        .ok_or_else(|| ApiError::not_found("payment method", &id))?;
    let others_valid = cd
        .payment_methods
        .iter()
        .any(|m| m.id != id && m.status == PaymentMethodStatus::Valid);
    if cd.payment_methods[idx].default && others_valid {
        return Err(ApiError::conflict(
            "default-payment-method",
            "Default payment method",
            "Choose another default payment method before deleting this one.",
        ));
    }
    cd.payment_methods.remove(idx);
    Ok(StatusCode::NO_CONTENT.into_response())
}
