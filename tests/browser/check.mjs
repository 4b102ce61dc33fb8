// Loads one generated HTML page in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core; no browser is downloaded) and checks what a reader would see:
//
// - at 1280×900 (desktop) and 375×812 (phone): the page never scrolls sideways;
// - every <table> and <caption> has a non-zero size once scrolled into view;
// - on the phone, each caption's text starts and ends within the screen;
// - every in-page link (#id) has a target;
// - the page requests nothing but itself (no outside resource) and opens no dialog;
// - axe-core finds no violation of impact "serious" or "critical".
//
// Usage: node check.mjs <page.html> <screenshot-dir>
// Prints one JSON summary on stdout; exits 0 when every check passed, 1 when one failed,
// 2 when the check itself could not run. Driven by tests/html.rs.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

const [pagePath, shotDir] = process.argv.slice(2);
if (!pagePath || !shotDir) {
  console.error("usage: node check.mjs <page.html> <screenshot-dir>");
  process.exit(2);
}

const CHROMIUM = process.env.GONGKAI_CHROMIUM || "/usr/bin/chromium";
// The flags this machine needs: no sandbox as root, and no background connections (the
// network is closed; without these Chromium keeps retrying Google's hosts).
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
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900, isMobile: false },
  { name: "mobile", width: 375, height: 812, isMobile: true },
];
// Tables shown close up in a screenshot of their own: a classification table with merged
// headers and a project form (the widest).
const CLOSE_UPS = ["t05", "t15-1"];
const BLOCKING = new Set(["serious", "critical"]);

const url = pathToFileURL(resolve(pagePath)).href;
const axePath = require.resolve("axe-core/axe.min.js");
mkdirSync(shotDir, { recursive: true });

/** Measures the page as loaded in `page` (runs inside the browser). */
function measure() {
  const size = (el) => {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  };
  const describe = (el) =>
    (el.closest(".table-block") || el).id || el.tagName.toLowerCase();
  const tables = [...document.querySelectorAll("table")];
  const captions = [...document.querySelectorAll("caption")];
  const unrendered = [];
  for (const el of [...tables, ...captions]) {
    const s = size(el);
    if (!(s.width > 0 && s.height > 0)) {
      unrendered.push(`${el.tagName.toLowerCase()} ${describe(el)}`);
    }
  }
  // Captions must be readable without scrolling their table: reset every scroll box, then
  // look at each caption line's horizontal extent.
  for (const w of document.querySelectorAll(".table-wrap")) w.scrollLeft = 0;
  const captionsOffScreen = [];
  for (const c of captions) {
    for (const line of c.children.length ? c.children : [c]) {
      const r = line.getBoundingClientRect();
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
        captionsOffScreen.push(`${describe(c)}: ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
  }
  const brokenAnchors = [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => decodeURIComponent(a.getAttribute("href").slice(1)))
    .filter((id) => !document.getElementById(id));
  window.scrollTo(0, 0);
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    tables: tables.length,
    captions: captions.length,
    unrendered,
    captionsOffScreen,
    brokenAnchors,
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
}

const summary = { page: url, ok: true, viewports: [], failures: [] };
const fail = (msg) => {
  summary.ok = false;
  summary.failures.push(msg);
};

let browser;
const profile = mkdtempSync(join(tmpdir(), "gongkai-chromium-"));
try {
  const { chromium } = require("playwright-core");
  // A fresh, empty profile each run.
  const context0 = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  browser = context0;
  for (const vp of VIEWPORTS) {
    const page = await context0.newPage();
    await page.setViewportSize({ width: vp.width, height: vp.height });
    if (vp.isMobile) {
      // Phone emulation: the viewport meta tag applies, as on a real phone.
      const cdp = await context0.newCDPSession(page);
      await cdp.send("Emulation.setDeviceMetricsOverride", {
        width: vp.width,
        height: vp.height,
        deviceScaleFactor: 2,
        mobile: true,
      });
    }
    const outside = [];
    const dialogs = [];
    const errors = [];
    page.on("request", (r) => {
      const u = r.url();
      if (u !== url && !u.startsWith("data:")) outside.push(u);
    });
    page.on("dialog", async (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: "load" });

    const m = await page.evaluate(measure);
    const shots = [];
    const top = join(shotDir, `${vp.name}.png`);
    await page.screenshot({ path: top });
    shots.push(top);
    // A screenful of narrative text, from the start of part 2.
    if ((await page.locator("#s2").count()) === 1) {
      const text = join(shotDir, `${vp.name}-text.png`);
      await page.evaluate(() => document.getElementById("s2").scrollIntoView());
      await page.screenshot({ path: text });
      shots.push(text);
    }
    for (const id of CLOSE_UPS) {
      const el = page.locator(`[id="${id}"]`);
      if ((await el.count()) === 1) {
        const p = join(shotDir, `${vp.name}-${id}.png`);
        await el.scrollIntoViewIfNeeded();
        await el.screenshot({ path: p });
        shots.push(p);
      }
    }

    await page.addScriptTag({ path: axePath });
    const axe = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
    });

    const result = { ...vp, ...m, outside, dialogs, errors, axe, screenshots: shots };
    summary.viewports.push(result);
    const at = `${vp.name} ${vp.width}px`;
    if (m.scrollWidth > m.innerWidth)
      fail(`${at}: page scrolls sideways (scrollWidth ${m.scrollWidth} > ${m.innerWidth})`);
    // A narrative-only layout (hubei-short) has none; the caller says so.
    if (m.tables === 0 && process.env.GONGKAI_EXPECT_TABLES !== "0") fail(`${at}: no table`);
    if (m.captions !== m.tables) fail(`${at}: ${m.tables} tables but ${m.captions} captions`);
    if (m.unrendered.length) fail(`${at}: not rendered: ${m.unrendered.join(", ")}`);
    if (vp.isMobile && m.captionsOffScreen.length)
      fail(`${at}: caption off screen: ${m.captionsOffScreen.join("; ")}`);
    if (m.brokenAnchors.length) fail(`${at}: links to missing ids: ${m.brokenAnchors.join(", ")}`);
    if (outside.length) fail(`${at}: outside requests: ${outside.join(", ")}`);
    if (dialogs.length) fail(`${at}: dialogs opened: ${dialogs.join(", ")}`);
    if (errors.length) fail(`${at}: script errors: ${errors.join(", ")}`);
    for (const v of axe.filter((v) => BLOCKING.has(v.impact)))
      fail(`${at}: axe ${v.impact} ${v.id} (${v.nodes} nodes, e.g. ${v.targets[0]}): ${v.help}`);
    await page.close();
  }
} catch (e) {
  summary.ok = false;
  summary.error = String(e && e.stack ? e.stack : e);
  console.log(JSON.stringify(summary, null, 2));
  if (browser) await browser.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(JSON.stringify(summary, null, 2));
process.exit(summary.ok ? 0 : 1);
