//! planbook: plan and run the six-month adoption of an operations framework.
#![forbid(unsafe_code)]

pub mod app;
pub mod diff;
pub mod keymap;
pub mod model;
pub mod portfolio;
pub mod present;
pub mod preview;
pub mod report;
pub mod screens;
pub mod session;
pub mod state;
pub mod store;
pub mod ui;
