// Checks of what package.json contributes: the schema against the example
// registry, the snippets, and that the manifest points at files that exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";

const root = join(__dirname, "..", "..");
const repo = join(root, "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const schema = JSON.parse(readFileSync(join(root, "schemas", "actors.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
// YAML 1.2 core schema: dates stay strings, as the YAML language server reads them.
const readYaml = (text: string) => parse(text, { schema: "core" });

test("manifest: selector, activation, settings and contributions", () => {
  assert.equal(manifest.main, "./dist/extension.js");
  assert.ok(manifest.activationEvents.includes("workspaceContains:**/newsmark.toml"));
  assert.ok(manifest.activationEvents.includes("workspaceContains:**/*.news.md"));
  const props = manifest.contributes.configuration.properties;
  assert.equal(props["newsmark.server.path"].default, "newsmark");
  assert.deepEqual(props["newsmark.trace.server"].enum, ["off", "messages", "verbose"]);
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === "newsmark.restartServer"));
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual(grammar.injectTo, ["text.html.markdown"]);
  const source = JSON.parse(readFileSync(join(repo, "grammar", "newsmark.tmLanguage.json"), "utf8"));
  assert.equal(grammar.scopeName, source.scopeName);
  assert.match(source.injectionSelector, /^L:text\.html\.markdown /);
  for (const s of manifest.contributes.snippets) assert.ok(existsSync(join(root, s.path)), s.path);
  for (const v of manifest.contributes.yamlValidation) assert.ok(existsSync(join(root, v.url)), v.url);
  // vsce refuses @types/vscode newer than engines.vscode.
  assert.equal(manifest.devDependencies["@types/vscode"], manifest.engines.vscode.replace(/^\^/, ""));
});

test("snippets parse and every body names the Newsmark syntax", () => {
  for (const s of manifest.contributes.snippets) {
    const snippets = JSON.parse(readFileSync(join(root, s.path), "utf8"));
    assert.ok(Object.keys(snippets).length > 0);
    for (const [name, snip] of Object.entries<{ prefix: string[]; body: string | string[] }>(snippets)) {
      assert.ok(snip.prefix.length > 0, name);
      assert.ok(snip.body.length > 0, name);
    }
  }
});

test("schema is the server's canonical one (grammar/schema, printed by `newsmark schema actors`)", () => {
  // editors/ci.sh also compares with the binary's output; regenerate with
  // `node scripts/schema.mjs --write path/to/newsmark`.
  const canonical = JSON.parse(readFileSync(join(repo, "grammar", "schema", "actors.schema.json"), "utf8"));
  assert.deepEqual(schema, canonical);
});

test("schema accepts the example registry", () => {
  const reg = readYaml(readFileSync(join(repo, "examples", "actors.yaml"), "utf8"));
  assert.ok(validate(reg), JSON.stringify(validate.errors, null, 2));
});

test("schema rejects what SPEC.md §3 calls invalid", () => {
  const bad = (yaml: string) => {
    const ok = validate(readYaml(yaml));
    return ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  };
  assert.deepEqual(bad("lopez:\n  name: Maria Lopez\n  kind: person\n"), []);
  assert.deepEqual(bad("aide:\n  anonymous: true\n  described_as: an aide\n"), [], "anonymous actors need no name");
  assert.notDeepEqual(bad("lopez:\n  kind: person\n"), [], "name is required");
  assert.notDeepEqual(bad("helper:\n  name: H\n  kind: wizard\n"), [], "unknown kind");
  assert.notDeepEqual(bad("Bad_Id:\n  name: X\n"), [], "ids are lower case");
  assert.notDeepEqual(bad("x:\n  name: X\n  roles:\n    - org: '@y'\n"), [], "a role needs a title");
  assert.notDeepEqual(bad("x:\n  name: X\n  roles:\n    - title: T\n      from: May 2020\n"), [], "dates are YYYY-MM-DD");
  assert.notDeepEqual(bad("x:\n  name: X\n  wikidata: 42\n"), [], "wikidata is Q and digits");
  assert.deepEqual(bad("x:\n  name: X\n  custom_field: kept\n"), [], "unknown fields are allowed");
});
