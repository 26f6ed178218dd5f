#!/usr/bin/env bash
# Every fault of tests/Shop.EndToEnd.Tests/FaultTests.cs (kill -9 of each service and the gateway, the AWS endpoint cut
# for 20 s, a PostgreSQL fast restart, a poison message per queue, SIGTERM to each consuming service), against the
# whole shop as the AppHost starts it, RUNS times in a row (a fresh shop each time); writes bench/results/faults.md.
# About 12 minutes a run.
#   bash bench/faults.sh [RUNS]      (default 3)
# `dotnet test` runs two of them (SHOP_FAULTS=kill-ordering,aws-outage); SHOP_FAULTS=all runs every one there too.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build tests/Shop.EndToEnd.Tests --nologo -v q >/dev/null
status=0
for run in $(seq 1 "$runs"); do
  echo "run $run of $runs"
  started=$(date +%s)
  SHOP_RESULTS_DIR=$results/$run SHOP_FAULTS=all \
    dotnet test tests/Shop.EndToEnd.Tests --no-build --nologo -v q --filter "FullyQualifiedName~FaultTests" 2>&1 \
    | grep -E '^(Passed|Failed)!|^\s+Failed ' || status=$?
  echo $(( $(date +%s) - started )) > "$results/$run.seconds"
  [[ -f $results/$run/faults.md ]] || { echo "run $run wrote no results" >&2; exit 1; }
done

{
  echo "# Faults: orders streaming through kills, outages, restarts and poison"
  echo
  echo "Command: \`bash bench/faults.sh $runs\` ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores,"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), .NET SDK $(dotnet --version)), against the shop the AppHost starts (every"
  echo "service a real process, PostgreSQL and moto as local servers, the services reaching moto through a TCP proxy the test"
  echo "can cut). The test: \`tests/Shop.EndToEnd.Tests/FaultTests.cs\`; the faults, the order stream and the books:"
  echo "\`tests/Shop.EndToEnd.Tests/Faults/\`."
  echo
  echo "Each fault: 2 orders a second through the gateway on a fixed schedule (open loop) from 4 customers over 3 products"
  echo "whose stock covers about two thirds of what is asked, the card processor declining 10% of charges; the fault 5 s in;"
  echo "a client retries a POST with the same Idempotency-Key after a 5xx, a 429 or no answer, for up to 60 s. Then, once"
  echo "every accepted order is terminal (or after 3 minutes), the books from every service's database and the queues:"
  echo
  echo "- **lost**: accepted orders (a 2xx to the POST) that are not Confirmed or Cancelled;"
  echo "- **duplicated**: charges kept or payments succeeded beyond one per order, notifications beyond one per order, stock"
  echo "  moved beyond the confirmed lines;"
  echo "- also checked, and listed under a row when broken: stock moved equals the confirmed lines, exactly one kept charge"
  echo "  and one succeeded payment per confirmed order and none per cancelled one, one notification per finished order, every"
  echo "  outbox and queue empty, the DLQs holding the poison messages and nothing else, a SIGTERM'd service gone within 30 s"
  echo "  with exit code 0, no order created that no client saw accepted;"
  echo "- **recovered after**: from the fault's start until the first order placed after it finished (the saga works again);"
  echo "- **client 5xx / no answer**: answers of 5xx and requests with no answer (refused, reset, 15 s timeout) that the"
  echo "  stream's clients saw, retries included."
  for run in $(seq 1 "$runs"); do
    echo
    echo "## Run $run ($(cat "$results/$run.seconds") s)"
    echo
    echo "| fault | orders sent | accepted | confirmed | cancelled | lost | duplicated | recovered after | client 5xx | no answer | the fault |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    cat "$results/$run/faults.md"
  done
} > bench/results/faults.md
echo "wrote bench/results/faults.md"
exit $status
