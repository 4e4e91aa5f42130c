#!/usr/bin/env python3
"""Generate data/geo/countries.json: the country shapes and names the SVG map draws.

Source: Natural Earth admin-0 countries at 1:50m (public domain), as redistributed in
TopoJSON by the `world-atlas` package on npm (ISC licence), pinned below. ISO 3166-1
numeric ids are turned into alpha-2 codes with the `pycountry` package on PyPI (pinned in
scripts/requirements-geo.txt).

Never edit the output by hand: change this script or a pin and regenerate. From the
repository root:

    python3 -m pip install -r scripts/requirements-geo.txt
    python3 scripts/gen_geo.py            # runs `npm pack world-atlas@VERSION`

or, with the package already unpacked somewhere:

    python3 scripts/gen_geo.py --topojson path/to/countries-50m.json

The output stays small (tens of kilobytes), so it is committed:
- only countries with some land inside the region's box (BOX) are kept, every ring
  clipped to the box;
- the shared arcs of the TopoJSON topology are simplified once each (Douglas-Peucker,
  TOLERANCE degrees, about 2 km), so neighbours keep exactly the same border line;
- coordinates are rounded to 0.01 degree.

Usage: python3 scripts/gen_geo.py [--topojson FILE] [--output PATH] [--check]
  --check  exit 1 (and write nothing) if the output file is not up to date.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile

WORLD_ATLAS_VERSION = "2.0.2"
PYCOUNTRY_VERSION = "24.6.1"
# lon_min, lat_min, lon_max, lat_max: western China, Central Asia and Pakistan, with room.
BOX = (44.0, 22.0, 112.0, 56.0)
TOLERANCE = 0.02
DIGITS = 2


def topojson_path(given: str | None, tmp: str) -> str:
    if given:
        return given
    out = subprocess.run(
        ["npm", "pack", f"world-atlas@{WORLD_ATLAS_VERSION}", "--silent"],
        cwd=tmp, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(tmp, out)) as t:
        t.extract("package/countries-50m.json", tmp)
    return os.path.join(tmp, "package", "countries-50m.json")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (arcs meet there)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, far = d, i
        if far >= 0 and best > tol:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(pts, keep) if k]


def ring(arc_ids: list[int], arcs) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in arc_ids:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def clip(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against BOX."""
    x0, y0, x1, y1 = BOX
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= x1, lambda p, q: (x1, p[1] + (q[1] - p[1]) * (x1 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= y0, lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)),
        (lambda p: p[1] <= y1, lambda p, q: (p[0] + (q[0] - p[0]) * (y1 - p[1]) / (q[1] - p[1]), y1)),
    ]
    for inside, cut in edges:
        if not pts:
            break
        src, pts = pts, []
        for i, q in enumerate(src):
            p = src[i - 1]
            if inside(q):
                if not inside(p):
                    pts.append(cut(p, q))
                pts.append(q)
            elif inside(p):
                pts.append(cut(p, q))
    return pts


def build(topo: dict) -> dict:
    import pycountry

    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = {"Polygon": [g.get("arcs", [])], "MultiPolygon": g.get("arcs", [])}.get(g["type"], [])
        rings = []
        for poly in polys:
            for r in poly:
                pts = clip(ring(r, arcs))
                pts = [(round(x, DIGITS), round(y, DIGITS)) for x, y in pts]
                pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
                if len(pts) >= 4:
                    rings.append([list(p) for p in pts])
        if not rings:
            continue
        code = None
        if g.get("id"):
            c = pycountry.countries.get(numeric=g["id"])
            code = c.alpha_2 if c else None
        countries.append({"code": code, "name": g["properties"]["name"], "rings": rings})
    countries.sort(key=lambda c: (c["code"] or "~", c["name"]))
    return {
        "generator": f"scripts/gen_geo.py from npm world-atlas {WORLD_ATLAS_VERSION} "
        f"(Natural Earth 4.1.0, 1:50m admin-0 countries, public domain) and PyPI pycountry {PYCOUNTRY_VERSION}",
        "box": list(BOX),
        "tolerance_deg": TOLERANCE,
        "countries": countries,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--topojson")
    ap.add_argument("--output", default=os.path.join(os.path.dirname(__file__), "..", "data", "geo", "countries.json"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    import importlib.metadata

    have = importlib.metadata.version("pycountry")
    if have != PYCOUNTRY_VERSION:
        print(f"pycountry {have} installed; this script is pinned to {PYCOUNTRY_VERSION}: "
              "python3 -m pip install -r scripts/requirements-geo.txt", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        with open(topojson_path(args.topojson, tmp)) as f:
            topo = json.load(f)
    data = build(topo)
    # One country a line: small diffs when a pin changes.
    lines = ["{", f' "generator": {json.dumps(data["generator"])},', f' "box": {json.dumps(data["box"])},',
             f' "tolerance_deg": {data["tolerance_deg"]},', ' "countries": [']
    lines += [" " + json.dumps(c, ensure_ascii=False, separators=(",", ":")) + ("," if i + 1 < len(data["countries"]) else "")
              for i, c in enumerate(data["countries"])]
    lines += [" ]", "}"]
    text = "\n".join(lines) + "\n"
    if args.check:
        with open(args.output) as f:
            return 0 if f.read() == text else 1
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as f:
        f.write(text)
    print(f"wrote {args.output}: {len(data['countries'])} countries, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
