//! Previous / next through a paginated list; the page lives in the URL
//! (`?page=3`) so a list can be shared and reloaded where it was. The links
//! keep the URL's other parameters (a list's filters).

use crate::format::format_count;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The current page from `?page=`, 1 when absent or garbled.
pub fn page_from_query() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| parse_page(query.read().get("page").as_deref()))
}

pub fn parse_page(text: Option<&str>) -> u32 {
    text.and_then(|t| t.trim().parse::<u32>().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

/// A link to `page` of the list at `path` that keeps every other parameter
/// of the current query string (`?q=…&page=2`, as the address bar has it)
/// and replaces `page`. The other pairs are copied as they are, still encoded.
pub fn page_link(path: &str, search: &str, page: u64) -> String {
    let mut link = format!("{path}?");
    for pair in search.trim_start_matches('?').split('&') {
        let key = pair.split('=').next().unwrap_or_default();
        if !pair.is_empty() && key != "page" {
            link.push_str(pair);
            link.push('&');
        }
    }
    link.push_str(&format!("page={page}"));
    link
}

pub fn page_count(total: u64, page_size: u32) -> u64 {
    if page_size == 0 {
        return 1;
    }
    total.div_ceil(u64::from(page_size)).max(1)
}

#[component]
pub fn Pagination(page: u32, page_size: u32, total: u64) -> impl IntoView {
    let i18n = use_i18n();
    let pages = page_count(total, page_size);
    // The whole path, not a query-only link: `<base href>` would resolve
    // `?page=2` against the portal's root. Read from the address bar rather
    // than the router, as the gallery shows a pagination outside any router.
    let location = window().location();
    let (path, search) = (
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
    );
    let link_to = move |target: u64| page_link(&path, &search, target);
    let page = u64::from(page);
    let label = move || {
        let locale = i18n.get_locale();
        td_string!(
            locale,
            pagination.page_of,
            page = format_count(page, locale),
            pages = format_count(pages, locale)
        )
        .to_string()
    };
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=move || td_string!(i18n.get_locale(), pagination.label)>
            {(page > 1).then(|| view! {
                <a class="button button--secondary" rel="prev" href=link_to(page - 1)>{t!(i18n, pagination.previous)}</a>
            })}
            <span class="pagination__position" aria-current="page">{label}</span>
            {(page < pages).then(|| view! {
                <a class="button button--secondary" rel="next" href=link_to(page + 1)>{t!(i18n, pagination.next)}</a>
            })}
        </nav>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_pages_fall_back_to_the_first() {
        assert_eq!(parse_page(None), 1);
        assert_eq!(parse_page(Some("0")), 1);
        assert_eq!(parse_page(Some("-3")), 1);
        assert_eq!(parse_page(Some("abc")), 1);
        assert_eq!(parse_page(Some(" 7 ")), 7);
    }

    #[test]
    fn page_links_keep_the_other_parameters() {
        assert_eq!(page_link("/invoices", "", 2), "/invoices?page=2");
        assert_eq!(page_link("/orders", "?page=7", 2), "/orders?page=2");
        assert_eq!(
            page_link(
                "/billing/invoices",
                "?q=FA%201&page=4&status=paid,unpaid",
                5
            ),
            "/billing/invoices?q=FA%201&status=paid,unpaid&page=5"
        );
        // A key that merely starts with "page" is another parameter.
        assert_eq!(page_link("/", "?pageSize=10&&", 1), "/?pageSize=10&page=1");
    }

    #[test]
    fn page_counts_round_up() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(10_000, 25), 400);
    }
}
