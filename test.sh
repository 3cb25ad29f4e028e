#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command: bash test.sh
# First it executes the notebooks and the file-based apps as a user runs them (installing Jupyter, the .NET kernel and
# Chromium where missing) and looks at them in a headless browser, then the .NET tests, which include checks of the
# executed notebooks' outputs, the apps' pages and what the browser drew.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bash scripts/run-notebooks.sh
# The file-based apps in samples/apps, each writing its HTML page; then every notebook and page in headless Chromium
# (screenshots, and the DOM the tests check for drawn charts).
bash scripts/run-apps.sh
bash scripts/screenshots.sh
# redis-server and PostgreSQL 15 for RxStreams.Services.Tests, which start their own instances on 127.0.0.1. When they
# cannot be installed the other tests still run; those tests then fail, saying the servers are missing.
bash scripts/services/install.sh || echo "test.sh: redis-server/PostgreSQL 15 could not be installed: RxStreams.Services.Tests will fail" >&2
dotnet test RxStreams.sln -c Release
# The core suite once more with batching off (RXSTREAMS_BATCHING=off): every pipeline then runs one element at a time,
# so each test holds on both paths (the run above takes batches wherever a source offers them).
RXSTREAMS_BATCHING=off dotnet test tests/RxStreams.Tests -c Release --no-build
