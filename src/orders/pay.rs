//! Paying an unpaid order, through the shared checkout.

use crate::api::models::{DateTimeOffset, Money, PaymentOutcomeStatus};
use crate::api::use_api;
use crate::checkout::{CheckoutDialog, PayAction};
use crate::format::format_date;
use crate::i18n::*;
use leptos::prelude::*;

/// The pay dialog of one order: its number, its amount, and when it expires
/// if it is not paid. `on_done` runs once the API has settled it.
#[component]
pub fn PayOrderDialog(
    open: RwSignal<bool>,
    #[prop(into)] order_id: String,
    amount: Money,
    expires: DateTimeOffset,
    on_done: Callback<PaymentOutcomeStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = order_id.clone();
    let pay = PayAction::new(move |request, key| api.pay_order(&id, &request, key));
    let number = order_id.clone();
    view! {
        <CheckoutDialog open amount=amount pay on_done>
            <p class="checkout__subject" data-testid="pay-order-subject">
                {
                    let number = number.clone();
                    move || td_string!(i18n.get_locale(), order_payment.subject, id = number.as_str()).to_string()
                }
            </p>
            <p class="checkout__note">
                {move || {
                    let locale = i18n.get_locale();
                    let date = format_date(&expires, locale);
                    td_string!(locale, order_payment.expiry_note, date).to_string()
                }}
            </p>
        </CheckoutDialog>
    }
}
