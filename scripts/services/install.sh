#!/usr/bin/env bash
# Installs what the RxStreams.Services.Tests need, where missing: Debian's redis-server (7) and PostgreSQL 15 (server
# binaries only: the tests start their own instances, on 127.0.0.1, on free ports, in a temporary directory; no service
# is enabled or started here). Prints where it found them. Fails, saying why, when they cannot be installed.
set -euo pipefail

log() { echo "services: $*"; }

postgres_bin=/usr/lib/postgresql/15/bin
missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x "$postgres_bin/postgres" ] && [ -x "$postgres_bin/initdb" ] || missing+=(postgresql-15)

if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { log "installing ${missing[*]} needs root or sudo; the services tests cannot run without them" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    log "installing ${missing[*]}"
    # Debian's postgresql-15 post-install creates and starts a 'main' cluster on port 5432: the tests never use it, so
    # keep it from starting (policy-rc.d), and leave the machine's services as they were.
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
        "${sudo_cmd[@]}" chmod +x "$policy"
        created_policy=1
    fi
    status=0
    { "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq \
        && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || status=$?
    [ "$created_policy" -eq 0 ] || "${sudo_cmd[@]}" rm -f "$policy"
    if [ "$status" -ne 0 ]; then
        log "apt-get could not install ${missing[*]} (exit $status); the services tests need them" >&2
        exit 1
    fi
fi

redis=$(command -v redis-server || echo /usr/bin/redis-server)
[ -x "$redis" ] || { log "redis-server is still missing after the install" >&2; exit 1; }
[ -x "$postgres_bin/postgres" ] || { log "$postgres_bin/postgres is still missing after the install" >&2; exit 1; }
log "$("$redis" --version | cut -d' ' -f1-3), $("$postgres_bin/postgres" --version)"
