use crate::cli::PlanArgs;
use crate::model::Dataset;
use crate::run::{Failure, Output};
pub fn run(_ds: &Dataset, _a: &PlanArgs, _t: chrono::NaiveDate) -> Result<Output, Failure> { Err(Failure::Usage("not yet".into())) }
