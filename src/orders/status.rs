//! What each order status means for the customer, in one line, next to the
//! status itself: on hover, on keyboard focus and on a tap (the badge is a
//! button, and a tap focuses it), and read out by screen readers as the
//! button's description.

use crate::api::models::{DateTimeOffset, OrderStatus};
use crate::components::{OrderStatusBadge, unique_id};
use crate::format::format_date;
use crate::i18n::*;
use leptos::prelude::*;

/// The one-line explanation of `status` (the guide's table). An unpaid order
/// says when it expires.
pub fn status_explanation(locale: Locale, status: OrderStatus, expires: DateTimeOffset) -> String {
    match status {
        OrderStatus::NotPaid => {
            let date = format_date(&expires, locale);
            td_string!(locale, order_status_help.not_paid, date).to_string()
        }
        OrderStatus::Checking => td_string!(locale, order_status_help.checking).to_owned(),
        OrderStatus::DocumentsRequested => {
            td_string!(locale, order_status_help.documents_requested).to_owned()
        }
        OrderStatus::Delivering => td_string!(locale, order_status_help.delivering).to_owned(),
        OrderStatus::Delivered => td_string!(locale, order_status_help.delivered).to_owned(),
        OrderStatus::Cancelling => td_string!(locale, order_status_help.cancelling).to_owned(),
        OrderStatus::Cancelled => td_string!(locale, order_status_help.cancelled).to_owned(),
        OrderStatus::Expired => td_string!(locale, order_status_help.expired).to_owned(),
        OrderStatus::Unknown => td_string!(locale, order_status_help.unknown).to_owned(),
    }
}

/// The status badge with its explanation. The explanation is in the page
/// all along (the button's `aria-describedby`), shown on hover and focus;
/// Escape hides it again without moving focus.
#[component]
pub fn OrderStatusInfo(status: OrderStatus, expires: DateTimeOffset) -> impl IntoView {
    let i18n = use_i18n();
    let tip_id = unique_id("status-help");
    let dismissed = RwSignal::new(false);
    let text = move || status_explanation(i18n.get_locale(), status, expires);
    view! {
        <span class="status-info" class:status-info--dismissed=move || dismissed.get()
            on:mouseenter=move |_| dismissed.set(false)>
            <button type="button" class="status-info__button" aria-describedby=tip_id.clone()
                data-testid="order-status"
                on:focus=move |_| dismissed.set(false)
                on:click=move |_| dismissed.set(false)
                on:keydown=move |event: leptos::ev::KeyboardEvent| {
                    if event.key() == "Escape" {
                        dismissed.set(true);
                    }
                }>
                <OrderStatusBadge status />
            </button>
            <span class="status-info__tip" role="tooltip" id=tip_id data-testid="order-status-help">{text}</span>
        </span>
    }
}
