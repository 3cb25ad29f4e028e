#!/usr/bin/env bash
# Executes every notebook in notebooks/ headlessly with the .NET (C#) Jupyter kernel, as a user runs them, then a
# brand-new notebook outside the repository that loads the library as the README shows, and writes
# the executed copies (with their outputs) to artifacts/notebooks. Fails when any cell of any notebook fails.
#
# On a fresh Debian machine it first installs what is missing, and skips what is already there:
#   - Debian's jupyter-nbconvert, python3-nbclient and python3-ipykernel (needs root, or sudo),
#   - the Microsoft.dotnet-interactive global tool at the version RxStreams.Interactive is built against,
#   - the .NET kernels for Jupyter (dotnet interactive jupyter install).
# Then it packs RxStreams and RxStreams.Interactive into artifacts/packages (scripts/pack-local.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Keep in step with the Microsoft.DotNet.Interactive version in src/RxStreams.Interactive/RxStreams.Interactive.csproj.
interactive_tool_version="1.0.712001"
apt_packages=(jupyter-nbconvert python3-nbclient python3-ipykernel)
output_dir="artifacts/notebooks"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export PATH="$HOME/.dotnet/tools:$PATH"

log() { echo "run-notebooks: $*"; }

# 1. Jupyter (Debian packages).
bash scripts/apt-install.sh run-notebooks "${apt_packages[@]}"
jupyter=/usr/bin/jupyter
[ -x "$jupyter" ] || jupyter=jupyter

# 2. The dotnet-interactive global tool, at the pinned version.
installed_tool_version="$(dotnet tool list -g | awk 'tolower($1) == "microsoft.dotnet-interactive" { print $2 }')"
if [ "$installed_tool_version" = "$interactive_tool_version" ]; then
    log "dotnet-interactive $interactive_tool_version already installed"
elif [ -n "$installed_tool_version" ]; then
    log "updating dotnet-interactive $installed_tool_version to $interactive_tool_version"
    dotnet tool update -g Microsoft.dotnet-interactive --version "$interactive_tool_version" >/dev/null
else
    log "installing dotnet-interactive $interactive_tool_version"
    dotnet tool install -g Microsoft.dotnet-interactive --version "$interactive_tool_version" >/dev/null
fi

# 3. The .NET kernels for Jupyter. The installer writes into the user's kernels folder, which must exist.
kernels_dir="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
if [ ! -f "$kernels_dir/.net-csharp/kernel.json" ]; then
    log "installing the .NET Jupyter kernels into $kernels_dir"
    mkdir -p "$kernels_dir"
    dotnet interactive jupyter install >/dev/null
    [ -f "$kernels_dir/.net-csharp/kernel.json" ] || { log "the .NET (C#) kernel was not installed into $kernels_dir" >&2; exit 1; }
else
    log ".NET (C#) Jupyter kernel already installed"
fi

# 4. The packages the notebooks load.
bash scripts/pack-local.sh

# 5. Execute every notebook; its kernel runs in notebooks/, whose NuGet.config names ../artifacts/packages as a package source.
rm -rf "$output_dir"
mkdir -p "$output_dir"
failed=()
for notebook in notebooks/*.ipynb; do
    name="$(basename "$notebook")"
    start=$SECONDS
    if "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --ExecutePreprocessor.kernel_name=.net-csharp --output-dir "$output_dir" "$notebook" \
        >"$output_dir/${name%.ipynb}.log" 2>&1; then
        log "ok      $name ($((SECONDS - start)) s)"
    else
        log "FAILED  $name ($((SECONDS - start)) s); its log:" >&2
        sed -n '/CellExecutionError/,$p' "$output_dir/${name%.ipynb}.log" | grep -v -E '^(info:|      )' | tail -40 >&2
        failed+=("$name")
    fi
done

# 6. A brand-new notebook outside the repository that loads the library exactly as the README's Notebooks section shows
#    (its block after "<!-- new-notebook -->", with /path/to/RxStreams replaced by this clone's absolute path).
fresh_dir="$(mktemp -d)"
python3 - "$PWD" "$fresh_dir/new-notebook.ipynb" <<'PY'
import json, re, sys
root, target = sys.argv[1], sys.argv[2]
readme = open(f"{root}/README.md", encoding="utf-8").read()
load = re.search(r"<!-- new-notebook -->\s*```[a-z]*\n(.*?)\n```", readme, re.S).group(1).replace("/path/to/RxStreams", root)
use = 'using System.Reactive.Linq;\nusing RxStreams;\nusing RxStreams.Testing;\nStreamDescription.Parse("a@1000 a@2000 W5000").ToObservable().KeyBy(x => x)\n    .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count().Values().FirstAsync().Wait()'
cell = lambda source: {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
notebook = {"cells": [cell(load), cell(use)], "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 5}
json.dump(notebook, open(target, "w", encoding="utf-8"), indent=1)
PY
mkdir -p "$output_dir/fresh"
start=$SECONDS
if "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.kernel_name=.net-csharp --output-dir "$output_dir/fresh" "$fresh_dir/new-notebook.ipynb" \
    >"$output_dir/fresh/new-notebook.log" 2>&1; then
    log "ok      a new notebook in $fresh_dir ($((SECONDS - start)) s)"
else
    log "FAILED  a new notebook in $fresh_dir ($((SECONDS - start)) s); its log:" >&2
    sed -n '/CellExecutionError/,$p' "$output_dir/fresh/new-notebook.log" | grep -v -E '^(info:|      )' | tail -40 >&2
    failed+=("new-notebook.ipynb")
fi
rm -rf "$fresh_dir"

if [ "${#failed[@]}" -gt 0 ]; then
    log "${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
    exit 1
fi
log "all notebooks ran; executed copies are in $output_dir"
