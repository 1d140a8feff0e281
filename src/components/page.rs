//! The frame of one page: its title in the tab and its heading, which takes
//! the focus after a navigation so screen-reader users hear where they are.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

/// Counts page mounts: the first page of a visit leaves focus where the
/// browser put it (the skip link comes first); later ones move it.
#[derive(Clone, Copy)]
pub struct PageMounts(pub RwSignal<u32>);

#[component]
pub fn Page(#[prop(into)] title: Signal<String>, children: Children) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    let mounts = use_context::<PageMounts>();
    Effect::new(move |_| {
        let Some(element) = heading.get() else { return };
        if let Some(PageMounts(count)) = mounts {
            let previous = count.get_untracked();
            count.set(previous + 1);
            if previous > 0 {
                let _ = element.focus();
            }
        }
    });
    view! {
        <Title text=title />
        <h1 class="page__heading" tabindex="-1" node_ref=heading data-testid="page-heading">{title}</h1>
        {children()}
    }
}
