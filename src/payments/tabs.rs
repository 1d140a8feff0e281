//! Payments and credit notes side by side: two links above both lists, the
//! current one marked, so the credit notes are one step from the payments
//! they lower without a sixth destination in the main navigation.

use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn PaymentsTabs() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = move |route: &'static str| {
        move || (location.pathname.get().ends_with(route)).then_some("page")
    };
    view! {
        <nav class="subnav" aria-label=move || td_string!(i18n.get_locale(), payment_tracking.tabs)
            data-testid="payments-tabs">
            <a class="chip" href=routes::href(routes::PAYMENTS) aria-current=current(routes::PAYMENTS)>
                {t!(i18n, payments.title)}
            </a>
            <a class="chip" href=routes::href(routes::CREDIT_NOTES) aria-current=current(routes::CREDIT_NOTES)>
                {t!(i18n, credit_notes.title)}
            </a>
        </nav>
    }
}
