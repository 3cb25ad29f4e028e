#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command: bash test.sh
# First it executes the notebooks as a user runs them (installing Jupyter and the .NET kernel where missing), then the
# .NET tests, which include checks of the executed notebooks' outputs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bash scripts/run-notebooks.sh
# redis-server and PostgreSQL 15 for RxStreams.Services.Tests, which start their own instances on 127.0.0.1.
bash scripts/services/install.sh
dotnet test RxStreams.sln -c Release
