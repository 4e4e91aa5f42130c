use crate::cli::ServicesArgs;
use crate::model::Dataset;
use crate::run::{Failure, Output};
pub fn run(_ds: &Dataset, _a: &ServicesArgs) -> Result<Output, Failure> { Err(Failure::Usage("not yet".into())) }
