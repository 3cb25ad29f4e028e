#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command: bash test.sh
# First it executes the notebooks as a user runs them (installing Jupyter and the .NET kernel where missing), then the
# .NET tests, which include checks of the executed notebooks' outputs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bash scripts/run-notebooks.sh
dotnet test RxStreams.sln -c Release
