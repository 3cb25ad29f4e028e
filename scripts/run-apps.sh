#!/usr/bin/env bash
# Runs every file-based app in samples/apps (dotnet run app.cs, the path Microsoft recommends for C# without a
# notebook) as a user runs it, each writing its HTML page into artifacts/apps. Needs the packages that
# scripts/pack-local.sh writes (scripts/run-notebooks.sh packs them first; this packs them when they are missing).
# Fails when any app fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

output_dir="artifacts/apps"
if ! ls artifacts/packages/RxStreams.Interactive.*.nupkg >/dev/null 2>&1; then
    bash scripts/pack-local.sh
fi

rm -rf "$output_dir"
mkdir -p "$output_dir"
failed=()
for app in samples/apps/*.cs; do
    name="$(basename "$app" .cs)"
    start=$SECONDS
    if dotnet run "$app" -- "$output_dir" >"$output_dir/$name.log" 2>&1; then
        echo "run-apps: ok      $name.cs ($((SECONDS - start)) s)"
    else
        echo "run-apps: FAILED  $name.cs ($((SECONDS - start)) s); its log:" >&2
        tail -30 "$output_dir/$name.log" >&2
        failed+=("$name.cs")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "run-apps: ${#failed[@]} app(s) failed: ${failed[*]}" >&2
    exit 1
fi
echo "run-apps: all apps ran; their pages are in $output_dir"
