#!/usr/bin/env python3
"""Bad input, class by class, against the built `crossings` binary (issue #13).

Usage: python3 scripts/adversarial.py [BINARY]   (default target/debug/crossings)

Runs every case with a 20 s timeout and checks the contract: exit 0, 1 or 2 (never a panic,
101, or a signal), no hang, exit 2 with nothing on stdout and a message on stderr, and no
control character from the input echoed to the terminal. Prints one line per class: cases
tried and what happened; exits 1 if any case broke the contract.
"""
import itertools, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/crossings")
MINI = os.path.join(ROOT, "tests/fixtures/mini")
BASE_ENV = {"PATH": os.environ.get("PATH", ""), "CROSSINGS_TODAY": "2026-11-21", "NO_COLOR": "1"}
results = {}
slowest = {}
bad = []


def run(cls, args, env=None, stdout=None):
    e = dict(BASE_ENV)
    for k, v in (env or {}).items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    start = time.monotonic()
    try:
        p = subprocess.run([BIN] + args, env=e, stdout=stdout or subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=20)
        code, out, err = p.returncode, p.stdout or b"", p.stderr or b""
    except subprocess.TimeoutExpired:
        code, out, err = "hang", b"", b""
    took = time.monotonic() - start
    if took > slowest.get(cls, (0, None))[0]:
        slowest[cls] = (took, [a[:40] for a in args[:6]])
    r = results.setdefault(cls, {})
    ok = code in (0, 1, 2)
    if code == 2 and (out or not err):
        ok = False
    if any(x in err or x in out for x in (b"\x1b[2J", "\u202e".encode())):
        ok = False
    key = code if ok else f"BROKEN({code})"
    r[key] = r.get(key, 0) + 1
    if not ok:
        bad.append((cls, args, env, code, err[:300]))


# Arguments: every command with bad and odd values for each of its options.
VALUES = ["", "-", "--", "x", "kashgr", "KASHGAR", "喀什", "0", "-1", "1e9", "4294967296",
          "99999999999999999999999", "23,5", "1,000", "nan", "GB", "UK", "gb", "XX", "USD",
          "usd", "RMB", "2026-06-15", "\x1b[2J", "\u202e", "a" * 5000, "kashgar" * 15000]
COMMANDS = {
    "plan": (["kashgar", "bishkek"], ["--date", "--within", "--party", "--passport", "--visa",
             "--permit", "--currency", "--max", "--via", "--avoid"]),
    "hours": (["torugart"], ["--date", "--month", "--country"]),
    "services": ([], ["--from", "--to", "--via"]),
    "baggage": (["kashgar-osh-bus"], ["--kg", "--currency"]),
    "places": ([], []),
}
for cmd, (pos, flags) in COMMANDS.items():
    for v in VALUES:
        run("arguments", [cmd, v])
        for f in flags:
            extra = ["--kg", "26"] if cmd == "baggage" and f != "--kg" else []
            run("arguments", [cmd] + pos + [f, v] + extra)
for a in ["--data", "--json", "--help", "-h", "--version", "nosuch", "\xff"]:
    run("arguments", [a])

# Dates: malformed, extreme and edge dates in every date-taking place.
DATES = ["+262142-12-31", "-262143-01-01", "262143-01-01", "9999-12-31", "0000-01-01",
         "0001-01-01", "26-06-15", "2026-6-15", "2026-02-29", "2028-02-29", "2026-13-01",
         "2026-00-10", "2026-12-32", "1989-12-31", "1990-01-01", "2020-01-01", "2031-12-31",
         "2032-01-01", "2100-12-31", "2101-01-01", " 2027-06-14", "2027-06-14T00:00",
         "2027/06/14", "14.06.2027", "today", ""]
for d in DATES:
    run("dates", ["plan", "kashgar", "bishkek", "--date", d])
    run("dates", ["plan", "kashgar", "bishkek", "--date", d, "--within", "366"])
    run("dates", ["hours", "--date", d])
    run("dates", ["hours", "torugart", "--month", d[:7]])
    run("dates", ["hours", "torugart", "--month", d])
    run("dates", ["check"], env={"CROSSINGS_TODAY": d})
    run("dates", ["plan", "kashgar", "bishkek"], env={"CROSSINGS_TODAY": d})

# Environment: the clock's zone, the terminal, colour, today.
tmp = tempfile.mkdtemp()
fifo = os.path.join(tmp, "fifo")
os.mkfifo(fifo)
big = os.path.join(tmp, "big")
with open(big, "wb") as f:
    f.truncate(1 << 30)
TZS = [None, "", "UTC", "Asia/Kashgar", ":Asia/Urumqi", "/dev/zero", ":/dev/zero", "/dev/null",
       fifo, ":" + fifo, big, "/", "/etc", "../../../../dev/zero", "UTC0", "XYZ-5:30",
       "\x1b[2J", "a" * 10000]
TERMS = [None, "dumb", "xterm", ""]
for tz, term, cmd in itertools.product(TZS, TERMS, [["check"], ["plan", "kashgar", "bishkek"],
                                                     ["hours"], ["places"]]):
    run("environment", cmd, env={"TZ": tz, "TERM": term, "CROSSINGS_TODAY": None})
for nc in ["", "1", "0"]:
    run("environment", ["hours", "torugart", "--month", "2026-10"], env={"NO_COLOR": nc})
with open("/dev/full", "wb") as full:
    for cmd in (["hours"], ["plan", "kashgar", "sust", "--date", "2026-12-10"], ["check"]):
        run("environment", cmd, stdout=full)

# Data files: each line of each fixture file deleted, duplicated, or its value replaced.
def with_edit(path, lines):
    d = tempfile.mkdtemp()
    shutil.copytree(MINI, d, dirs_exist_ok=True)
    with open(os.path.join(d, path), "w") as f:
        f.write("".join(lines))
    return d

rng = random.Random(13)
REPL = ['"\\u001b[2J"', '"\u202e"', "0", "-1", "99999999999999999999", '"92233720368547758"',
        "9999-12-31", "0026-01-01", "[1.0, 2.0, 3.0]", '"Mon,Mon"', "[[[[", '"', "{", "true"]
for dirpath, _, names in os.walk(MINI):
    for n in names:
        rel = os.path.relpath(os.path.join(dirpath, n), MINI)
        with open(os.path.join(MINI, rel)) as f:
            lines = f.readlines()
        for i in range(len(lines)):
            for edit in ("delete", "duplicate", "replace"):
                new = list(lines)
                if edit == "delete":
                    del new[i]
                elif edit == "duplicate":
                    new.insert(i, lines[i])
                elif "=" in lines[i]:
                    k = lines[i].split("=", 1)[0]
                    new[i] = f"{k}= {rng.choice(REPL)}\n"
                else:
                    continue
                d = with_edit(rel, new)
                run("data files", ["--data", d, "check"])
                shutil.rmtree(d)

# File-system objects in the dataset.
def fs_case(setup):
    d = tempfile.mkdtemp()
    shutil.copytree(MINI, d, dirs_exist_ok=True)
    setup(d)
    run("file-system objects", ["--data", d, "check"])
    run("file-system objects", ["--data", d, "plan", "alpha", "beta"])
    shutil.rmtree(d, ignore_errors=True)

cases = [
    lambda d: os.mkfifo(os.path.join(d, "places/fifo.toml")),
    lambda d: os.symlink("/dev/zero", os.path.join(d, "places/zero.toml")),
    lambda d: os.symlink("/dev/urandom", os.path.join(d, "places/rand.toml")),
    lambda d: os.symlink("/etc/hostname", os.path.join(d, "places/out.toml")),
    lambda d: os.symlink("/", os.path.join(d, "services")) if shutil.rmtree(os.path.join(d, "services")) is None else None,
    lambda d: os.symlink(os.path.join(d, "places/places.toml"), os.path.join(d, "places/again.toml")),
    lambda d: os.symlink("nowhere", os.path.join(d, "places/dangling.toml")),
    lambda d: os.mkdir(os.path.join(d, "places/dir.toml")),
    lambda d: os.rename(os.path.join(d, "places"), os.path.join(d, "place")),
    lambda d: os.rename(os.path.join(d, "places"), os.path.join(d, "Places")),
    lambda d: os.rename(os.path.join(d, "places/places.toml"), os.path.join(d, "places/places.TOML")),
    lambda d: os.rename(os.path.join(d, "places/places.toml"), os.path.join(d, "places/places.tml")),
    lambda d: os.rename(os.path.join(d, "places/places.toml"), os.path.join(d, "places.toml")),
    lambda d: shutil.rmtree(os.path.join(d, "sources")),
    lambda d: open(os.path.join(d, "places/empty.toml"), "w").close(),
    lambda d: open(os.path.join(d, "places/bin.toml"), "wb").write(os.urandom(4096)),
    lambda d: open(os.path.join(d, "places/huge.toml"), "wb").truncate(9 << 20),
    lambda d: os.chmod(os.path.join(d, "places/places.toml"), 0),
    lambda d: os.symlink(d, os.path.join(d, "places/loop")),
]
for c in cases:
    fs_case(c)
for target in ["/dev/zero", "/dev/null", fifo, "/", "/nonexistent", big]:
    run("file-system objects", ["--data", target, "check"])

# Sizes: crafted large inputs.
def sized(setup):
    d = tempfile.mkdtemp()
    shutil.copytree(MINI, d, dirs_exist_ok=True)
    setup(d)
    run("sizes", ["--data", d, "check"])
    run("sizes", ["--data", d, "places", "zzz"])
    shutil.rmtree(d)

def append(path, text):
    def f(d):
        with open(os.path.join(d, path), "a") as fh:
            fh.write(text)
    return f

sized(append("places/places.toml", '\n[[place]]\nid = "many"\nname = "Many"\naliases = [' +
             ", ".join(f'"a{i}"' for i in range(80000)) +
             ']\ncountry = "KG"\nzone = "Asia/Bishkek"\nsources = ["fixture"]\nverified = 2026-01-01\n'))
sized(append("rates/rates.toml", "".join(
    f'\n[[rate]]\ncurrency = "CNY"\nper_base = "0"\nbase = "USD"\ndate = 2026-01-01\nsources = ["x{i}"]\nverified = 2026-01-01\n'
    for i in range(20000))))
sized(append("places/places.toml", '\n[[place]]\nid = "long"\nname = "' + "n" * (1 << 20) +
             '"\ncountry = "KG"\nzone = "Asia/Bishkek"\nsources = ["fixture"]\nverified = 2026-01-01\n'))
sized(append("places/places.toml", "\nx = " + "[" * 100000 + "]" * 100000 + "\n"))
# The same 20,000 problems, every record on one line (an inline array of tables).
sized(lambda d: open(os.path.join(d, "rates/more.toml"), "w").write("rate = [" + ", ".join(
    f'{{ currency = "CNY", per_base = "0", base = "USD", date = 2026-01-01, sources = ["x{i}"], verified = 2026-01-01 }}'
    for i in range(20000)) + "]\n"))
# A service with 3,000 stops (and its 3,000 places).
def long_service(d):
    with open(os.path.join(d, "places/long.toml"), "w") as f:
        for i in range(3000):
            f.write(f'[[place]]\nid = "s{i}"\nname = "S{i}"\ncountry = "KG"\nzone = "Asia/Bishkek"\nsources = ["fixture"]\nverified = 2026-01-01\n')
    stops = "".join(f'  {{ at = "s{i}", offset = "{i % 1000}m" }},\n' for i in range(3000))
    with open(os.path.join(d, "services/long.toml"), "w") as f:
        f.write(f'[[service]]\nid = "long"\nname = "Long"\nmode = "bus"\nstatus = "running"\nsources = ["fixture"]\nverified = 2026-01-01\nstops = [\n{stops}]\n[service.schedule]\nkind = "weekly"\ndepart = "08:00"\nzone = "Asia/Bishkek"\n')
sized(long_service)
# Six hops of m services each, every option a trade-off (m = 6 is the 13 KB dataset of 36
# services that took 25 s to plan): planned, not only checked.
def pareto(m):
    def f(d):
        with open(os.path.join(d, "places/pareto.toml"), "w") as fh:
            for i in range(7):
                fh.write(f'[[place]]\nid = "p{i}"\nname = "P{i}"\ncountry = "KG"\nzone = "Asia/Bishkek"\nsources = ["fixture"]\nverified = 2026-01-01\n')
        with open(os.path.join(d, "services/pareto.toml"), "w") as fh:
            for h in range(6):
                for k in range(m):
                    dep = 6 * 60 + 13 * k
                    fh.write(f'[[service]]\nid = "h{h}-k{k}"\nname = "H{h} K{k}"\nmode = "bus"\nstatus = "running"\nsources = ["fixture"]\nverified = 2026-01-01\nstops = [{{ at = "p{h}", offset = "0m" }}, {{ at = "p{h + 1}", offset = "{60 + 37 * (m - k) + 11 * h}m" }}]\n[service.schedule]\nkind = "weekly"\ndepart = "{dep // 60:02}:{dep % 60:02}"\nzone = "Asia/Bishkek"\n[[service.fare]]\namount = "{5 + 7 * k + 3 * h}"\ncurrency = "USD"\nper = "person"\nsources = ["fixture"]\n')
    return f
for m in (6, 12, 24):
    d = tempfile.mkdtemp()
    shutil.copytree(MINI, d, dirs_exist_ok=True)
    pareto(m)(d)
    run("sizes", ["--data", d, "check"])
    run("sizes", ["--data", d, "plan", "p0", "p6", "--date", "2026-12-07"])
    run("sizes", ["--data", d, "plan", "p0", "p6", "--date", "2026-12-07", "--within", "30", "--json"])
    shutil.rmtree(d)
run("sizes", ["plan", "kashgar" * 15000, "bishkek"])
run("sizes", ["places", "k" * 100000])

shutil.rmtree(tmp, ignore_errors=True)
for cls, r in results.items():
    took, args = slowest.get(cls, (0, []))
    print(f"{cls}: {sum(r.values())} cases, exits {dict(sorted(r.items(), key=str))}; "
          f"slowest {took:.2f} s: {args}")
for b in bad[:20]:
    print("BROKEN:", b[0], [a[:60] for a in b[1]], b[2], b[3], b[4])
sys.exit(1 if bad else 0)
