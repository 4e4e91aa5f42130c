use crate::cli::BaggageArgs;
use crate::model::Dataset;
use crate::run::{Failure, Output};
pub fn run(_ds: &Dataset, _a: &BaggageArgs) -> Result<Output, Failure> { Err(Failure::Usage("not yet".into())) }
