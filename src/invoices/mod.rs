//! Invoices: the list with reference, order, dates, amounts, balance and status.

mod list;

pub use list::{InvoicesPage, invoice_columns};
