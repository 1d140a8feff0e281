//! Locale-aware display of money, dates and counts.
//!
//! Formatting goes through the browser's `Intl` (CLDR data the browser already
//! ships) instead of ICU compiled into the wasm: the same correctness for a
//! fraction of the bytes. `Intl.NumberFormat` formats a decimal *string*
//! exactly, so amounts never pass through a float.

pub mod dates;
mod intl;
pub mod money;
pub mod plural;

pub use dates::{format_date, format_datetime, format_day};
pub use money::{format_count, format_money};
pub use plural::{PluralCategory, plural_category};
