//! The primary navigation: the five places of the billing portal.

use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PrimaryNavigation() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="primary-nav" data-testid="primary-nav"
            aria-label=move || td_string!(i18n.get_locale(), nav.label)>
            <ul class="primary-nav__list">
                <li><A href=routes::href(routes::DASHBOARD) exact=true>{t!(i18n, nav.dashboard)}</A></li>
                <li><A href=routes::href(routes::ORDERS)>{t!(i18n, nav.orders)}</A></li>
                <li><A href=routes::href(routes::INVOICES)>{t!(i18n, nav.invoices)}</A></li>
                <li><A href=routes::href(routes::PAYMENTS)>{t!(i18n, nav.payments)}</A></li>
                <li><A href=routes::href(routes::PAYMENT_METHODS)>{t!(i18n, nav.payment_methods)}</A></li>
            </ul>
        </nav>
    }
}
