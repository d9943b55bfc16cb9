// Runs vscode-tmgrammar-test over grammar/tests/*.test.md: the Newsmark
// injection (grammar/newsmark.tmLanguage.json) on top of the Markdown and YAML
// grammars of the tm-grammars package. The warnings about embedded languages
// the Markdown grammar cannot find (fenced code in 60 languages) are dropped.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const grammarDir = join(root, "..", "..", "grammar");
const tmGrammars = join(root, "node_modules", "tm-grammars");
const cli = join(root, "node_modules", "vscode-tmgrammar-test", "dist", "unit.js");

const r = spawnSync(
  process.execPath,
  [
    cli,
    "--config", join(grammarDir, "tests", "grammars.json"),
    "-g", join(tmGrammars, "grammars", "markdown.json"),
    "-g", join(tmGrammars, "grammars", "yaml.json"),
    join(grammarDir, "tests", "*.test.md"),
  ],
  { encoding: "utf8", timeout: 120_000 },
);
const keep = (s) => (s ?? "").split("\n").filter((l) => !/^grammar not found for /.test(l)).join("\n");
process.stdout.write(keep(r.stdout));
process.stderr.write(keep(r.stderr));
if (r.error) {
  console.error(`grammar tests did not run: ${r.error.message}`);
  process.exit(1);
}
const passed = (r.stdout.match(/run successfuly/g) ?? []).length;
const failed = (r.stdout.match(/^✖/gm) ?? []).length;
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
