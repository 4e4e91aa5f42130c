//! The README is tested: every `$ crossings …` command in its console blocks runs, ends
//! with exit code 0 or 1 (never 2), and every output line it shows appears in the real
//! output. The set-up command's job succeeds.

mod common;
use common::run;

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
        let r = run(&args);
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
    run(&args).ok().stdout_has("Itinerary 1");
    assert!(
        readme.lines().any(|l| l == "cargo test"),
        "the test command"
    );
}
