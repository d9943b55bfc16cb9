// Bundles the extension with esbuild into dist/extension.js and copies the
// injection grammar from grammar/ (its one source) into syntaxes/.
// `node scripts/build.mjs --tests` bundles the unit tests into out/test/ instead.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tests = process.argv.includes("--tests");

if (tests) {
  const entries = readdirSync(join(root, "test"))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => join(root, "test", f));
  await build({
    entryPoints: entries,
    outdir: join(root, "out", "test"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    external: ["vscode"],
    logLevel: "warning",
  });
} else {
  await build({
    entryPoints: [join(root, "src", "extension.ts")],
    outfile: join(root, "dist", "extension.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    sourcemap: true,
    external: ["vscode"],
    logLevel: "warning",
  });
  mkdirSync(join(root, "syntaxes"), { recursive: true });
  copyFileSync(join(root, "..", "..", "grammar", "newsmark.tmLanguage.json"), join(root, "syntaxes", "newsmark.tmLanguage.json"));
  console.log("built dist/extension.js and syntaxes/newsmark.tmLanguage.json");
}
