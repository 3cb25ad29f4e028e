#!/usr/bin/env bash
# Executes every notebook in notebooks/ headlessly with the .NET (C#) Jupyter kernel, as a user runs them, and writes
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
if ! dpkg -s "${apt_packages[@]}" >/dev/null 2>&1; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { log "installing ${apt_packages[*]} needs root or sudo" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    log "installing ${apt_packages[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${apt_packages[@]}" >/dev/null
else
    log "Jupyter packages already installed"
fi
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

# 5. Execute every notebook; its kernel runs in notebooks/, so ../artifacts/packages is the package folder.
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

if [ "${#failed[@]}" -gt 0 ]; then
    log "${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
    exit 1
fi
log "all notebooks ran; executed copies are in $output_dir"
