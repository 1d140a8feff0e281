//! Payment methods: cards, SEPA mandates and PayPal accounts on file.

mod list;

pub use list::{PaymentMethodsPage, payment_method_type_label};
