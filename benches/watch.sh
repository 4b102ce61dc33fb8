#!/usr/bin/env bash
# Benchmark: how soon `gongkai watch` (release build) has the new page after a save of the
# Jianghan example. N saves (default 30), alternating two valid versions of the file, each
# written to a temporary file and renamed over the input as editors do; for each, the time
# from the rename to the event that tells the page to reload (debounce + rebuild), and to
# the new page fetched. Prints medians, and the rebuild time the preview reports itself.
# Needs python3 (standard library only).
#
#   bash benches/watch.sh [saves]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-30}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
BIN="$(realpath "$TARGET/release/gongkai")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp inputs/jianghan-2024.yaml "$WORK/"

python3 - "$BIN" "$WORK" "$N" <<'EOF'
import os, re, socket, statistics, subprocess, sys, threading, time

binary, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = "jianghan-2024.yaml"
path = os.path.join(work, name)
text = open(path, encoding="utf-8").read()
versions = [text, text.replace("personnel: 8.26", "personnel: 7.26").replace("personnel: 12.28", "personnel: 13.28")]
assert versions[0] != versions[1]

proc = subprocess.Popen([binary, "watch", name, "--port", "0"], cwd=work,
                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
lines = []
ready = threading.Event()
port = []
def read_stderr():
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m and not port:
            port.append(int(m.group(1)))
        if "[1] " in line:
            ready.set()
threading.Thread(target=read_stderr, daemon=True).start()
if not ready.wait(60):
    sys.exit("gongkai watch did not start:\n" + "\n".join(lines))

def get(p):
    s = socket.create_connection(("127.0.0.1", port[0]))
    s.sendall(f"GET {p} HTTP/1.0\r\nHost: 127.0.0.1:{port[0]}\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(1 << 16):
        data += chunk
    s.close()
    return data

events = socket.create_connection(("127.0.0.1", port[0]))
events.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port[0]}\r\n\r\n".encode())
buf = b""
def next_token():
    global buf
    while True:
        m = re.search(rb"data: (\S+)\n\n", buf)
        if m:
            buf = buf[m.end():]
            return m.group(1)
        chunk = events.recv(4096)
        if not chunk:
            sys.exit("event stream closed")
        buf += chunk
next_token()  # the current build

to_event, to_page = [], []
for i in range(n):
    body = versions[(i + 1) % 2]
    tmp = os.path.join(work, "." + name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(body)
    t0 = time.perf_counter()
    os.replace(tmp, path)
    next_token()
    t1 = time.perf_counter()
    page = get("/")
    t2 = time.perf_counter()
    assert (b"13.28" in page) == (i % 2 == 0), "the page shows the saved figure"
    to_event.append((t1 - t0) * 1000)
    to_page.append((t2 - t0) * 1000)
    time.sleep(0.2)

proc.send_signal(2)
proc.wait(timeout=10)
built = [int(m.group(1)) for l in lines if (m := re.search(r"已生成（(\d+) 毫秒）", l))][1:]
print(f"gongkai watch (release), Jianghan example, {n} rename-on-saves:")
print(f"  save → reload event (debounce + rebuild), median {statistics.median(to_event):.0f} ms "
      f"(min {min(to_event):.0f}, max {max(to_event):.0f})")
print(f"  save → new page fetched, median {statistics.median(to_page):.0f} ms")
print(f"  rebuild as reported by the preview (first event → page ready), median {statistics.median(built):.0f} ms")
print(f"  exit code after Ctrl-C: {proc.returncode}")
EOF
