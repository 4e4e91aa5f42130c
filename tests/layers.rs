//! The layers keep apart: a command module takes a typed question and returns an answer
//! value, and knows neither the command line (clap, `cli`), nor the edge (`run`), nor how
//! the answer is shown (`render`). The typed questions and answers themselves import none
//! of those either. Read from the source, so a new `use` fails here at once.

use std::path::Path;

/// Source files whose code (comments aside) names any of `banned`: (file, line).
fn offenders(files: &[std::path::PathBuf], banned: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if banned.iter().any(|b| code.contains(b)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

const EDGE: &[&str] = &[
    "crate::cli",
    "clap",
    "crate::run",
    "crate::render",
    "super::super",
];

#[test]
fn commands_import_neither_clap_nor_the_edge_nor_render() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&root.join("commands"));
    assert!(files.len() >= 7, "the command modules moved: {files:?}");
    let found = offenders(&files, EDGE);
    assert!(
        found.is_empty(),
        "commands reaching the edge:\n{}",
        found.join("\n")
    );
    let typed = [root.join("query.rs"), root.join("answer.rs")];
    let found = offenders(&typed, EDGE);
    assert!(
        found.is_empty(),
        "typed questions/answers reaching the edge:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_an_import_of_the_edge() {
    let dir = std::env::temp_dir().join(format!("crossings-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.rs");
    std::fs::write(
        &f,
        "// use crate::cli is only a comment\nuse crate::run::Output;\n",
    )
    .unwrap();
    let found = offenders(&[f], EDGE);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with(":2: use crate::run::Output;"),
        "{found:?}"
    );
}
