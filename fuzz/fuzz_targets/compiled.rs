//! A compiled dataset (`crossings compile`, read by `--data FILE`) changed by the input:
//! bytes flipped, set, inserted or cut, with the checksum made to match or not. The
//! decoder must refuse it with a reason or give a dataset the commands answer without a
//! panic. See `common::check_compiled` for the input's layout; seeds are in
//! fuzz/seeds/compiled/.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_compiled(data);
});
