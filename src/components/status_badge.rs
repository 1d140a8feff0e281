//! Status badges: the colour comes from the status's token
//! (`--status-<status>-text` / `-bg` in style/tokens.css), the words from the
//! locale, so no status is ever told by colour alone.

use crate::i18n::*;
use billing_contract::{InvoiceStatus, OrderStatus, PaymentMethodStatus};
use leptos::prelude::*;

pub fn order_status_label(locale: Locale, status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::NotPaid => td_string!(locale, order_status.not_paid),
        OrderStatus::Checking => td_string!(locale, order_status.checking),
        OrderStatus::DocumentsRequested => td_string!(locale, order_status.documents_requested),
        OrderStatus::Delivering => td_string!(locale, order_status.delivering),
        OrderStatus::Delivered => td_string!(locale, order_status.delivered),
        OrderStatus::Cancelling => td_string!(locale, order_status.cancelling),
        OrderStatus::Cancelled => td_string!(locale, order_status.cancelled),
        OrderStatus::Expired => td_string!(locale, order_status.expired),
        OrderStatus::Unknown => td_string!(locale, order_status.unknown),
    }
}

pub fn invoice_status_label(locale: Locale, status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Paid => td_string!(locale, invoice_status.paid),
        InvoiceStatus::Unpaid => td_string!(locale, invoice_status.unpaid),
        InvoiceStatus::Overdue => td_string!(locale, invoice_status.overdue),
        InvoiceStatus::Unknown => td_string!(locale, invoice_status.unknown),
    }
}

pub fn payment_method_status_label(locale: Locale, status: PaymentMethodStatus) -> &'static str {
    match status {
        PaymentMethodStatus::Valid => td_string!(locale, payment_method_status.valid),
        PaymentMethodStatus::Expired => td_string!(locale, payment_method_status.expired),
        PaymentMethodStatus::Pending => td_string!(locale, payment_method_status.pending),
        PaymentMethodStatus::Failed => td_string!(locale, payment_method_status.failed),
        PaymentMethodStatus::Canceled => td_string!(locale, payment_method_status.canceled),
        PaymentMethodStatus::Unknown => td_string!(locale, payment_method_status.unknown),
    }
}

/// One badge; `status` is the CSS name of the status (`badge--paid`…).
fn badge(status: &'static str, label: Signal<&'static str>) -> AnyView {
    view! { <span class=format!("badge badge--{status}")>{label}</span> }.into_any()
}

fn order_status_class(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::NotPaid => "not-paid",
        OrderStatus::Checking => "checking",
        OrderStatus::DocumentsRequested => "documents-requested",
        OrderStatus::Delivering => "delivering",
        OrderStatus::Delivered => "delivered",
        OrderStatus::Cancelling => "cancelling",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Expired => "expired",
        OrderStatus::Unknown => "unknown",
    }
}

#[component]
pub fn OrderStatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    badge(
        order_status_class(status),
        Signal::derive(move || order_status_label(i18n.get_locale(), status)),
    )
}

#[component]
pub fn InvoiceStatusBadge(status: InvoiceStatus) -> impl IntoView {
    let i18n = use_i18n();
    badge(
        status.as_str(),
        Signal::derive(move || invoice_status_label(i18n.get_locale(), status)),
    )
}

#[component]
pub fn PaymentMethodStatusBadge(status: PaymentMethodStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        PaymentMethodStatus::Valid => "valid",
        PaymentMethodStatus::Pending => "pending",
        // An expired card reads as a problem, like an overdue invoice.
        PaymentMethodStatus::Expired | PaymentMethodStatus::Failed => "failed",
        PaymentMethodStatus::Canceled => "canceled",
        PaymentMethodStatus::Unknown => "unknown",
    };
    badge(
        class,
        Signal::derive(move || payment_method_status_label(i18n.get_locale(), status)),
    )
}
