#!/usr/bin/env bash
# Fuzz crossings with cargo-fuzz (libFuzzer), each target for a bounded time.
#
# Usage:
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
#   SECONDS  how long to fuzz each target (default 60)
#   TARGET   load_toml, load_mutate, cli, compiled (default: all four, one after the other)
#
# Examples:
#   scripts/fuzz.sh              # 60 s per target
#   scripts/fuzz.sh 600 cli      # 10 minutes on the command line only
#   FUZZ_SANITIZER=address scripts/fuzz.sh 120
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and a C++ compiler for
# libFuzzer; installs cargo-fuzz from crates.io if it is missing.
#
# Targets (fuzz/fuzz_targets/):
#   load_toml    arbitrary bytes as the one data file of a kind (first byte picks the kind)
#                next to the real data/ files of the other kinds; parse + validate + check
#   load_mutate  mutations of the real data files (first byte picks which one)
#   cli          arbitrary command lines through crossings::run::execute
#   compiled     the real dataset compiled (`crossings compile`), its bytes flipped, set,
#                inserted or cut, its checksum made to match or not; decoded as `--data
#                FILE` does, then planned on and shown: a refusal with a reason, or answers
#
# Dictionaries: fuzz/dicts/cli.dict (cli) and fuzz/dicts/toml.dict (load_*), with the
# extreme dates, overflowing amounts and control characters of issue #13.
#
# Corpora: the seeds in fuzz/seeds/TARGET/ (kept in git, small) are copied into a scratch
# corpus fuzz/corpus/TARGET/ (ignored by git), which grows from run to run. Findings go to
# fuzz/artifacts/TARGET/ (crash-*, timeout-*, oom-*), logs to fuzz/logs/TARGET.log.
# Reproduce a finding:   cd fuzz && cargo +nightly fuzz run -s none TARGET ARTIFACT
# Minimize it:           cd fuzz && cargo +nightly fuzz tmin -s none TARGET ARTIFACT
#
# libFuzzer options: -max_total_time=SECONDS, -rss_limit_mb=2048, -timeout=10 (an input
# that runs over 10 s is a hang). The sanitizer is "none" by default (crossings has no
# unsafe code; panics, overflow checks and debug assertions are what find bugs, and the
# fuzz build keeps debug assertions on); FUZZ_SANITIZER=address turns ASan on.
#
# Memory that grows with every input is a finding (the first run found run::execute keeping
# the dataset; tests/fuzz_regressions.rs now guards it): every target runs in one process
# under the RSS limit.
#
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

secs="${1:-60}"
shift || true
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]  (SECONDS a whole number, got '$secs')" >&2
  exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load_toml load_mutate cli compiled)
fi
sanitizer="${FUZZ_SANITIZER:-none}"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "a nightly toolchain is needed: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz" >&2
  cargo +nightly install cargo-fuzz --locked || cargo +nightly install cargo-fuzz || {
    echo "cannot install cargo-fuzz" >&2
    exit 2
  }
fi

cd fuzz
mkdir -p logs
failed=()
for t in "${targets[@]}"; do
  if [ ! -f "fuzz_targets/$t.rs" ]; then
    echo "no fuzz target '$t'; expected one of: load_toml load_mutate cli compiled" >&2
    exit 2
  fi
  mkdir -p "corpus/$t" "artifacts/$t"
  if [ -d "seeds/$t" ]; then
    cp -n "seeds/$t"/* "corpus/$t"/ 2>/dev/null || true
  fi
  flags=(-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
  # Dictionaries (fuzz/dicts/): flags, extreme dates, overflowing amounts, control characters.
  case "$t" in
    cli) dict=dicts/cli.dict ;;
    compiled) dict= ;;
    *) dict=dicts/toml.dict ;;
  esac
  if [ -n "$dict" ] && [ -f "$dict" ]; then
    flags+=(-dict="$dict")
  fi
  before=$(find "artifacts/$t" -type f | wc -l)
  echo "== $t: ${secs}s, sanitizer $sanitizer, corpus fuzz/corpus/$t ($(find "corpus/$t" -type f | wc -l) inputs)" >&2
  cargo +nightly fuzz run -s "$sanitizer" "$t" "corpus/$t" -- "${flags[@]}" \
    >"logs/$t.log" 2>&1
  status=$?
  after=$(find "artifacts/$t" -type f | wc -l)
  # The last status line: executions, coverage, corpus (and in fork mode oom/timeout/crash).
  grep -E '^#[0-9]+' "logs/$t.log" | tail -n 1 >&2 || true
  grep -E '^(stat::|INFO: fuzzed for)' "logs/$t.log" >&2 || true
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "!! $t: exit $status, $((after - before)) new artifact(s) in fuzz/artifacts/$t; see fuzz/logs/$t.log" >&2
    grep -E 'panicked at|^Error:|ERROR: libFuzzer' "logs/$t.log" | head -n 5 >&2 || true
    failed+=("$t")
  else
    echo "ok $t" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]}" >&2
  exit 1
fi
echo "no findings" >&2
