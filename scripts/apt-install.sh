#!/usr/bin/env bash
# Installs the Debian packages it is given that are not installed yet (as root, or with sudo); prints what it does.
#   bash scripts/apt-install.sh WHO PACKAGE...   (WHO prefixes the messages, e.g. run-notebooks)
set -euo pipefail
who="$1"
shift
missing=()
for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "$who: $* already installed"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "$who: installing ${missing[*]} needs root or sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
echo "$who: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
