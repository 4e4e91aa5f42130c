use crate::cli::HoursArgs;
use crate::model::Dataset;
use crate::run::{Failure, Output};
pub fn run(_ds: &Dataset, _a: &HoursArgs, _t: chrono::NaiveDate) -> Result<Output, Failure> { Err(Failure::Usage("not yet".into())) }
