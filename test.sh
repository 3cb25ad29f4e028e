#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command: bash test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet test RxStreams.sln -c Release
