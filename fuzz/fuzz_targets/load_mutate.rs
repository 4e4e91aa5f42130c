//! A mutation of one real data file. The first byte picks which file of data/ (in
//! `load::read_dir` order) is replaced; the rest, as lossy UTF-8, is its new text. Seeds
//! (fuzz/seeds/load_mutate/) are the real files and the tests/fixtures/mini files, each
//! prefixed with the index of the real file of the same kind.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let real = common::real_files();
    let n = first as usize % real.len();
    let (shown, kind, _) = &real[n];
    let text = String::from_utf8_lossy(rest);
    common::load_and_check_with(kind, common::Replace::File(n), shown, &text);
});
