//! "Everything the filter matches", fetched page by page from the API, with
//! progress (page k of n) and a cancel, never freezing the page: each page is
//! a separate request, and [`yield_now`] hands the browser a turn between
//! chunks of work so clicks (Cancel) and paints go through.
//!
//! All or nothing: the rows are only handed back once every page arrived; a
//! failure or a cancel part-way returns an error and no rows, so no file is
//! ever written half-done.

use crate::api::models::Page;
use crate::api::{ApiError, ApiFuture};
use web_sys::AbortSignal;

/// The largest page the API serves (`MAX_PAGE_SIZE` of the contract).
pub const EXPORT_PAGE_SIZE: u32 = 200;

/// Why an export stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// The customer cancelled.
    Cancelled,
    /// The API failed on a page (after its own retries).
    Api(ApiError),
}

/// How far the fetch is: page `page` of `pages` is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub page: u32,
    pub pages: u32,
}

/// Pages needed for `total` rows.
pub fn page_total(total: u64, page_size: u32) -> u32 {
    total.div_ceil(u64::from(page_size.max(1))).max(1) as u32
}

/// Fetches every page `load(page)` serves, reporting progress before each
/// request; `cancel` stops between (and during) requests.
pub async fn fetch_all<T>(
    load: impl Fn(u32, &AbortSignal) -> ApiFuture<Page<T>>,
    cancel: &AbortSignal,
    progress: impl Fn(Progress),
) -> Result<Vec<T>, ExportError> {
    let mut rows = Vec::new();
    let mut pages = 1;
    let mut page = 1;
    while page <= pages {
        if cancel.aborted() {
            return Err(ExportError::Cancelled);
        }
        progress(Progress { page, pages });
        let answer = load(page, cancel).await.map_err(|error| {
            if cancel.aborted() {
                ExportError::Cancelled
            } else {
                ExportError::Api(error)
            }
        })?;
        pages = page_total(answer.total, answer.page_size);
        rows.extend(answer.items);
        page += 1;
    }
    if cancel.aborted() {
        return Err(ExportError::Cancelled);
    }
    Ok(rows)
}

/// Gives the browser a turn (a macrotask), so input and paint are not held
/// up by a long loop of work.
pub async fn yield_now() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_row() {
        assert_eq!(page_total(0, 200), 1);
        assert_eq!(page_total(200, 200), 1);
        assert_eq!(page_total(201, 200), 2);
        assert_eq!(page_total(10_000, 200), 50);
    }
}
