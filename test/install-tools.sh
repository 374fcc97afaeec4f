#!/usr/bin/env bash
# Installs the Debian tools the tests talk to (dig, kdig, nsd, knotd, named, unbound, BIND's and ldns' zone tools) when they are missing.
# The tests use real peers, never mocks; this keeps `npm test` working on a fresh Debian machine.
set -u
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
have dig || need+=(bind9-dnsutils)
have kdig || need+=(knot-dnsutils)
have nsd || need+=(nsd)
have nsd-checkzone || need+=(nsd)
have named-compilezone || need+=(bind9-utils)
have ldns-read-zone || need+=(ldnsutils)
have unbound || need+=(unbound)
# The transfer tests run NSD, Knot and BIND as primaries and secondaries of tsdns.
have knotd || need+=(knot)
have named || need+=(bind9)
[ ${#need[@]} -eq 0 ] && exit 0
echo "test tools missing, installing: ${need[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "error: the tests need ${need[*]} (Debian packages) and this user cannot apt-get install them; install them as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "error: apt-get could not install ${need[*]}; the tests need them" >&2
  exit 1
fi
# Debian starts nsd after installing it; the tests start their own instances on their own ports.
if command -v systemctl >/dev/null 2>&1; then systemctl stop nsd >/dev/null 2>&1 || true; fi
# The same for unbound (the DNSSEC test runs its own validating resolver).
if command -v systemctl >/dev/null 2>&1; then systemctl stop unbound >/dev/null 2>&1 || true; fi
# And for knot and named (the transfer tests run their own on their own ports).
if command -v systemctl >/dev/null 2>&1; then systemctl stop knot named >/dev/null 2>&1 || true; fi
pkill -x nsd >/dev/null 2>&1 || true
pkill -x knotd >/dev/null 2>&1 || true
pkill -x named >/dev/null 2>&1 || true
exit 0
