//! Orders: the list of the customer's orders with their state.

mod list;

pub use list::{OrdersPage, OrdersTable, order_columns};
