//! The six screens, one module each with its state, its update and its view together.
//! `app::update` and `ui::draw` dispatch to them by an exhaustive match over `Screen`.

pub mod baseline;
pub mod maturity;
pub mod readiness;
pub mod roadmap;
pub mod setup;
pub mod summary;
