#!/usr/bin/env bash
# The gateway benchmark: the backend alone, the gateway, nginx and HAProxy side by side; writes bench/results/gateway.md.
# Options (e.g. --rounds 3 --seconds 5): bash bench/gateway.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in nginx haproxy; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: apt-get install nginx-light haproxy" >&2; exit 2; }
done
dotnet build -c Release -v q --nologo gateway/Shop.Gateway
dotnet build -c Release -v q --nologo bench/Shop.Bench.Backend
dotnet build -c Release -v q --nologo bench/Shop.Bench.BareYarp
dotnet run -c Release --project bench/Shop.Bench.Gateway -- "$@"
