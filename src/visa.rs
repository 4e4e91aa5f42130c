//! Visa.
