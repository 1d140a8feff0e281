//! Payment tracking: each payment and the invoices it settled.

mod list;

pub use list::PaymentsPage;
