// Renders media/screenshot.png: a Newsmark article tokenised by the real
// grammars (Markdown + YAML from tm-grammars, plus grammar/newsmark.tmLanguage.json)
// with VS Code's Dark+ theme, written as HTML and photographed by headless
// Chromium (Debian package `chromium`). Run: npm run screenshot [-- out.png]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(root, "..", "..");
const nm = (p) => join(root, "node_modules", p);
const out = process.argv[2] ?? join(root, "media", "screenshot.png");

const grammars = {
  "text.html.markdown": nm("tm-grammars/grammars/markdown.json"),
  "source.yaml": nm("tm-grammars/grammars/yaml.json"),
  "newsmark.markdown.injection": join(repo, "grammar", "newsmark.tmLanguage.json"),
};
await oniguruma.loadWASM(readFileSync(nm("vscode-oniguruma/release/onig.wasm")).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (p) => new oniguruma.OnigScanner(p),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scope) =>
    grammars[scope] ? textmate.parseRawGrammar(readFileSync(grammars[scope], "utf8"), grammars[scope]) : null,
  getInjections: (scope) => (scope === "text.html.markdown" ? ["newsmark.markdown.injection"] : []),
});
const theme = JSON.parse(readFileSync(nm("tm-themes/themes/dark-plus.json"), "utf8"));
const fg = theme.colors["editor.foreground"];
const bg = theme.colors["editor.background"];
registry.setTheme({ settings: [{ settings: { foreground: fg, background: bg } }, ...theme.tokenColors] });
const colors = registry.getColorMap();
const grammar = await registry.loadGrammar("text.html.markdown");

// An excerpt of the LA Times example, plus a block quote (the examples have none).
const article = readFileSync(join(repo, "examples", "latimes-blinken-mideast.news.md"), "utf8").split("\n");
const pick = (re) => article.find((l) => re.test(l));
const lines = [
  ...article.slice(0, article.indexOf("---", 1) + 1).filter((l) => !/^(url|language):/.test(l)),
  "",
  pick(/^\[President Biden\]/),
  "",
  pick(/^In a statement/),
  "",
  pick(/foreign terrorist organization/).replace(/ That means.*/, ""),
  "",
  pick(/^“I don’t think/),
  "",
  "> We will rebuild, together.",
  "> {@blinken via=post date=2021-05-25}",
];

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
let state = textmate.INITIAL;
const rows = lines.map((line, i) => {
  const r = grammar.tokenizeLine2(line, state);
  state = r.ruleStack;
  const t = r.tokens;
  let html = "";
  for (let k = 0; k < t.length; k += 2) {
    const start = t[k];
    const end = k + 2 < t.length ? t[k + 2] : line.length;
    const meta = t[k + 1];
    const color = colors[(meta >>> 15) & 0x1ff];
    const style = (meta >>> 11) & 0xf;
    const css = [`color:${color}`];
    if (style & 1) css.push("font-style:italic");
    if (style & 2) css.push("font-weight:bold");
    if (style & 4) css.push("text-decoration:underline");
    html += `<span style="${css.join(";")}">${esc(line.slice(start, end))}</span>`;
  }
  return `<div class="row"><span class="ln">${i + 1}</span><span class="code">${html || " "}</span></div>`;
});

const page = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:${bg};font:15px/1.5 "DejaVu Sans Mono",monospace;color:${fg}}
.bar{background:#2d2d2d;color:#ccc;font:13px "DejaVu Sans",sans-serif;padding:8px 16px;border-bottom:1px solid #111}
.bar b{color:#fff;font-weight:normal;background:${bg};padding:8px 14px;margin-left:-16px}
.ed{padding:10px 0}
.row{display:flex}
.ln{flex:0 0 44px;text-align:right;padding-right:18px;color:#858585;user-select:none}
.code{flex:1;white-space:pre-wrap;word-break:break-word;padding-right:20px}
</style><div class="bar"><b>latimes-blinken-mideast.news.md</b> &nbsp; Markdown · Newsmark</div>
<div class="ed">${rows.join("\n")}</div>`;

const dir = mkdtempSync(join(tmpdir(), "newsmark-shot-"));
const htmlPath = join(dir, "shot.html");
writeFileSync(htmlPath, page);
execFileSync(
  "chromium",
  ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--screenshot=${out}`, "--window-size=1100,850", `file://${htmlPath}`],
  { stdio: ["ignore", "ignore", "inherit"] },
);
console.log(`wrote ${out} (HTML: ${htmlPath})`);
