//! One module per subcommand: each takes the checked dataset and resolved flags and
//! returns the text to print.

pub mod baggage;
pub mod check;
pub mod compile;
pub mod hours;
pub mod places;
pub mod plan;
pub mod services;
