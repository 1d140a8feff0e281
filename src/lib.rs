//! The customer billing portal: orders, invoices, payments and payment methods,
//! in French, Italian and English, against any JSON billing API.
//!
//! The tree mirrors the navigation: one folder per feature (`dashboard`,
//! `orders`, `invoices`, `payments`, `payment_methods`), a shared kit in
//! `components`, and the only door to the network in `api`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod app;
pub mod checkout;
pub mod components;
pub mod config;
pub mod credit_notes;
pub mod dashboard;
pub mod export;
pub mod format;
pub mod gallery;
pub mod invoices;
pub mod locale;
pub mod not_found;
pub mod orders;
pub mod payment_methods;
pub mod payments;
pub mod routes;
pub mod safe_url;
pub mod session;
pub mod theme;
