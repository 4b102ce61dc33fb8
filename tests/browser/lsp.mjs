// Drives yaml-language-server (the engine of the VS Code YAML extension) over stdio the
// way an editor does: initialize, answer its configuration request (validation and hover
// on, no schema store: the network is closed), then for each document: didOpen, collect
// the diagnostics it publishes, ask for hovers, didClose. The schema comes from the
// document's own first line (`# yaml-language-server: $schema=…`), as in the editor.
//
// Usage: node lsp.mjs <cases.json>
//   cases.json: { "yamlVersion": "1.1" | "1.2",
//                 "documents": [ { "file": "<abs path>", "hovers": [[line, character], …] } ] }
// Prints one JSON object on stdout: { "version", "results": [ { "file", "diagnostics":
// [ { "line", "message", "severity" } ], "hovers": [ { "line", "character", "text" } ] } ] }.
// Exits 0 when it ran (the verdicts are the caller's), 2 when the server did not answer.
// Driven by tests/schema.rs.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

const [casesPath] = process.argv.slice(2);
if (!casesPath) {
  console.error("usage: node lsp.mjs <cases.json>");
  process.exit(2);
}
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const serverBin = require.resolve("yaml-language-server/bin/yaml-language-server");
const version = require("yaml-language-server/package.json").version;

const server = spawn(process.execPath, [serverBin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const fail = (why) => {
  console.log(JSON.stringify({ version, error: why }));
  server.kill();
  process.exit(2);
};
const deadline = setTimeout(() => fail("timed out"), 120_000);

// JSON-RPC over stdio with Content-Length framing.
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnosticWaiters = new Map();
const diagnostics = new Map();
const settings = {
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemaStore: { enable: false },
  yamlVersion: cases.yamlVersion || "1.2",
};

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function notify(method, params) {
  send({ method, params });
}
function handle(msg) {
  if (msg.id !== undefined && msg.method === undefined) {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (p) (msg.error ? p.reject(new Error(msg.error.message)) : p.resolve(msg.result));
    return;
  }
  if (msg.id !== undefined) {
    // A request from the server: configuration gets our settings, anything else null.
    const result =
      msg.method === "workspace/configuration"
        ? msg.params.items.map((i) => (i.section === "yaml" ? settings : {}))
        : null;
    send({ id: msg.id, result });
    return;
  }
  if (msg.method === "textDocument/publishDiagnostics") {
    diagnostics.set(msg.params.uri, msg.params.diagnostics);
    const waiter = diagnosticWaiters.get(msg.params.uri);
    if (waiter) waiter();
  }
}
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
    if (buffer.length < end + 4 + length) return;
    const body = buffer.subarray(end + 4, end + 4 + length).toString("utf8");
    buffer = buffer.subarray(end + 4 + length);
    handle(JSON.parse(body));
  }
});
server.on("exit", (code) => {
  if (pending.size > 0) fail(`server exited (${code})`);
});

// The diagnostics of `uri` once the server has published and then stayed quiet for a while
// (it publishes after parsing, and again once a schema has loaded).
function settled(uri, quietMs = 400) {
  return new Promise((resolve) => {
    let timer;
    const bump = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        diagnosticWaiters.delete(uri);
        resolve(diagnostics.get(uri) || []);
      }, quietMs);
    };
    diagnosticWaiters.set(uri, bump);
    if (diagnostics.has(uri)) bump();
  });
}

function hoverText(hover) {
  if (!hover || !hover.contents) return "";
  const c = hover.contents;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
  return c.value || "";
}

await request("initialize", {
  processId: process.pid,
  rootUri: null,
  capabilities: {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: {
      hover: { contentFormat: ["markdown", "plaintext"] },
      publishDiagnostics: {},
      synchronization: { didSave: false },
    },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings: { yaml: settings } });

const results = [];
for (const doc of cases.documents) {
  const uri = pathToFileURL(doc.file).href;
  diagnostics.delete(uri);
  const wait = settled(uri);
  notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: readFileSync(doc.file, "utf8") },
  });
  const hovers = [];
  for (const [line, character] of doc.hovers || []) {
    const h = await request("textDocument/hover", { textDocument: { uri }, position: { line, character } });
    hovers.push({ line, character, text: hoverText(h) });
  }
  const diags = await wait;
  results.push({
    file: doc.file,
    diagnostics: diags.map((d) => ({ line: d.range.start.line, message: d.message, severity: d.severity })),
    hovers,
  });
  notify("textDocument/didClose", { textDocument: { uri } });
}
clearTimeout(deadline);
await request("shutdown", null).catch(() => null);
notify("exit", null);
console.log(JSON.stringify({ version, results }));
