//! The program's edge: parse flags, read the clock and the environment, load the dataset,
//! run one command, print its output and map the result to an exit code. The only module
//! that writes to stdout and stderr.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::load;
use crate::model::Dataset;
use crate::problem::Problem;
use chrono::NaiveDate;
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;

/// What a command prints and the exit code it asks for (0 answered, 1 no answer).
pub struct Output {
    pub text: String,
    pub code: i32,
    /// Notes for stderr (not part of the answer).
    pub notes: Vec<String>,
}

impl Output {
    pub fn answer(text: String) -> Output {
        Output {
            text,
            code: 0,
            notes: Vec::new(),
        }
    }
}

/// Why a command could not run: bad input or bad data. Both exit 2.
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Data(Vec<Problem>),
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Usage(s)
    }
}

/// Runs the program on `args` (the first is the program name) and returns the exit code.
pub fn main_with<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version go to stdout, usage errors to stderr; a closed pipe is quiet.
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`crossings … | head`) ends the program quietly.
            if stdout
                .write_all(out.text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return out.code;
            }
            let mut stderr = std::io::stderr().lock();
            for n in &out.notes {
                let _ = writeln!(stderr, "note: {n}");
            }
            out.code
        }
        Err(Failure::Usage(msg)) => {
            let _ = writeln!(std::io::stderr(), "error: {msg}");
            2
        }
        Err(Failure::Data(problems)) => {
            let mut stderr = std::io::stderr().lock();
            for p in &problems {
                let _ = writeln!(stderr, "error: {p}");
            }
            let _ = writeln!(
                stderr,
                "error: {} problem(s) in the dataset; fix them and run `crossings check` again",
                problems.len()
            );
            2
        }
    }
}

/// "Today", read here and nowhere else: `CROSSINGS_TODAY=YYYY-MM-DD` fixes it (for
/// reproducible output); otherwise the local clock.
fn today() -> Result<NaiveDate, Failure> {
    match std::env::var("CROSSINGS_TODAY") {
        Ok(s) => s.trim().parse().map_err(|_| Failure::Usage(format!("CROSSINGS_TODAY='{s}' is not a date; expected YYYY-MM-DD, or unset it to use the clock"))),
        Err(std::env::VarError::NotPresent) => Ok(chrono::Local::now().date_naive()),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::Usage("CROSSINGS_TODAY is not valid text; expected YYYY-MM-DD, or unset it".into())),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// The dataset checked and encoded at build time (see build.rs).
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dataset.bin"));

/// The dataset: the embedded one, already validated when the binary was built, or the
/// TOML files of `--data DIR`, loaded and validated now.
pub fn load_dataset(dir: Option<&std::path::Path>) -> Result<Dataset, Failure> {
    let Some(dir) = dir else {
        return crate::model::Dataset::decode(EMBEDDED).map_err(|e| {
            Failure::Data(vec![Problem::whole(
                "embedded dataset",
                format!("cannot be decoded ({e}); rebuild crossings"),
            )])
        });
    };
    let files = load::read_dir(dir).map_err(|p| Failure::Data(vec![p]))?;
    let (raw, mut problems) = load::parse_all(files);
    match crate::validate::validate(&raw) {
        Ok(ds) if problems.is_empty() => Ok(ds),
        Ok(_) => Err(Failure::Data(problems)),
        Err(more) => {
            problems.extend(more);
            Err(Failure::Data(problems))
        }
    }
}

fn run(cli: Cli) -> Result<Output, Failure> {
    let today = today()?;
    // The dataset lives until the process ends: freeing thousands of small records just
    // before exit would cost more than the plan itself.
    let ds: &'static Dataset = Box::leak(Box::new(load_dataset(cli.data.as_deref())?));
    match cli.command {
        Command::Check => commands::check::run(ds, today),
        Command::Places(a) => commands::places::run(ds, &a),
        Command::Plan(a) => commands::plan::run(ds, &a, today),
        Command::Hours(a) => commands::hours::run(ds, &a, today, color()),
        Command::Services(a) => commands::services::run(ds, &a),
        Command::Baggage(a) => commands::baggage::run(ds, &a),
    }
}

#[cfg(test)]
mod tests {
    use super::load_dataset;
    use std::path::Path;

    #[test]
    fn the_embedded_dataset_is_exactly_data_dir() {
        let embedded = load_dataset(None)
            .expect("embedded")
            .encode()
            .expect("encode");
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
        let loaded = load_dataset(Some(dir))
            .expect("data/ loads")
            .encode()
            .expect("encode");
        assert!(
            embedded == loaded,
            "the binary embeds a dataset that differs from data/"
        );
    }
}
#[cfg(test)]
mod timing {
    #[test]
    #[ignore]
    fn decode_timing() {
        let t = std::time::Instant::now();
        for _ in 0..100 {
            let _ = crate::model::Dataset::decode(super::EMBEDDED).unwrap();
        }
        eprintln!(
            "decode {:?} ({} bytes)",
            t.elapsed() / 100,
            super::EMBEDDED.len()
        );
        let ds = crate::model::Dataset::decode(super::EMBEDDED).unwrap();
        let req = crate::planner::Request {
            from: ds.places.iter().position(|p| p.id == "kashgar").unwrap(),
            to: ds.places.iter().position(|p| p.id == "bishkek").unwrap(),
            date: "2026-06-13".parse().unwrap(),
            within: 7,
            passports: vec!["GB".parse().unwrap()],
            visas: vec![],
            permits: vec![],
            party: 1,
            via: None,
            avoid: vec![],
        };
        let t = std::time::Instant::now();
        for _ in 0..20 {
            let _ = crate::planner::plan(&ds, &req);
        }
        eprintln!("plan {:?}", t.elapsed() / 20);
        fn time<T: serde::Serialize + serde::de::DeserializeOwned>(name: &str, v: &T) {
            let b = postcard::to_stdvec(v).unwrap();
            let t = std::time::Instant::now();
            for _ in 0..100 {
                let _: T = postcard::from_bytes(&b).unwrap();
            }
            eprintln!("{name}: {:?} {} bytes", t.elapsed() / 100, b.len());
        }
        time("sources", &ds.sources);
        time("places", &ds.places);
        time("crossings", &ds.crossings);
        time("services", &ds.services);
        time("visas", &ds.visas);
        time("holidays", &ds.holidays);
        time("rates", &ds.rates);
    }
}
