//! The portal's building blocks, composed by the feature folders.

mod async_section;
mod banner;
mod config_error;
mod error_panel;
mod header;
mod money;
mod navigation;
mod page;
mod pagination;
mod shell;
mod skeleton;
mod status_badge;

pub use async_section::AsyncSection;
pub use banner::{Banner, BannerKind};
pub use config_error::{ConfigErrorPage, config_error_message};
pub use error_panel::{ErrorPanel, error_message};
pub use header::Header;
pub use money::{DateText, DayText, MoneyText};
pub use navigation::PrimaryNavigation;
pub use page::Page;
pub use pagination::{Pagination, page_count, page_from_query, parse_page};
pub use shell::Shell;
pub use skeleton::{SkeletonRows, StartupSkeleton};
pub use status_badge::{InvoiceStatusBadge, OrderStatusBadge, PaymentMethodStatusBadge};
