// Keeps one `gongkai watch` page open in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core) while tests/watch.rs edits the input, and answers its
// questions about what the page shows. The page is never reloaded from here: every change
// has to arrive through the page's own event stream.
//
// Usage: node watch.mjs <url>
// Reads one command per line on stdin, answers one line on stdout:
//
//   expect {"text": [...], "absent": [...], "ms": 2000}
//       waits until the page's visible text contains every `text` and none of `absent`;
//       answers `ok <milliseconds>` or `fail <reason>`.
//   copy <text>
//       clicks the first diagnostic whose text contains <text>, then reads the clipboard;
//       answers `ok <clipboard>` or `fail <reason>`.
//   quit
//
// Exits 2 when the browser cannot start; requests to anything but the preview's own
// origin, dialogs and script errors are answered as `fail` on the next command.

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const url = process.argv[2];
if (!url) {
  console.error("usage: node watch.mjs <url>");
  process.exit(2);
}
const origin = new URL(url).origin;
const CHROMIUM = process.env.GONGKAI_CHROMIUM || "/usr/bin/chromium";
// The flags this machine needs: no sandbox as root, and no background connections.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const problems = [];
const profile = mkdtempSync(join(tmpdir(), "gongkai-watch-chromium-"));
let context;
let page;
try {
  const { chromium } = require("playwright-core");
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  page = context.pages()[0] || (await context.newPage());
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("data:")) problems.push(`outside request: ${u}`);
  });
  page.on("dialog", async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`script error: ${e}`));
  await page.goto(url, { waitUntil: "load" });
} catch (e) {
  console.log(`fail browser: ${String(e && e.stack ? e.stack : e).replace(/\n/g, " | ")}`);
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}

/** The page's visible text, or null while it is between two documents. */
async function text() {
  try {
    return await page.evaluate(() => (document.body ? document.body.innerText : ""));
  } catch {
    return null;
  }
}

async function expect(spec) {
  const start = Date.now();
  const deadline = start + (spec.ms || 2000);
  const want = spec.text || [];
  const absent = spec.absent || [];
  let last = "";
  while (Date.now() < deadline) {
    const t = await text();
    if (t !== null) {
      last = t;
      if (want.every((w) => t.includes(w)) && !absent.some((a) => t.includes(a))) {
        return `ok ${Date.now() - start}`;
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const missing = want.filter((w) => !last.includes(w));
  const present = absent.filter((a) => last.includes(a));
  return `fail after ${Date.now() - start} ms: missing ${JSON.stringify(missing)}, present ${JSON.stringify(present)}; page starts ${JSON.stringify(last.slice(0, 300))}`;
}

async function copy(needle) {
  const item = page.locator(".gkw-diag", { hasText: needle }).first();
  if ((await item.count()) === 0) return `fail no diagnostic contains ${needle}`;
  await item.click();
  const got = await page.evaluate(() => navigator.clipboard.readText());
  return `ok ${got}`;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer;
  try {
    if (line.startsWith("expect ")) answer = await expect(JSON.parse(line.slice(7)));
    else if (line.startsWith("copy ")) answer = await copy(line.slice(5));
    else if (line === "quit") break;
    else answer = `fail unknown command ${line}`;
  } catch (e) {
    answer = `fail ${String(e).replace(/\n/g, " | ")}`;
  }
  if (problems.length) answer = `fail ${problems.splice(0).join("; ")}`;
  console.log(answer);
}
await context.close();
rmSync(profile, { recursive: true, force: true });
