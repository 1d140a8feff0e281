//! Checkout: the one way the portal takes a payment, whatever is paid (an
//! order, an invoice, a selection of invoices, the balance).
//!
//! - [`CheckoutDialog`] shows the amount, lets the customer choose a saved
//!   payment method (or go and add one), and confirms once: one idempotency
//!   key per intent, reused when a network error forces a retry.
//! - What is paid is the caller's business: it hands a [`PayAction`] that
//!   performs the API call with the chosen method and the intent's key.
//! - When the bank wants 3-D Secure, [`go_to_payment_page`] is the only place
//!   that leaves the portal; the bank sends the customer back with
//!   `?payment=…`, which [`CheckoutReturn`] turns into a message.

mod dialog;
mod outcome;

pub use dialog::{CheckoutDialog, CheckoutState, ExplainError, PayAction, is_usable, keeps_intent};
pub use outcome::{
    CheckoutReturn, ReturnedPayment, add_method_href, go_to_payment_page, parse_returned,
    return_url,
};
