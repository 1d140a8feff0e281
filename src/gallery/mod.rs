//! The design system gallery (`/_gallery`): every component in every state
//! on one page, in the language and theme chosen here, from sample data
//! built in Rust, so a designer who changes a token in `style/` sees every
//! component it touches after one reload, without a backend.
//!
//! In debug builds it is a route of the portal (`trunk serve`). Release
//! builds ship it as a separate app, [`GalleryApp`] (`gallery.html`, built
//! into `dist/_gallery/`), so customers never download it; it shows only when
//! the deployment's config.json says `"gallery": true` (staging).

mod bench;
mod samples;

use crate::api::ApiError;
use crate::api::models::{InvoiceStatus, InvoiceSummary, OrderStatus, PaymentMethodStatus};
use crate::components::Label;
use crate::components::{
    ActionMenu, Banner, BannerKind, Button, ButtonVariant, Column, DataTable, DateText, DayText,
    Dialog, EmptyState, ErrorPanel, Filter, FilterBar, InvoiceStatusBadge, LinkButton, MenuItem,
    MoneyText, OrderStatusBadge, Page, Pagination, PaymentMethodStatusBadge, SkeletonRows,
    StepTracker, TableSort, TableState, ToastTone, use_toasts,
};
use crate::components::{Document, DocumentLinks, Header, is_link_click};
use crate::i18n::*;
use crate::invoices::{invoice_columns, invoice_status_options};
use crate::orders::order_columns;
use crate::session::CurrentCustomer;
use leptos::prelude::*;
use leptos_router::components::Router;
use std::collections::HashSet;

/// The gallery as its own app: the design system without a backend, gated by
/// the deployment's config.json.
#[component]
pub fn GalleryApp() -> impl IntoView {
    leptos_meta::provide_meta_context();
    view! {
        <I18nContextProvider>
            <GalleryGate />
        </I18nContextProvider>
    }
}

#[component]
fn GalleryGate() -> impl IntoView {
    let i18n = use_i18n();
    let theme = crate::app::start_locale_and_theme();
    crate::components::provide_toasts();
    // The gallery lives in `_gallery/`, one level below config.json.
    let config = LocalResource::new(|| crate::app::load_config("../config.json"));
    move || match config.get() {
        None => view! { <crate::components::StartupSkeleton /> }.into_any(),
        Some(Err(error)) => view! { <crate::components::ConfigErrorPage error /> }.into_any(),
        Some(Ok(mut config)) if config.gallery => {
            // config.json's relative URLs are the portal's, one level up.
            if let Some(logo) = config.brand.logo_url.as_mut()
                && !logo.starts_with('/')
                && !logo.contains(':')
            {
                logo.insert_str(0, "../");
            }
            let brand = config.brand.primary_colour;
            Effect::new(move |_| crate::theme::apply(theme.get(), brand));
            let search = window().location().search().unwrap_or_default();
            let bench = bench::bench_rows(&search).map(|rows| {
                let api = crate::app::backend_for(&config, crate::app::reference_backend);
                view! { <bench::DataTableBench api rows /> }
            });
            provide_context(config);
            view! {
                <main id="main" class="page" tabindex="-1">
                    {match bench {
                        Some(bench) => bench.into_any(),
                        None => view! { <GalleryPage /> }.into_any(),
                    }}
                </main>
                <crate::components::ToastRegion />
            }
            .into_any()
        }
        Some(Ok(_)) => view! {
            <main id="main" class="page" data-testid="gallery-disabled">
                <h1>{t!(i18n, gallery.disabled_title)}</h1>
                <p>{t!(i18n, gallery.disabled)}</p>
            </main>
        }
        .into_any(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ThemeChoice {
    Page,
    Light,
    Dark,
    Both,
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), gallery.title).to_owned())>
            <p class="gallery__intro">{t!(i18n, gallery.intro)}</p>
            // The preview has its own locale: switching it leaves the portal's alone.
            <I18nSubContextProvider initial_locale=Signal::derive(move || i18n.get_locale_untracked())>
                <GalleryBody />
            </I18nSubContextProvider>
        </Page>
    }
}

#[component]
fn GalleryBody() -> impl IntoView {
    let i18n = use_i18n();
    let theme = RwSignal::new(ThemeChoice::Page);
    let on_locale = move |event: leptos::ev::Event| {
        if let Some(locale) = crate::locale::locale_from_code(&event_target_value(&event)) {
            i18n.set_locale(locale);
        }
    };
    let on_theme = move |event: leptos::ev::Event| {
        theme.set(match event_target_value(&event).as_str() {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            "both" => ThemeChoice::Both,
            _ => ThemeChoice::Page,
        });
    };
    let showcase = move || match theme.get() {
        ThemeChoice::Page => view! { <div class="gallery__theme"><Showcase /></div> }.into_any(),
        ThemeChoice::Light => {
            view! { <div class="gallery__theme" data-theme="light"><Showcase /></div> }.into_any()
        }
        ThemeChoice::Dark => {
            view! { <div class="gallery__theme" data-theme="dark"><Showcase /></div> }.into_any()
        }
        ThemeChoice::Both => view! {
            <div class="gallery__side-by-side">
                <div class="gallery__theme" data-theme="light"><Showcase /></div>
                <div class="gallery__theme" data-theme="dark"><Showcase /></div>
            </div>
        }
        .into_any(),
    };
    let code = move || crate::locale::locale_code(i18n.get_locale());
    view! {
        <div class="gallery" lang=code data-testid="gallery">
            <div class="gallery__toolbar card">
                <label class="field field--inline">
                    <span class="field__label">{t!(i18n, gallery.preview_language)}</span>
                    <select class="field__input" on:change=on_locale data-testid="gallery-locale">
                        {[Locale::fr, Locale::it, Locale::en]
                            .into_iter()
                            .map(|locale| {
                                let code = crate::locale::locale_code(locale);
                                view! {
                                    <option value=code selected=move || i18n.get_locale() == locale>
                                        {move || match locale {
                                            Locale::fr => td_string!(i18n.get_locale(), languages.fr),
                                            Locale::it => td_string!(i18n.get_locale(), languages.it),
                                            Locale::en => td_string!(i18n.get_locale(), languages.en),
                                        }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field field--inline">
                    <span class="field__label">{t!(i18n, gallery.preview_theme)}</span>
                    <select class="field__input" on:change=on_theme data-testid="gallery-theme">
                        <option value="page">{t!(i18n, gallery.theme_page)}</option>
                        <option value="light">{t!(i18n, gallery.theme_light)}</option>
                        <option value="dark">{t!(i18n, gallery.theme_dark)}</option>
                        <option value="both">{t!(i18n, gallery.theme_both)}</option>
                    </select>
                </label>
            </div>
            {showcase}
        </div>
    }
}

/// One titled block of the gallery.
#[component]
fn Section(title: fn(Locale) -> &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card gallery__section">
            <h2 class="card__title">{move || title(i18n.get_locale())}</h2>
            {children()}
        </section>
    }
}

/// A labelled cell of a state grid ("Par défaut", "Survol forcé"…).
#[component]
fn State(label: fn(Locale) -> &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="gallery__state">
            <span class="gallery__state-label">{move || label(i18n.get_locale())}</span>
            {children()}
        </div>
    }
}

#[component]
fn Showcase() -> impl IntoView {
    view! {
        <div class="gallery__showcase">
            <Buttons />
            <Badges />
            <MoneyAndDates />
            <Banners />
            <Tables />
            <Filters />
            <Menus />
            <Dialogs />
            <Toasts />
            <Steps />
            <Placeholders />
            <DocumentLinksShowcase />
            <HeaderFrames />
            <Frames />
            <LongTexts />
        </div>
    }
}

#[component]
fn Buttons() -> impl IntoView {
    let i18n = use_i18n();
    let rows = [
        (
            ButtonVariant::Primary,
            (|l| td_string!(l, gallery.primary)) as fn(Locale) -> &'static str,
        ),
        (ButtonVariant::Secondary, |l| {
            td_string!(l, gallery.secondary)
        }),
        (ButtonVariant::Danger, |l| td_string!(l, gallery.danger)),
        (ButtonVariant::Ghost, |l| td_string!(l, gallery.ghost)),
    ];
    let busy_demo = RwSignal::new(false);
    let run_busy = Callback::new(move |_| {
        busy_demo.set(true);
        set_timeout(
            move || busy_demo.set(false),
            std::time::Duration::from_secs(2),
        );
    });
    view! {
        <Section title=|l| td_string!(l, gallery.buttons)>
            {rows
                .into_iter()
                .map(|(variant, name)| view! {
                    <div class="gallery__states">
                        <State label=name>
                            <Button variant>{t!(i18n, dashboard.pay_balance)}</Button>
                        </State>
                        <State label=|l| td_string!(l, gallery.hover)>
                            <Button variant class="is-hover">{t!(i18n, dashboard.pay_balance)}</Button>
                        </State>
                        <State label=|l| td_string!(l, gallery.focus)>
                            <Button variant class="is-focus">{t!(i18n, dashboard.pay_balance)}</Button>
                        </State>
                        <State label=|l| td_string!(l, gallery.disabled)>
                            <Button variant disabled=true>{t!(i18n, dashboard.pay_balance)}</Button>
                        </State>
                        <State label=|l| td_string!(l, gallery.busy)>
                            <Button variant busy=true>{t!(i18n, dashboard.paying)}</Button>
                        </State>
                    </div>
                })
                .collect_view()}
            <div class="gallery__states">
                <State label=|l| td_string!(l, gallery.busy_demo)>
                    <Button variant=ButtonVariant::Primary busy=busy_demo on_click=run_busy>
                        {t!(i18n, dashboard.pay_confirm_button)}
                    </Button>
                </State>
                <State label=|l| td_string!(l, gallery.link_button)>
                    <LinkButton href="#gallery-links" variant=ButtonVariant::Secondary>{t!(i18n, actions.view_pdf)}</LinkButton>
                </State>
                <State label=|l| td_string!(l, gallery.link)>
                    <a href="#gallery-links" id="gallery-links">{t!(i18n, dashboard.see_orders)}</a>
                </State>
            </div>
        </Section>
    }
}

#[component]
fn Badges() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Section title=|l| td_string!(l, gallery.badges)>
            <div class="gallery__row">
                {InvoiceStatus::ALL.into_iter().chain([InvoiceStatus::Unknown])
                    .map(|status| view! { <InvoiceStatusBadge status /> }).collect_view()}
            </div>
            <div class="gallery__row">
                {OrderStatus::ALL.into_iter().chain([OrderStatus::Unknown])
                    .map(|status| view! { <OrderStatusBadge status /> }).collect_view()}
            </div>
            <div class="gallery__row">
                {[PaymentMethodStatus::Valid, PaymentMethodStatus::Pending, PaymentMethodStatus::Expired,
                  PaymentMethodStatus::Failed, PaymentMethodStatus::Canceled]
                    .into_iter().map(|status| view! { <PaymentMethodStatusBadge status /> }).collect_view()}
                <span class="badge badge--accent">{t!(i18n, payment_methods.default)}</span>
            </div>
        </Section>
    }
}

#[component]
fn MoneyAndDates() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Section title=|l| td_string!(l, gallery.money_dates)>
            <dl class="gallery__pairs">
                <dt>{t!(i18n, gallery.amount)}</dt>
                <dd><MoneyText money=samples::eur(123_456) /></dd>
                <dt>{t!(i18n, gallery.amount_large)}</dt>
                <dd><MoneyText money=samples::eur(12_345_678_900) /></dd>
                <dt>{t!(i18n, gallery.amount_negative)}</dt>
                <dd><MoneyText money=samples::eur(-4_990) /></dd>
                <dt>{t!(i18n, gallery.amount_due)}</dt>
                <dd class="amount--due"><MoneyText money=samples::eur(8_950) /></dd>
                <dt>{t!(i18n, gallery.date)}</dt>
                <dd><DateText instant=samples::instant(0) /></dd>
                <dt>{t!(i18n, gallery.date_time)}</dt>
                <dd><DateText instant=samples::instant(0) with_time=true /></dd>
                <dt>{t!(i18n, gallery.day)}</dt>
                <dd><DayText day=samples::instant(40).date_naive() /></dd>
            </dl>
            <div class="balance gallery__balance">
                <p class="balance__due balance__due--owing">
                    <span class="balance__label">{t!(i18n, dashboard.balance_due)}</span>
                    <strong class="balance__amount"><MoneyText money=samples::eur(24_990) /></strong>
                </p>
            </div>
        </Section>
    }
}

/// A rendition's links, and what replaces one whose URL was refused.
#[component]
fn DocumentLinksShowcase() -> impl IntoView {
    let documents = |refused: bool| {
        vec![
            Document {
                label: |l| td_string!(l, invoices.view_html),
                name: |l| td_string!(l, safe_links.html_version),
                href: (!refused).then(|| "#gallery-links".to_owned()),
            },
            Document {
                label: |l| td_string!(l, invoices.view_pdf),
                name: |l| td_string!(l, safe_links.pdf_version),
                href: Some("#gallery-links".to_owned()),
            },
        ]
    };
    view! {
        <Section title=|l| td_string!(l, safe_links.gallery_title)>
            <State label=|l| td_string!(l, gallery.default)>
                <DocumentLinks documents=documents(false) />
            </State>
            <State label=|l| td_string!(l, safe_links.gallery_refused)>
                <DocumentLinks documents=documents(true) retry=Callback::new(|_| ()) />
            </State>
        </Section>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let i18n = use_i18n();
    let title = move |label: fn(Locale) -> &'static str| {
        Signal::derive(move || label(i18n.get_locale()).to_owned())
    };
    view! {
        <Section title=|l| td_string!(l, gallery.banners)>
            <Banner kind=BannerKind::Info title=title(|l| td_string!(l, gallery.info))>
                <p>{t!(i18n, dashboard.pay_pending)}</p>
            </Banner>
            <Banner kind=BannerKind::Warning title=title(|l| td_string!(l, dashboard.card_expiring_title))>
                <p>{t!(i18n, dashboard.no_default_method)}</p>
                <a href="#gallery-links">{t!(i18n, dashboard.manage_methods)}</a>
            </Banner>
            <Banner kind=BannerKind::Danger title=title(|l| td_string!(l, errors.title))>
                <p>{t!(i18n, errors.network)}</p>
            </Banner>
        </Section>
    }
}

fn local_invoice_columns() -> Vec<Column<InvoiceSummary>> {
    // The invoices page sorts on the server; here the same columns sort in the browser.
    let mut columns = invoice_columns(false);
    columns[0] = Column::new(
        "reference",
        |l| td_string!(l, invoices.reference),
        |i: &InvoiceSummary| i.reference.clone(),
    )
    .row_header()
    .sort_by(|a: &InvoiceSummary, b: &InvoiceSummary| a.reference.cmp(&b.reference));
    columns[2] = Column::new(
        "date",
        |l| td_string!(l, invoices.date),
        |i: &InvoiceSummary| view! { <DateText instant=i.date /> },
    )
    .sort_by(|a: &InvoiceSummary, b: &InvoiceSummary| a.date.cmp(&b.date));
    columns[4] = Column::new(
        "totalInclTax",
        |l| td_string!(l, invoices.amount_incl_tax),
        |i: &InvoiceSummary| {
            view! { <MoneyText money=i.total_incl_tax.clone() /> }
        },
    )
    .numeric()
    .sort_by(|a: &InvoiceSummary, b: &InvoiceSummary| {
        a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount)
    });
    columns
}

#[component]
fn Tables() -> impl IntoView {
    let i18n = use_i18n();
    let selection = RwSignal::new(HashSet::new());
    let sort = RwSignal::new(Some(TableSort {
        key: "date",
        ascending: false,
    }));
    let big_selection = RwSignal::new(HashSet::new());
    let caption: Label = |l| td_string!(l, invoices.caption);
    let selected = move || {
        let count = selection.with(HashSet::len);
        td_string!(i18n.get_locale(), gallery.selected_count, count = count).to_string()
    };
    view! {
        <Section title=|l| td_string!(l, gallery.tables)>
            <h3 class="gallery__subtitle">{t!(i18n, gallery.table_interactive)}</h3>
            <p class="list-summary" aria-live="polite">{selected}</p>
            <DataTable columns=local_invoice_columns() rows=samples::invoices(8) caption sort selection
                row_id=|i: &InvoiceSummary| i.id.clone() testid="gallery-table" />
            <h3 class="gallery__subtitle">{t!(i18n, gallery.orders_table)}</h3>
            <DataTable columns=order_columns(false) rows=samples::orders() caption=|l| td_string!(l, orders.caption) />
            <div class="gallery__grid">
                <div>
                    <h3 class="gallery__subtitle">{t!(i18n, gallery.loading)}</h3>
                    <DataTable columns=order_columns(false) rows=Vec::new() caption=|l| td_string!(l, orders.caption)
                        state=TableState::Loading />
                </div>
                <div>
                    <h3 class="gallery__subtitle">{t!(i18n, gallery.empty)}</h3>
                    <DataTable columns=order_columns(false) rows=Vec::new() caption=|l| td_string!(l, orders.caption)
                        empty=|l| td_string!(l, orders.empty) />
                </div>
                <div>
                    <h3 class="gallery__subtitle">{t!(i18n, gallery.error)}</h3>
                    <DataTable columns=order_columns(false) rows=Vec::new() caption=|l| td_string!(l, orders.caption)
                        state=TableState::Failed(ApiError::Http { status: 503, problem: None }, Callback::new(|_| ())) />
                </div>
            </div>
            <h3 class="gallery__subtitle">{t!(i18n, gallery.windowed)}</h3>
            <DataTable columns=local_invoice_columns() rows=samples::invoices(10_000) caption selection=big_selection
                row_id=|i: &InvoiceSummary| i.id.clone() testid="gallery-windowed-table" />
            <Pagination page=3 page_size=25 total=300 />
        </Section>
    }
}

#[component]
fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(Filter::default());
    let statuses = invoice_status_options();
    let summary = move || format!("{:?}", value.get());
    view! {
        <Section title=|l| td_string!(l, gallery.filters)>
            <FilterBar value statuses amounts=true search_label=|l| td_string!(l, invoices.reference)
                today=samples::instant(0).date_naive() />
            <p class="gallery__state-label">{t!(i18n, gallery.filter_value)}</p>
            <pre class="gallery__code">{summary}</pre>
        </Section>
    }
}

fn menu_items() -> Vec<MenuItem> {
    vec![
        MenuItem::new(|l| td_string!(l, actions.view_html), || {}),
        MenuItem::new(|l| td_string!(l, actions.view_pdf), || {}),
        MenuItem::new(|l| td_string!(l, actions.follow_up), || {}),
        MenuItem::new(|l| td_string!(l, actions.export_selection_csv), || {}).disabled(),
        MenuItem::new(|l| td_string!(l, actions.cancel_order), || {}).danger(),
    ]
}

#[component]
fn Menus() -> impl IntoView {
    view! {
        <Section title=|l| td_string!(l, gallery.menus)>
            <div class="gallery__states">
                <State label=|l| td_string!(l, gallery.default)>
                    <ActionMenu label=|l| td_string!(l, actions.label) items=menu_items() />
                </State>
                <State label=|l| td_string!(l, gallery.hover)>
                    <ActionMenu label=|l| td_string!(l, actions.label) items=menu_items() class="is-hover" />
                </State>
                <State label=|l| td_string!(l, gallery.focus)>
                    <ActionMenu label=|l| td_string!(l, actions.bulk) items=menu_items() class="is-focus" />
                </State>
                <State label=|l| td_string!(l, gallery.open)>
                    <div class="gallery__menu-open">
                        <ActionMenu label=|l| td_string!(l, actions.bulk) items=menu_items() open_initially=true />
                    </div>
                </State>
            </div>
        </Section>
    }
}

#[component]
fn Dialogs() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    view! {
        <Section title=|l| td_string!(l, gallery.dialogs)>
            <div class="gallery__row">
                <Button on_click=Callback::new(move |_| open.set(true)) attr:data-testid="gallery-open-dialog">
                    {t!(i18n, actions.cancel_order)}
                </Button>
            </div>
            <Dialog open title=|l| td_string!(l, actions.cancel_order)
                footer=Box::new(move || view! {
                    <Button on_click=Callback::new(move |_| open.set(false))>{t!(i18n, dashboard.cancel)}</Button>
                    <Button variant=ButtonVariant::Danger disabled=Signal::derive(move || !confirmed.get())
                        on_click=Callback::new(move |_| open.set(false))>
                        {t!(i18n, actions.cancel_order)}
                    </Button>
                }.into_any())>
                <p>{t!(i18n, gallery.dialog_body)}</p>
                <label class="checkbox-field">
                    <input type="checkbox" class="checkbox" prop:checked=move || confirmed.get()
                        on:change=move |event| confirmed.set(event_target_checked(&event)) />
                    <span>{t!(i18n, gallery.dialog_confirm)}</span>
                </label>
            </Dialog>
        </Section>
    }
}

#[component]
fn Toasts() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let success = Callback::new(move |_| {
        toasts.show(
            td_string!(i18n.get_locale(), dashboard.pay_succeeded),
            ToastTone::Success,
        )
    });
    let danger = Callback::new(move |_| {
        toasts.show(
            td_string!(i18n.get_locale(), errors.network),
            ToastTone::Danger,
        )
    });
    view! {
        <Section title=|l| td_string!(l, gallery.toasts)>
            <div class="gallery__row">
                <Button on_click=success>{t!(i18n, gallery.show_success)}</Button>
                <Button on_click=danger>{t!(i18n, gallery.show_error)}</Button>
            </div>
            // Still copies, outside the live region, so the look can be judged without waiting.
            <div class="gallery__toasts">
                <div class="toast toast--success"><p class="toast__message">{t!(i18n, dashboard.pay_succeeded)}</p></div>
                <div class="toast toast--info"><p class="toast__message">{t!(i18n, dashboard.pay_pending)}</p></div>
                <div class="toast toast--danger"><p class="toast__message">{t!(i18n, errors.timeout)}</p></div>
            </div>
        </Section>
    }
}

#[component]
fn Steps() -> impl IntoView {
    view! {
        <Section title=|l| td_string!(l, gallery.steps)>
            <div class="gallery__stack">
                {samples::follow_ups().into_iter().map(|follow_up| view! { <StepTracker follow_up /> }).collect_view()}
            </div>
        </Section>
    }
}

#[component]
fn Placeholders() -> impl IntoView {
    view! {
        <Section title=|l| td_string!(l, gallery.placeholders)>
            <div class="gallery__grid">
                <State label=|l| td_string!(l, gallery.loading)>
                    <SkeletonRows rows=3 columns=3 />
                </State>
                <State label=|l| td_string!(l, gallery.empty)>
                    <EmptyState message=|l| td_string!(l, dashboard.no_orders) />
                </State>
                <State label=|l| td_string!(l, gallery.error)>
                    <ErrorPanel error=ApiError::Timeout retry=Callback::new(|_| ()) />
                </State>
            </div>
        </Section>
    }
}

/// The header and the navigation at 360 px (the menu button; open, the five
/// destinations, the customer and the choices) and wide (tabs). Each frame is
/// an `.app-frame`, the container the header's phone layout answers to.
#[component]
fn HeaderFrames() -> impl IntoView {
    provide_context(CurrentCustomer(samples::customer()));
    // The links point into the portal: here they only show their states, so
    // a click stays in the gallery (caught before the router sees it).
    let stay_here = |event: leptos::ev::MouseEvent| {
        if is_link_click(&event) {
            event.prevent_default();
        }
    };
    view! {
        <Section title=|l| td_string!(l, gallery.header)>
            <Router>
                <div class="gallery__frames gallery__frames--stacked" on:click:capture=stay_here>
                    <State label=|l| td_string!(l, gallery.narrow)>
                        <div class="gallery__frame gallery__frame--narrow app-frame" data-testid="gallery-header-narrow">
                            <Header />
                        </div>
                    </State>
                    <State label=|l| td_string!(l, gallery.wide)>
                        <div class="gallery__frame gallery__frame--wide app-frame" data-testid="gallery-header-wide">
                            <Header />
                        </div>
                    </State>
                </div>
            </Router>
        </Section>
    }
}

/// The same composition at 360 px and wide: what a phone and a desk see.
#[component]
fn Frames() -> impl IntoView {
    let i18n = use_i18n();
    let composition = move || {
        view! {
            <div class="card">
                <h2 class="card__title">{t!(i18n, dashboard.balance_title)}</h2>
                <p class="balance__due balance__due--owing">
                    <span class="balance__label">{t!(i18n, dashboard.balance_due)}</span>
                    <strong class="balance__amount"><MoneyText money=samples::eur(123_456) /></strong>
                </p>
                <Button variant=ButtonVariant::Primary>{t!(i18n, dashboard.pay_balance)}</Button>
            </div>
            // Below 40rem of their frame, rows become cards: title, status,
            // the amounts that matter, then every other column, labelled.
            <DataTable columns=order_columns(false) rows=samples::orders().into_iter().take(3).collect()
                caption=|l| td_string!(l, orders.caption) />
        }
    };
    view! {
        <Section title=|l| td_string!(l, gallery.frames)>
            <div class="gallery__frames">
                <State label=|l| td_string!(l, gallery.narrow)>
                    <div class="gallery__frame gallery__frame--narrow">{composition()}</div>
                </State>
                <State label=|l| td_string!(l, gallery.wide)>
                    <div class="gallery__frame gallery__frame--wide">{composition()}</div>
                </State>
            </div>
        </Section>
    }
}

#[component]
fn LongTexts() -> impl IntoView {
    let i18n = use_i18n();
    // About 2,000 characters, in the preview's language.
    let description = move || {
        let sentence = td_string!(i18n.get_locale(), gallery.long_sentence);
        let mut text = String::with_capacity(2_100);
        while text.chars().count() < 2_000 {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(sentence);
        }
        text
    };
    view! {
        <Section title=|l| td_string!(l, gallery.long_texts)>
            <p class="gallery__state-label">{t!(i18n, gallery.long_reference)}</p>
            <div class="gallery__row">
                <span class="badge badge--unpaid">{samples::LONG_REFERENCE}</span>
                <Button>{samples::LONG_REFERENCE}</Button>
            </div>
            <p class="gallery__state-label">{t!(i18n, gallery.long_description)}</p>
            <p class="gallery__long">{description}</p>
            <Banner kind=BannerKind::Warning title=Signal::derive(move || td_string!(i18n.get_locale(), gallery.long_title).to_owned())>
                <p>{description}</p>
            </Banner>
        </Section>
    }
}
