#!/usr/bin/env bash
# Looks at what users see: renders each executed notebook (artifacts/notebooks, from scripts/run-notebooks.sh) to HTML
# and loads it, and each app page (artifacts/apps, from scripts/run-apps.sh), in headless Chromium, offline. For each
# it writes into artifacts/screenshots a PNG screenshot and the page's DOM after its scripts ran (NAME.dom.html), which
# tests/RxStreams.Interactive.Tests reads to check that every chart was actually drawn by plotly.js.
# Installs Debian's chromium when it is missing (needs root, or sudo).
#   --update-docs  also copies the screenshots the README shows into docs/images.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

output_dir="artifacts/screenshots"
log() { echo "screenshots: $*"; }

bash scripts/apt-install.sh screenshots chromium
jupyter=/usr/bin/jupyter
[ -x "$jupyter" ] || jupyter=jupyter

shopt -s nullglob
notebooks=(artifacts/notebooks/*.ipynb)
pages=(artifacts/apps/*.html)
if [ "${#notebooks[@]}" -eq 0 ] || [ "${#pages[@]}" -eq 0 ]; then
    log "nothing to look at: run scripts/run-notebooks.sh and scripts/run-apps.sh first" >&2
    exit 1
fi

rm -rf "$output_dir"
mkdir -p "$output_dir/html"

# Headless Chromium as root needs --no-sandbox; no network is used (the pages carry plotly.js themselves).
# --virtual-time-budget lets the pages' scripts (plotly.js draws each chart) finish before the capture.
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
        --virtual-time-budget=15000)

shoot() { # page (file), name, height in pixels
    local page="$1" name="$2" height="$3"
    # One load of the page gives both: the screenshot, and the DOM on standard output.
    "${chrome[@]}" --window-size="1200,$height" --screenshot="$PWD/$output_dir/$name.png" --dump-dom "file://$page" \
        2>/dev/null >"$output_dir/$name.dom.html"
    [ -s "$output_dir/$name.png" ] && [ -s "$output_dir/$name.dom.html" ] || { log "no screenshot of $page" >&2; return 1; }
    log "ok      $name"
}

for notebook in "${notebooks[@]}"; do
    name="$(basename "$notebook" .ipynb)"
    "$jupyter" nbconvert --to html --output-dir "$output_dir/html" "$notebook" >"$output_dir/html/$name.log" 2>&1 ||
        { log "nbconvert --to html failed for $notebook:" >&2; tail -20 "$output_dir/html/$name.log" >&2; exit 1; }
    shoot "$PWD/$output_dir/html/$name.html" "$name" 7000
done

for page in "${pages[@]}"; do
    name="$(basename "$page" .html)"
    case "$name" in # the page's height, so that the screenshot has no blank tail
        page-views) height=2100 ;;
        why-no-window) height=1450 ;;
        *) height=2400 ;;
    esac
    shoot "$PWD/$page" "app-$name" "$height"
done

if [ "${1:-}" = "--update-docs" ]; then
    mkdir -p docs/images
    cp "$output_dir/app-page-views.png" docs/images/page-views.png
    cp "$output_dir/app-why-no-window.png" docs/images/why-no-window.png
    log "updated docs/images"
fi
log "screenshots and rendered DOMs are in $output_dir"
