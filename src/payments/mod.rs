//! Payment tracking: each payment, the invoices it settled and the credit
//! note that lowered it, filtered and sorted through the URL; and, on an
//! invoice, the payments that settled it.

mod export;
mod list;
mod settled;
mod tabs;
mod view;

pub use list::{PaymentStatusBadge, PaymentsPage, credit_explanation, method_text};
pub use settled::SettledByPayments;
pub use tabs::PaymentsTabs;
