#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080/, opening on
# the embedded example. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-tools.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cargo fetch --locked
exec trunk serve --release "$@"
