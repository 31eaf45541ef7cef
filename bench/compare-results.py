#!/usr/bin/env python3
"""Compare the results.json of two `nuxe reproduce` output folders.

Usage: bench/compare-results.py BEFORE_DIR AFTER_DIR [--digits 6]
Each *_DIR holds one sub-folder per study (as written by `nuxe reproduce <study> --out DIR/<study>`).
Prints, per study, the number of keys, keys missing on either side, the largest relative difference and the keys
whose values differ when printed with --digits significant figures (the precision of the report tables).
Exit status 1 if any key differs at that precision or is missing.
"""
import json, math, sys, os

def sig(v, d):
    return f"{v:.{d-1}e}" if isinstance(v, (int, float)) and v != 0 and math.isfinite(v) else repr(v)

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    digits = 6
    if "--digits" in sys.argv: digits = int(sys.argv[sys.argv.index("--digits") + 1]); args = [a for a in args if a != str(digits)]
    before, after = args[0], args[1]
    bad = False
    for study in sorted(os.listdir(before)):
        fb, fa = os.path.join(before, study, "results.json"), os.path.join(after, study, "results.json")
        if not os.path.isfile(fb): continue
        if not os.path.isfile(fa): print(f"{study}: missing in {after}"); bad = True; continue
        b, a = json.load(open(fb)), json.load(open(fa))
        missing = sorted(set(b) ^ set(a))
        worst, worst_key, diffs = 0.0, "", []
        for k in sorted(set(b) & set(a)):
            x, y = b[k], a[k]
            if isinstance(x, (int, float)) and isinstance(y, (int, float)):
                r = 0.0 if x == y else abs(x - y) / max(abs(x), abs(y))
                if r > worst: worst, worst_key = r, k
                if sig(x, digits) != sig(y, digits): diffs.append((k, x, y, r))
            elif x != y: diffs.append((k, x, y, float("nan")))
        print(f"{study}: {len(b)} keys; max relative difference {worst:.2e} ({worst_key or '-'}); "
              f"{len(diffs)} differ at {digits} significant figures; {len(missing)} keys only on one side")
        for k, x, y, r in diffs: print(f"    {k}: {x!r} -> {y!r} (rel {r:.2e})")
        for k in missing: print(f"    only one side: {k}")
        bad |= bool(diffs or missing)
    sys.exit(1 if bad else 0)

main()
