//! Invoices: the list with reference, order, dates, amounts, balance and
//! status, its selection and `Actions de masse` (exports, payments), and one
//! invoice in detail.

mod bulk;
mod detail;
pub mod export;
mod list;
mod pay;
mod selection;
mod summary;

pub use detail::InvoiceDetailPage;
pub use list::{InvoicesPage, invoice_columns, invoice_status_options};
