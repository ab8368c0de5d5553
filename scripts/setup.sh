#!/usr/bin/env bash
# Installs what claimcheck needs to build and test, from Debian's packages.
# Idempotent; run as root on a fresh Debian (bookworm) machine.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  libre2-dev libboost-program-options-dev libfmt-dev doctest-dev
  libtomlplusplus-dev nlohmann-json3-dev libsqlite3-dev libyaml-cpp-dev
  python3-jsonschema python3-yaml
  python3-dask python3-distributed
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
