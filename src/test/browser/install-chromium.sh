#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the console's browser tests (org.wsusremediator.console.*BrowserIT)
# when either is missing. Run as root on Debian. Idempotent; prints nothing on stdout. The tests find the two at
# /usr/bin/chromium and /usr/bin/chromedriver (REMEDIATOR_TEST_CHROMIUM / REMEDIATOR_TEST_CHROMEDRIVER override).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
echo "install-chromium: installing chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium chromium-driver >&2
chromium --version >&2
chromedriver --version >&2
