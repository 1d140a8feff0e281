//! Status badges: the colour comes from the status's token, the words from the
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

#[component]
fn Badge(tone: &'static str, #[prop(into)] label: Signal<&'static str>) -> impl IntoView {
    view! { <span class=format!("badge badge--{tone}")>{label}</span> }
}

#[component]
pub fn OrderStatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match status {
        OrderStatus::NotPaid | OrderStatus::DocumentsRequested => "warning",
        OrderStatus::Checking | OrderStatus::Delivering | OrderStatus::Cancelling => "progress",
        OrderStatus::Delivered => "success",
        OrderStatus::Cancelled | OrderStatus::Expired | OrderStatus::Unknown => "neutral",
    };
    view! { <Badge tone label=Signal::derive(move || order_status_label(i18n.get_locale(), status)) /> }
}

#[component]
pub fn InvoiceStatusBadge(status: InvoiceStatus) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match status {
        InvoiceStatus::Paid => "success",
        InvoiceStatus::Unpaid => "warning",
        InvoiceStatus::Overdue => "danger",
        InvoiceStatus::Unknown => "neutral",
    };
    view! { <Badge tone label=Signal::derive(move || invoice_status_label(i18n.get_locale(), status)) /> }
}

#[component]
pub fn PaymentMethodStatusBadge(status: PaymentMethodStatus) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match status {
        PaymentMethodStatus::Valid => "success",
        PaymentMethodStatus::Pending => "progress",
        PaymentMethodStatus::Expired | PaymentMethodStatus::Failed => "danger",
        PaymentMethodStatus::Canceled | PaymentMethodStatus::Unknown => "neutral",
    };
    view! {
        <Badge tone label=Signal::derive(move || payment_method_status_label(i18n.get_locale(), status)) />
    }
}
