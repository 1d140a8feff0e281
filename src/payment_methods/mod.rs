//! Payment methods: cards, SEPA mandates and PayPal accounts on file, and
//! managing them (add through the provider or a SEPA mandate, make one the
//! default, describe, delete), with the warnings they call for.

mod add;
mod delete;
pub mod display;
pub mod iban;
pub mod journey;
mod list;
mod row;
mod state;
pub mod warnings;

pub use journey::{go_to_provider, safe_return_path};
pub use list::{PaymentMethodsPage, payment_method_type_label};
pub use warnings::{MethodWarnings, cards_expiring_soon, lacks_default_method};
