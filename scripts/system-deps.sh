#!/usr/bin/env bash
# System packages the test suite uses for real parts: Debian's Chromium (dashboard tests
# through Playwright) and PostgreSQL (the team database backend). Installed when missing
# and when we can (root + apt); otherwise those tests skip with a message saying why.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: cannot install ${need[*]} (not root or no apt-get); their tests will be skipped" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
  || echo "system-deps: apt-get install ${need[*]} failed; their tests will be skipped" >&2
exit 0
