//! Credit notes ("Avoirs"): amounts owed to the customer, each against an
//! invoice, that lower the next payment. Their own list beside the payments,
//! and on an invoice the credit notes issued against it.

mod against;
mod list;

pub use against::CreditNotesAgainst;
pub use list::CreditNotesPage;
