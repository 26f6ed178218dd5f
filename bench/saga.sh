#!/usr/bin/env bash
# The saga benchmark: orders at fixed arrival rates through the gateway of the shop the README's run command starts;
# writes bench/results/saga.md. Needs ports 8080, 4566, 5101-5105, 5432 and 18888 free (it starts the shop itself).
# Options (e.g. --rates 2,5 --seconds 20): bash bench/saga.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -v q --nologo tools/Shop.AppHost
dotnet run -c Release --project bench/Shop.Bench.Saga -- "$@"
