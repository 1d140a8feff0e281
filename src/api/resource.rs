//! Page data that cancels itself: when a page leaves, or asks again because a
//! filter changed, the request still in flight is aborted, so a stale answer
//! can never overwrite a fresh one.

use super::{ApiFuture, ApiResult};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{AbortController, AbortSignal};

pub type ApiResource<T> = LocalResource<ApiResult<T>>;

/// Runs `load` now and again whenever a signal it reads changes, aborting the
/// previous run's request each time and the last one when the owner is dropped.
pub fn api_resource<T: 'static>(
    load: impl Fn(&AbortSignal) -> ApiFuture<T> + 'static,
) -> ApiResource<T> {
    let in_flight: Rc<RefCell<Option<AbortController>>> = Rc::default();
    let on_unmount = SendWrapper::new(in_flight.clone());
    on_cleanup(move || {
        if let Some(controller) = on_unmount.borrow_mut().take() {
            controller.abort();
        }
    });
    LocalResource::new(move || {
        let controller = AbortController::new().ok();
        if let Some(previous) = in_flight.replace(controller.clone()) {
            previous.abort();
        }
        let signal = controller
            .map(|c| c.signal())
            .unwrap_or_else(|| AbortSignal::timeout_with_u32(u32::MAX));
        load(&signal)
    })
}
