#!/usr/bin/env bash
# Runs every test: the native engine, format, command-line and chart tests,
# the component tests in headless Chromium, then the end-to-end tests against
# the release build. Installs whatever is missing first (scripts/install-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-tools.sh
# binaryen's wasm-opt from npm (Debian's breaks the wasm), trunk and wasm-bindgen from cargo.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

echo "==> fetching crates (trunk builds offline)"
cargo fetch --locked

echo "==> native tests (engine, formats, command line, charts on SVG)"
cargo test --locked --workspace

echo "==> component tests in headless Chromium (wasm-bindgen-test)"
cargo test --locked --target wasm32-unknown-unknown --test web

echo "==> release build of the app (trunk)"
trunk build --release

echo "==> end-to-end tests in headless Chromium (Playwright)"
node --test tests/e2e/
