#!/usr/bin/env bash
# Installs the Debian packages tangle needs, and only those that are missing.
# Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache python3 python3-psutil
  clang-14 llvm-14-dev llvm-14-tools libclang-14-dev libclang-rt-14-dev
  libz3-dev libgtest-dev libgmock-dev libbenchmark-dev
  # testcases/html renders the --html reports in headless Chromium, with a
  # font for the Chinese ones (--lang zh).
  chromium fonts-wqy-microhei
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "tangle: installing missing packages: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "tangle: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
