#!/usr/bin/env bash
# CI: renders `newsmark report examples/` in headless Chromium (Debian's
# `chromium`, installed with apt when missing) through npm puppeteer-core
# (which downloads no browser). Fails on a console error or warning, an
# uncaught exception, a request beyond the page, or tables that do not sort.
# Writes the page and a full-page screenshot to target/ci-artifacts/report/.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
out="$repo/target/ci-artifacts/report"
mkdir -p "$out"

if ! command -v chromium >/dev/null; then
  echo "installing chromium (apt)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --version

cargo run --quiet -- report examples/ --output "$out/examples.html"
cd "$repo/scripts/report-render"
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM="$(command -v chromium)" node render.mjs "$out/examples.html" "$out/examples.png"
