//! The portal's building blocks, composed by the feature folders. Each one
//! has a single documented API and is shown in every state in the gallery
//! (`/_gallery`, src/gallery/).

mod action_menu;
mod async_section;
mod banner;
mod button;
mod config_error;
mod data_table;
mod dialog;
mod document_links;
mod empty_state;
mod error_panel;
mod filter_bar;
mod header;
mod money;
mod navigation;
mod page;
mod paged_table;
mod pagination;
mod skeleton;
mod status_badge;
mod step_tracker;
mod toast;

pub use action_menu::{ActionMenu, MenuItem, type_ahead};
pub use async_section::AsyncSection;
pub use banner::{Banner, BannerKind};
pub use button::{Button, ButtonVariant, LinkButton};
pub use config_error::{ConfigErrorPage, config_error_message};
pub use data_table::{
    CardRole, Column, DataTable, ROW_HEIGHT_PX, TableSort, TableState, WINDOW_FROM_ROWS,
    default_card_role, sorted_order, visible_window,
};
pub use dialog::Dialog;
pub use document_links::{Document, DocumentLinks};
pub use empty_state::EmptyState;
pub use error_panel::{ErrorPanel, error_message};
pub use filter_bar::{
    DatePreset, Filter, FilterBar, FilterPart, StatusOption, narrow_screen, parse_amount,
};
pub use header::{Header, is_link_click, link_around};
pub use money::{DateText, DayText, MoneyText};
pub use navigation::PrimaryNavigation;
pub use page::{Page, PageMounts};
pub use paged_table::{CountLabel, NoMatch, PagedTable, api_sort, newest_first};
pub use pagination::{Pagination, page_count, page_from_query, parse_page};
pub use skeleton::{SkeletonRows, StartupSkeleton};
pub use status_badge::{
    InvoiceStatusBadge, OrderStatusBadge, PaymentMethodStatusBadge, invoice_status_label,
    order_status_label,
};
pub use step_tracker::{STEP_ORDER, StepTracker, ordered_steps, step_label, step_status_label};
pub use toast::{TOAST_DELAY, ToastRegion, ToastTone, Toasts, provide_toasts, use_toasts};

use crate::i18n::Locale;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A translated label: the locale in, the text out (`|l| td_string!(l, orders.date)`).
///
/// A plain function pointer rather than a signal: it costs one word, needs no
/// reactive node, and is re-read whenever the locale changes.
pub type Label = fn(Locale) -> &'static str;

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// An id unique in the page, for `aria-labelledby`, `aria-controls` and
/// `<label for>` (a component can be on the page several times).
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}
