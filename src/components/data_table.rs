//! The table every list uses: sortable headers, selectable rows, a sticky
//! header, its own loading / error / empty states, and a windowed body.
//!
//! A table is as tall as its rows and scrolls with the page: no inner
//! scroller, so a 25-row page shows 25 rows and the page has one scrollbar.
//! The header row sticks under the app header; windowing follows the
//! window's scroll. Below 40rem of its frame, or wherever its columns do not
//! fit (a tablet, long Italian headers), the rows become cards
//! ([`lay_out_rows`] measures, `components.css` lays out): every cell carries
//! its column's name in `data-label`, and each column plays a [`CardRole`]
//! in the card.
//!
//! Why one table: sorting has to announce itself (`aria-sort`), selection has
//! to offer select-all with a mixed state, and a 10,000-row export preview has
//! to scroll smoothly; doing that once keeps every list consistent.
//!
//! Why the split between [`DataTable`] (generic) and `render_table` (not):
//! each row type would otherwise compile its own copy of the whole table into
//! the wasm. The generic part only turns `Vec<T>` and the columns into
//! closures over row indices; everything else exists once.

use super::{EmptyState, ErrorPanel, Label};
use crate::api::ApiError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::Arc;

/// Above this many rows the body is windowed: only the rows in view (plus a
/// margin) exist in the DOM, so a 10,000-row table scrolls as fast as a 30-row one.
pub const WINDOW_FROM_ROWS: usize = 100;
/// Windowed rows have a fixed height, so a row's position is `index × height`.
pub const ROW_HEIGHT_PX: f64 = 44.0;
/// Rows rendered above and below the visible ones, so a fast scroll does not
/// show blank space before the next frame.
const OVERSCAN: usize = 10;

/// The sort in force: which column (its key) and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSort {
    pub key: &'static str,
    pub ascending: bool,
}

/// The place a column takes when its rows are shown as cards (below 40rem).
/// Unset, it follows from the column: the row header is the title, a column
/// keyed `status` is the status, numeric columns are the amounts that matter,
/// the rest are labelled details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRole {
    /// The card's heading (the reference or number), first and bold.
    Title,
    /// The status badge, beside the title.
    Status,
    /// An amount that matters (TTC, balance due): large, right under the title.
    Amount,
    /// Kept, labelled, in smaller type (e.g. the amount excluding tax).
    Secondary,
    /// A labelled detail line (the date, the order…).
    Detail,
    /// The row's actions menu, last.
    Actions,
}

impl CardRole {
    fn as_str(self) -> &'static str {
        match self {
            CardRole::Title => "title",
            CardRole::Status => "status",
            CardRole::Amount => "amount",
            CardRole::Secondary => "secondary",
            CardRole::Detail => "detail",
            CardRole::Actions => "actions",
        }
    }
}

type Cell<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
type Compare<T> = Arc<dyn Fn(&T, &T) -> Ordering + Send + Sync>;

/// One column: a key (used for `data-column`, the sort, and tests), a
/// translated header, how to render a cell, and optionally how to sort.
pub struct Column<T> {
    key: &'static str,
    header: Label,
    cell: Cell<T>,
    compare: Option<Compare<T>>,
    sortable: bool,
    numeric: bool,
    row_header: bool,
    card: Option<CardRole>,
}

impl<T: 'static> Column<T> {
    pub fn new<V>(
        key: &'static str,
        header: Label,
        cell: impl Fn(&T) -> V + Send + Sync + 'static,
    ) -> Self
    where
        V: IntoView + 'static,
        V: IntoAny,
    {
        Column {
            key,
            header,
            cell: Arc::new(move |row| cell(row).into_any()),
            compare: None,
            sortable: false,
            numeric: false,
            row_header: false,
            card: None,
        }
    }

    /// The column's place in the phone card layout (see [`CardRole`]).
    pub fn card(mut self, role: CardRole) -> Self {
        self.card = Some(role);
        self
    }

    /// Right-aligned, tabular figures: amounts and counts.
    pub fn numeric(mut self) -> Self {
        self.numeric = true;
        self
    }

    /// The cell names the row (a reference, a number): a `<th scope="row">`.
    pub fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }

    /// Sortable in the browser with this comparison (ascending order).
    pub fn sort_by(mut self, compare: impl Fn(&T, &T) -> Ordering + Send + Sync + 'static) -> Self {
        self.compare = Some(Arc::new(compare));
        self.sortable = true;
        self
    }

    /// Sortable by the server: the header only updates the `sort` signal with
    /// this column's key; the page reloads its data in that order.
    pub fn sortable(mut self) -> Self {
        self.sortable = true;
        self
    }
}

/// What the table shows in place of rows.
#[derive(Clone, Default)]
pub enum TableState {
    #[default]
    Ready,
    /// Skeleton rows under the real header: the layout does not move when data arrives.
    Loading,
    /// The error and a retry button, inside the table's frame.
    Failed(ApiError, Callback<()>),
}

/// A data table.
///
/// - `columns`, `rows`: what to show; `caption` names the table for screen readers.
/// - `sort`: the sort in force (optional, also the initial sort). Clicking a
///   sortable header sets it; columns made with [`Column::sort_by`] reorder
///   the rows here, columns made with [`Column::sortable`] leave the order to
///   the page (server-side sorting).
/// - `selection` + `row_id`: a checkbox per row and a select-all checkbox
///   (mixed when some rows are selected); the signal holds the selected ids.
/// - `state`: loading, failed, or ready; `empty` is the message when ready
///   with no rows, `empty_action` an optional next step shown under it.
/// - `testid`: `data-testid` of the `<table>`.
///
/// Above [`WINDOW_FROM_ROWS`] rows the body is windowed: only the rows near
/// the window's viewport exist, placed by the page's scroll position; rows
/// are then [`ROW_HEIGHT_PX`] high (cards too: windowed tables stay tables).
#[component]
pub fn DataTable<T>(
    columns: Vec<Column<T>>,
    rows: Vec<T>,
    caption: Label,
    #[prop(optional)] sort: Option<RwSignal<Option<TableSort>>>,
    #[prop(optional)] selection: Option<RwSignal<HashSet<String>>>,
    #[prop(optional)] row_id: Option<fn(&T) -> String>,
    #[prop(optional)] state: TableState,
    #[prop(optional)] empty: Option<Label>,
    #[prop(optional_no_strip)] empty_action: Option<ViewFn>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let rows = Arc::new(rows);
    let ids: Arc<Vec<String>> = Arc::new(match row_id {
        Some(id) => rows.iter().map(id).collect(),
        None => (0..rows.len()).map(|i| i.to_string()).collect(),
    });
    let columns = columns
        .into_iter()
        .map(|column| {
            let cell_rows = rows.clone();
            let cell = column.cell;
            let compare = column.compare.map(|compare| {
                let rows = rows.clone();
                Arc::new(move |a: usize, b: usize| compare(&rows[a], &rows[b])) as ErasedCompare
            });
            let card = column.card.unwrap_or_else(|| {
                default_card_role(column.key, column.row_header, column.numeric)
            });
            ErasedColumn {
                card,
                key: column.key,
                header: column.header,
                cell: Arc::new(move |index: usize| cell(&cell_rows[index])),
                compare,
                sortable: column.sortable,
                numeric: column.numeric,
                row_header: column.row_header,
            }
        })
        .collect();
    render_table(TableParts {
        columns,
        row_count: rows.len(),
        ids,
        caption,
        sort: sort.unwrap_or_else(|| RwSignal::new(None)),
        selection: if row_id.is_some() { selection } else { None },
        state,
        empty,
        empty_action,
        testid,
    })
}

type ErasedCompare = Arc<dyn Fn(usize, usize) -> Ordering + Send + Sync>;

/// A column's card role when the page did not choose one.
pub fn default_card_role(key: &str, row_header: bool, numeric: bool) -> CardRole {
    if row_header {
        CardRole::Title
    } else if key == "status" {
        CardRole::Status
    } else if key == "actions" {
        CardRole::Actions
    } else if numeric {
        CardRole::Amount
    } else {
        CardRole::Detail
    }
}

struct ErasedColumn {
    card: CardRole,
    key: &'static str,
    header: Label,
    cell: Arc<dyn Fn(usize) -> AnyView + Send + Sync>,
    compare: Option<ErasedCompare>,
    sortable: bool,
    numeric: bool,
    row_header: bool,
}

struct TableParts {
    columns: Vec<ErasedColumn>,
    row_count: usize,
    ids: Arc<Vec<String>>,
    caption: Label,
    sort: RwSignal<Option<TableSort>>,
    selection: Option<RwSignal<HashSet<String>>>,
    state: TableState,
    empty: Option<Label>,
    empty_action: Option<ViewFn>,
    testid: Option<&'static str>,
}

/// The row order for a sort: indices into the rows, stable for equal keys.
pub fn sorted_order(
    count: usize,
    compare: Option<&dyn Fn(usize, usize) -> Ordering>,
    ascending: bool,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    if let Some(compare) = compare {
        order.sort_by(|&a, &b| {
            let ordering = compare(a, b);
            if ascending {
                ordering
            } else {
                ordering.reverse()
            }
        });
    }
    order
}

/// The slice of rows to render for a scroll position: `(first, end)`.
pub fn visible_window(
    count: usize,
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
) -> (usize, usize) {
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let in_view = (viewport.max(row_height) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = (first + in_view + OVERSCAN).min(count);
    (start, end)
}

fn render_table(parts: TableParts) -> AnyView {
    let i18n = use_i18n();
    let TableParts {
        columns,
        row_count,
        ids,
        caption,
        sort,
        selection,
        state,
        empty,
        empty_action,
        testid,
    } = parts;
    let columns = Arc::new(columns);
    let column_count = columns.len() + usize::from(selection.is_some());
    let windowed = row_count > WINDOW_FROM_ROWS;

    // Rows in display order. Server-sorted columns have no comparison: the
    // order is the one the rows came in.
    let order = {
        let columns = columns.clone();
        Memo::new(move |_| {
            let current = sort.get();
            let compare = current.and_then(|s| {
                columns
                    .iter()
                    .find(|c| c.key == s.key)
                    .and_then(|c| c.compare.clone())
            });
            let ascending = current.is_none_or(|s| s.ascending);
            sorted_order(row_count, compare.as_deref().map(|c| c as _), ascending)
        })
    };

    // Windowing: how far the page has scrolled past the body's top, and the
    // window's height, in pixels. The page scrolls, not the table.
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(800.0_f64);
    let body_ref = NodeRef::<leptos::html::Tbody>::new();
    if windowed {
        let measure = move || {
            let Some(body) = body_ref.get_untracked() else {
                return;
            };
            let top = (window().scroll_y().unwrap_or(0.0) - page_top(&body)).max(0.0);
            // Only a change of first row is worth a re-render.
            if (top / ROW_HEIGHT_PX).floor() != (scroll_top.get_untracked() / ROW_HEIGHT_PX).floor()
            {
                scroll_top.set(top);
            }
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0);
            if height != viewport.get_untracked() {
                viewport.set(height);
            }
        };
        Effect::new(move |_| {
            if body_ref.get().is_some() {
                measure();
            }
        });
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
        let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || {
            on_scroll.remove();
            on_resize.remove();
        });
    }
    // Rows as cards where the columns do not fit (see [`lay_out_rows`]):
    // decided on mount, after a resize, and after a change of language
    // (the headers' words change the columns' widths).
    let frame_ref = NodeRef::<leptos::html::Div>::new();
    let table_ref = NodeRef::<leptos::html::Table>::new();
    if !windowed {
        let fit = move || {
            let frame = frame_ref.try_get_untracked().flatten();
            let table = table_ref.try_get_untracked().flatten();
            if let (Some(frame), Some(table)) = (frame, table) {
                lay_out_rows(&frame, &table);
            }
        };
        Effect::new(move |_| {
            i18n.get_locale();
            if frame_ref.get().is_some() {
                fit();
                // Once the new words are in place (or the table in the page).
                request_animation_frame(fit);
            }
        });
        let on_resize = window_event_listener(leptos::ev::resize, move |_| fit());
        on_cleanup(move || on_resize.remove());
    }
    let window_rows = Memo::new(move |_| {
        if windowed {
            visible_window(row_count, scroll_top.get(), viewport.get(), ROW_HEIGHT_PX)
        } else {
            (0, row_count)
        }
    });

    let header_cells = columns
        .iter()
        .map(|column| header_cell(column, sort, i18n))
        .collect_view();
    let select_all = selection.map(|selection| select_all_cell(selection, ids.clone(), i18n));

    let loading = matches!(state, TableState::Loading);
    let body = match state {
        TableState::Loading => view! {
            <tbody class="data-table__skeleton" aria-hidden="true">
                {(0..5)
                    .map(|_| view! {
                        <tr>{(0..column_count).map(|_| view! { <td><span class="skeleton__cell"></span></td> }).collect_view()}</tr>
                    })
                    .collect_view()}
            </tbody>
        }
        .into_any(),
        TableState::Failed(error, retry) => view! {
            <tbody>
                <tr class="data-table__message">
                    <td colspan=column_count><ErrorPanel error retry /></td>
                </tr>
            </tbody>
        }
        .into_any(),
        TableState::Ready if row_count == 0 => view! {
            <tbody>
                <tr class="data-table__message">
                    <td colspan=column_count>
                        <EmptyState message=empty.unwrap_or(|locale| td_string!(locale, table.empty)) action=empty_action />
                    </td>
                </tr>
            </tbody>
        }
        .into_any(),
        TableState::Ready => {
            let row_view = {
                let columns = columns.clone();
                let ids = ids.clone();
                move |index: usize| render_row(index, &columns, &ids, selection, windowed, i18n)
            };
            let visible = move || {
                let (start, end) = window_rows.get();
                order.with(|order| order[start..end].to_vec())
            };
            view! {
                <tbody node_ref=body_ref>
                    {move || windowed.then(|| {
                        let (start, _) = window_rows.get();
                        spacer(start, column_count)
                    })}
                    <For each=visible key=|index| *index children=row_view />
                    {move || windowed.then(|| {
                        let (_, end) = window_rows.get();
                        spacer(row_count - end, column_count)
                    })}
                </tbody>
            }
            .into_any()
        }
    };
    view! {
        // A frame for the border and the card layout's container; it does
        // not scroll, so the page stays the only scroller.
        <div class="table-frame" node_ref=frame_ref>
            <table
                node_ref=table_ref
                class="data-table"
                class:data-table--windowed=windowed
                class:data-table--selectable=selection.is_some()
                data-testid=testid
                aria-busy=loading.then_some("true")
                aria-rowcount=windowed.then(|| (row_count + 1).to_string())
            >
                <caption class="visually-hidden">{move || caption(i18n.get_locale())}</caption>
                <thead>
                    <tr aria-rowindex=windowed.then_some("1")>{select_all}{header_cells}</tr>
                </thead>
                {body}
            </table>
        </div>
    }
    .into_any()
}

/// Below this many rem of its frame a table always shows its rows as cards.
const CARDS_BELOW_REM: f64 = 40.0;
/// The frame's class that turns rows into cards (`components.css`).
const CARDS_CLASS: &str = "table-frame--cards";

/// Rows as cards when the frame is narrower than [`CARDS_BELOW_REM`], or
/// when the columns need more width than the frame has: the widths depend
/// on the language and the data, so the table is measured rather than given
/// a breakpoint. Measured as a table and decided in the same task, so the
/// customer never sees the other layout.
fn lay_out_rows(frame: &web_sys::HtmlElement, table: &web_sys::HtmlElement) {
    if !frame.is_connected() {
        return;
    }
    let classes = frame.class_list();
    let _ = classes.remove_1(CARDS_CLASS);
    let width = frame.client_width();
    let cards = f64::from(width) < CARDS_BELOW_REM * root_font_px() || table.offset_width() > width;
    let _ = classes.toggle_with_force(CARDS_CLASS, cards);
}

/// The size of 1rem, in CSS pixels (16 unless the customer changed it).
fn root_font_px() -> f64 {
    document()
        .document_element()
        .and_then(|root| window().get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        // JavaScript's parser: Rust's f64 parser added 20 KB (brotli) of
        // tables to the first load for this one number.
        .map(|size| js_sys::parse_float(&size))
        .filter(|px| *px > 0.0)
        .unwrap_or(16.0)
}

/// How far down the page an element starts, in CSS pixels.
fn page_top(element: &web_sys::HtmlElement) -> f64 {
    use wasm_bindgen::JsCast;
    let mut top = 0.0;
    let mut node = Some(element.clone());
    while let Some(current) = node {
        top += f64::from(current.offset_top());
        node = current
            .offset_parent()
            .and_then(|parent| parent.dyn_into::<web_sys::HtmlElement>().ok());
    }
    top
}

/// A row of the full height of `rows` hidden rows, so the scrollbar is the
/// size of the whole list.
fn spacer(rows: usize, columns: usize) -> impl IntoView {
    (rows > 0).then(|| {
        view! {
            // `style:` goes through the CSSOM, which a strict CSP allows; a
            // `style` attribute would be refused (style-src-attr).
            <tr class="data-table__spacer" aria-hidden="true"
                style:height=format!("{}px", rows as f64 * ROW_HEIGHT_PX)>
                <td colspan=columns></td>
            </tr>
        }
    })
}

fn header_cell(
    column: &ErasedColumn,
    sort: RwSignal<Option<TableSort>>,
    i18n: I18nContext<Locale>,
) -> AnyView {
    let key = column.key;
    let header = column.header;
    let numeric = column.numeric;
    if !column.sortable {
        return view! {
            <th scope="col" data-column=key class:data-table__numeric=numeric>{move || header(i18n.get_locale())}</th>
        }
        .into_any();
    }
    let direction = move || sort.get().filter(|s| s.key == key).map(|s| s.ascending);
    let aria_sort = move || match direction() {
        Some(true) => "ascending",
        Some(false) => "descending",
        None => "none",
    };
    let toggle = move |_| {
        let next = match sort.get_untracked() {
            Some(current) if current.key == key => TableSort {
                key,
                ascending: !current.ascending,
            },
            _ => TableSort {
                key,
                ascending: true,
            },
        };
        sort.set(Some(next));
    };
    view! {
        <th scope="col" data-column=key class:data-table__numeric=numeric aria-sort=aria_sort>
            <button type="button" class="data-table__sort" on:click=toggle>
                <span>{move || header(i18n.get_locale())}</span>
                <span class="data-table__sort-icon" aria-hidden="true">
                    {move || match direction() {
                        Some(true) => "↑",
                        Some(false) => "↓",
                        None => "↕",
                    }}
                </span>
            </button>
        </th>
    }
    .into_any()
}

fn select_all_cell(
    selection: RwSignal<HashSet<String>>,
    ids: Arc<Vec<String>>,
    i18n: I18nContext<Locale>,
) -> AnyView {
    let counts = {
        let ids = ids.clone();
        Memo::new(move |_| {
            selection.with(|chosen| ids.iter().filter(|id| chosen.contains(*id)).count())
        })
    };
    let total = ids.len();
    let all = move || total > 0 && counts.get() == total;
    let some = move || counts.get() > 0 && counts.get() < total;
    let toggle = move |_| {
        let select = !all();
        selection.update(|chosen| {
            for id in ids.iter() {
                if select {
                    chosen.insert(id.clone());
                } else {
                    chosen.remove(id);
                }
            }
        });
    };
    view! {
        <th scope="col" class="data-table__select">
            <input type="checkbox" class="checkbox" data-testid="select-all"
                aria-label=move || td_string!(i18n.get_locale(), table.select_all)
                prop:checked=all
                prop:indeterminate=some
                aria-checked=move || if some() { "mixed" } else if all() { "true" } else { "false" }
                disabled=total == 0
                on:change=toggle />
        </th>
    }
    .into_any()
}

fn render_row(
    index: usize,
    columns: &[ErasedColumn],
    ids: &Arc<Vec<String>>,
    selection: Option<RwSignal<HashSet<String>>>,
    windowed: bool,
    i18n: I18nContext<Locale>,
) -> AnyView {
    let id = ids[index].clone();
    let selected = {
        let id = id.clone();
        move || selection.is_some_and(|s| s.with(|chosen| chosen.contains(&id)))
    };
    let checkbox = selection.map(|selection| {
        let label_id = id.clone();
        let toggle_id = id.clone();
        let checked = selected.clone();
        view! {
            <td class="data-table__select" data-card="select">
                <input type="checkbox" class="checkbox"
                    aria-label=move || td_string!(i18n.get_locale(), table.select_row, row = label_id.as_str()).to_string()
                    prop:checked=checked
                    on:change=move |_| selection.update(|chosen| {
                        if !chosen.remove(&toggle_id) {
                            chosen.insert(toggle_id.clone());
                        }
                    }) />
            </td>
        }
    });
    let cells = columns
        .iter()
        .map(|column| {
            let content = (column.cell)(index);
            let header = column.header;
            // The column's name travels with the cell, for the card layout.
            let label = move || header(i18n.get_locale());
            let card = column.card.as_str();
            if column.row_header {
                view! {
                    <th scope="row" data-column=column.key data-card=card data-label=label
                        class:data-table__numeric=column.numeric>{content}</th>
                }
                .into_any()
            } else {
                view! {
                    <td data-column=column.key data-card=card data-label=label
                        class:data-table__numeric=column.numeric>{content}</td>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <tr class:is-selected=selected aria-rowindex=windowed.then(|| (index + 2).to_string())>
            {checkbox}
            {cells}
        </tr>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_viewport_and_a_margin() {
        assert_eq!(visible_window(10_000, 0.0, 440.0, 44.0), (0, 21));
        let (start, end) = visible_window(10_000, 44_000.0, 440.0, 44.0);
        assert_eq!(start, 990);
        assert_eq!(end, 1021);
        assert_eq!(visible_window(10_000, 1e9, 440.0, 44.0), (10_000, 10_000));
        assert_eq!(visible_window(5, 0.0, 440.0, 44.0), (0, 5));
    }

    #[test]
    fn sorting_is_stable_and_reversible() {
        let keys = [3, 1, 2, 1];
        let compare = |a: usize, b: usize| keys[a].cmp(&keys[b]);
        assert_eq!(sorted_order(4, Some(&compare), true), vec![1, 3, 2, 0]);
        assert_eq!(sorted_order(4, Some(&compare), false), vec![0, 2, 1, 3]);
        assert_eq!(sorted_order(4, None, true), vec![0, 1, 2, 3]);
    }
}
