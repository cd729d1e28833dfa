#!/usr/bin/env bash
# Install Debian's chromium (headless browser for the HTML-report and viewer.html tests) if no Chromium is on PATH.
# Idempotent; never fails the caller: without root/apt it prints what to install and returns 0.
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$name" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing chromium (Debian package) for the HTML report and viewer tests"
  if (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)); then
    exit 0
  fi
fi
echo "setup: chromium not found and not installable here; install it (Debian: apt-get install -y chromium) for the HTML report and viewer tests" >&2
exit 0
