//! The signed-in frame: skip link, header, navigation, the routed page.

use super::page::PageMounts;
use super::{Header, PrimaryNavigation, ToastRegion, provide_toasts};
use crate::dashboard::DashboardPage;
use crate::i18n::*;
use crate::invoices::{InvoiceDetailPage, InvoicesPage};
use crate::not_found::NotFoundPage;
use crate::orders::{OrderDetailPage, OrdersPage};
use crate::payment_methods::PaymentMethodsPage;
use crate::payments::PaymentsPage;
use crate::routes;
use crate::session::CurrentCustomer;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// In debug builds the gallery is a route of the portal, so designers see it
/// with `trunk serve`. Release builds leave it out of the customers' wasm
/// entirely (it weighs ~67 KB brotli): `gallery.html` builds it separately.
#[cfg(debug_assertions)]
fn gallery_route() -> AnyView {
    view! { <crate::gallery::GalleryPage /> }.into_any()
}

#[cfg(not(debug_assertions))]
fn gallery_route() -> AnyView {
    view! { <NotFoundPage /> }.into_any()
}

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    provide_context(PageMounts(RwSignal::new(0)));
    provide_toasts();
    let CurrentCustomer(customer) = expect_context::<CurrentCustomer>();
    let currency = customer.currency.to_string();
    let base = routes::base_path();
    // The deployment's support page, if it names one the URL rule accepts.
    let support = use_context::<crate::config::RuntimeConfig>()
        .and_then(|config| config.support_url)
        .as_deref()
        .and_then(crate::safe_url::site_link);
    view! {
        <Router base=base>
            <a class="skip-link" href="#main">{t!(i18n, app.skip_link)}</a>
            <Header />
            <PrimaryNavigation />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=DashboardPage />
                    <Route path=path!("/orders") view=OrdersPage />
                    <Route path=path!("/orders/:id") view=OrderDetailPage />
                    <Route path=path!("/orders/:id/tracking") view=crate::orders::OrderTrackingPage />
                    <Route path=path!("/invoices") view=InvoicesPage />
                    <Route path=path!("/invoices/:id") view=InvoiceDetailPage />
                    <Route path=path!("/payments") view=PaymentsPage />
                    <Route path=path!("/credit-notes") view=crate::credit_notes::CreditNotesPage />
                    <Route path=path!("/payment-methods") view=PaymentMethodsPage />
                    // The design system gallery, inside the app for `trunk serve`;
                    // release builds ship it as its own app under `_gallery/`.
                    <Route path=path!("/_gallery") view=gallery_route />
                </Routes>
            </main>
            <footer class="app-footer">
                <p>{move || td_string!(i18n.get_locale(), app.footer_note, currency = currency.as_str()).to_string()}</p>
                {support.map(|href| view! {
                    <p><a href=href rel="noopener noreferrer" data-testid="support-link">{t!(i18n, app.support)}</a></p>
                })}
            </footer>
            <ToastRegion />
        </Router>
    }
}
