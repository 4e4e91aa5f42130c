//! Currency conversion.
