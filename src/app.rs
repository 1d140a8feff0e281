//! The frame every page lives in: read the runtime config, open the session,
//! then the header, the navigation and the routes.
//!
//! Nothing renders a page until the config and the session exist; a failure at
//! either step is a full, translated page that says what went wrong.

mod lazy;
mod router;
mod shell;

pub use router::AppRoutes;
pub use shell::Shell;

use crate::api::reference::ReferenceAdapter;
use crate::api::{Api, ApiError, HttpClient, api_resource};
use crate::components::{ConfigErrorPage, ErrorPanel, StartupSkeleton};
use crate::config::{AdapterKind, ConfigError, RuntimeConfig};
use crate::i18n::*;
use crate::locale::{browser_languages, resolve_locale, saved_locale};
use crate::session::CurrentCustomer;
use crate::theme::{Theme, apply, initial_theme};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // The locale starts from the customer's saved choice or the browser's
        // languages, before config.json arrives, so even a config error speaks
        // the customer's language.
        <I18nContextProvider>
            <Startup />
        </I18nContextProvider>
    }
}

// The theme signal lives with the theme, so the header (a component) does
// not import the app; re-exported here for the app's callers.
pub use crate::theme::ThemeSignal;

/// What can be settled before config.json arrives: the language among all
/// three (the saved choice, then the browser's) and the theme, provided as
/// [`ThemeSignal`]. Shared by the portal and the gallery app.
pub fn start_locale_and_theme() -> RwSignal<Theme> {
    use_i18n().set_locale(resolve_locale(
        saved_locale().as_deref(),
        &browser_languages(),
        &[Locale::fr, Locale::it, Locale::en],
        Locale::fr,
    ));
    let theme = RwSignal::new(initial_theme());
    provide_context(ThemeSignal(theme));
    theme
}

#[component]
fn Startup() -> impl IntoView {
    let theme = start_locale_and_theme();
    apply(theme.get_untracked(), None);
    router::prefetch_page_at(&window().location().pathname().unwrap_or_default());

    let config = LocalResource::new(|| async {
        let config = load_config("config.json").await?;
        let make = adapter_for(config.adapter).await?;
        Ok::<_, ConfigError>((config, make))
    });
    move || match config.get() {
        None => view! { <StartupSkeleton /> }.into_any(),
        Some(Err(error)) => view! { <ConfigErrorPage error /> }.into_any(),
        Some(Ok((config, make))) => view! { <Configured config make /> }.into_any(),
    }
}

/// Builds the deployment's backend on an HTTP client.
pub(crate) type MakeBackend = fn(HttpClient) -> Api;

/// Our reference contract's adapter, always in the first load.
pub(crate) fn reference_backend(http: HttpClient) -> Api {
    Api::new(ReferenceAdapter::new(http))
}

/// The adapter config.json names. The OVHcloud adapter's code sits in a chunk
/// of its own in the release build: deployments of the reference contract
/// never download it, and those that select it fetch it before the session.
pub(crate) async fn adapter_for(kind: AdapterKind) -> Result<MakeBackend, ConfigError> {
    match kind {
        AdapterKind::Reference => Ok(reference_backend),
        AdapterKind::Ovhcloud => ovhcloud_adapter::load().await.map_err(|_| {
            ConfigError::Unreachable("the OVHcloud adapter's code could not be loaded".into())
        }),
    }
}

mod ovhcloud_adapter {
    use super::MakeBackend;
    use crate::api::Api;
    use crate::api::ovhcloud::OvhcloudAdapter;
    use crate::app::lazy::ChunkUnavailable;

    #[cfg_attr(
        feature = "split",
        ::leptos::wasm_split::wasm_split(
            ovhcloud_adapter,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    fn ovhcloud_adapter() -> Result<MakeBackend, ChunkUnavailable> {
        Ok(|http| Api::new(OvhcloudAdapter::new(http)))
    }

    pub async fn load() -> Result<MakeBackend, ChunkUnavailable> {
        #[cfg(feature = "split")]
        {
            ovhcloud_adapter().await
        }
        #[cfg(not(feature = "split"))]
        {
            ovhcloud_adapter()
        }
    }
}

/// `config.json` sits beside `index.html`; a relative fetch resolves against
/// `<base href>`, so the portal can live under any sub-path.
pub async fn load_config(url: &'static str) -> Result<RuntimeConfig, ConfigError> {
    let response = gloo_net::http::Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|error| ConfigError::Unreachable(error.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::Unreachable(format!(
            "HTTP {}",
            response.status()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|error| ConfigError::Unreachable(error.to_string()))?;
    RuntimeConfig::parse(&text)
}

pub(crate) fn backend_for(config: &RuntimeConfig, make: MakeBackend) -> Api {
    // Relative URLs the API hands out (renditions, payment pages) resolve here.
    crate::safe_url::set_api_base(&config.api_base_url);
    let http = HttpClient::new(
        &config.api_base_url,
        &config.auth.csrf_header,
        &config.auth.sign_in_url,
        config.request_timeout_ms,
    );
    make(http)
}

#[component]
fn Configured(config: RuntimeConfig, make: MakeBackend) -> impl IntoView {
    let i18n = use_i18n();
    // Now that the deployment's offer is known, settle the locale within it.
    i18n.set_locale(resolve_locale(
        saved_locale().as_deref(),
        &browser_languages(),
        &config.locales.offered,
        config.locales.default,
    ));
    let ThemeSignal(theme) = expect_context::<ThemeSignal>();
    let brand = config.brand.primary_colour;
    Effect::new(move |_| apply(theme.get(), brand));

    let api = backend_for(&config, make);
    provide_context(api.clone());
    provide_context(config);

    let session = api_resource(move |cancel| api.session(cancel));
    move || match session.get() {
        None => view! { <StartupSkeleton /> }.into_any(),
        Some(Ok(session)) => {
            provide_context(CurrentCustomer(session.customer));
            view! { <Shell /> }.into_any()
        }
        // The HTTP layer is already taking the customer to sign in.
        Some(Err(ApiError::Unauthorized)) => view! {
            <main id="main" class="startup" aria-busy="true">
                <p role="status">{t!(i18n, app.redirecting_to_sign_in)}</p>
            </main>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <main id="main" class="startup">
                <h1>{t!(i18n, app.session_error_title)}</h1>
                <ErrorPanel error retry=Callback::new(move |_| session.refetch()) />
            </main>
        }
        .into_any(),
    }
}
