#!/usr/bin/env python3
"""Generate data/holidays/generated.toml from the `holidays` package on PyPI.

The file lists the public holidays of the countries `crossings` plans through
(CN, KG, KZ, PK, TJ, UZ, plus TM and AF) for the years 2025-2030 inclusive, as
[[holiday]] records (country, date, English name), sorted by country then date.
Never edit the output by hand: change this script or the pinned package version
and regenerate.

Refresh, from the repository root:

    python3 -m pip install -r scripts/requirements.txt
    python3 scripts/gen_holidays.py

To move to a newer `holidays` release, change the pin in
scripts/requirements.txt, reinstall, rerun the script and review the diff.
The script refuses to run with any other installed version than the pinned
one, so the same pin always gives a byte-identical file.

Choices:
- Only the library's default "public" category is used. For China that
  category already contains the official extended holiday blocks (Spring
  Festival, Labour Day, National Day "Golden Week") as the library models them:
  "(observed)" days and "Day off (substituted from ...)" bridge days. It does
  not contain the weekend days inside those blocks (ordinary weekends) nor the
  make-up working days; the "half_day" category (Women's Day, Youth Day,
  Children's Day, Army Day, which are days off only for some groups) is left
  out.
- Islamic holidays whose dates the library computes rather than takes from an
  announcement keep the library's "(estimated)" suffix.
- Where the library gives several holidays on one date it joins their names
  with "; " and this script keeps that as a single record.
- A bridge day off ("Day off (substituted from MM/DD/YYYY)") gets `makeup =
  YYYY-MM-DD`: the make-up working day (usually a weekend day) it was exchanged
  for.
- ANNOUNCED_EXTRA adds the days off a government announced that the pinned
  package lacks, each with the id of the [[source]] that announces it (in
  data/sources/holidays.toml). The script refuses to run when the package
  already has one of those dates: then the entry is no longer needed and goes.
- ANNOUNCED_DATES drops "(estimated)" from an Islamic holiday whose date was
  since announced (with the [[source]] that announces it); the script refuses
  to run when the package has no estimated holiday on that date.
- NEXT_WORKDAY_RULE gives a country whose law makes the next working day a day
  off when a holiday falls on a Saturday or Sunday (Tajikistan) that day off,
  named "<holiday> (observed)" ("(observed, estimated)" for an estimated one),
  in every year: the pinned package lacks the rule for it.

Usage: python3 scripts/gen_holidays.py [--output PATH] [--check]
  --check  exit 1 (and write nothing) if the output file is not up to date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "data" / "holidays" / "generated.toml"
REQUIREMENTS = REPO / "scripts" / "requirements.txt"

COUNTRIES = ["AF", "CN", "KG", "KZ", "PK", "TJ", "TM", "UZ"]
YEARS = range(2025, 2031)  # 2025-2030 inclusive
LANGUAGE = "en_US"
# A bridge day off ("Day off (substituted from 02/14/2026)") names the make-up working day
# it was exchanged for; the output records it as `makeup` (crossings whose posts open on
# make-up working days use it).
MAKEUP = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")

# Days off announced by a government that the pinned `holidays` package does not have:
# country -> [(date, English name, source id)]. The source ids are [[source]] records of
# data/sources/holidays.toml, which data/holidays/announced.toml cites.
ANNOUNCED_EXTRA: dict[str, list[tuple[date, str, str]]] = {
    # The Cabinet's resolution of December 2025 made 8 and 9 January 2026 days off as well
    # (the New Year holidays ran 1-12 January 2026), with no make-up working days; the
    # package's Kyrgyz list stops at the Labour Code's 1-7 January.
    "KG": [
        (date(2026, 1, 8), "New Year Holidays (extended by the Cabinet)",
         "24kg-2025-12-26-kg-new-year-extended"),
        (date(2026, 1, 9), "New Year Holidays (extended by the Cabinet)",
         "24kg-2025-12-26-kg-new-year-extended"),
    ],
    # Tajikistan 2026, by the government's resolution on moving days off: Friday 2 January
    # off, worked on Saturday 10 January; Friday 27 March off (the Navruz break ran 20-29
    # March), worked on Saturday 14 March. The other Navruz days off (25 and 26 March) and
    # 9 March, 11 May and 29 June come from NEXT_WORKDAY_RULE.
    "TJ": [
        (date(2026, 1, 2), "Day off (substituted from 01/10/2026)",
         "caravaninfo-2025-12-27-tj-new-year-2026"),
        (date(2026, 3, 27), "Day off (substituted from 03/14/2026)",
         "sputniktj-2026-02-27-tj-march-2026"),
    ],
}

# Islamic holidays the package marks "(estimated)" whose date has since been announced:
# country -> [(date, source id)]. The name loses its "(estimated)" suffix.
ANNOUNCED_DATES: dict[str, list[tuple[date, str]]] = {
    # Kurban Ait 2026: 27 May in the Spiritual Administration's calendar and the government's
    # calendar of days off.
    "KZ": [(date(2026, 5, 27), "zakon-2025-11-06-kz-religious-dates-2026")],
    # Idi Ramazon 2026: Friday 20 March, the first of the days off of 20-29 March.
    "TJ": [(date(2026, 3, 20), "sputniktj-2026-02-27-tj-march-2026")],
}

# Countries whose law gives the next working day off when a holiday falls on a Saturday or
# Sunday, and the [[source]] that says so: country -> source id.
NEXT_WORKDAY_RULE: dict[str, str] = {
    "TJ": "asiaplus-2015-02-26-tj-march-days-off",
}
ESTIMATED = " (estimated)"


def next_workday_days(names: dict[date, str]) -> dict[date, str]:
    """The days off NEXT_WORKDAY_RULE adds: for each holiday on a Saturday or Sunday, in date
    order, the first Monday-Friday after it that is neither a holiday nor already given."""
    added: dict[date, str] = {}
    for day in sorted(names):
        if day.weekday() < 5:
            continue
        name = names[day]
        if name.endswith(ESTIMATED):
            label = f"{name[: -len(ESTIMATED)]} (observed, estimated)"
        else:
            label = f"{name} (observed)"
        d = day
        while True:
            d = date.fromordinal(d.toordinal() + 1)
            if d.weekday() < 5 and d not in names and d not in added:
                break
        if d.year in YEARS:
            added[d] = label
    return added


def pinned_version() -> str:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*holidays\s*==\s*([^\s#;]+)", line)
        if m:
            return m.group(1)
    sys.exit(f"error: no `holidays==VERSION` pin in {REQUIREMENTS}")


def toml_string(s: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(s, ensure_ascii=False)


def render(version: str) -> str:
    import holidays

    out = [
        "# GENERATED FILE - DO NOT EDIT BY HAND.",
        "# Generated by scripts/gen_holidays.py from the `holidays` package "
        f"version {version} (PyPI, MIT licence).",
        "# Regenerate from the repository root with:",
        "#   python3 -m pip install -r scripts/requirements.txt",
        "#   python3 scripts/gen_holidays.py",
        f"# Countries: {', '.join(COUNTRIES)}; years {YEARS.start}-{YEARS.stop - 1}; "
        "category \"public\"; English (en_US) names.",
        "# China includes the library's observed and substituted days off of the",
        "# official extended holidays (Spring Festival, Labour Day, National Day).",
        "# \"(estimated)\" marks dates the library computes rather than takes from an announcement.",
        "# Days off added to the library's lists (ANNOUNCED_EXTRA in the script), with the",
        "# [[source]] that announces each:",
        *(f"#   {c} {d.isoformat()}: {src}" for c, extra in ANNOUNCED_EXTRA.items()
          for d, _n, src in extra),
        "# Estimated Islamic holidays whose date was since announced (ANNOUNCED_DATES):",
        *(f"#   {c} {d.isoformat()}: {src}" for c, known in ANNOUNCED_DATES.items()
          for d, src in known),
        "# The next working day off for a holiday on a weekend, by law (NEXT_WORKDAY_RULE):",
        *(f"#   {c}: {src}" for c, src in NEXT_WORKDAY_RULE.items()),
        "",
    ]
    for country in COUNTRIES:
        cal = holidays.country_holidays(country, years=list(YEARS), language=LANGUAGE)
        names = {day: cal[day] for day in cal.keys() if day.year in YEARS}
        for day, name, _source in ANNOUNCED_EXTRA.get(country, []):
            if day in names:
                sys.exit(f"error: holidays {version} already lists {country} {day} "
                         f"({names[day]}); remove it from ANNOUNCED_EXTRA")
            names[day] = name
        for day, _source in ANNOUNCED_DATES.get(country, []):
            if not names.get(day, "").endswith(ESTIMATED):
                sys.exit(f"error: holidays {version} has no estimated {country} holiday on "
                         f"{day}; remove it from ANNOUNCED_DATES")
            names[day] = names[day][: -len(ESTIMATED)]
        if country in NEXT_WORKDAY_RULE:
            names.update(next_workday_days(names))
        for day in sorted(names):
            out.append("[[holiday]]")
            out.append(f"country = {toml_string(country)}")
            out.append(f"date = {day.isoformat()}")
            out.append(f"name = {toml_string(names[day])}")
            makeup = MAKEUP.search(names[day])
            if makeup:
                month, dom, year = makeup.groups()
                out.append(f"makeup = {year}-{month}-{dom}")
            out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    try:
        import holidays
    except ImportError:
        sys.exit("error: the `holidays` package is missing; run "
                 "`python3 -m pip install -r scripts/requirements.txt`")
    want = pinned_version()
    if holidays.__version__ != want:
        sys.exit(f"error: holidays {holidays.__version__} is installed but "
                 f"scripts/requirements.txt pins {want}; run "
                 "`python3 -m pip install -r scripts/requirements.txt`")

    text = render(want)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; run python3 scripts/gen_holidays.py",
                  file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
