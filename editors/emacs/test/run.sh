#!/usr/bin/env bash
# Checks editors/emacs/newsmark.el with eglot in batch Emacs against the real
# server. Needs Emacs 29+ with the markdown-mode and yaml-mode packages (Debian
# bookworm: apt-get install -t bookworm-backports emacs-nox elpa-markdown-mode
# elpa-yaml-mode). editors/ci.sh installs them (as root) and runs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
command -v emacs >/dev/null || { echo "error: emacs is not installed" >&2; exit 1; }
bin="${NEWSMARK_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$repo" && cargo build --quiet --bin newsmark)
  bin="$repo/target/debug/newsmark"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$repo/examples" "$tmp/ws"
sed -i 's/\[Qatar\](@qatar)/[Qatar](@qatarr)/' "$tmp/ws/latimes-blinken-mideast.news.md"
HOME="$tmp" timeout 120 emacs --batch -Q -l "$here/e2e.el" "$tmp/ws" "$(dirname "$bin")" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
