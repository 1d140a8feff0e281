//! Orders: the list of the customer's orders with their state, and one order
//! in detail with its tracking.

mod detail;
mod list;

pub use detail::OrderDetailPage;
pub use list::{OrdersPage, OrdersTable, order_columns};
