// Loads the esbuild bundle (dist/extension.js, from `npm run build`) with a
// stand-in `vscode` module: the bundle resolves all its imports, exports
// activate/deactivate, and activating in a workspace with no Newsmark file
// registers the commands and starts no server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Module from "node:module";

const bundle = join(__dirname, "..", "..", "dist", "extension.js");

/** Any property is another stand-in; calls and `new` return stand-ins too. */
function standIn(record: string[], path = "vscode"): unknown {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === "then") return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === "length") return 0;
      if (prop === "some") return () => false;
      if (prop === "map" || prop === "filter") return () => [];
      if (prop === "workspaceFolders") return undefined;
      return standIn(record, `${path}.${String(prop)}`);
    },
    set() {
      return true;
    },
    apply(_t, _this, args) {
      record.push(`${path}(${args.map((a) => (typeof a === "string" ? JSON.stringify(a) : typeof a)).join(", ")})`);
      if (path.endsWith("findFiles")) return Promise.resolve([]);
      return standIn(record, `${path}()`);
    },
    construct() {
      return standIn(record, `new ${path}`) as object;
    },
  });
}

test("the bundle loads and activates without a Newsmark file", { skip: !existsSync(bundle) && "run `npm run build` first" }, async () => {
  const calls: string[] = [];
  // A plain object with every name the real module exports (read from
  // @types/vscode): the bundle's `import * as vscode` copies its own keys.
  const dts = readFileSync(join(__dirname, "..", "..", "node_modules", "@types", "vscode", "index.d.ts"), "utf8");
  const names = new Set([...dts.matchAll(/^\s*export (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]));
  assert.ok(names.has("window") && names.has("CompletionItem"), "could not read @types/vscode");
  const vscode = Object.fromEntries([...names].map((k) => [k, standIn(calls, `vscode.${k}`)]));
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? vscode : original.call(this, request, ...rest);
  };
  try {
    const ext = require(bundle);
    assert.equal(typeof ext.activate, "function");
    assert.equal(typeof ext.deactivate, "function");
    const context = { subscriptions: [] as unknown[] };
    await ext.activate(context);
    assert.ok(calls.some((c) => c.startsWith('vscode.commands.registerCommand("newsmark.restartServer"')), calls.join("\n"));
    assert.ok(calls.some((c) => c.startsWith("vscode.workspace.findFiles(")), "the workspace was not searched");
    assert.ok(!calls.some((c) => c.includes("createFileSystemWatcher")), "a client was started");
    assert.ok(!calls.some((c) => c.includes("showErrorMessage")), "an error was shown");
    assert.ok(context.subscriptions.length > 0);
    await ext.deactivate();
  } finally {
    M._load = original;
  }
});
