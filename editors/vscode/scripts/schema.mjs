// The registry JSON Schema (schemas/actors.schema.json) against the server's
// canonical one, printed by `newsmark schema actors`.
//   node scripts/schema.mjs --check [BIN]   exit 1 when they differ
//   node scripts/schema.mjs --write [BIN]   regenerate the file from BIN
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, "schemas", "actors.schema.json");
const [mode, bin = "newsmark"] = process.argv.slice(2);
const canonical = JSON.parse(execFileSync(bin, ["schema", "actors"], { encoding: "utf8" }));

if (mode === "--write") {
  writeFileSync(file, JSON.stringify(canonical, null, 2) + "\n");
  console.log(`wrote ${file} from \`${bin} schema actors\``);
} else if (mode === "--check") {
  const ours = JSON.parse(readFileSync(file, "utf8"));
  if (!isDeepStrictEqual(ours, canonical)) {
    console.error(`${file} differs from \`${bin} schema actors\`; regenerate it: node scripts/schema.mjs --write ${bin}`);
    process.exit(1);
  }
  console.log(`schemas/actors.schema.json matches \`${bin} schema actors\``);
} else {
  console.error("usage: node scripts/schema.mjs --check|--write [newsmark binary]");
  process.exit(2);
}
