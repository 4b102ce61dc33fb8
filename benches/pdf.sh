#!/usr/bin/env bash
# Benchmark: the whole Jianghan report to PDF with a release build, against the typst CLI
# compiling the same content (examples/typst_source.rs writes it as Typst; same fonts) and
# printing our own HTML with headless Chromium. Prints the median wall time of each (N
# runs, default 15), its peak memory, and the ratios. Needs: a release build (built here);
# for the comparisons `typst` (or GONGKAI_TYPST=/path/to/typst) and `chromium` — each is
# skipped with a message when missing.
#
#   bash benches/pdf.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-15}
TARGET=${CARGO_TARGET_DIR:-target}
TYPST=${GONGKAI_TYPST:-typst}
cargo build --release --quiet --bin gongkai --example typst_source
BIN="$TARGET/release/gongkai"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
INPUT=inputs/jianghan-2024.yaml

# Median of wall-clock milliseconds of running "$@" N times.
median_ms() {
  local times=()
  for _ in $(seq "$N"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}

# Peak resident memory of one run of "$@", in MiB ("?" without GNU time).
peak_mib() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
  else
    printf '?'
  fi
}

"$BIN" generate -f pdf,html -o "$OUT" "$INPUT" 2>/dev/null
pdf_ms=$(median_ms "$BIN" generate -f pdf -o "$OUT" "$INPUT")
pdf_mib=$(peak_mib "$BIN" generate -f pdf -o "$OUT" "$INPUT")
echo "gongkai generate -f pdf (release), median of $N: ${pdf_ms} ms, peak ${pdf_mib} MiB"
stem=$(basename "$INPUT" .yaml)

if command -v "$TYPST" >/dev/null; then
  "$TARGET/release/examples/typst_source" "$INPUT" >"$OUT/report.typ"
  typst_run=("$TYPST" compile --font-path fonts "$OUT/report.typ" "$OUT/typst.pdf")
  typst_ms=$(median_ms "${typst_run[@]}")
  typst_mib=$(peak_mib "${typst_run[@]}")
  echo "$("$TYPST" --version) compile of the same report, median of $N: ${typst_ms} ms, peak ${typst_mib} MiB"
  awk -v a="$typst_ms" -v b="$pdf_ms" 'BEGIN { printf "ratio: typst takes %.1f× as long\n", a / b }'
else
  echo "typst not found (GONGKAI_TYPST or PATH): no comparison"
fi

if command -v chromium >/dev/null; then
  chrome_run=(chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer
    --print-to-pdf="$OUT/chromium.pdf" "file://$(realpath "$OUT/$stem.html")")
  chrome_ms=$(median_ms "${chrome_run[@]}")
  echo "chromium --print-to-pdf of our HTML, median of $N: ${chrome_ms} ms"
  awk -v a="$chrome_ms" -v b="$pdf_ms" 'BEGIN { printf "ratio: Chromium takes %.1f× as long\n", a / b }'
else
  echo "chromium not found: no comparison"
fi
