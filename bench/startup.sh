#!/usr/bin/env bash
# Whole-process timings of the `nuxe` tool (issue 17 targets), medians of hyperfine runs, plus the peak memory of
# each `reproduce` (/usr/bin/time -v). Rerun at a quiet moment: on a shared machine the figures are inflated.
#
# usage: bench/startup.sh [--runs N] [--nuxe PATH] [--quick]
#   --runs N     runs per command (default 5; hyperfine reports mean/median/min/max)
#   --nuxe PATH  time an existing binary (e.g. an installed tool: ~/.dotnet/tools/nuxe) instead of publishing one
#   --quick      only the short commands (--version, spectrum, coloma2014 --only mm)
# Output: out/startup/ (or $NUXE_BENCH_OUT): startup.txt (the table below), hyperfine.json/.md, and results/<study>/
# results.json of each study (compare with another build: bench/compare-results.py OLD_DIR/results NEW_DIR/results).
# Without --nuxe the script publishes the tool as it is packed for linux-x64 (ReadyToRun, framework-dependent) into
# out/bench-r2r and times that. Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5; nuxe=""; quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --nuxe) nuxe="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    *) echo "unknown option '$1' (allowed: --runs N, --nuxe PATH, --quick)" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install time" >&2; exit 2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ -z "$nuxe" ]; then
  echo "publishing src/NuXe.Cli (Release, linux-x64, ReadyToRun) into out/bench-r2r …" >&2
  dotnet publish "$root/src/NuXe.Cli" -c Release -r linux-x64 -o "$root/out/bench-r2r" -v quiet -nologo >/dev/null
  nuxe="$root/out/bench-r2r/nuxe"
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
report="${NUXE_BENCH_OUT:-$root/out/startup}"; mkdir -p "$report"
echo "nuxe: $nuxe ($("$nuxe" --version)); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)" | tee "$report/startup.txt"

cmds=("$nuxe --version" "$nuxe spectrum linkxu-A --json" "$nuxe reproduce coloma2014 --only mm --out $work/mm")
names=("version" "spectrum-json" "coloma2014-mm")
if [ "$quick" = 0 ]; then
  for s in hsieh2019 coloma2014 linkxu2019 shivasankar2022; do cmds+=("$nuxe reproduce $s --out $work/$s"); names+=("$s"); done
  cmds+=("sh -c '$nuxe reproduce linkxu2019 --out $work/a >/dev/null && $nuxe reproduce coloma2014 --out $work/b >/dev/null && $nuxe reproduce hsieh2019 --out $work/c >/dev/null && $nuxe reproduce shivasankar2022 --out $work/d >/dev/null'")
  names+=("all-four")
fi
args=()
for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --warmup 1 --runs "$runs" --export-json "$report/hyperfine.json" --export-markdown "$report/hyperfine.md" "${args[@]}" >/dev/null 2>&1 \
  || hyperfine --warmup 1 --runs "$runs" --export-json "$report/hyperfine.json" --export-markdown "$report/hyperfine.md" "${args[@]}" >/dev/null

python3 - "$report/hyperfine.json" <<'PY' | tee -a "$report/startup.txt"
import json, sys
targets = {"version": 0.060, "spectrum-json": 0.120, "coloma2014-mm": 0.35, "linkxu2019": 2.0, "all-four": 10.0}
print(f"{'command':<18}{'median [s]':>12}{'min [s]':>10}{'max [s]':>10}{'CPU [s]':>10}{'target [s]':>12}  met")
for r in json.load(open(sys.argv[1]))["results"]:
    n = r["command"]; t = targets.get(n)
    met = "" if t is None else ("yes" if r["median"] <= t else "NO")
    cpu = r.get("user", 0) + r.get("system", 0)   # mean user + system CPU time (less sensitive to machine load than wall time)
    print(f"{n:<18}{r['median']:>12.3f}{r['min']:>10.3f}{r['max']:>10.3f}{cpu:>10.3f}{'' if t is None else f'{t:.3f}':>12}  {met}")
PY

if [ "$quick" = 0 ]; then
  echo "peak memory (maximum resident set size, one run each):" | tee -a "$report/startup.txt"
  for s in hsieh2019 coloma2014 linkxu2019 shivasankar2022; do
    /usr/bin/time -v "$nuxe" reproduce "$s" --out "$work/mem-$s" >/dev/null 2>"$work/time-$s.txt"
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$s.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time-$s.txt")
    printf '  %-16s %7.1f MiB  (wall %s)\n' "$s" "$(echo "$kb / 1024" | bc -l)" "$wall" | tee -a "$report/startup.txt"
  done
fi
# keep the results.json of each study for bench/compare-results.py (before/after comparisons)
for s in hsieh2019 coloma2014 linkxu2019 shivasankar2022; do
  if [ -f "$work/mem-$s/results.json" ]; then mkdir -p "$report/results/$s"; cp "$work/mem-$s/results.json" "$report/results/$s/"; fi
done
echo "written: $report/startup.txt, hyperfine.json, hyperfine.md, results/<study>/results.json" >&2
