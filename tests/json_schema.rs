//! The JSON Schema of every command's `--json` output, generated from the types that print it
//! (src/render/json.rs, with schemars), is committed in schema/. This test fails when a type
//! changed and the files did not: regenerate them with
//! `UPDATE_SCHEMA=1 cargo test --test json_schema` and commit the diff.

use std::path::Path;

#[test]
fn the_committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let mut stale = Vec::new();
    let mut names = Vec::new();
    for (name, schema) in crossings::render::json::schemas() {
        let file = dir.join(format!("{name}.json"));
        names.push(format!("{name}.json"));
        let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let have = std::fs::read_to_string(&file).unwrap_or_default();
        if have != want {
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&file, &want).unwrap();
            } else {
                stale.push(file.display().to_string());
            }
        }
        // Every object in the contract is versioned at the top.
        assert_eq!(
            schema["properties"]["version"]["type"], "integer",
            "{name}: no version"
        );
    }
    assert!(
        stale.is_empty(),
        "the JSON Schema is out of date: {}\nregenerate with `UPDATE_SCHEMA=1 cargo test --test json_schema` and commit schema/",
        stale.join(", ")
    );
    // No schema is left for output that no longer exists.
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    present.sort();
    names.sort();
    assert_eq!(present, names, "schema/ holds a file no command prints");
}
