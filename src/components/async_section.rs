//! A page section fed by the API: a skeleton of the right size while it
//! loads, the error with a retry when it fails, the content otherwise. While a
//! reload is in flight the previous content stays, so nothing jumps.

use crate::api::ApiResource;
use leptos::prelude::*;

use super::ErrorPanel;

#[component]
pub fn AsyncSection<T, V>(
    resource: ApiResource<T>,
    /// What stands in while loading; should match the content's size.
    #[prop(into)]
    skeleton: ViewFn,
    /// Renders the loaded data.
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => skeleton.run(),
        Some(Ok(data)) => render(data).into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error retry=Callback::new(move |_| resource.refetch()) /> }
                .into_any()
        }
    }
}
