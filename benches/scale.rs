//! How `crossings` scales: plan time and memory on connected synthetic networks 1× to
//! 4700× the size of `data/` (built in memory by `examples/synth.rs`'s `scale`, the same
//! network its TOML writer produces), and load time of the TOML form where `--data` reads
//! it. Run it with `bash scripts/bench.sh`, or:
//!
//! ```sh
//! cargo bench --bench scale -- [--sizes 1,10,100,470,4700] [--toml-sizes 1,10]
//!     [--runs 9] [--budget 15] [--plan-timeout 60] [--load-timeout 150] [--tmp DIR]
//!     [--windows 7,365]
//! ```
//!
//! Each size is measured in a child process (this binary with `--child-plan N` or
//! `--child-load DIR`), so that a plan that runs too long can be stopped (reported as
//! `> N s`) and each size's peak memory (the kernel's VmHWM) is its own. A measurement is
//! the median of up to `--runs` runs, fewer once the runs have taken `--budget` seconds.

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

use crossings::model::Dataset;
use crossings::planner::{self, Request};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const FROM: &str = "kashgar";
const TO: &str = "bishkek";
/// The seed's Saturday question (Kashgar to Bishkek, Torugart closed at weekends; see
/// tests/seeds.rs) on Sat 12 Jun 2027, a British passport. The README's Scale table is
/// measured with it; the README's headline asks Sun 13 Jun, a different question.
const DATE: &str = "2027-06-12";
const TODAY: &str = "2026-11-30";

struct Opts {
    sizes: Vec<usize>,
    /// The `--within` windows planned at each size (7 and 365; `--windows 7` skips the
    /// year, which does not finish at the larger sizes).
    windows: Vec<usize>,
    toml_sizes: Vec<usize>,
    runs: usize,
    budget: f64,
    plan_timeout: f64,
    load_timeout: f64,
    tmp: Option<PathBuf>,
    child_plan: Option<usize>,
    child_load: Option<PathBuf>,
    /// Set by `cargo bench` (`--bench`); `cargo test --benches` runs the binary without it.
    bench: bool,
}

fn list(s: Option<String>, flag: &str) -> Vec<usize> {
    s.unwrap_or_default()
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim()
                .parse()
                .unwrap_or_else(|_| die(&format!("{flag} takes numbers like 1,10,100")))
        })
        .collect()
}

fn opts() -> Opts {
    let mut o = Opts {
        sizes: vec![1, 10, 100, 470, 4700],
        windows: vec![7, 365],
        toml_sizes: vec![1, 10],
        runs: 9,
        budget: 15.0,
        plan_timeout: 60.0,
        load_timeout: 150.0,
        tmp: None,
        child_plan: None,
        child_load: None,
        bench: false,
    };
    let mut args = std::env::args().skip(1);
    let num = |v: Option<String>, flag: &str| -> f64 {
        v.and_then(|s| s.parse().ok())
            .unwrap_or_else(|| die(&format!("{flag} needs a number")))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => o.sizes = list(args.next(), "--sizes"),
            "--windows" => {
                o.windows = list(args.next(), "--windows");
                if o.windows.iter().any(|w| *w != 7 && *w != 365) {
                    die("--windows takes 7, 365 or 7,365 (the table's two columns)");
                }
            }
            "--toml-sizes" => o.toml_sizes = list(args.next(), "--toml-sizes"),
            "--runs" => o.runs = num(args.next(), "--runs").max(1.0) as usize,
            "--budget" => o.budget = num(args.next(), "--budget"),
            "--plan-timeout" => o.plan_timeout = num(args.next(), "--plan-timeout"),
            "--load-timeout" => o.load_timeout = num(args.next(), "--load-timeout"),
            "--tmp" => o.tmp = args.next().map(PathBuf::from),
            "--child-plan" => o.child_plan = Some(num(args.next(), "--child-plan") as usize),
            "--child-load" => o.child_load = args.next().map(PathBuf::from),
            "--bench" => o.bench = true,
            // Filters and other harness flags mean nothing here.
            _ => {}
        }
    }
    o
}

fn die(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2);
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn ms(s: f64) -> String {
    if s.is_nan() {
        "–".into()
    } else if s >= 10.0 {
        format!("{:.1} s", s)
    } else if s >= 1.0 {
        format!("{:.2} s", s)
    } else if s >= 0.1 {
        format!("{:.0} ms", s * 1e3)
    } else {
        format!("{:.2} ms", s * 1e3)
    }
}

/// The process's peak resident memory so far, in bytes (Linux; 0 elsewhere).
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// CPU time this thread has run so far, in seconds (`clock_gettime` with the thread's CPU
/// clock: exact to the nanosecond, where Linux's /proc/thread-self/schedstat is brought up to
/// date only at a scheduler tick, so a plan shorter than a tick read as 0 or 4 ms). On a
/// shared machine it is steadier than wall time, which counts the time others' processes
/// hold the cores (it still varies with what they do to the caches). NaN where the clock is
/// missing.
#[cfg(unix)]
fn cpu_time() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec for the duration of the call.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return f64::NAN;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

#[cfg(not(unix))]
fn cpu_time() -> f64 {
    f64::NAN
}

fn mb(bytes: f64) -> String {
    if bytes.is_nan() || bytes <= 0.0 {
        "–".into()
    } else {
        format!("{:.0} MB", bytes / 1e6)
    }
}

// ---------------------------------------------------------------------------------------
// Children: print each run as it ends.

fn say(line: String) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn request(ds: &Dataset, within: u32) -> Request {
    let place = |id: &str| {
        ds.places
            .iter()
            .position(|p| p.id == id)
            .unwrap_or_else(|| die(&format!("no place '{id}' in the dataset")))
    };
    Request {
        from: place(FROM),
        to: place(TO),
        date: DATE.parse().expect("a date"),
        within,
        passports: vec!["GB".parse().expect("a country")],
        visas: Vec::new(),
        permits: Vec::new(),
        party: 1,
        via: None,
        avoid: Vec::new(),
        now: None,
        held_only: false,
        today: TODAY.parse().expect("a date"),
    }
}

fn child_load(dir: &Path, o: &Opts) {
    let budget = Duration::from_secs_f64(o.budget);
    let started = Instant::now();
    let mut ds = None;
    say("begin load".into());
    for _ in 0..o.runs {
        drop(ds.take());
        let t = Instant::now();
        let d = synth::load(dir).unwrap_or_else(|e| die(&e));
        say(format!("run load {}", t.elapsed().as_secs_f64()));
        ds = Some(d);
        if started.elapsed() >= budget {
            break;
        }
    }
    say(format!("rss load {}", peak_rss()));
    say("end".into());
}

fn child_plan(scale: usize, o: &Opts) {
    let real = synth::load(&synth::real_data()).unwrap_or_else(|e| die(&e));
    let ds = synth::scale(&real, scale);
    drop(real);
    let stops: usize = ds.services.iter().map(|s| s.stops.len()).sum();
    say(format!(
        "counts {} {} {} {stops}",
        ds.places.len(),
        ds.crossings.len(),
        ds.services.len()
    ));
    say(format!("rss data {}", peak_rss()));
    for &within in &o.windows {
        let within = u32::try_from(within).unwrap_or_else(|_| die("--windows: too many days"));
        let req = request(&ds, within);
        say(format!("begin plan{within}"));
        let budget = Duration::from_secs_f64(o.budget);
        let started = Instant::now();
        for _ in 0..o.runs {
            let (t, cpu) = (Instant::now(), cpu_time());
            let (plan, _) = planner::plan(&ds, &req);
            let took = t.elapsed().as_secs_f64();
            let cpu = cpu_time() - cpu;
            say(format!(
                "run plan{within} {took} {} {} {cpu}",
                plan.itineraries.len(),
                plan.work
            ));
            if started.elapsed() >= budget {
                break;
            }
        }
        say(format!("rss plan{within} {}", peak_rss()));
    }
    say("end".into());
}

// ---------------------------------------------------------------------------------------
// Parent.

#[derive(Default)]
struct Phase {
    runs: Vec<f64>,
    /// CPU time of each run (`cpu_time`).
    cpu: Vec<f64>,
    itineraries: Option<usize>,
    work: Option<u64>,
    /// Peak memory of the child at the end of the phase.
    rss: Option<u64>,
    /// Stopped after this many seconds without finishing a run.
    timed_out: Option<f64>,
    /// Not measured because an earlier phase was stopped.
    skipped: bool,
}

impl Phase {
    fn median(&self) -> f64 {
        median(&self.runs)
    }
    fn cell(&self) -> String {
        match (self.timed_out, self.runs.is_empty(), self.skipped) {
            (_, _, true) => "not run".into(),
            (Some(t), true, _) => format!("> {t:.0} s (stopped)"),
            (Some(t), false, _) => format!(
                "{} (n={}; run {} stopped at {t:.0} s)",
                ms(median(&self.runs)),
                self.runs.len(),
                self.runs.len() + 1
            ),
            (None, true, _) => "–".into(),
            _ => format!("{} (n={})", ms(median(&self.runs)), self.runs.len()),
        }
    }
}

#[derive(Default)]
struct Size {
    scale: usize,
    /// places, crossings, services, stops
    counts: Option<[usize; 4]>,
    data_rss: Option<u64>,
    load: Phase,
    plan7: Phase,
    plan365: Phase,
    toml: Option<synth::Counts>,
}

impl Size {
    fn phase(&mut self, name: &str) -> &mut Phase {
        match name {
            "load" => &mut self.load,
            "plan7" => &mut self.plan7,
            _ => &mut self.plan365,
        }
    }
}

/// Runs a child and files its lines into `size`, stopping it when a phase runs over its
/// time-out.
fn measure(o: &Opts, args: &[String], size: &mut Size) {
    let exe = std::env::current_exe().unwrap_or_else(|e| die(&format!("current_exe: {e}")));
    let mut kid = Command::new(exe)
        .args(args)
        .args(["--runs", &o.runs.to_string()])
        .args(["--budget", &o.budget.to_string()])
        .args([
            "--windows",
            &o.windows
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(","),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| die(&format!("cannot start the child: {e}")));
    let out = kid.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut phase = "load".to_string();
    let mut since = Instant::now();
    loop {
        let limit = if phase == "load" {
            o.load_timeout
        } else {
            o.plan_timeout
        };
        let left = Duration::from_secs_f64(limit).saturating_sub(since.elapsed());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let w: Vec<&str> = line.split_whitespace().collect();
                let n = |s: &str| s.parse::<u64>().unwrap_or(0);
                match w.as_slice() {
                    ["counts", a, b, c, d] => {
                        size.counts = Some([a, b, c, d].map(|x| n(x) as usize));
                    }
                    ["rss", "data", b] => size.data_rss = Some(n(b)),
                    ["rss", p, b] => size.phase(p).rss = Some(n(b)),
                    ["begin", p] => phase = p.to_string(),
                    ["run", p, secs, rest @ ..] => {
                        let p = size.phase(p);
                        p.runs.push(secs.parse().unwrap_or(f64::NAN));
                        p.itineraries = rest.first().and_then(|s| s.parse().ok());
                        p.work = rest.get(1).and_then(|s| s.parse().ok());
                        if let Some(c) = rest.get(2).and_then(|s| s.parse().ok()) {
                            p.cpu.push(c);
                        }
                    }
                    ["end"] => break,
                    _ => eprintln!("child: {line}"),
                }
                since = Instant::now();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = kid.kill();
                let mut later = false;
                for (name, p) in [
                    ("load", &mut size.load),
                    ("plan7", &mut size.plan7),
                    ("plan365", &mut size.plan365),
                ] {
                    if later {
                        p.skipped = true;
                    } else if name == phase {
                        p.timed_out = Some(limit);
                        later = true;
                    }
                }
                break;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                eprintln!("the child for {}× ended early", size.scale);
                break;
            }
        }
    }
    let _ = kid.wait();
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| format!(", {:.0} GB RAM", kb / 1024.0 / 1024.0))
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    format!(
        "machine: nproc {cpus}, {model}{mem}, load average {load} at start, {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    )
}

fn main() {
    let o = opts();
    if let Some(scale) = o.child_plan {
        child_plan(scale, &o);
        return;
    }
    if let Some(dir) = &o.child_load {
        child_load(dir, &o);
        return;
    }
    if !o.bench {
        // `cargo test --all-targets` builds and runs benches as tests: nothing to check here.
        println!("scale: run with `bash scripts/bench.sh` or `cargo bench --bench scale`");
        return;
    }
    let tmp = o.tmp.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("crossings-bench-{}", std::process::id()))
    });
    let own_tmp = o.tmp.is_none();
    std::fs::create_dir_all(&tmp).unwrap_or_else(|e| die(&format!("{}: {e}", tmp.display())));
    println!("{}", machine());
    println!();

    // Plans on the network built in memory.
    let mut sizes: Vec<Size> = Vec::new();
    for &scale in &o.sizes {
        eprintln!("[{scale}×] building in memory and planning …");
        let mut size = Size {
            scale,
            ..Size::default()
        };
        measure(&o, &["--child-plan".into(), scale.to_string()], &mut size);
        sizes.push(size);
    }
    // Loading the TOML form.
    let mut loads: Vec<Size> = Vec::new();
    for &scale in &o.toml_sizes {
        let dir = tmp.join(format!("x{scale}"));
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("[{scale}×] writing TOML to {} …", dir.display());
        let gen = synth::generate(&synth::real_data(), &dir, scale).unwrap_or_else(|e| die(&e));
        let mut size = Size {
            scale,
            toml: Some(gen),
            ..Size::default()
        };
        measure(
            &o,
            &["--child-load".into(), dir.display().to_string()],
            &mut size,
        );
        let _ = std::fs::remove_dir_all(&dir);
        loads.push(size);
    }
    if own_tmp {
        let _ = std::fs::remove_dir_all(&tmp);
    }

    println!(
        "Plans in process on connected synthetic networks (`examples/synth.rs`, built in memory), {FROM} → {TO}, {DATE}, GB passport, today {TODAY}; median of up to {} runs (n = runs made within a {:.0} s budget); CPU is the median of the same runs' CPU time (the planning thread's, from its CPU clock: steadier than wall time on a shared machine). Memory is the child process's peak resident set (VmHWM): after building the network, and at the end of the 7-day and 365-day plans:",
        o.runs, o.budget
    );
    println!();
    println!("| scale | places | crossings | services | plan --within 7 | CPU | CPU per 1,000 services | plan --within 365 | CPU | itineraries (7 / 365) | work (7 / 365) | memory: data / after 7 / after 365 |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let svc = |s: &Size| s.counts.map_or(f64::NAN, |c| c[2] as f64);
    for s in &sizes {
        let [p, c, sv, _] = s.counts.unwrap_or_default();
        let it = |ph: &Phase| ph.itineraries.map_or("–".into(), |n| n.to_string());
        let wk = |ph: &Phase| ph.work.map_or("–".into(), |n| n.to_string());
        let rss = |r: Option<u64>| mb(r.map_or(f64::NAN, |x| x as f64));
        println!(
            "| {}× | {p} | {c} | {sv} | {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} / {} |",
            s.scale,
            s.plan7.cell(),
            ms(median(&s.plan7.cpu)),
            ms(median(&s.plan7.cpu) / svc(s) * 1000.0),
            s.plan365.cell(),
            ms(median(&s.plan365.cpu)),
            it(&s.plan7),
            it(&s.plan365),
            wk(&s.plan7),
            wk(&s.plan365),
            rss(s.data_rss),
            rss(s.plan7.rss),
            rss(s.plan365.rss),
        );
    }
    println!();
    if let Some(first) = sizes.first() {
        println!(
            "Growth against {}×: CPU time ratio ÷ services ratio (1.0 = linear; above 1 = worse than linear):",
            first.scale
        );
        println!();
        println!(
            "| scale | services ratio | plan --within 7 | plan --within 365 | memory after 7 |"
        );
        println!("|---:|---:|---:|---:|---:|");
        for s in sizes.iter().skip(1) {
            let r = svc(s) / svc(first);
            let rel = |a: &Phase, b: &Phase| {
                let x = median(&a.cpu) / median(&b.cpu) / r;
                if x.is_finite() {
                    format!("{x:.2}")
                } else {
                    "–".into()
                }
            };
            let mem = match (s.plan7.rss, first.plan7.rss) {
                (Some(a), Some(b)) if b > 0 => format!("{:.2}", a as f64 / b as f64 / r),
                _ => "–".into(),
            };
            println!(
                "| {}× | {r:.0} | {} | {} | {mem} |",
                s.scale,
                rel(&s.plan7, &first.plan7),
                rel(&s.plan365, &first.plan365)
            );
        }
        println!();
    }
    if !loads.is_empty() {
        println!(
            "Loading the TOML form (`crossings --data DIR`: read, parse, validate), in process:"
        );
        println!();
        println!("| scale | services | TOML | load | per MB | peak memory |");
        println!("|---:|---:|---:|---:|---:|---:|");
        for s in &loads {
            let g = s.toml.unwrap_or_default();
            let mbytes = g.bytes as f64 / 1e6;
            println!(
                "| {}× | {} | {mbytes:.1} MB | {} | {} | {} |",
                s.scale,
                g.services,
                s.load.cell(),
                ms(s.load.median() / mbytes),
                mb(s.load.rss.map_or(f64::NAN, |x| x as f64)),
            );
        }
        println!();
    }
}
