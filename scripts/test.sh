#!/usr/bin/env bash
# Runs every test: the native engine, codec and chart tests, then (once the
# web app exists) the wasm component tests and the end-to-end browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> native tests (engine, formats, command line)"
cargo test --locked
