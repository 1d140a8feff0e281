//! Pages whose code is fetched when they are first visited.
//!
//! In the release build (`cargo xtask` turns on the `split` feature and splits the
//! wasm, see `xtask/src/release.rs`), each loader below is a `#[wasm_split]` point: the
//! page's code, and whatever only that page uses, lives in its own wasm chunk that the
//! browser fetches the first time the customer opens the page. Everywhere else
//! (`trunk serve`, the tests) the same loaders are plain functions that answer at once,
//! because an unsplit wasm keeps imports that no browser can resolve.
//!
//! The split points are `fallible`, written by hand rather than with Leptos'
//! `#[lazy_route]`: in Leptos 0.8 a chunk that fails to download panics the whole app
//! (leptos#4785), whereas here the customer gets a translated "this page could not be
//! loaded" with a retry, and a retry fetches again (a failed load is not remembered).

use std::future::Future;

use crate::i18n::*;
use leptos::prelude::*;

/// What a loaded chunk hands back: the function that renders its page. A plain
/// function pointer, so the loader's answer is `Copy` and crosses the split boundary
/// without boxing.
pub type PageView = fn() -> AnyView;

/// The page's chunk could not be fetched or instantiated (offline, a deployment that
/// replaced the files, a CDN error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkUnavailable;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

/// `split_page!(orders, crate::orders::OrdersPage)`: a module `orders` whose `Route`
/// is the page as a lazy route (`view={Lazy::<orders::Route>::new()}`), its code in the
/// chunk named `orders` in a split build. The router waits for the chunk before it
/// swaps pages, so the previous page stays until the new one can be shown.
macro_rules! split_page {
    ($chunk:ident, $($page:ident)::+) => {
        pub mod $chunk {
            use $crate::app::lazy::{ChunkUnavailable, PageView};

            #[cfg_attr(
                feature = "split",
                ::leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible
                )
            )]
            fn $chunk() -> Result<PageView, ChunkUnavailable> {
                fn render() -> ::leptos::prelude::AnyView {
                    ::leptos::prelude::IntoAny::into_any($($page)::+())
                }
                Ok(render)
            }

            pub async fn load() -> Result<PageView, ChunkUnavailable> {
                #[cfg(feature = "split")]
                {
                    $chunk().await
                }
                #[cfg(not(feature = "split"))]
                {
                    $chunk()
                }
            }

            pub struct Route;

            impl ::leptos_router::LazyRoute for Route {
                fn data() -> Self {
                    Route
                }

                async fn view(_: Self) -> ::leptos::prelude::AnyView {
                    $crate::app::lazy::page_or_error(load).await
                }
            }
        }
    };
}
pub(crate) use split_page;

/// The page once its chunk is here; otherwise a translated message with a retry that
/// loads it again in place.
pub async fn page_or_error<Load, Loading>(load: Load) -> AnyView
where
    Load: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<PageView, ChunkUnavailable>> + 'static,
{
    match load().await {
        Ok(render) => render(),
        Err(ChunkUnavailable) => {
            let loaded = RwSignal::new(None::<PageView>);
            let retrying = RwSignal::new(false);
            let retry = move || {
                retrying.set(true);
                leptos::task::spawn_local(async move {
                    let outcome = load().await;
                    retrying.set(false);
                    if let Ok(render) = outcome {
                        loaded.set(Some(render));
                    }
                });
            };
            (move || match loaded.get() {
                Some(render) => render(),
                None => view! { <ChunkError retry=retry retrying=retrying /> }.into_any(),
            })
            .into_any()
        }
    }
}

/// The page's code did not arrive. Says so in the customer's language and offers a
/// retry; the rest of the portal (header, navigation) keeps working.
#[component]
fn ChunkError(
    #[prop(into)] retry: Callback<()>,
    /// A retry is under way: the button waits, and says so.
    retrying: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = NodeRef::<leptos::html::Button>::new();
    // Move focus to the retry, so a keyboard or screen-reader user lands on the way out.
    Effect::new(move |_| {
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="error-panel" role="alert" data-testid="chunk-error">
            <p class="error-panel__title">{t!(i18n, app.chunk_error_title)}</p>
            <p class="error-panel__message">{t!(i18n, app.chunk_error_message)}</p>
            <button type="button" class="button button--secondary" data-testid="retry"
                node_ref=button aria-busy=move || retrying.get().to_string()
                disabled=move || retrying.get() on:click=move |_| retry.run(())>
                {t!(i18n, app.retry)}
            </button>
        </div>
    }
}
