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

/// What one run of the program produced: the exit code and the text for each stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the program on `args` (the first is the program name) without printing: the same
/// parsing, checks and output as the binary, for tests and fuzzing.
pub fn execute<I: IntoIterator<Item = OsString>>(args: I) -> Ran {
    execute_then(args, Afterwards::GoOn)
}

fn execute_then<I: IntoIterator<Item = OsString>>(args: I, afterwards: Afterwards) -> Ran {
    let mut ran = parse_and_run(args, afterwards);
    // Messages quote arguments and data values: no control or bidi character in them may
    // reach the terminal as it is.
    ran.stderr = crate::names::escape_text(&ran.stderr);
    ran
}

fn parse_and_run<I: IntoIterator<Item = OsString>>(args: I, afterwards: Afterwards) -> Ran {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                Ran {
                    code: 2,
                    stdout: String::new(),
                    stderr: text,
                }
            } else {
                Ran {
                    code: 0,
                    stdout: text,
                    stderr: String::new(),
                }
            };
        }
    };
    match run(cli, afterwards) {
        Ok(out) => Ran {
            code: out.code,
            stdout: out.text,
            stderr: out.notes.iter().map(|n| format!("note: {n}\n")).collect(),
        },
        Err(Failure::Usage(msg)) => Ran {
            code: 2,
            stdout: String::new(),
            stderr: format!("error: {msg}\n"),
        },
        Err(Failure::Data(problems)) => {
            let mut stderr: String = problems.iter().map(|p| format!("error: {p}\n")).collect();
            stderr.push_str(&format!(
                "error: {} problem(s) in the dataset; fix them and run `crossings check` again\n",
                problems.len()
            ));
            Ran {
                code: 2,
                stdout: String::new(),
                stderr,
            }
        }
    }
}

/// Runs the program on `args` and returns the exit code: data to stdout, messages to
/// stderr, and a closed pipe ends it quietly.
pub fn main_with<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let ran = execute_then(args, Afterwards::Exit);
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(ran.stdout.as_bytes())
        .and_then(|_| stdout.flush());
    let mut stderr = std::io::stderr().lock();
    match written {
        Ok(()) => {
            let _ = stderr.write_all(ran.stderr.as_bytes());
            ran.code
        }
        // `crossings … | head`: the reader has all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ran.code,
        // A full disk, a closed or unwritable stdout: the answer is lost, and saying
        // nothing would pass it off as success. The messages still go to stderr.
        Err(e) => {
            let _ = stderr.write_all(ran.stderr.as_bytes());
            let _ = writeln!(
                stderr,
                "error: cannot write the output ({e}); check the disk or the file it goes to"
            );
            2
        }
    }
}

/// "Today", read here and nowhere else, and only by the commands that need it:
/// `CROSSINGS_TODAY=YYYY-MM-DD` fixes it (for reproducible output); otherwise the local
/// clock. Either must lie in the dataset's range (see `request::date_range`).
fn today(ds: &Dataset, notes: &mut Vec<String>) -> Result<NaiveDate, Failure> {
    let date = match std::env::var("CROSSINGS_TODAY") {
        Ok(s) => {
            let shown = crate::request::prefix(&s);
            let t = s.trim();
            let parsed = (t.len() == 10 && t.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
                .flatten();
            let d = parsed.ok_or_else(|| Failure::Usage(format!("CROSSINGS_TODAY='{shown}' is not a date; expected YYYY-MM-DD, or unset it to use the clock")))?;
            return crate::request::ensure_in_range(ds, d, "CROSSINGS_TODAY")
                .map_err(|e| Failure::Usage(format!("{e}, or unset it to use the clock")));
        }
        Err(std::env::VarError::NotPresent) => match crate::clock::unusable_tz() {
            None => chrono::Local::now().date_naive(),
            Some(why) => {
                notes.push(format!("{why}; today is taken in UTC"));
                chrono::Utc::now().date_naive()
            }
        },
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Failure::Usage(
                "CROSSINGS_TODAY is not valid text; expected YYYY-MM-DD, or unset it".into(),
            ))
        }
    };
    crate::request::ensure_in_range(ds, date, "today's date (from the clock)").map_err(|e| {
        Failure::Usage(format!(
            "{e}; set CROSSINGS_TODAY=YYYY-MM-DD or fix the system clock"
        ))
    })
}

/// "Now", for planning without `--date`: `CROSSINGS_NOW` (RFC 3339) fixes it; with
/// `CROSSINGS_TODAY` set and no `CROSSINGS_NOW` the day is planned from its start
/// (reproducible output); otherwise the clock.
fn now() -> Result<Option<chrono::DateTime<chrono::Utc>>, Failure> {
    match std::env::var("CROSSINGS_NOW") {
        Ok(s) => chrono::DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Some(t.with_timezone(&chrono::Utc)))
            .map_err(|_| {
                Failure::Usage(format!(
                    "CROSSINGS_NOW='{}' is not a moment; expected RFC 3339 like 2026-06-15T18:30:00+08:00, or unset it to use the clock",
                    crate::request::prefix(&s)
                ))
            }),
        Err(_) if std::env::var_os("CROSSINGS_TODAY").is_some() => Ok(None),
        Err(_) => Ok(Some(chrono::Utc::now())),
    }
}

/// The width to wrap text to: `COLUMNS` when set (so output into a pipe or a test can be
/// laid out at a fixed width), else the terminal's; none (no wrapping) into a pipe or file.
fn width() -> Option<usize> {
    use std::io::IsTerminal;
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c >= 20)
    {
        return Some(c.min(1000));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width().map(usize::from)
}

/// Colour as `--color` says; with `auto`, only on a terminal that can show it: never when `NO_COLOR` is set
/// (https://no-color.org) or `TERM` is `dumb` or unset.
fn color(when: crate::cli::ColorWhen) -> bool {
    use crate::cli::ColorWhen;
    use std::io::IsTerminal;
    match when {
        ColorWhen::Always => return true,
        ColorWhen::Never => return false,
        ColorWhen::Auto => {}
    }
    let term_ok = std::env::var_os("TERM").is_some_and(|t| !t.is_empty() && t != "dumb");
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && term_ok
        && std::io::stdout().is_terminal()
}

/// The dataset checked and encoded at build time (see build.rs), and its details apart.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dataset.bin"));
static EMBEDDED_SOURCES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sources.bin"));
static EMBEDDED_DETAILS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/details.bin"));

/// How much of the embedded dataset a command shows, and so decodes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Shows {
    /// What planning reads: `ds.sources` is left empty, every `notes` `None` and every
    /// dispute's `alternatives` empty.
    Facts,
    /// That and the sources (ids, titles, addresses, dates).
    Sources,
    /// Everything: also the notes and the versions of disputed facts.
    Everything,
}

impl Shows {
    /// What each command shows. A command that starts printing notes, sources or disputes'
    /// versions must ask for them here.
    fn of(command: &Command) -> Shows {
        match command {
            // Planning shows sources only when asked to explain.
            Command::Plan(a) if a.explain => Shows::Everything,
            Command::Plan(_) | Command::Places(_) => Shows::Facts,
            Command::Baggage(_) | Command::Services(_) | Command::Map(_) => Shows::Sources,
            Command::Check | Command::Hours(_) => Shows::Everything,
            // Answered before any dataset is loaded.
            Command::Completions { .. } | Command::Manpage | Command::Compile(_) => Shows::Facts,
        }
    }
}

/// `true`: everything; `false`: what planning reads.
impl From<bool> for Shows {
    fn from(with_details: bool) -> Shows {
        if with_details {
            Shows::Everything
        } else {
            Shows::Facts
        }
    }
}

/// The dataset: the embedded one, already validated when the binary was built (decoded as
/// far as `shows` asks), or the TOML files of `--data DIR`, loaded and validated now (all
/// of it).
pub fn load_dataset(
    dir: Option<&std::path::Path>,
    shows: impl Into<Shows>,
) -> Result<Dataset, Failure> {
    let shows = shows.into();
    let Some(dir) = dir else {
        let broken = |e: String| {
            Failure::Data(vec![Problem::whole(
                "embedded dataset",
                format!("cannot be decoded ({e}); rebuild crossings"),
            )])
        };
        let mut ds = Dataset::decode_static(EMBEDDED).map_err(broken)?;
        if shows >= Shows::Sources {
            ds.sources = crate::model::Details::decode_sources(EMBEDDED_SOURCES).map_err(broken)?;
        }
        if shows == Shows::Everything {
            let mut details = crate::model::Details::decode(EMBEDDED_DETAILS).map_err(broken)?;
            details.sources = std::mem::take(&mut ds.sources);
            ds.put_details(details);
        }
        return Ok(ds);
    };
    // A compiled dataset (`crossings compile`): checked when it was compiled.
    if crate::compiled::is_file(dir) {
        return crate::compiled::read(dir, shows);
    }
    let files = load::read_dir(dir).map_err(Failure::Data)?;
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

/// Whether the dataset is freed after the command. The binary exits right after, so it
/// skips freeing thousands of small records (that would cost more than a plan); in-process
/// callers (tests, fuzzing) must get the memory back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Afterwards {
    Exit,
    GoOn,
}

fn run(cli: Cli, afterwards: Afterwards) -> Result<Output, Failure> {
    // Completions and the manual page describe the command line, not the data.
    match &cli.command {
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "crossings", &mut buf);
            return Ok(Output::answer(String::from_utf8_lossy(&buf).into_owned()));
        }
        Command::Manpage => {
            use clap::CommandFactory;
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
            return Ok(Output::answer(String::from_utf8_lossy(&buf).into_owned()));
        }
        Command::Compile(a) => return commands::compile::run(a),
        _ => {}
    }
    let ds = load_dataset(cli.data.as_deref(), Shows::of(&cli.command))?;
    let mut notes = Vec::new();
    let edge = Edge {
        today: None,
        now: None,
        width: width(),
        color: color(cli.color),
        fixed: false,
    };
    let out = dispatch(&ds, cli.command, &edge, &mut notes);
    if afterwards == Afterwards::Exit {
        std::mem::forget(ds);
    }
    out.map(|mut o| {
        o.notes.extend(notes);
        o
    })
}

/// What the edge reads from the clock, the environment and the terminal for one run.
struct Edge {
    /// A fixed "today" (and no clock, no terminal): `answer`'s callers.
    today: Option<NaiveDate>,
    now: Option<chrono::DateTime<chrono::Utc>>,
    width: Option<usize>,
    color: bool,
    fixed: bool,
}

impl Edge {
    fn today(&self, ds: &Dataset, notes: &mut Vec<String>) -> Result<NaiveDate, Failure> {
        match self.today {
            Some(d) => Ok(d),
            None => today(ds, notes),
        }
    }
    fn now(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, Failure> {
        if self.fixed {
            Ok(self.now)
        } else {
            now()
        }
    }
}

/// Runs one command line (`args` without the program name) on a dataset already loaded,
/// with `today` fixed and no terminal: the same parsing, checks and output as the binary,
/// for fuzzing a dataset that is not the embedded one.
pub fn answer(ds: &Dataset, args: &[&str], today: NaiveDate) -> Ran {
    let cli = match Cli::try_parse_from(std::iter::once("crossings").chain(args.iter().copied())) {
        Ok(cli) => cli,
        Err(e) => {
            return Ran {
                code: 2,
                stdout: String::new(),
                stderr: e.render().to_string(),
            }
        }
    };
    let edge = Edge {
        today: Some(today),
        now: None,
        width: None,
        color: false,
        fixed: true,
    };
    let mut notes = Vec::new();
    match dispatch(ds, cli.command, &edge, &mut notes) {
        Ok(out) => Ran {
            code: out.code,
            stdout: out.text,
            stderr: out
                .notes
                .iter()
                .chain(&notes)
                .map(|n| format!("note: {n}\n"))
                .collect(),
        },
        Err(Failure::Usage(msg)) => Ran {
            code: 2,
            stdout: String::new(),
            stderr: format!("error: {msg}\n"),
        },
        Err(Failure::Data(problems)) => Ran {
            code: 2,
            stdout: String::new(),
            stderr: problems.iter().map(|p| format!("error: {p}\n")).collect(),
        },
    }
}

fn dispatch(
    ds: &Dataset,
    command: Command,
    edge: &Edge,
    notes: &mut Vec<String>,
) -> Result<Output, Failure> {
    match command {
        // Answered before any dataset is loaded.
        Command::Completions { .. } | Command::Manpage | Command::Compile(_) => {
            Ok(Output::answer(String::new()))
        }
        Command::Check => commands::check::run(ds, edge.today(ds, notes)?, edge.width),
        Command::Places(a) => commands::places::run(ds, &a, edge.width),
        Command::Plan(a) => {
            let today = edge.today(ds, notes)?;
            commands::plan::run(ds, &a, today, edge.now()?, edge.width)
        }
        Command::Hours(a) => {
            // With a date or a month the clock only decides whether a year is shown.
            let today = if a.date.is_none() && a.month.is_none() {
                Some(edge.today(ds, notes)?)
            } else {
                edge.today(ds, &mut Vec::new()).ok()
            };
            commands::hours::run(ds, &a, today, edge.color, edge.width)
        }
        Command::Services(a) => commands::services::run(ds, &a, edge.width),
        Command::Baggage(a) => commands::baggage::run(ds, &a, edge.width),
        Command::Map(a) => crate::export::map::run(ds, &a, edge.today(ds, notes)?),
    }
}

#[cfg(test)]
mod tests {
    use super::{load_dataset, Shows};
    use std::path::Path;

    #[test]
    fn the_embedded_dataset_is_exactly_data_dir() {
        let embedded = load_dataset(None, Shows::Everything)
            .expect("embedded")
            .encode()
            .expect("encode");
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
        let loaded = load_dataset(Some(dir), Shows::Everything)
            .expect("data/ loads")
            .encode()
            .expect("encode");
        assert!(
            embedded == loaded,
            "the binary embeds a dataset that differs from data/"
        );
    }
}
