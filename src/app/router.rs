//! Every route of the portal, in one place: the path and the page it shows.
//! Add a page here (and its path in `crate::routes`); nothing else routes.

use crate::dashboard::DashboardPage;
use crate::invoices::{InvoiceDetailPage, InvoicesPage};
use crate::not_found::NotFoundPage;
use crate::orders::{OrderDetailPage, OrdersPage};
use crate::payment_methods::PaymentMethodsPage;
use crate::payments::PaymentsPage;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
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
pub fn AppRoutes() -> impl IntoView {
    view! {
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
    }
}
