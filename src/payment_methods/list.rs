//! The saved payment methods, the default one first.

use crate::api::models::{PaymentMethod, PaymentMethodType};
use crate::api::{api_resource, use_api};
use crate::components::Label;
use crate::components::{Column, DataTable, DayText, Page, PaymentMethodStatusBadge, TableState};
use crate::i18n::*;
use leptos::prelude::*;

pub fn payment_method_type_label(locale: Locale, kind: PaymentMethodType) -> &'static str {
    match kind {
        PaymentMethodType::Card => td_string!(locale, payment_method_type.card),
        PaymentMethodType::Sepa => td_string!(locale, payment_method_type.sepa),
        PaymentMethodType::Paypal => td_string!(locale, payment_method_type.paypal),
        PaymentMethodType::Transfer => td_string!(locale, payment_method_type.transfer),
        PaymentMethodType::Unknown => td_string!(locale, payment_method_type.unknown),
    }
}

fn method_columns() -> Vec<Column<PaymentMethod>> {
    vec![
        Column::new("type", |l| td_string!(l, payment_methods.kind), |m: &PaymentMethod| {
            let i18n = use_i18n();
            let kind = m.kind;
            move || payment_method_type_label(i18n.get_locale(), kind)
        }),
        Column::new("label", |l| td_string!(l, payment_methods.label), |m: &PaymentMethod| {
            let i18n = use_i18n();
            view! {
                {m.label.clone()}
                {m.default.then(|| view! { " " <span class="badge badge--accent">{t!(i18n, payment_methods.default)}</span> })}
            }
        })
        .row_header(),
        Column::new("description", |l| td_string!(l, payment_methods.description), |m: &PaymentMethod| {
            m.description.clone().unwrap_or_default()
        }),
        Column::new("expiry", |l| td_string!(l, payment_methods.expiry), |m: &PaymentMethod| {
            m.expires_on.map(|day| view! { <DayText day /> })
        }),
        Column::new("status", |l| td_string!(l, payment_methods.status), |m: &PaymentMethod| {
            view! { <PaymentMethodStatusBadge status=m.status /> }
        }),
    ]
}

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    let caption: Label = |l| td_string!(l, payment_methods.caption);
    let content = move || {
        match methods.get() {
        None => view! { <DataTable columns=method_columns() rows=Vec::new() caption state=TableState::Loading /> }
            .into_any(),
        Some(Err(error)) => view! {
            <DataTable columns=method_columns() rows=Vec::new() caption
                state=TableState::Failed(error, Callback::new(move |_| methods.refetch())) />
        }
        .into_any(),
        Some(Ok(list)) => {
            let mut items = list.items;
            items.sort_by_key(|method| !method.default);
            view! {
                <DataTable columns=method_columns() rows=items caption
                    empty=|l| td_string!(l, payment_methods.empty) testid="payment-methods-table" />
            }
            .into_any()
        }
    }
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payment_methods.title).to_owned())>
            {content}
        </Page>
    }
}
