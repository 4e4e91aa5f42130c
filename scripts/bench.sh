#!/usr/bin/env bash
# The performance benchmark, in one command:
#
#   bash scripts/bench.sh
#
# Builds the release binary and benches/scale.rs, then prints (as Markdown tables):
# - whole-process time of `crossings plan kashgar bishkek --date 2026-06-13 --passport GB`
#   (and with --within 365) against `crossings --version`, embedded data, median of 50 runs;
# - load and plan time on synthetic datasets 1×, 10×, 100× and 1000× the size of data/
#   (examples/synth.rs), each the median of several runs, and how they grow;
# - when valgrind is installed, callgrind instruction counts (deterministic) of the three
#   whole-process commands.
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

if command -v valgrind >/dev/null 2>&1; then
    echo
    echo "Instructions (valgrind --tool=callgrind, whole process, embedded data, CROSSINGS_TODAY=2026-11-21):"
    echo
    echo "| command | instructions | × start-up |"
    echo "|---|---:|---:|"
    base=
    for args in "--version" \
        "plan kashgar bishkek --date 2026-06-13 --passport GB" \
        "plan kashgar bishkek --date 2026-06-13 --passport GB --within 365"; do
        # shellcheck disable=SC2086 # the arguments are meant to split
        n=$(CROSSINGS_TODAY=2026-11-21 valgrind --tool=callgrind \
            --callgrind-out-file="$tmp/callgrind.out" "$bin" $args 2>&1 >/dev/null |
            sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
        base=${base:-$n}
        ratio=$(awk -v n="$n" -v b="$base" 'BEGIN { printf "%.2f", n / b }')
        printf '| `crossings %s` | %s | %s |\n' "$args" "$n" "$ratio"
    done
else
    echo
    echo "(valgrind not installed: no instruction counts)"
fi
