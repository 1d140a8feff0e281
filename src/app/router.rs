//! Every route of the portal, in one place: the path and the page it shows.
//! Add a page here (and its path in `crate::routes`); nothing else routes.
//!
//! The dashboard and the not-found page come with the first load. Every other page
//! is loaded on its first visit (its own wasm chunk in the release build, see
//! `lazy.rs`), so a customer opening the portal downloads the shell and the
//! dashboard, not every screen.

use super::lazy::split_page;
use crate::dashboard::DashboardPage;
use crate::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

split_page!(orders, crate::orders::OrdersPage);
split_page!(order_detail, crate::orders::OrderDetailPage);
split_page!(order_tracking, crate::orders::OrderTrackingPage);
split_page!(invoices, crate::invoices::InvoicesPage);
// Its own chunk, apart from the list: the invoice e-mail's link opens it directly.
split_page!(invoice_detail, crate::invoices::InvoiceDetailPage);
split_page!(payments, crate::payments::PaymentsPage);
split_page!(credit_notes, crate::credit_notes::CreditNotesPage);
split_page!(payment_methods, crate::payment_methods::PaymentMethodsPage);

/// Starts downloading the code of the page at `pathname` (the address the
/// portal was opened at), so that a deep link (the invoice e-mail's
/// `/invoices/:id`, a bookmark of `/orders`) fetches its chunk beside
/// config.json and the session instead of after them. The router's own load
/// later finds the chunk there (the loader runs one load at a time and keeps
/// a success); a failure here is forgotten, and the router's load shows it.
pub fn prefetch_page_at(pathname: &str) {
    fn warm(load: impl std::future::Future + 'static) {
        leptos::task::spawn_local(async move {
            load.await;
        });
    }
    let route = pathname
        .strip_prefix(crate::routes::base_path())
        .unwrap_or(pathname);
    let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["orders"] => warm(orders::load()),
        ["orders", _] => warm(order_detail::load()),
        ["orders", _, "tracking"] => warm(order_tracking::load()),
        ["invoices"] => warm(invoices::load()),
        ["invoices", _] => warm(invoice_detail::load()),
        ["payments"] => warm(payments::load()),
        ["credit-notes"] => warm(credit_notes::load()),
        ["payment-methods"] => warm(payment_methods::load()),
        // The dashboard and the not-found page come with the first load.
        _ => {}
    }
}

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
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFoundPage /> }>
            <Route path=path!("/") view=DashboardPage />
            <Route path=path!("/orders") view={Lazy::<orders::Route>::new()} />
            <Route path=path!("/orders/:id") view={Lazy::<order_detail::Route>::new()} />
            <Route path=path!("/orders/:id/tracking") view={Lazy::<order_tracking::Route>::new()} />
            <Route path=path!("/invoices") view={Lazy::<invoices::Route>::new()} />
            <Route path=path!("/invoices/:id") view={Lazy::<invoice_detail::Route>::new()} />
            <Route path=path!("/payments") view={Lazy::<payments::Route>::new()} />
            <Route path=path!("/credit-notes") view={Lazy::<credit_notes::Route>::new()} />
            <Route path=path!("/payment-methods") view={Lazy::<payment_methods::Route>::new()} />
            // The design system gallery, inside the app for `trunk serve`;
            // release builds ship it as its own app under `_gallery/`.
            <Route path=path!("/_gallery") view=gallery_route />
        </Routes>
    }
}
