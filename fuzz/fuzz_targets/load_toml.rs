//! Arbitrary bytes as the text of one data file. The first byte picks the kind (sources,
//! places, permits, crossings, services, visas, holidays, rates); the rest, as lossy UTF-8,
//! becomes the only file of that kind, next to the real data/ files of every other kind.
//! Parsed and validated in memory (the same steps as `crossings --data DIR check`).

#![no_main]

mod common;

use crossings::load::KINDS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[first as usize % KINDS.len()];
    let text = String::from_utf8_lossy(rest);
    common::load_and_check_with(
        kind,
        common::Replace::Kind,
        &format!("fuzz/{kind}/fuzzed.toml"),
        &text,
    );
});
