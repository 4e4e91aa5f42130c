//! `crossings compile DIR --out FILE`: load and check a dataset directory as `--data DIR`
//! does, then write it in the compact form the build embeds (src/compiled.rs), which
//! `--data FILE` reads without parsing TOML.

use crate::cli::CompileArgs;
use crate::run::{load_dataset, Failure, Output, Shows};

pub fn run(a: &CompileArgs) -> Result<Output, Failure> {
    let ds = load_dataset(Some(&a.dir), Shows::Everything)?;
    let (places, crossings, services) = (ds.places.len(), ds.crossings.len(), ds.services.len());
    let bytes = crate::compiled::encode(ds)
        .map_err(|e| Failure::Usage(format!("cannot encode the dataset ({e})")))?;
    std::fs::write(&a.out, &bytes).map_err(|e| {
        Failure::Usage(format!(
            "cannot write {} ({e}); check that its folder exists and can be written",
            a.out.display()
        ))
    })?;
    Ok(Output::answer(format!(
        "compiled {} ({places} places, {crossings} crossings, {services} services) into {} ({} bytes); use it with --data {}\n",
        a.dir.display(),
        a.out.display(),
        bytes.len(),
        a.out.display()
    )))
}
