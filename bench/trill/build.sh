#!/usr/bin/env bash
# Builds Microsoft Trill (Microsoft.StreamProcessing.dll) from its public source at a pinned commit, for the Trill variant
# of bench/RxStreams.Compare.Bench (bench/COMPARE.md). Trill's NuGet package is not served by the registry here.
#
#   bash bench/trill/build.sh            # -> bench/trill/out/Microsoft.StreamProcessing.dll (and its dependencies)
#
# Needs: the .NET 10 SDK, the NuGet registry, and a git clone (bare or not) of github.com/microsoft/Trill that holds the
# pinned commit, at $TRILL_GIT_DIR (default: /work/.mirror/microsoft+Trill/repo). Without it the script stops with a
# message; the bench then builds and runs without the Trill variant.
set -euo pipefail

TRILL_COMMIT=b3d6b9bb48fad935d3a862ef0a0b072b80a647fb   # microsoft/Trill master, "Merge pull request #178"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
git_dir="${TRILL_GIT_DIR:-/work/.mirror/microsoft+Trill/repo}"
work="$here/.work"
out="$here/out"

if ! git --git-dir="$git_dir" cat-file -e "$TRILL_COMMIT^{commit}" 2>/dev/null; then
  if [ -d "$git_dir/.git" ] && git --git-dir="$git_dir/.git" cat-file -e "$TRILL_COMMIT^{commit}" 2>/dev/null; then
    git_dir="$git_dir/.git"
  else
    echo "bench/trill/build.sh: no clone of microsoft/Trill with commit $TRILL_COMMIT at '$git_dir'." >&2
    echo "  Set TRILL_GIT_DIR to a clone of https://github.com/microsoft/Trill that has that commit and run again." >&2
    echo "  Without it, bench/RxStreams.Compare.Bench builds and runs without the Trill variant." >&2
    exit 1
  fi
fi

rm -rf "$work" "$out"
mkdir -p "$work"
git --git-dir="$git_dir" archive --format=tar "$TRILL_COMMIT" Sources/CommonAssemblyInfo.cs Sources/Core/Microsoft.StreamProcessing \
  | tar -x -C "$work"
# Keep this repository's Directory.Build.props/.targets (and Trill's own, which sign with a key file and add StyleCop)
# out of the build: MSBuild stops at the first file of each name it finds walking up.
printf '<Project />\n' > "$work/Directory.Build.props"
printf '<Project />\n' > "$work/Directory.Build.targets"
proj_dir="$work/Sources/Core/Microsoft.StreamProcessing"
rm "$proj_dir/Microsoft.StreamProcessing.csproj"
cp "$here/Microsoft.StreamProcessing.csproj" "$proj_dir/"

dotnet build "$proj_dir/Microsoft.StreamProcessing.csproj" -c Release -nologo -v q -o "$out"
echo "bench/trill/build.sh: built $out/Microsoft.StreamProcessing.dll from microsoft/Trill@$TRILL_COMMIT"
