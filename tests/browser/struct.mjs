// Reads the structure tree of a tagged PDF the way Firefox's viewer does (pdf.js,
// `page.getStructTree()`), with the text of each marked-content sequence from
// `getTextContent({ includeMarkedContent: true })`, and prints one JSON summary:
//
//   { "tagged": true, "lang": "zh-CN",
//     "headings": [{ "role": "H1", "text": "…" }, …],   // in page order
//     "tables": [{ "caption": "…", "th": 12, "td": 40 }, …],
//     "roles": { "P": 120, "TD": 900, … } }
//
// A table continued over several pages appears in each page's tree; its fragments after the
// first have an empty caption and are added to the table before them.
//
// Usage: node struct.mjs <file.pdf>. Exits 0 when the file was read, 2 when it could not
// be. Driven by tests/tagged.rs.

import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [path] = process.argv.slice(2);
if (!path) {
  console.error("usage: node struct.mjs <file.pdf>");
  process.exit(2);
}

const squash = (s) => s.replace(/\s+/g, "");

async function main() {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  const markInfo = await doc.getMarkInfo();
  const meta = await doc.getMetadata();
  const out = {
    tagged: Boolean(markInfo && markInfo.Marked),
    lang: meta?.info?.Language ?? null,
    headings: [],
    tables: [],
    roles: {},
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text of each marked-content id.
    const text = new Map();
    const open = [];
    for (const item of content.items) {
      if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
        open.push(item.id ?? null);
      } else if (item.type === "endMarkedContent") {
        open.pop();
      } else if (typeof item.str === "string") {
        const id = open.findLast((x) => x !== null);
        if (id) text.set(id, (text.get(id) ?? "") + item.str);
      }
    }
    const tree = await page.getStructTree();
    const textOf = (node) => {
      if (!node) return "";
      if (node.type === "content") return text.get(node.id) ?? "";
      return (node.children ?? []).map(textOf).join("");
    };
    const walk = (node) => {
      if (!node || node.type === "content" || node.type === "object") return;
      const role = node.role;
      if (role) out.roles[role] = (out.roles[role] ?? 0) + 1;
      if (/^H[1-6]$/.test(role)) {
        out.headings.push({ role, text: squash(textOf(node)) });
        return;
      }
      if (role === "Table") {
        const count = (r) => {
          let k = 0;
          const visit = (x) => {
            if (!x || x.type) return;
            if (x.role === r) k++;
            (x.children ?? []).forEach(visit);
          };
          visit(node);
          return k;
        };
        // pdf.js lists the caption on every page of the table, empty after the first.
        const caption = squash(textOf((node.children ?? []).find((c) => c.role === "Caption")));
        const th = count("TH");
        const td = count("TD");
        if (caption) {
          out.tables.push({ caption, th, td });
        } else if (out.tables.length > 0) {
          const last = out.tables[out.tables.length - 1];
          last.th += th;
          last.td += td;
        }
      }
      (node.children ?? []).forEach(walk);
    };
    walk(tree);
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(String(e?.stack ?? e));
  process.exit(2);
});
