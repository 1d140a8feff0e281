//! Invoices: the list with reference, order, dates, amounts, balance and
//! status, and one invoice in detail.

mod detail;
mod list;

pub use detail::InvoiceDetailPage;
pub use list::{InvoicesPage, invoice_columns, invoice_status_options};
