//! Orders: the list of the customer's orders with their state and actions,
//! one order in detail, its tracking, paying it and withdrawing.

mod actions;
mod detail;
mod list;
mod pay;
mod status;
mod tracking;
mod withdrawal;

pub use actions::{RowAction, row_actions, tracking_path};
pub use detail::{OrderDetailPage, OrderTrackingPage};
pub use list::{ListState, OrdersPage, OrdersTable, order_columns, order_status_options};
pub use pay::PayOrderDialog;
pub use status::{OrderStatusInfo, status_explanation};
pub use tracking::{
    HISTORY_PREVIEW, OrderTracking, StepHistory, TrackingSteps, event_label, newest_first,
};
pub use withdrawal::{Withdrawal, WithdrawalDialog, can_confirm, refusal_text, withdrawal_for};
