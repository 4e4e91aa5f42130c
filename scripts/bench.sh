#!/usr/bin/env bash
# The performance benchmark, in one command:
#
#   bash scripts/bench.sh
#
# Builds the release binary and benches/scale.rs, then prints (as Markdown tables):
# - whole-process time of `crossings plan kashgar bishkek --date 2026-06-13 --passport GB`
#   (and with --within 365) against `crossings --version`, embedded data, median of 50 runs;
# - against an empty Rust binary built here (the start-up floor): callgrind instruction
#   counts (valgrind) and wall times (hyperfine), when those tools are installed;
# - load and plan time on synthetic datasets 1×, 10×, 100× and 1000× the size of data/
#   (examples/synth.rs), each the median of several runs, and how they grow;
# Data goes to a temporary directory that is removed at the end. Extra arguments go to the
# bench (e.g. `bash scripts/bench.sh --sizes 1,10 --startup-runs 20`; see benches/scale.rs).
set -euo pipefail

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossings-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "building (cargo build --release; cargo bench --no-run) …" >&2
cargo build --release --quiet
cargo bench --bench scale --no-run --quiet

bin=target/release/crossings
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
    git diff --quiet HEAD -- src data build.rs 2>/dev/null || commit="$commit + uncommitted changes"
    echo "commit: $commit"
fi
cargo bench --quiet --bench scale -- --bin "$bin" --tmp "$tmp" "$@"

# The floor: an empty Rust program (`fn main() {}`), built here with the same toolchain and
# release profile, so start-up is compared with what any Rust binary costs on this machine.
empty="$tmp/empty"
mkdir -p "$empty/src"
printf '[package]\nname = "empty"\nversion = "0.1.0"\nedition = "2021"\n[profile.release]\ndebug = false\n[workspace]\n' >"$empty/Cargo.toml"
echo 'fn main() {}' >"$empty/src/main.rs"
cargo build --release --quiet --manifest-path "$empty/Cargo.toml" --target-dir "$tmp/empty-target"
floor="$tmp/empty-target/release/empty"

commands=("--version"
    "plan kashgar bishkek --date 2026-06-13 --passport GB"
    "plan kashgar bishkek --date 2026-06-13 --passport GB --within 365"
    "baggage --kg 30"
    "hours torugart")

if command -v valgrind >/dev/null 2>&1; then
    echo
    echo "Instructions (valgrind --tool=callgrind, whole process: loader, start-up, decoding, work;"
    echo "deterministic, so not disturbed by other load on the machine), embedded data,"
    echo "CROSSINGS_TODAY=2026-11-21:"
    echo
    echo "| command | instructions | × empty Rust binary | × \`--version\` |"
    echo "|---|---:|---:|---:|"
    count() {
        CROSSINGS_TODAY=2026-11-21 valgrind --tool=callgrind \
            --callgrind-out-file="$tmp/callgrind.out" "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
    }
    base=$(count "$floor")
    printf '| empty Rust binary (`fn main() {}`) | %s | 1.00 | |\n' "$base"
    version=
    for args in "${commands[@]}"; do
        # shellcheck disable=SC2086 # the arguments are meant to split
        n=$(count "$bin" $args)
        version=${version:-$n}
        printf '| `crossings %s` | %s | %s | %s |\n' "$args" "$n" \
            "$(awk -v n="$n" -v b="$base" 'BEGIN { printf "%.2f", n / b }')" \
            "$(awk -v n="$n" -v b="$version" 'BEGIN { printf "%.2f", n / b }')"
    done
else
    echo
    echo "(valgrind not installed: no instruction counts)"
fi

if command -v hyperfine >/dev/null 2>&1; then
    echo
    echo "Wall time (hyperfine, 300 runs each after 30 warm-ups, no shell; the minimum is the"
    echo "least disturbed by other processes, the median the typical run):"
    echo
    hargs=(-N --warmup 30 --runs 300 --export-json "$tmp/hyperfine.json" "$floor")
    for args in "${commands[@]}"; do hargs+=("$bin $args"); done
    CROSSINGS_TODAY=2026-11-21 hyperfine "${hargs[@]}" >/dev/null 2>&1
    python3 - "$tmp/hyperfine.json" <<'PY'
import json, statistics, sys
rs = json.load(open(sys.argv[1]))["results"]
floor = min(rs[0]["times"])
floor_med = statistics.median(rs[0]["times"])
print("| command | min | median | min × empty | median × empty |")
print("|---|---:|---:|---:|---:|")
for r in rs:
    t = r["times"]
    name = "empty Rust binary" if r is rs[0] else "`crossings " + r["command"].split(" ", 1)[1] + "`"
    print(f"| {name} | {min(t)*1e3:.2f} ms | {statistics.median(t)*1e3:.2f} ms | "
          f"{min(t)/floor:.2f} | {statistics.median(t)/floor_med:.2f} |")
PY
else
    echo
    echo "(hyperfine not installed: apt-get install hyperfine for wall-time ratios)"
fi
