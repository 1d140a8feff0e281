//! The saved payment methods, the default one first.

use crate::api::models::{PaymentMethod, PaymentMethodType};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DayText, Page, PaymentMethodStatusBadge, SkeletonRows};
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

#[component]
fn PaymentMethodRow(method: PaymentMethod) -> impl IntoView {
    let i18n = use_i18n();
    let kind = method.kind;
    view! {
        <tr>
            <td data-column="type">{move || payment_method_type_label(i18n.get_locale(), kind)}</td>
            <th scope="row" data-column="label">
                {method.label}
                {method.default.then(|| view! { " " <span class="badge badge--accent">{t!(i18n, payment_methods.default)}</span> })}
            </th>
            <td data-column="description">{method.description.unwrap_or_default()}</td>
            <td data-column="expiry">{method.expires_on.map(|day| view! { <DayText day /> })}</td>
            <td data-column="status"><PaymentMethodStatusBadge status=method.status /></td>
        </tr>
    }
}

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payment_methods.title).to_owned())>
            <AsyncSection
                resource=methods
                skeleton=|| view! { <SkeletonRows rows=4 columns=5 /> }
                render=move |list| {
                    let mut items = list.items;
                    items.sort_by_key(|method| !method.default);
                    if items.is_empty() {
                        return view! { <p class="empty-state">{t!(i18n, payment_methods.empty)}</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="payment-methods-table">
                                <caption class="visually-hidden">{t!(i18n, payment_methods.caption)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, payment_methods.kind)}</th>
                                        <th scope="col">{t!(i18n, payment_methods.label)}</th>
                                        <th scope="col">{t!(i18n, payment_methods.description)}</th>
                                        <th scope="col">{t!(i18n, payment_methods.expiry)}</th>
                                        <th scope="col">{t!(i18n, payment_methods.status)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {items.into_iter().map(|method| view! { <PaymentMethodRow method /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            />
        </Page>
    }
}
