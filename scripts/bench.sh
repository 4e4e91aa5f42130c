#!/usr/bin/env bash
# The performance benchmark, in one command (release build; about half an hour on 2 cores):
#
#   bash scripts/bench.sh                # everything
#   bash scripts/bench.sh --startup-only # start-up tables only (a minute or two)
#
# Prints, as Markdown tables:
# 1. Start-up, embedded data: an empty Rust release binary built here (`fn main() {}`, the
#    floor any Rust program pays), `crossings --version` and a few commands, side by side:
#    - callgrind instruction counts (valgrind; whole process from the dynamic loader to
#      exit, deterministic, so other load on the machine does not disturb them), with
#      ratios to the empty binary and to `--version`;
#    - wall time (hyperfine -N, no shell, in 10 rounds of every command so that they are
#      measured side by side as the load drifts), minimum and median, with the same ratios;
#    - peak memory and minor page faults (GNU time's maximum resident set size and %R,
#      when /usr/bin/time is there).
# 2. Scale (benches/scale.rs): plan time and memory on connected synthetic networks 1× to
#    4700× the services of data/ (examples/synth.rs), per 1,000 services and against
#    linear growth, and loading the TOML form. Extra arguments go to it, e.g.
#    `bash scripts/bench.sh --sizes 1,10,100 --runs 5`.
# Temporary files go to a directory that is removed at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossings-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
startup_only=
if [[ "${1:-}" == "--startup-only" ]]; then
    startup_only=1
    shift
fi

echo "building (cargo build --release) …" >&2
cargo build --release --quiet
bin=target/release/crossings
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
    git diff --quiet HEAD -- src data build.rs Cargo.toml Cargo.lock 2>/dev/null ||
        commit="$commit + uncommitted changes"
    echo "commit: $commit; $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# The floor: an empty Rust program, built here with the same toolchain and release profile.
empty="$tmp/empty"
mkdir -p "$empty/src"
printf '[package]\nname = "empty"\nversion = "0.1.0"\nedition = "2021"\n[profile.release]\ndebug = false\n[workspace]\n' >"$empty/Cargo.toml"
echo 'fn main() {}' >"$empty/src/main.rs"
cargo build --release --quiet --manifest-path "$empty/Cargo.toml" --target-dir "$tmp/empty-target"
floor="$tmp/empty-target/release/empty"

# The README's headline question; today fixed so that every run prints the same.
export CROSSINGS_TODAY=2026-11-30
commands=("--version"
    "plan kashgar bishkek --date 2027-06-13 --passport GB"
    "plan kashgar bishkek --date 2027-06-13 --passport GB --within 365"
    "baggage --kg 30 --from kashgar --to bishkek"
    "hours torugart")
ratio() { awk -v n="$1" -v b="$2" 'BEGIN { printf "%.2f", n / b }'; }

if command -v valgrind >/dev/null 2>&1; then
    echo
    echo "Instructions (valgrind --tool=callgrind, whole process), embedded data, CROSSINGS_TODAY=$CROSSINGS_TODAY:"
    echo
    echo "| command | instructions | × empty Rust binary | × \`--version\` |"
    echo "|---|---:|---:|---:|"
    count() {
        valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.out" "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
    }
    base=$(count "$floor")
    printf '| empty Rust binary (`fn main() {}`) | %s | 1.00 | |\n' "$base"
    version=
    for args in "${commands[@]}"; do
        # shellcheck disable=SC2086 # the arguments are meant to split
        n=$(count "$bin" $args)
        version=${version:-$n}
        printf '| `crossings %s` | %s | %s | %s |\n' "$args" "$n" "$(ratio "$n" "$base")" "$(ratio "$n" "$version")"
    done
else
    echo
    echo "(valgrind not installed: no instruction counts; apt-get install valgrind)"
fi

if command -v hyperfine >/dev/null 2>&1; then
    echo
    echo "Wall time (hyperfine -N: no shell; 10 rounds, each running every command 30 times after"
    echo "3 warm-ups, so that the commands are measured side by side as the load drifts; the"
    echo "minimum of the 300 runs is the least disturbed by other processes, the median the"
    echo "typical run):"
    echo
    for round in $(seq 1 10); do
        hargs=(-N --warmup 3 --runs 30 --export-json "$tmp/hyperfine-$round.json" "$floor")
        for args in "${commands[@]}"; do hargs+=("$bin $args"); done
        hyperfine "${hargs[@]}" >/dev/null 2>&1
    done
    python3 - "$tmp"/hyperfine-*.json <<'PY'
import json, statistics, sys
rounds = [json.load(open(f))["results"] for f in sys.argv[1:]]
names = [r["command"] for r in rounds[0]]
times = [[t for rs in rounds for t in rs[k]["times"]] for k in range(len(names))]
fl, fm = min(times[0]), statistics.median(times[0])
vl = min(times[1])
print("| command | min | median | min × empty | median × empty | min × `--version` |")
print("|---|---:|---:|---:|---:|---:|")
for k, t in enumerate(times):
    name = "empty Rust binary" if k == 0 else "`crossings " + names[k].split(" ", 1)[1] + "`"
    print(f"| {name} | {min(t)*1e3:.2f} ms | {statistics.median(t)*1e3:.2f} ms | "
          f"{min(t)/fl:.2f} | {statistics.median(t)/fm:.2f} | {min(t)/vl:.2f} |")
PY
else
    echo
    echo "(hyperfine not installed: no wall times; apt-get install hyperfine)"
fi

if [[ -x /usr/bin/time ]]; then
    echo
    echo "Peak memory and page faults (GNU time: maximum resident set size, minor page faults;"
    echo "both deterministic, so load does not disturb them; on this kind of virtual machine"
    echo "each fault costs a few microseconds of system time):"
    echo
    echo "| command | peak RSS | page faults | × empty |"
    echo "|---|---:|---:|---:|"
    read -r kb base < <(/usr/bin/time -f '%M %R' "$floor" 2>&1 >/dev/null | tail -1)
    printf '| empty Rust binary | %s KB | %s | 1.00 |\n' "$kb" "$base"
    for args in "${commands[@]}"; do
        # shellcheck disable=SC2086
        read -r kb faults < <(/usr/bin/time -f '%M %R' "$bin" $args 2>&1 >/dev/null | tail -1)
        printf '| `crossings %s` | %s KB | %s | %s |\n' "$args" "$kb" "$faults" "$(ratio "$faults" "$base")"
    done
fi

[[ -n "$startup_only" ]] && exit 0
echo
echo "building benches/scale.rs …" >&2
cargo bench --bench scale --no-run --quiet
cargo bench --quiet --bench scale -- --tmp "$tmp/scale" "$@"
