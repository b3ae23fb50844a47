#!/usr/bin/env bash
# Checks the Debian packages the test suite needs (chromium for browser tests, gdal-bin for the OGC API client
# test, fonts-noto-cjk so Chinese renders in screenshots, postgresql for the incident store's two-replica test) and
# installs the missing ones when run as root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for the test suite: ${need[*]} (apt-get, about a minute)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
echo "Installed: ${need[*]}" >&2
