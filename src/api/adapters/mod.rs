//! One adapter per backend shape; the deployment's `config.json` picks one.

pub mod ovhcloud;
pub mod reference;
