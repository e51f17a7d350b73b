#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (src/browser-tests) when it is missing.
# Idempotent: does nothing when /usr/bin/chromium already runs. Needs root (CI and dev machines are root).
set -euo pipefail

if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
  echo "chromium present: $(/usr/bin/chromium --version)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core >/dev/null
echo "chromium installed: $(/usr/bin/chromium --version)"
