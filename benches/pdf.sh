#!/usr/bin/env bash
# Benchmark: the whole Jianghan report to PDF with a release build, against printing our own
# HTML with headless Chromium. Prints the median wall time of each (N runs, default 15) and
# the ratio. Needs: a release build (built here), and for the comparison `chromium`.
#
#   bash benches/pdf.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-15}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
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

"$BIN" generate -f pdf,html -o "$OUT" "$INPUT" 2>/dev/null
pdf_ms=$(median_ms "$BIN" generate -f pdf -o "$OUT" "$INPUT")
echo "gongkai generate -f pdf (release), median of $N: ${pdf_ms} ms"
stem=$(basename "$INPUT" .yaml)
if command -v chromium >/dev/null; then
  chrome_ms=$(median_ms chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/chromium.pdf" "file://$(realpath "$OUT/$stem.html")")
  echo "chromium --print-to-pdf of our HTML, median of $N: ${chrome_ms} ms"
  awk -v a="$chrome_ms" -v b="$pdf_ms" 'BEGIN { printf "ratio: Chromium takes %.1f× as long\n", a / b }'
else
  echo "chromium not found: no comparison"
fi
