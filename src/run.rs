//! The program's edge: parse flags, read the clock and the environment, load the dataset,
//! run one command, print its output and map the result to an exit code. The only module
//! that writes to stdout and stderr.

use crate::answer::{Answer, Exit};
use crate::cli::{BaggageArgs, Cli, Command, HoursArgs, MapArgs, PlanArgs};
use crate::commands;
use crate::load;
use crate::model::Dataset;
use crate::planner::Request;
use crate::problem::Problem;
use crate::query::{
    BaggageOn, BaggageQuery, CheckQuery, Format, HoursQuery, HoursWhen, MapQuery, PlacesQuery,
    PlanMonthQuery, PlanQuery, Query, ServicesQuery, View,
};
use crate::request;
use crate::types::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// What a run prints and how it ends.
pub struct Output {
    pub text: String,
    pub exit: Exit,
    /// Notes for stderr (not part of the answer).
    pub notes: Vec<String>,
}

impl Output {
    pub fn answer(text: String) -> Output {
        Output {
            text,
            exit: Exit::Answered,
            notes: Vec::new(),
        }
    }
}

/// The process's exit code for how a run ended: chosen here and nowhere else.
pub fn code(exit: Exit) -> i32 {
    match exit {
        Exit::Answered => 0,
        Exit::NoAnswer => 1,
        Exit::BadInput => 2,
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
    let args: Vec<OsString> = args.into_iter().collect();
    // `crossings --version` is answered before the command line is built: building clap's
    // parser for every command costs about a third of what starting the process does.
    // The same text clap prints (tests/cli.rs checks both spellings).
    if let [_, flag] = args.as_slice() {
        if flag == "--version" || flag == "-V" {
            return Ran {
                code: 0,
                stdout: format!("crossings {}\n", crate::cli::VERSION),
                stderr: String::new(),
            };
        }
    }
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
            code: code(out.exit),
            stdout: out.text,
            stderr: out.notes.iter().map(|n| format!("note: {n}\n")).collect(),
        },
        Err(Failure::Usage(msg)) => Ran {
            code: code(Exit::BadInput),
            stdout: String::new(),
            stderr: format!("error: {msg}\n"),
        },
        Err(Failure::Data(problems)) => {
            let mut stderr: String = problems.iter().map(|p| format!("error: {p}\n")).collect();
            let (n, them) = match problems.len() {
                1 => ("1 problem".to_string(), "it"),
                n => (format!("{n} problems"), "them"),
            };
            stderr.push_str(&format!(
                "error: {n} in the dataset; fix {them} and run `crossings check` again\n"
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
                    "CROSSINGS_NOW='{}' is not a moment; expected RFC 3339 like 2027-06-15T18:30:00+08:00, or unset it to use the clock",
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

/// A part of the embedded dataset.
#[derive(Clone, Copy)]
enum Embedded {
    Facts,
    Sources,
    Details,
}

/// Decodes a part of the embedded dataset with `decode`: its strings borrow the part's
/// bytes and are not checked to be UTF-8 again (build.rs wrote them from strings).
fn decode_embedded<T>(
    part: Embedded,
    decode: impl FnOnce(&'static [u8]) -> Result<T, String>,
) -> Result<T, String> {
    let bytes = match part {
        Embedded::Facts => EMBEDDED,
        Embedded::Sources => EMBEDDED_SOURCES,
        Embedded::Details => EMBEDDED_DETAILS,
    };
    // SAFETY: each part is included unchanged as build.rs encoded it with postcard, from the
    // strings of a dataset of this build's types (build.rs compiles the same model, text and
    // types sources), and each caller decodes a part as the type it was encoded from: every
    // string read is one build.rs wrote, UTF-8.
    unsafe { crate::text::borrowing_from_built(bytes, decode) }
}

/// How much of the embedded dataset a command shows, and so decodes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Shows {
    /// What planning reads: `ds.sources` is left empty, every `notes` `None` and every
    /// dispute's `alternatives` empty.
    Facts,
    /// That and the sources' ids (each source's title is left empty, its address `None`
    /// and its date `Undated`).
    SourceIds,
    /// That and the notes and the versions of disputed facts, with their sources' ids.
    Details,
    /// Everything: also the sources' titles, addresses and dates.
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
            Command::Baggage(_) | Command::Services(_) | Command::Map(_) => Shows::SourceIds,
            Command::Hours(_) => Shows::Details,
            Command::Check => Shows::Everything,
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
    load_dataset_then(dir, shows.into(), Afterwards::GoOn)
}

/// `load_dataset`; a compiled file's bytes are kept for a run that exits after the command
/// (`compiled::read`).
fn load_dataset_then(
    dir: Option<&std::path::Path>,
    shows: Shows,
    afterwards: Afterwards,
) -> Result<Dataset, Failure> {
    let Some(dir) = dir else {
        let broken = |e: String| {
            Failure::Data(vec![Problem::whole(
                "embedded dataset",
                format!("cannot be decoded ({e}); rebuild crossings"),
            )])
        };
        let mut ds = decode_embedded(Embedded::Facts, Dataset::decode).map_err(broken)?;
        if shows >= Shows::SourceIds {
            let all = shows == Shows::Everything;
            ds.sources = decode_embedded(Embedded::Sources, |b| {
                crate::model::Details::sources_from(b, all)
            })
            .map_err(broken)?;
        }
        if shows >= Shows::Details {
            let mut details = decode_embedded(Embedded::Details, crate::model::Details::decode)
                .map_err(broken)?;
            details.sources = std::mem::take(&mut ds.sources);
            ds.put_details(details);
        }
        return Ok(ds);
    };
    // Nothing there at all is a mistyped path, not a dataset with problems to fix.
    if std::fs::symlink_metadata(dir).is_err() {
        return Err(Failure::Usage(format!(
            "{}: no such file or folder; name a dataset folder (with folders like places/ and crossings/, see data/README.md) or a file made by `crossings compile`",
            dir.display()
        )));
    }
    // A compiled dataset (`crossings compile`): checked when it was compiled.
    if crate::compiled::is_file(dir) {
        return crate::compiled::read(dir, shows, afterwards == Afterwards::Exit);
    }
    let files = load::read_dir(dir).map_err(Failure::Data)?;
    let (raw, mut problems) = load::parse_all(files);
    match crate::validate::validate(raw) {
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
        Command::Compile(a) => return crate::compiled::compile(&a.dir, &a.out),
        _ => {}
    }
    let ds = load_dataset_then(cli.data.as_deref(), Shows::of(&cli.command), afterwards)?;
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
            code: code(out.exit),
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

/// Files a command writes besides its answer.
#[derive(Default)]
struct Files {
    /// `plan --ics FILE [--itinerary N]`.
    ics: Option<(PathBuf, usize)>,
    /// `plan --map FILE.svg`.
    map: Option<PathBuf>,
    /// `map --out FILE.svg`.
    out: Option<PathBuf>,
}

/// One run's typed question, how its answer is shown and what files it writes: the flags
/// read once, here, before any command runs (as fd's `construct_config`).
struct Job {
    query: Query,
    view: View,
    files: Files,
}

/// The largest `--within` (a year and a day).
const MAX_WITHIN: u32 = 366;

/// `plan`'s flags as a request (and the currency and the number of routes to keep).
fn plan_request(
    ds: &Dataset,
    a: &PlanArgs,
    today: NaiveDate,
    now: Option<DateTime<Utc>>,
) -> Result<(Request, Currency, usize), String> {
    let from = request::place(ds, &a.from)?;
    let to = request::place(ds, &a.to)?;
    if from == to {
        return Err(format!(
            "'{}' and '{}' are the same place; give two different places",
            a.from, a.to
        ));
    }
    // Without --date the search starts now, in the origin's clock: nothing leaves in the past.
    let now = now.filter(|_| a.date.is_none());
    let today = now.map_or(today, |n| {
        n.with_timezone(&ds.places[from].zone.0).date_naive()
    });
    let date = match (&a.date, now) {
        (Some(d), _) => request::date(ds, d, "--date")?,
        (None, Some(n)) => n.with_timezone(&ds.places[from].zone.0).date_naive(),
        (None, None) => today,
    };
    let within = request::count(&a.within, "--within", 1, MAX_WITHIN)?;
    let party = request::count(&a.party, "--party", 1, 60)?;
    let max = request::count(&a.max, "--max", 1, 100)? as usize;
    // A code given twice (`--passport GB --passport gb`) is one passport: "GB/GB" is none.
    let once = |mut v: Vec<crate::types::Country>| {
        let mut seen = Vec::new();
        v.retain(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        });
        v
    };
    let passports = once(
        a.passports
            .iter()
            .map(|p| request::country(ds, p, "--passport"))
            .collect::<Result<Vec<_>, _>>()?,
    );
    let visas = once(
        a.visas
            .iter()
            .map(|v| request::country(ds, v, "--visa"))
            .collect::<Result<Vec<_>, _>>()?,
    );
    let permits = a
        .permits
        .iter()
        .map(|p| {
            let q = crate::names::fold(p);
            ds.permits
                .iter()
                .position(|x| crate::names::fold(&x.id) == q)
                .ok_or_else(|| {
                    let ids: Vec<&str> = ds.permits.iter().map(|x| x.id.as_str()).collect();
                    format!(
                        "--permit '{p}' is not a permit this dataset knows; expected one of {}",
                        ids.join(", ")
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let via = a
        .via
        .as_deref()
        .map(|v| request::place(ds, v))
        .transpose()?;
    // A stop on the way is neither end: `--via` naming one would be silently met by every
    // route (the start) or ask for nothing (the end).
    if let (Some(v), Some(name)) = (via, a.via.as_deref()) {
        let end = if v == from {
            Some("starts")
        } else if v == to {
            Some("ends")
        } else {
            None
        };
        if let Some(end) = end {
            return Err(format!(
                "--via '{name}' is where the journey {end}; give a place on the way, or leave --via out"
            ));
        }
    }
    let avoid = a
        .avoid
        .iter()
        .map(|c| request::crossing(ds, c))
        .collect::<Result<Vec<_>, _>>()?;
    let currency = request::currency(ds, &a.currency, "--currency")?;
    Ok((
        Request {
            from,
            to,
            date,
            within,
            passports,
            visas,
            permits,
            party,
            via,
            avoid,
            held_only: a.held_only,
            // Lead times count from today; for a date already past the question is about
            // the timetables and rules, not what can still be arranged in time, so documents
            // count as applied for in good time (a year before).
            today: if date < today {
                date - chrono::Duration::days(365)
            } else {
                today
            },
            now,
        },
        currency,
        max,
    ))
}

fn construct(
    ds: &Dataset,
    command: Command,
    edge: &Edge,
    notes: &mut Vec<String>,
) -> Result<Job, Failure> {
    let view = |format: Format, today: NaiveDate| View {
        format,
        explain: false,
        width: edge.width,
        color: edge.color,
        today,
    };
    let json = |j: bool| if j { Format::Json } else { Format::Text };
    Ok(match command {
        // Answered before any dataset is loaded.
        Command::Completions { .. } | Command::Manpage | Command::Compile(_) => {
            return Err(Failure::Usage(
                "answered before the dataset is loaded".into(),
            ))
        }
        Command::Check => {
            let today = edge.today(ds, notes)?;
            Job {
                query: Query::Check(CheckQuery { today }),
                view: view(Format::Text, today),
                files: Files::default(),
            }
        }
        Command::Places(a) => Job {
            query: Query::Places(PlacesQuery { query: a.query }),
            view: view(json(a.json), NaiveDate::MIN),
            files: Files::default(),
        },
        Command::Plan(a) => {
            let today = edge.today(ds, notes)?;
            plan_job(ds, &a, today, edge.now()?, view(json(a.json), today))?
        }
        Command::Hours(a) => {
            // With a date or a month the clock only decides whether a year is shown.
            let today = if a.date.is_none() && a.month.is_none() {
                Some(edge.today(ds, notes)?)
            } else {
                edge.today(ds, &mut Vec::new()).ok()
            };
            hours_job(ds, &a, today, &view)?
        }
        Command::Services(a) => Job {
            query: Query::Services(ServicesQuery {
                from: a
                    .from
                    .as_deref()
                    .map(|p| request::place(ds, p))
                    .transpose()?,
                to: a.to.as_deref().map(|p| request::place(ds, p)).transpose()?,
                via: a
                    .via
                    .as_deref()
                    .map(|c| request::crossing(ds, c))
                    .transpose()?,
            }),
            view: view(json(a.json), NaiveDate::MIN),
            files: Files::default(),
        },
        Command::Baggage(a) => {
            // As `plan`: a conversion's rate more than a year older than today is flagged.
            let today = edge.today(ds, notes)?;
            Job {
                query: Query::Baggage(baggage_query(ds, &a)?),
                view: view(json(a.json), today),
                files: Files::default(),
            }
        }
        Command::Map(a) => {
            let today = edge.today(ds, notes)?;
            map_job(ds, a, today, view(Format::Svg, today))?
        }
    })
}

fn plan_job(
    ds: &Dataset,
    a: &PlanArgs,
    today: NaiveDate,
    now: Option<DateTime<Utc>>,
    mut view: View,
) -> Result<Job, Failure> {
    let (req, currency, max) = plan_request(ds, a, today, now)?;
    if let Some(m) = &a.month {
        return Ok(Job {
            query: Query::PlanMonth(PlanMonthQuery {
                req,
                first: request::month(ds, m)?,
            }),
            view,
            files: Files::default(),
        });
    }
    if a.geojson {
        view.format = Format::GeoJson;
    }
    view.explain = a.explain;
    let itinerary = match &a.itinerary {
        Some(s) => request::count(s, "--itinerary", 1, 100)? as usize,
        None => 1,
    };
    Ok(Job {
        query: Query::Plan(PlanQuery {
            req,
            currency,
            max,
            today,
        }),
        view,
        files: Files {
            ics: a.ics.clone().map(|p| (p, itinerary)),
            map: a
                .map
                .as_deref()
                .map(|p| request::svg_path(p, "--map"))
                .transpose()?,
            out: None,
        },
    })
}

/// `today` is `None` only when `--date` or `--month` is given and the clock cannot be read.
fn hours_job(
    ds: &Dataset,
    a: &HoursArgs,
    today: Option<NaiveDate>,
    view: &dyn Fn(Format, NaiveDate) -> View,
) -> Result<Job, Failure> {
    let mut chosen: Vec<usize> = a
        .crossings
        .iter()
        .map(|q| request::crossing(ds, q))
        .collect::<Result<_, _>>()?;
    if chosen.is_empty() {
        chosen = (0..ds.crossings.len()).collect();
    }
    let country = a
        .country
        .as_deref()
        .map(|cc| request::country(ds, cc, "--country"))
        .transpose()?;
    if let Some(cc) = country {
        chosen.retain(|i| ds.crossings[*i].countries().contains(&cc));
    }
    let format = if a.geojson {
        Format::GeoJson
    } else if a.json {
        Format::Json
    } else {
        Format::Text
    };
    if let Some(m) = &a.month {
        let first = request::month(ds, m)?;
        if !chosen.is_empty() && (chosen.len() != 1 || a.crossings.len() != 1) {
            return Err(Failure::Usage("--month shows one crossing; name exactly one, like `crossings hours torugart --month 2027-10`".into()));
        }
        return Ok(Job {
            query: Query::Hours(HoursQuery {
                chosen,
                when: HoursWhen::Month(first),
                country,
            }),
            view: view(format, today.unwrap_or(first)),
            files: Files::default(),
        });
    }
    let asked = a
        .date
        .as_deref()
        .map(|d| request::date(ds, d, "--date"))
        .transpose()?;
    let on = asked
        .or(today)
        .ok_or_else(|| Failure::Usage("give --date YYYY-MM-DD: today is not known".into()))?;
    let words_today = today.unwrap_or(on);
    Ok(Job {
        query: Query::Hours(HoursQuery {
            chosen,
            when: HoursWhen::Day { on, asked },
            country,
        }),
        view: View {
            explain: a.explain,
            ..view(format, words_today)
        },
        files: Files::default(),
    })
}

fn baggage_query(ds: &Dataset, a: &BaggageArgs) -> Result<BaggageQuery, Failure> {
    let kg_tenths = request::kilos(&a.kg)?;
    let currency = request::currency(ds, &a.currency, "--currency")?;
    let on = match (&a.service, &a.from, &a.to) {
        (Some(s), None, None) => BaggageOn::Service(request::service(ds, s)?),
        (None, Some(f), Some(t)) => BaggageOn::Route {
            from: request::place(ds, f)?,
            to: request::place(ds, t)?,
        },
        _ => return Err(Failure::Usage("name a service (`crossings baggage kashgar-osh-bus --kg 26`) or a route with --from and --to, not both".into())),
    };
    Ok(BaggageQuery {
        on,
        kg_tenths,
        currency,
    })
}

fn map_job(ds: &Dataset, a: MapArgs, today: NaiveDate, view: View) -> Result<Job, Failure> {
    let date = match &a.date {
        Some(d) => request::date(ds, d, "--date")?,
        None => today,
    };
    let countries = a
        .countries
        .iter()
        .map(|c| request::country(ds, c, "--country"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Job {
        query: Query::Map(MapQuery { date, countries }),
        view,
        files: Files {
            out: a
                .out
                .as_deref()
                .map(|p| request::svg_path(p, "--out"))
                .transpose()?,
            ..Files::default()
        },
    })
}

fn dispatch(
    ds: &Dataset,
    command: Command,
    edge: &Edge,
    notes: &mut Vec<String>,
) -> Result<Output, Failure> {
    if matches!(command, Command::Completions { .. } | Command::Manpage) {
        // Answered before any dataset is loaded.
        return Ok(Output::answer(String::new()));
    }
    let job = construct(ds, command, edge, notes)?;
    let answer = commands::answer(ds, &job.query);
    let exit = answer.exit();
    let mut files_written = write_files(ds, &answer, &job.files, job.view.today)?;
    let shown = crate::render::answer(ds, &answer, &job.view).map_err(Failure::Usage)?;
    let mut out = Output {
        text: shown.text,
        exit,
        notes: shown.notes,
    };
    if let Some(path) = &job.files.out {
        crate::export::write_file(path, out.text.as_bytes(), "--out")?;
        out.text.clear();
        files_written.push(format!("wrote the map to {}", path.display()));
    }
    // The files' notes come first, as before the answer's own.
    files_written.append(&mut out.notes);
    out.notes = files_written;
    Ok(out)
}

/// `plan --map` and `plan --ics`: draws and writes the files, and says what was written.
fn write_files(
    ds: &Dataset,
    answer: &Answer,
    files: &Files,
    today: NaiveDate,
) -> Result<Vec<String>, Failure> {
    let mut notes = Vec::new();
    let Answer::Plan(p) = answer else {
        return Ok(notes);
    };
    if let Some(path) = &files.map {
        notes.push(match crate::render::map::plan_svg(ds, p)? {
            None => format!("no itinerary, so no map was written to {}", path.display()),
            Some(svg) => {
                crate::export::write_file(path, svg.as_bytes(), "--map")?;
                format!("wrote the map to {}", path.display())
            }
        });
    }
    if let Some((path, n)) = &files.ics {
        notes.push(match p.itineraries.get(n - 1) {
            None if p.itineraries.is_empty() => format!(
                "no itinerary, so no calendar was written to {}",
                path.display()
            ),
            None => {
                let k = p.itineraries.len();
                return Err(Failure::Usage(format!(
                    "--itinerary {n}: the answer has {k} itinerar{}; give a number from 1 to {k}",
                    if k == 1 { "y" } else { "ies" }
                )));
            }
            Some(it) => {
                let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
                let text = crate::export::ics::write(
                    &crate::render::ics::itinerary(ds, &p.req, *n, &it.it),
                    stamp,
                );
                crate::export::write_file(path, text.as_bytes(), "--ics")?;
                format!("wrote itinerary {n} to {} (iCalendar)", path.display())
            }
        });
    }
    Ok(notes)
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

    #[test]
    fn each_level_decodes_what_it_promises() {
        let all = load_dataset(None, Shows::Everything).expect("embedded");
        let ids = |ds: &crate::model::Dataset| -> Vec<String> {
            ds.sources.iter().map(|s| s.id.to_string()).collect()
        };
        let facts = load_dataset(None, Shows::Facts).expect("embedded");
        assert!(facts.sources.is_empty() && facts.places.iter().all(|p| p.notes.is_none()));
        let cited = load_dataset(None, Shows::SourceIds).expect("embedded");
        assert_eq!(ids(&cited), ids(&all));
        assert!(cited
            .sources
            .iter()
            .all(|s| s.title.is_empty() && s.url.is_none()));
        assert!(cited.services.iter().all(|s| s.notes.is_none()));
        let details = load_dataset(None, Shows::Details).expect("embedded");
        assert_eq!(ids(&details), ids(&all));
        assert!(details.sources.iter().all(|s| s.title.is_empty()));
        let notes =
            |ds: &crate::model::Dataset| ds.places.iter().filter(|p| p.notes.is_some()).count();
        assert!(notes(&all) > 0 && notes(&details) == notes(&all));
        assert!(all.sources.iter().all(|s| !s.title.is_empty()));
        // The compiled form decodes the same way.
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
        let bytes =
            crate::compiled::encode(load_dataset(Some(dir), Shows::Everything).expect("data/"))
                .expect("encode");
        for shows in [Shows::SourceIds, Shows::Details, Shows::Everything] {
            let ds = crate::compiled::decode(&bytes, shows).expect("decodes");
            assert_eq!(ids(&ds), ids(&all));
            assert_eq!(
                ds.sources.iter().all(|s| s.title.is_empty()),
                shows != Shows::Everything
            );
        }
    }
}
