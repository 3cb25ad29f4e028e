#!/usr/bin/env bash
# Packs RxStreams and RxStreams.Interactive into a local package folder with a fixed version, for notebooks:
#   #i "nuget: <repo>/artifacts/packages"
#   #r "nuget: RxStreams.Interactive, 0.1.0-local"
# RxStreams.Interactive carries its kernel extension under interactive-extensions/dotnet, RxStreams its analyzer under
# analyzers/dotnet/cs.
#
# Environment: RXSTREAMS_PACKAGE_VERSION (default 0.1.0-local), RXSTREAMS_PACKAGES (default artifacts/packages),
# RXSTREAMS_BUILD_ARTIFACTS (dotnet --artifacts-path, default artifacts/pack-build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="${RXSTREAMS_PACKAGE_VERSION:-0.1.0-local}"
packages="${RXSTREAMS_PACKAGES:-$PWD/artifacts/packages}"
build="${RXSTREAMS_BUILD_ARTIFACTS:-$PWD/artifacts/pack-build}"

rm -rf "$packages"
mkdir -p "$packages"
for project in src/RxStreams/RxStreams.csproj src/RxStreams.Interactive/RxStreams.Interactive.csproj; do
    dotnet pack "$project" -c Release -nologo -v q -p:Version="$version" -o "$packages" --artifacts-path "$build"
done

# The version is fixed, so NuGet would keep serving an older build of it from its global cache: drop that copy.
nuget_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$nuget_cache/rxstreams/$version" "$nuget_cache/rxstreams.interactive/$version"

require() { # package, file it must contain
    if ! python3 -c 'import sys, zipfile; sys.exit(0 if sys.argv[2] in zipfile.ZipFile(sys.argv[1]).namelist() else 1)' \
            "$packages/$1.$version.nupkg" "$2"; then
        echo "pack-local: $1.$version.nupkg lacks $2" >&2
        exit 1
    fi
}
require RxStreams.Interactive interactive-extensions/dotnet/RxStreams.Interactive.dll
require RxStreams analyzers/dotnet/cs/RxStreams.Analyzers.dll
echo "pack-local: packed RxStreams and RxStreams.Interactive $version into $packages"
