//! `crossings`: an offline planner for overland border crossings in western China, Central
//! Asia and Pakistan.
//!
//! The data flows one way: `load` (TOML files) → `validate` (checked `model::Dataset`) →
//! `calendar`, `visa`, `money` (rules) → `planner`. The edge (`run`) reads the flags of
//! `cli` once into a typed `query::Query`; a command module (`commands`) answers it with an
//! `answer::Answer`; `render` alone turns that into text, JSON or pictures.

pub mod answer;
pub mod arena;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod compiled;
pub mod documents;
pub mod export;
pub mod findings;
pub mod load;
pub mod model;
pub mod money;
pub mod names;
pub mod planner;
pub mod problem;
pub mod query;
pub mod raw;
pub mod render;
pub mod request;
pub mod run;
pub mod text;
pub mod types;
pub mod validate;
pub mod visa;
pub mod warnings;
pub mod work;

pub use run::main_with;
