//! The only door to the network. Pages ask an [`Api`] for customers, orders,
//! invoices and payment methods; they never see a URL or a byte of JSON.
//! An adapter translates one backend's API into these calls:
//! [`reference::ReferenceAdapter`] for our documented contract,
//! [`ovhcloud::OvhcloudAdapter`] for OVHcloud's API v1 `/me` shapes.

pub mod adapters;
mod backend;
mod error;
mod http;
mod idempotency;
mod resource;

pub use adapters::{ovhcloud, reference};
pub use backend::{Api, ApiFuture, Arrival, BillingBackend, Progress, use_api};
pub use billing_contract as models;
pub use error::{ApiError, decode};
pub use http::HttpClient;
pub use idempotency::IdempotencyKey;
pub use resource::{ApiResource, api_resource};

pub type ApiResult<T> = Result<T, ApiError>;
