#!/usr/bin/env bash
# The messaging benchmark: pipeline vs. raw SQS SDK on one moto server; writes bench/results/messaging.md.
# Options (e.g. --burst 500 --rounds 3): bash bench/messaging.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Shop.Bench.Messaging -- "$@"
