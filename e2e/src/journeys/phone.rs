//! The portal on a 360 × 780 touch phone: every page reads without sideways scrolling,
//! the amounts and statuses of the first rows are on screen, the menu reaches every
//! destination by touch and by keyboard, and axe passes with the menu and the filter
//! sheet open; and on a 1280 px desk the long lists scroll with the page alone.

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

use crate::browser::{Browser, DEFAULT_WAIT, KEY_ENTER, KEY_ESCAPE, KEY_TAB, testid};

/// The menu's destinations: route under the base path, and the page's table.
const DESTINATIONS: [(&str, &str); 5] = [
    ("", "latest-orders"),
    ("orders", "orders-table"),
    ("invoices", "invoices-table"),
    ("payments", "payments-table"),
    ("payment-methods", "payment-methods-table"),
];

/// Every element that scrolls sideways, and whether the document does.
const SIDEWAYS: &str = r#"
const width = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > width + 1) {
  problems.push(`the document is ${document.documentElement.scrollWidth}px wide for ${width}px`);
}
for (const el of document.body.querySelectorAll('*')) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  const r = el.getBoundingClientRect();
  const sticksOut = r.width > 0 && (r.right > width + 1 || r.left < -1) && style.position !== 'fixed'
    && !el.closest('.visually-hidden, .skip-link, dialog:not([open])');
  if (scrolls || sticksOut) {
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    problems.push(`${name} ${scrolls ? 'scrolls sideways' : `sticks out (${Math.round(r.left)}..${Math.round(r.right)})`}`);
  }
  if (problems.length > 8) break;
}
return problems;
"#;

/// The amounts and statuses of a table's first two rows that are off screen or empty.
const FIRST_ROWS: &str = r#"
const table = document.querySelector(arguments[0]);
if (!table) return ['no table ' + arguments[0]];
const width = document.documentElement.clientWidth;
const problems = [];
const rows = [...table.querySelectorAll('tbody tr')].filter((r) => !r.classList.contains('data-table__spacer')).slice(0, 2);
if (rows.length === 0) return ['no rows in ' + arguments[0]];
for (const row of rows) {
  for (const cell of row.querySelectorAll('[data-card="amount"], [data-card="status"], .data-table__numeric')) {
    const r = cell.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) {
      problems.push(`${cell.dataset.column} at ${Math.round(r.left)}..${Math.round(r.right)} of ${width}px`);
    }
    if (cell.textContent.trim() === '') problems.push(`${cell.dataset.column} is empty`);
  }
}
return problems;
"#;

async fn strings(browser: &Browser, script: &str, args: Vec<Value>) -> Result<Vec<String>> {
    Ok(browser
        .js(script, args)
        .await?
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default())
}

/// The page fits the phone, and its main table's first rows show their amounts and status.
async fn assert_page_fits(browser: &Browser, page: &str, table: &str) -> Result<()> {
    let rows = format!("{} tbody tr:not(.data-table__spacer) > *", testid(table));
    browser
        .wait_visible(&rows)
        .await
        .with_context(|| format!("{page}: the rows never showed"))?;
    let sideways = strings(browser, SIDEWAYS, vec![]).await?;
    ensure!(
        sideways.is_empty(),
        "{page} scrolls sideways at 360 px: {sideways:?}"
    );
    let off_screen = strings(browser, FIRST_ROWS, vec![json!(testid(table))]).await?;
    ensure!(
        off_screen.is_empty(),
        "{page}: amounts or statuses of the first rows are not on screen: {off_screen:?}"
    );
    Ok(())
}

async fn menu_is_open(browser: &Browser) -> Result<bool> {
    Ok(browser
        .js(
            "return document.querySelector(arguments[0]).getAttribute('aria-expanded') === 'true';",
            vec![json!(testid("menu-button"))],
        )
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Opens the menu with a tap, checks the current destination is marked, taps `route`.
async fn go_by_touch(browser: &Browser, route: &str) -> Result<()> {
    browser.tap(&testid("menu-button")).await?;
    browser.wait_visible(&testid("primary-nav")).await?;
    ensure!(
        menu_is_open(browser).await?,
        "the menu button did not open the menu"
    );
    let current = browser
        .js(
            "const a = document.querySelector('[data-testid=\"primary-nav\"] a[aria-current=\"page\"]'); return a ? new URL(a.href).pathname : null;",
            vec![],
        )
        .await?;
    let here = browser.current_path().await?;
    // The destination of the section the page belongs to: `/orders` on an order.
    let marked = current.as_str().unwrap_or_default();
    ensure!(
        !marked.is_empty()
            && (marked == here || here.starts_with(&format!("{}/", marked.trim_end_matches('/')))),
        "the menu marks {current} as current, the page is {here}"
    );
    let link = format!(
        "{} a[href=\"{}\"]",
        testid("primary-nav"),
        browser.app_path(route)
    );
    browser.tap(&link).await?;
    browser
        .wait_path(&browser.app_path(route), DEFAULT_WAIT)
        .await?;
    browser
        .poll("the menu to close", DEFAULT_WAIT, || async {
            Ok((!browser.is_visible(&testid("primary-nav")).await?).then_some(()))
        })
        .await
}

/// Opens the menu from the keyboard, tabs to `route`'s link and follows it.
async fn go_by_keyboard(browser: &Browser, route: &str) -> Result<()> {
    browser
        .js(
            "document.querySelector(arguments[0]).focus();",
            vec![json!(testid("menu-button"))],
        )
        .await?;
    browser.press(KEY_ENTER).await?;
    browser.wait_visible(&testid("primary-nav")).await?;
    let wanted = browser.app_path(route);
    for _ in 0..8 {
        let focused = browser
            .js(
                "const a = document.activeElement; return a && a.tagName === 'A' && a.closest('[data-testid=\"primary-nav\"]') ? new URL(a.href).pathname : null;",
                vec![],
            )
            .await?;
        if focused.as_str() == Some(wanted.as_str()) {
            browser.press(KEY_ENTER).await?;
            return browser.wait_path(&wanted, DEFAULT_WAIT).await;
        }
        browser.press(KEY_TAB).await?;
    }
    bail!("the keyboard never reached the menu's link to {wanted}")
}

/// Escape closes the menu and gives the focus back to its button.
async fn escape_closes_the_menu(browser: &Browser) -> Result<()> {
    browser.tap(&testid("menu-button")).await?;
    browser.wait_visible(&testid("primary-nav")).await?;
    browser.press(KEY_ESCAPE).await?;
    ensure!(!menu_is_open(browser).await?, "Escape left the menu open");
    ensure!(
        browser.is_focused(&testid("menu-button")).await?,
        "after Escape the focus is not back on the menu button"
    );
    Ok(())
}

/// Every page at 360 × 780 with touch, in French (menu by touch) then Italian (menu by
/// keyboard): nothing scrolls sideways, the first rows' amounts and statuses are on
/// screen; an order and an invoice from their lists too.
pub async fn phone_every_page_fits_and_the_menu_reaches_everything(
    browser: &Browser,
) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser.emulate_phone().await?;
    browser.reload().await?;
    browser.wait_visible(&testid("menu-button")).await?;
    ensure!(
        !browser.is_visible(&testid("primary-nav")).await?,
        "on a phone the navigation should fold behind the menu button"
    );
    escape_closes_the_menu(browser).await?;

    for (language, by_touch) in [("fr", true), ("it", false)] {
        if language == "it" {
            browser.tap(&testid("menu-button")).await?;
            browser.select_language("it").await?;
            browser.press(KEY_ESCAPE).await?;
        }
        for (route, table) in DESTINATIONS {
            // From the dashboard to the dashboard is no journey: start elsewhere.
            if route.is_empty() {
                go_by_touch(browser, "orders").await?;
            }
            if by_touch {
                go_by_touch(browser, route).await?;
            } else {
                go_by_keyboard(browser, route).await?;
            }
            let page = format!("/{route} ({language})");
            assert_page_fits(browser, &page, table).await?;
            if route == "orders" || route == "invoices" {
                let (link, lines) = if route == "orders" {
                    ("orders-table", "order-lines")
                } else {
                    ("invoices-table", "invoice-lines")
                };
                browser.tap(&format!("{} tbody tr a", testid(link))).await?;
                assert_page_fits(browser, &format!("one of {page}"), lines).await?;
            }
        }
    }
    Ok(())
}

/// axe at 360 px with the menu open and with the filter sheet open, in French and Italian.
pub async fn phone_menu_and_filter_sheet_pass_axe(browser: &Browser) -> Result<()> {
    browser.sign_in_at("fr-consumer", "invoices").await?;
    browser.emulate_phone().await?;
    browser.reload().await?;
    for language in ["fr", "it"] {
        browser.wait_visible(&testid("invoices-table")).await?;
        browser.tap(&testid("menu-button")).await?;
        browser.wait_visible(&testid("primary-nav")).await?;
        if language == "it" {
            browser.select_language("it").await?;
        }
        browser
            .assert_accessible(&format!("invoices at 360 px, menu open ({language})"))
            .await?;
        browser.press(KEY_ESCAPE).await?;

        browser.tap(&testid("filters-button")).await?;
        browser.wait_visible(&testid("filter-sheet")).await?;
        // A status chosen in the sheet shows as a chip and in the button's count.
        browser
            .tap(&format!(
                "{} input[value=\"unpaid\"]",
                testid("filter-sheet")
            ))
            .await?;
        browser
            .assert_accessible(&format!(
                "invoices at 360 px, filter sheet open ({language})"
            ))
            .await?;
        browser
            .tap(&format!(
                "{} button[type=\"submit\"]",
                testid("filter-sheet")
            ))
            .await?;
        browser
            .wait_text_contains(&testid("filters-button"), "(1)")
            .await?;
        browser.wait_visible(&testid("active-filters")).await?;
        // Removing the chip clears the filter.
        browser
            .tap(&format!("{} button", testid("active-filters")))
            .await?;
        browser
            .poll("the chip to go", DEFAULT_WAIT, || async {
                Ok((!browser.is_visible(&testid("active-filters")).await?).then_some(()))
            })
            .await?;
    }
    Ok(())
}

/// One vertical scroller at 1280 px: the orders and invoices lists grow the page, no box
/// inside it scrolls, every column fits inside the list's card (no sideways scroll), and
/// the header row sticks while the page scrolls. At 768 and 860 px, in fr and it, every
/// list and the header fit the window.
pub async fn desk_lists_scroll_with_the_page(browser: &Browser) -> Result<()> {
    browser.sign_in("fr-consumer").await?;
    browser.emulate_desktop(1280, 800).await?;
    for (route, table) in [("orders", "orders-table"), ("invoices", "invoices-table")] {
        browser.goto(route).await?;
        browser
            .wait_visible(&format!("{} tbody tr td", testid(table)))
            .await?;
        let scrollers = strings(
            browser,
            r#"const found = [];
               for (const el of document.body.querySelectorAll('*')) {
                 const s = getComputedStyle(el);
                 if (['auto', 'scroll'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1) {
                   found.push(el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\s+/).join('.'));
                 }
               }
               if (document.documentElement.scrollHeight <= innerHeight) found.push('the page does not scroll');
               const page = document.documentElement;
               if (page.scrollWidth > page.clientWidth + 1) found.push(`the page is ${page.scrollWidth}px wide for ${page.clientWidth}px`);
               const table = document.querySelector(arguments[0]);
               const card = table.parentElement.getBoundingClientRect();
               for (const th of table.querySelectorAll('thead th')) {
                 const r = th.getBoundingClientRect();
                 if (r.right > card.right + 1) found.push(`the column "${th.textContent.trim()}" ends past its card`);
               }
               return found;"#,
            vec![json!(testid(table))],
        )
        .await?;
        ensure!(
            scrollers.is_empty(),
            "/{route} at 1280 px should scroll as one page: {scrollers:?}"
        );
        // Scrolled to the table's middle, the header row is still at the top of the window.
        let header_top = browser
            .js(
                "const table = document.querySelector(arguments[0]); const r = table.getBoundingClientRect(); window.scrollTo(0, window.scrollY + r.top + r.height / 2); return table.querySelector('thead th').getBoundingClientRect().top;",
                vec![json!(testid(table))],
            )
            .await?
            .as_f64()
            .unwrap_or(-1.0);
        ensure!(
            (0.0..200.0).contains(&header_top),
            "/{route}: the header row scrolled away (top {header_top}px)"
        );
    }
    // Between a phone and a desk, in both languages: a portrait tablet has the
    // menu button and lists whose columns do not fit show cards; a little
    // wider, the five tabs and the customer's tools fit in the header; nothing
    // makes the page scroll sideways.
    for language in ["fr", "it"] {
        browser.emulate_desktop(1280, 800).await?;
        browser.goto("").await?;
        browser.select_language(language).await?;
        // A portrait tablet on every list, and the header just past the menu button.
        let stops = [
            (768, "", "latest-orders"),
            (768, "orders", "orders-table"),
            (768, "invoices", "invoices-table"),
            (768, "payments", "payments-table"),
            (768, "payment-methods", "payment-methods-table"),
            (860, "", "latest-orders"),
        ];
        for (width, route, list) in stops {
            browser.emulate_desktop(width, 1000).await?;
            browser.goto(route).await?;
            browser
                .wait_visible(&format!("{} tbody tr > *", testid(list)))
                .await?;
            let overflows = strings(
                browser,
                r#"const found = [];
                   const page = document.documentElement;
                   if (page.scrollWidth > page.clientWidth + 1) {
                     found.push(`the page is ${page.scrollWidth}px wide for ${page.clientWidth}px`);
                     // Name the culprits: the innermost elements that end past the window.
                     const past = [...document.body.querySelectorAll('*')]
                       .filter((el) => el.getBoundingClientRect().right > page.clientWidth + 1)
                       .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > page.clientWidth + 1));
                     for (const el of past.slice(0, 3)) found.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
                   }
                   const header = document.querySelector('.app-header').getBoundingClientRect();
                   for (const el of document.querySelectorAll('.app-header a, .app-header button, .app-header select')) {
                     const r = el.getBoundingClientRect();
                     if (r.width > 0 && r.right > header.right + 1) found.push(`"${el.textContent.trim()}" ends past the header`);
                   }
                   return found;"#,
                vec![],
            )
            .await?;
            ensure!(
                overflows.is_empty(),
                "/{route} at {width} px ({language}): {overflows:?}"
            );
            let menu_button = browser.is_visible(&testid("menu-button")).await?;
            ensure!(
                menu_button == (width < 832),
                "at {width} px the menu button should {}show",
                if width < 832 { "" } else { "not " }
            );
        }
    }
    Ok(())
}
