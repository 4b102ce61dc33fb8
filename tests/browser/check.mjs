// Loads one generated HTML page in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core; no browser is downloaded) and checks what a reader would see:
//
// - at 1280×900 (desktop) and 375×812 (phone), and on the phone again with scripts off:
//   the page never scrolls sideways;
// - every <table> and <caption> has a non-zero size once scrolled into view;
// - on the phone, each caption's text starts and ends within the screen;
// - on the desktop, a table is never wider than its box (1 px tolerance) unless it cannot be
//   shown whole on the screen: it may scroll in its box only when the layout marks it wide
//   (class `wide`, printed landscape), its box is a scrollable region (overflow-x auto or
//   scroll, role="region", tabindex="0", labelled) and even its narrowest layout (the table
//   at `width: min-content` with the page's own CSS) is wider than the screen's usable width
//   (the viewport less the page's side padding). A near miss that would fit the screen is a
//   defect. (Not for a page of hostile text, GONGKAI_FIT_TABLES=0: a cell holding one
//   unbreakable 40-character "word" may widen its table.);
// - a header of four characters or fewer stays on one line, and no table text is smaller
//   than 0.85rem (the smallest text the stylesheet uses), at both widths;
// - the scroll cue, at both widths: a table box that scrolls sideways fades at the edge where
//   more of the table is hidden (its computed `--scroll-fade-start` / `--scroll-fade-end`:
//   at rest only the end, scrolled to the end only the start) and shows the hint after its
//   caption (`caption::after` visible); a box whose table fits shows neither; with scripts
//   off no box shows a cue (the cue needs the page's script and degrades to none);
// - every in-page link (#id) has a target;
// - the page requests nothing but itself (no outside resource) and opens no dialog;
// - axe-core finds no violation of impact "serious" or "critical" (with scripts on).
//
// With GONGKAI_INDEX=1 the page is the portal index of a batch run, and also:
// - every link of every row lies within the screen and within every box that clips it, at
//   rest (no box scrolled), at both widths;
// - each numeric column prints one format: the same decimals in every cell, thousands
//   separators in every figure of four or more integer digits or in none, and a money
//   column names its unit in its header (（万元）);
// - a click on each sortable header sorts the rows by the exact value (the cell's
//   `data-value`, which the printed figure must round to), empty cells last, and a second
//   click reverses the order.
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
  { name: "desktop", width: 1280, height: 900, isMobile: false, script: true },
  { name: "mobile", width: 375, height: 812, isMobile: true, script: true },
  // The phone again with scripts off: the page reads the same, with no scroll cue.
  { name: "mobile-noscript", width: 375, height: 812, isMobile: true, script: false },
];
// Tables shown close up in a screenshot of their own: a classification table with merged
// headers and a project form (the widest).
const CLOSE_UPS = ["t05", "t15-1"];
const BLOCKING = new Set(["serious", "critical"]);
const INDEX = process.env.GONGKAI_INDEX === "1";
// The desktop width rule holds for the shipped examples; a page of hostile text (one long
// unbreakable "word" in a cell) sets GONGKAI_FIT_TABLES=0 to leave it out.
const FIT_TABLES = process.env.GONGKAI_FIT_TABLES !== "0";

const url = pathToFileURL(resolve(pagePath)).href;
const axePath = require.resolve("axe-core/axe.min.js");
mkdirSync(shotDir, { recursive: true });

/** Measures the page as loaded in `page` (runs inside the browser). */
async function measure(scripted) {
  const size = (el) => {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  };
  const describe = (el) =>
    (el.closest(".table-block") || el).id || el.tagName.toLowerCase();
  // Two frames, for the page's scroll handlers to run (without scripts, frames are not
  // delivered here, and there is nothing to wait for).
  const frames = () =>
    scripted
      ? new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      : Promise.resolve();
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
  // Tables against their boxes: what overflows, and whether it could be shown whole.
  const main = document.querySelector("main") || document.body;
  const mainStyle = getComputedStyle(main);
  const usable =
    document.documentElement.clientWidth -
    parseFloat(mainStyle.paddingLeft) -
    parseFloat(mainStyle.paddingRight);
  const overflowing = [];
  for (const t of tables) {
    const box = t.parentElement;
    const width = t.getBoundingClientRect().width;
    if (width <= box.clientWidth + 1) continue;
    const saved = t.style.width;
    t.style.width = "min-content";
    const narrowest = t.getBoundingClientRect().width;
    t.style.width = saved;
    const boxStyle = getComputedStyle(box);
    overflowing.push({
      table: describe(t),
      width: Math.round(width),
      box: box.clientWidth,
      narrowest: Math.round(narrowest),
      usable: Math.round(usable),
      wide: t.classList.contains("wide"),
      scrollableRegion:
        ["auto", "scroll"].includes(boxStyle.overflowX) &&
        box.getAttribute("role") === "region" &&
        box.getAttribute("tabindex") === "0" &&
        !!(box.getAttribute("aria-labelledby") || box.getAttribute("aria-label")),
    });
  }
  // Short headers on one line; no table text below the stylesheet's smallest size.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const wrappedHeaders = [];
  const smallText = [];
  for (const t of tables) {
    for (const th of t.querySelectorAll("th")) {
      const text = th.textContent.trim();
      if (!text || [...text].length > 4 || th.querySelector("br")) continue;
      // The line boxes of its text (not of the elements around it, such as a button).
      const rects = [];
      const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(n);
        rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      const first = rects[0];
      if (first && rects.some((r) => r.top > first.top + first.height / 2))
        wrappedHeaders.push(`${describe(t)}: ${text}`);
    }
    for (const cell of t.querySelectorAll("th, td")) {
      const px = parseFloat(getComputedStyle(cell).fontSize);
      if (cell.textContent.trim() && px < 0.85 * rem - 0.01) {
        smallText.push(`${describe(t)}: ${cell.textContent.trim().slice(0, 20)} at ${px}px`);
        break;
      }
    }
  }
  // The scroll cue of each table box, at rest and scrolled to the end.
  const cue = (box) => {
    const s = getComputedStyle(box);
    const caption = box.querySelector("caption");
    const hint = caption ? getComputedStyle(caption, "::after") : null;
    return {
      start: parseFloat(s.getPropertyValue("--scroll-fade-start")) || 0,
      end: parseFloat(s.getPropertyValue("--scroll-fade-end")) || 0,
      hint:
        !!hint &&
        hint.content !== "none" &&
        hint.content !== "normal" &&
        hint.display !== "none" &&
        hint.visibility === "visible" &&
        parseFloat(hint.height) > 0,
    };
  };
  const cueWrong = [];
  const cues = { scrolling: 0, fitting: 0 };
  for (const box of document.querySelectorAll(".table-wrap")) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.scrollLeft = 0;
    await frames();
    const rest = cue(box);
    box.scrollLeft = box.scrollWidth;
    await frames();
    const end = cue(box);
    box.scrollLeft = 0;
    const name = `${describe(box)} (${box.scrollWidth} px in ${box.clientWidth} px)`;
    if (scrolls && !scripted) {
      cues.scrolling += 1;
      if (rest.start || rest.end || rest.hint || end.start || end.end)
        cueWrong.push(`${name}: a cue without script ${JSON.stringify([rest, end])}`);
    } else if (scrolls) {
      cues.scrolling += 1;
      if (!(rest.end > 0 && rest.start === 0 && rest.hint))
        cueWrong.push(`${name} scrolls but at rest shows ${JSON.stringify(rest)}`);
      if (!(end.start > 0 && end.end === 0))
        cueWrong.push(`${name} scrolled to its end shows ${JSON.stringify(end)}`);
    } else {
      cues.fitting += 1;
      if (rest.start || rest.end || rest.hint)
        cueWrong.push(`${name} fits but shows a cue ${JSON.stringify(rest)}`);
    }
  }
  await frames();
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
    overflowing,
    wrappedHeaders,
    smallText,
    cues,
    cueWrong,
    brokenAnchors,
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
}

/** The portal index's own checks: links within the screen, one number format per column
 * (runs inside the browser). */
function measureIndex() {
  const hiddenLinks = [];
  const links = [...document.querySelectorAll("tbody a")];
  for (const a of links) {
    const r = a.getBoundingClientRect();
    const row = a.closest("tr");
    const name = `${row && row.cells[0] ? row.cells[0].textContent.trim() : "?"} ${a.textContent.trim()}`;
    let clipped = !(r.width > 0 && r.height > 0);
    if (r.left < -0.5 || r.right > window.innerWidth + 0.5) clipped = true;
    for (let el = a.parentElement; el && el !== document.documentElement; el = el.parentElement) {
      if (getComputedStyle(el).overflowX === "visible") continue;
      const b = el.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) clipped = true;
    }
    if (clipped) hiddenLinks.push(`${name}: ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  // Exact decimal text rounded half away from zero to `dp` places, with separators or not.
  const format = (exact, dp, thousands) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(exact);
    if (!m) return null;
    const frac = (m[3] || "").padEnd(dp + 1, "0");
    let n = BigInt(m[2] + frac.slice(0, dp));
    if (+frac[dp] >= 5) n += 1n;
    let digits = n.toString().padStart(dp + 1, "0");
    let int = digits.slice(0, digits.length - dp);
    const dec = digits.slice(digits.length - dp);
    if (thousands) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const sign = m[1] && /[1-9]/.test(digits) ? "-" : "";
    return sign + int + (dp ? `.${dec}` : "");
  };
  const table = document.querySelector("table");
  const heads = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
  const formats = [];
  const mixedFormats = [];
  heads.forEach((head, col) => {
    const cells = [...table.tBodies[0].rows]
      .map((r) => r.cells[col])
      .filter((c) => c && c.classList.contains("num"));
    if (!cells.length) return;
    const texts = cells.map((c) => c.textContent.trim()).filter((t) => t);
    const decimals = new Set(texts.map((t) => (t.split(".")[1] || "").length));
    const long = texts.filter((t) => t.replace(/^-/, "").split(".")[0].replace(/,/g, "").length >= 4);
    const separated = long.filter((t) => t.includes(","));
    formats.push({ head, decimals: [...decimals], long: long.length, separated: separated.length });
    const problems = [];
    if (decimals.size > 1) problems.push(`decimals ${[...decimals].join(", ")}`);
    if (separated.length && separated.length < long.length)
      problems.push(`thousands separators in ${separated.length} of ${long.length} figures`);
    if (head !== "年度" && !head.includes("（万元）")) problems.push("no unit （万元） in the header");
    const dp = [...decimals][0] || 0;
    for (const c of cells) {
      const text = c.textContent.trim();
      if (!text) continue;
      const exact = c.dataset.value;
      if (exact === undefined) {
        problems.push(`${text} carries no exact value (data-value)`);
        continue;
      }
      const want = format(exact, dp, separated.length > 0);
      if (want !== text) problems.push(`${text} is not ${exact} rounded (${want})`);
    }
    if (problems.length) mixedFormats.push(`${head}: ${problems.join("; ")}: ${texts.join(" | ")}`);
  });
  return { links: links.length, hiddenLinks, formats, mixedFormats };
}

/** Clicks each sortable header of the portal index twice and checks the order of the rows
 * against the exact values (runs in node, clicking as a reader would). */
async function checkSorting(page) {
  const problems = [];
  const buttons = await page.locator("thead th button").count();
  for (let b = 0; b < buttons; b++) {
    const button = page.locator("thead th button").nth(b);
    const col = Number(await button.getAttribute("data-col"));
    const numeric = (await button.getAttribute("data-num")) !== null;
    const name = (await button.textContent()).trim();
    for (let click = 0; click < 2; click++) {
      try {
        await button.click({ timeout: 5000 });
      } catch (e) {
        problems.push(`${name}: cannot be clicked: ${String(e).split("\n")[0]}`);
        break;
      }
      const state = await page.evaluate((col) => {
        const table = document.querySelector("table");
        const th = table.tHead.rows[0].cells[col];
        return {
          sort: th.getAttribute("aria-sort"),
          rows: [...table.tBodies[0].rows].map((r) => ({
            text: r.cells[col].textContent.trim(),
            value: r.cells[col].dataset.value ?? null,
          })),
        };
      }, col);
      const asc = state.sort === "ascending";
      if (!["ascending", "descending"].includes(state.sort)) {
        problems.push(`${name}: aria-sort is ${state.sort}`);
        continue;
      }
      const keys = state.rows.map((r) => (numeric ? r.value : r.text || null));
      const filled = keys.filter((k) => k !== null && k !== "");
      const firstEmpty = keys.findIndex((k) => k === null || k === "");
      if (firstEmpty !== -1 && firstEmpty < filled.length)
        problems.push(`${name} ${state.sort}: an empty cell before a figure`);
      const cmp = numeric ? (x, y) => Number(x) - Number(y) : (x, y) => x.localeCompare(y, "zh-CN");
      const expected = [...filled].sort((x, y) => (asc ? cmp(x, y) : cmp(y, x)));
      if (expected.join("|") !== filled.join("|"))
        problems.push(`${name} ${state.sort}: ${state.rows.map((r) => r.text || "—").join(", ")}`);
    }
  }
  return problems;
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
    const cdp = await context0.newCDPSession(page);
    if (vp.isMobile) {
      // Phone emulation: the viewport meta tag applies, as on a real phone.
      await cdp.send("Emulation.setDeviceMetricsOverride", {
        width: vp.width,
        height: vp.height,
        deviceScaleFactor: 2,
        mobile: true,
      });
    }
    // The page's own scripts off (the checks still run, in Playwright's isolated world).
    if (!vp.script) await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
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

    const m = await page.evaluate(measure, vp.script);
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

    if (vp.script) await page.addScriptTag({ path: axePath });
    const axe = !vp.script ? [] : await page.evaluate(async () => {
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

    // The portal index: its own checks, then its sorting (which reorders the rows: last).
    const index = INDEX ? await page.evaluate(measureIndex) : null;
    const sorting = INDEX && vp.script ? await checkSorting(page) : [];
    if (INDEX && vp.script) {
      const sorted = join(shotDir, `${vp.name}-sorted.png`);
      await page.screenshot({ path: sorted, fullPage: true });
      shots.push(sorted);
    }
    // On the desktop, a table wider than its box must be one that cannot be shown whole.
    const tooWide = vp.isMobile || !FIT_TABLES
      ? []
      : m.overflowing.filter((o) => !(o.wide && o.scrollableRegion && o.narrowest > o.usable));
    const result = {
      ...vp,
      ...m,
      tooWide,
      index,
      sorting,
      outside,
      dialogs,
      errors,
      axe,
      screenshots: shots,
    };
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
    for (const o of tooWide)
      fail(
        `${at}: ${o.table} is ${o.width} px in a ${o.box} px box` +
          (o.wide && o.scrollableRegion
            ? ` though its narrowest layout (${o.narrowest} px) fits the screen's ${o.usable} px`
            : " and is not a wide table in a scrollable region"),
      );
    if (m.wrappedHeaders.length) fail(`${at}: short headers wrap: ${m.wrappedHeaders.join(", ")}`);
    if (m.smallText.length) fail(`${at}: table text below 0.85rem: ${m.smallText.join(", ")}`);
    for (const c of m.cueWrong) fail(`${at}: scroll cue: ${c}`);
    if (index) {
      if (!index.links) fail(`${at}: the index has no links`);
      if (index.hiddenLinks.length)
        fail(`${at}: links off screen: ${index.hiddenLinks.join("; ")}`);
      for (const f of index.mixedFormats) fail(`${at}: number format: ${f}`);
    }
    for (const s of sorting) fail(`${at}: sorting: ${s}`);
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
