//! The adapter for OVHcloud's API v1 `/me` billing resources
//! (`shared/reference/ovhcloud-api-shapes.md`), spoken through a same-origin
//! path where the deployment's proxy signs each request with the customer's
//! credentials: no key ever lives in the browser.

pub mod listing;
pub mod mapping;

use crate::api::ApiResult;
use billing_contract::FollowUp;

/// A follow-up answer as the pages expect it: a 404 (old orders) stays a 404,
/// which the tracking panel shows as "no tracking".
pub(crate) fn follow_up_answer(
    steps: ApiResult<Vec<billing_contract::ovhcloud::FollowUpStep>>,
) -> ApiResult<FollowUp> {
    steps.map(|steps| mapping::follow_up(&steps))
}
