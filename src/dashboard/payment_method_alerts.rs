//! Warnings about payment methods on the dashboard: a card about to expire or
//! expired, no default method (automatic renewal needs one), a SEPA mandate
//! being validated. The rules live with the payment methods feature.

use crate::api::{api_resource, use_api};
use crate::payment_methods::MethodWarnings;
use leptos::prelude::*;

pub use crate::payment_methods::{cards_expiring_soon, lacks_default_method};

#[component]
pub fn PaymentMethodAlerts(
    /// Set once the methods have been read (or could not be).
    known: RwSignal<bool>,
) -> impl IntoView {
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    Effect::new(move |_| {
        if methods.get().is_some() {
            known.set(true);
        }
    });
    // A failure here is not worth an error panel on the dashboard: the
    // payment methods page explains it; the alerts simply do not show.
    move || {
        let Some(Ok(list)) = methods.get() else {
            return ().into_any();
        };
        view! {
            <div class="payment-method-alerts" data-testid="payment-method-alerts">
                <MethodWarnings methods=list.items link=true />
            </div>
        }
        .into_any()
    }
}
