//! The README is tested: every `$ crossings …` command in its console blocks runs, ends
//! with exit code 0 or 1 (never 2), and every output line it shows appears in the real
//! output. The set-up command's job succeeds.

mod common;
use common::run_env;

/// The README's examples are shown as printed at 100 columns.
const COLUMNS: (&str, &str) = ("COLUMNS", "100");

struct Example {
    args: Vec<String>,
    shown: Vec<String>,
}

fn examples() -> Vec<Example> {
    let readme = include_str!("../README.md");
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_console = true;
        } else if line.starts_with("```") {
            in_console = false;
        } else if in_console {
            if let Some(cmd) = line.strip_prefix("$ crossings ") {
                out.push(Example {
                    args: cmd.split_whitespace().map(String::from).collect(),
                    shown: vec![],
                });
            } else if let Some(last) = out.last_mut() {
                if !line.trim().is_empty() {
                    last.shown.push(line.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn readme_examples_run_and_show_real_output() {
    let examples = examples();
    assert!(examples.len() >= 8, "the README has its examples");
    for ex in &examples {
        let args: Vec<&str> = ex.args.iter().map(String::as_str).collect();
        let r = run_env(&args, &[COLUMNS]);
        assert!(
            r.code == 0 || r.code == 1,
            "`crossings {}` exited {}\n{}",
            ex.args.join(" "),
            r.code,
            r.stderr
        );
        for line in &ex.shown {
            assert!(
                r.stdout.lines().any(|l| l == line),
                "`crossings {}` no longer prints\n{line}\nit printed:\n{}",
                ex.args.join(" "),
                r.stdout
            );
        }
    }
}

#[test]
fn the_setup_command_runs_the_main_job() {
    let readme = include_str!("../README.md");
    let cmd = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("set-up command");
    let args: Vec<&str> = cmd
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .collect();
    run_env(&args, &[COLUMNS]).ok().stdout_has("\n1. Kashgar ");
    assert!(
        readme.lines().any(|l| l == "cargo test"),
        "the test command"
    );
}

/// The headline example is the whole answer, exactly as printed, and a traveller reads it in
/// a minute: at most 40 lines at 100 columns, with nothing wider.
#[test]
fn the_headline_answer_is_shown_whole_in_forty_lines() {
    let readme = include_str!("../README.md");
    let block = readme
        .split("```console\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the headline console block");
    let (cmd, shown) = block.split_once('\n').expect("a command and its output");
    let args: Vec<&str> = cmd
        .strip_prefix("$ crossings ")
        .expect("a crossings command")
        .split_whitespace()
        .collect();
    let r = run_env(&args, &[COLUMNS]).ok();
    assert_eq!(
        r.stdout.trim_end(),
        shown,
        "the README's headline answer is not what `crossings {cmd}` prints"
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.len() <= 40, "{} lines:\n{}", lines.len(), r.stdout);
    for l in &lines {
        assert!(l.chars().count() <= 100, "wider than 100 columns: {l}");
    }
}

/// Every date the README's commands ask about lies ahead of the tests' today, so no example
/// prints the "this date is past" note (the dates were a year stale once).
#[test]
fn readme_commands_ask_about_dates_ahead() {
    let readme = include_str!("../README.md");
    let mut seen = 0;
    for line in readme.lines() {
        let cmd = line.trim_start_matches("$ ");
        if !(cmd.starts_with("crossings ") || cmd.starts_with("cargo run --release -- ")) {
            continue;
        }
        let words: Vec<&str> = cmd.split_whitespace().collect();
        for pair in words.windows(2) {
            let (flag, value) = (pair[0], pair[1]);
            let past = match flag {
                "--date" => value < common::TODAY,
                "--month" => value < &common::TODAY[..7],
                _ => continue,
            };
            seen += 1;
            assert!(!past, "the README asks about a past date: {line}");
        }
    }
    assert!(
        seen >= 8,
        "the README's commands name their dates ({seen} found)"
    );
}
