//! The command line: clap types only. `run` turns these raw flags into resolved requests
//! before anything else sees them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// What `crossings --version` prints after the name.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (embedded dataset ",
    env!("CROSSINGS_DATASET_VERIFIED"),
    ")"
);

const EXIT_CODES: &str = "Exit codes: 0 success; 1 a valid question with no answer (no itinerary; the reasons are printed); 2 bad input or bad data.";

/// Plan overland journeys across the borders of western China, Central Asia and Pakistan,
/// offline: border hours, holidays, seasons, visas, schedules, fares and baggage fees.
#[derive(Parser, Debug)]
#[command(
    name = "crossings",
    version = VERSION,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Read the dataset from this directory (or a file written by `crossings compile`)
    /// instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// When to colour the output: on a terminal that can show it (auto: not when NO_COLOR
    /// is set or TERM is dumb), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Plan a dated journey from one place to another.
    #[command(after_help = EXIT_CODES)]
    Plan(PlanArgs),
    /// Border crossings at a glance: days, hours, seasons, who may cross; open on a date?
    #[command(after_help = EXIT_CODES)]
    Hours(HoursArgs),
    /// List services (buses, trains, shared taxis, agency cars) with days, times and fares.
    #[command(after_help = EXIT_CODES)]
    Services(ServicesArgs),
    /// What extra kilos cost on a service or on every service of a route.
    #[command(after_help = EXIT_CODES)]
    Baggage(BaggageArgs),
    /// List places and crossings, with ids, names, aliases, country and time zone.
    #[command(after_help = EXIT_CODES)]
    Places(PlacesArgs),
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `crossings manpage > crossings.1`.
    Manpage,
    /// Validate the dataset and summarise it.
    #[command(after_help = EXIT_CODES)]
    Check,
    /// Draw the region as an SVG map: every crossing coloured by its state on a date.
    #[command(after_help = EXIT_CODES)]
    Map(MapArgs),
    /// Check a dataset directory and write it as one compiled file, which `--data FILE`
    /// then reads without parsing TOML.
    #[command(after_help = EXIT_CODES)]
    Compile(CompileArgs),
}

#[derive(Args, Debug)]
pub struct CompileArgs {
    /// The dataset directory to compile (folders places/, crossings/, …).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Args, Debug)]
pub struct MapArgs {
    /// The day whose state each crossing shows, YYYY-MM-DD [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// Only crossings on this country's borders (repeatable); the map fits them.
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
    /// Write the SVG to this file instead of stdout.
    #[arg(long, value_name = "FILE.svg")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// Where you start: a place id, name or alias (Kashgar, Kashi, 喀什).
    pub from: String,
    /// Where you want to get to.
    pub to: String,
    /// First day you could leave, YYYY-MM-DD [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// How many departure days to search, from --date.
    #[arg(
        long,
        default_value = "7",
        value_name = "DAYS",
        allow_hyphen_values = true
    )]
    pub within: String,
    /// A passport you hold (ISO country code, e.g. GB); repeat for dual nationals.
    #[arg(long = "passport", value_name = "CC")]
    pub passports: Vec<String>,
    /// A country whose visa you already hold (e.g. PK); repeatable.
    #[arg(long = "visa", value_name = "CC")]
    pub visas: Vec<String>,
    /// A permit you hold (e.g. gbao); repeatable.
    #[arg(long = "permit", value_name = "ID")]
    pub permits: Vec<String>,
    /// Plan only with the visas and permits you hold (--visa, --permit) and what the border
    /// gives; by default documents you can still obtain before each border are used and
    /// listed under "Before you go".
    #[arg(long)]
    pub held_only: bool,
    /// Travellers sharing per-vehicle fares.
    #[arg(
        long,
        default_value = "1",
        value_name = "N",
        allow_hyphen_values = true
    )]
    pub party: String,
    /// Currency for totals (ISO 4217).
    #[arg(long, default_value = "USD", value_name = "CUR")]
    pub currency: String,
    /// How many routes to show at most (each with the other days it also leaves).
    #[arg(
        long,
        default_value = "2",
        value_name = "N",
        allow_hyphen_values = true
    )]
    pub max: String,
    /// A place the journey must pass through (on the way: neither the start nor the end).
    #[arg(long, value_name = "PLACE")]
    pub via: Option<String>,
    /// A crossing not to use; repeatable.
    #[arg(long, value_name = "CROSSING")]
    pub avoid: Vec<String>,
    /// Add each fact's sources, with the dates they report, and the full dispute texts.
    #[arg(long)]
    pub explain: bool,
    /// Print JSON (a stable contract, see README) instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Print the itineraries as GeoJSON (RFC 7946) instead of tables: legs as lines, border
    /// passes as points.
    #[arg(long, conflicts_with = "json")]
    pub geojson: bool,
    /// Also write an itinerary to this iCalendar file (RFC 5545) for a calendar program.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<std::path::PathBuf>,
    /// Also draw the itineraries on an SVG map of the region, written to this file.
    #[arg(long, value_name = "FILE.svg")]
    pub map: Option<std::path::PathBuf>,
    /// Each departure day of this month (YYYY-MM): does the journey work, when does it arrive.
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["date", "within", "geojson", "ics", "map"])]
    pub month: Option<String>,
    /// Which itinerary --ics writes, numbered as shown.
    #[arg(long, value_name = "N", requires = "ics", allow_hyphen_values = true)]
    pub itinerary: Option<String>,
}

#[derive(Args, Debug)]
pub struct HoursArgs {
    /// Crossings to show (ids, names or aliases); all when none are given.
    pub crossings: Vec<String>,
    /// Only crossings on this country's borders.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Say whether each crossing is open on this date, and when it next opens.
    #[arg(long, conflicts_with = "month")]
    pub date: Option<String>,
    /// Show a month calendar (YYYY-MM) for one crossing.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// With --date: print every crossing as a GeoJSON (RFC 7946) point with its state that day.
    #[arg(long, conflicts_with_all = ["json", "month"])]
    pub geojson: bool,
    /// With one crossing: add the data's notes and each disputed fact's versions with their
    /// sources.
    #[arg(long, conflicts_with_all = ["json", "geojson", "month"])]
    pub explain: bool,
}

#[derive(Args, Debug)]
pub struct ServicesArgs {
    /// Only services that stop at this place.
    #[arg(long, value_name = "PLACE")]
    pub from: Option<String>,
    /// Only services that stop at this place (after --from).
    #[arg(long, value_name = "PLACE")]
    pub to: Option<String>,
    /// Only services over this crossing.
    #[arg(long, value_name = "CROSSING")]
    pub via: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct BaggageArgs {
    /// A service id; or give --from and --to for every service on a route.
    pub service: Option<String>,
    /// Start of the route.
    #[arg(long, value_name = "PLACE", requires = "to")]
    pub from: Option<String>,
    /// End of the route.
    #[arg(long, value_name = "PLACE", requires = "from")]
    pub to: Option<String>,
    /// Total weight of your checked baggage, in kilograms.
    #[arg(long, value_name = "KG", allow_hyphen_values = true)]
    pub kg: String,
    /// Currency to convert fees into (ISO 4217).
    #[arg(long, default_value = "USD", value_name = "CUR")]
    pub currency: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PlacesArgs {
    /// Only places and crossings whose id, name or alias contains this (case and accents ignored).
    pub query: Option<String>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// When to colour the output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}
