// Checks gongkai's JSON Schemas the way a strict consumer does: ajv compiles each kind's
// schema in strict mode (draft 2020-12, no formats plugin: any unknown keyword, format,
// union type or keyword beside a type it does not apply to is an error), then every
// document is read as YAML 1.1 (dates, yes/no … as their own types, as older parsers
// do) and as YAML 1.2 (the editor's default), turned into JSON and validated.
//
// Usage: node schema.mjs <cases.json>
//   cases.json: { "schemas": { "<kind>": "<schema.json>" },
//                 "documents": [ { "file": "<doc.yaml>", "kind": "<kind>" } ] }
// Prints one JSON object on stdout: { "compiled": [kinds], "results": [ { "file", "kind",
// "yaml", "valid", "errors": [ { "path", "message" } ] } ] }. Exits 0 when it ran (the
// verdicts are the caller's), 2 when it could not (a schema that does not compile).
// Driven by tests/schema.rs.

import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import YAML from "yaml";

const [casesPath] = process.argv.slice(2);
if (!casesPath) {
  console.error("usage: node schema.mjs <cases.json>");
  process.exit(2);
}
const cases = JSON.parse(readFileSync(casesPath, "utf8"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = {};
for (const [kind, path] of Object.entries(cases.schemas)) {
  try {
    validators[kind] = ajv.compile(JSON.parse(readFileSync(path, "utf8")));
  } catch (e) {
    console.log(JSON.stringify({ compiled: Object.keys(validators), error: `${kind}: ${e.message}` }));
    process.exit(2);
  }
}

const results = [];
for (const doc of cases.documents) {
  const text = readFileSync(doc.file, "utf8");
  for (const version of ["1.1", "1.2"]) {
    let value;
    try {
      // A Date (YAML 1.1 timestamp) becomes its ISO text, as any YAML → JSON tool makes it.
      value = JSON.parse(JSON.stringify(YAML.parse(text, { version, maxAliasCount: -1 })));
    } catch (e) {
      results.push({ file: doc.file, kind: doc.kind, yaml: version, valid: false, errors: [{ path: "", message: `YAML: ${e.message}` }] });
      continue;
    }
    const validate = validators[doc.kind];
    const valid = validate(value);
    const errors = (validate.errors || []).map((e) => ({
      path: e.instancePath,
      message: `${e.message}${e.params && e.params.additionalProperty ? `: ${e.params.additionalProperty}` : ""}`,
    }));
    results.push({ file: doc.file, kind: doc.kind, yaml: version, valid, errors });
  }
}
console.log(JSON.stringify({ compiled: Object.keys(validators), results }));
