#!/usr/bin/env bash
# Hostile input and the authorization matrix, against the whole shop as the AppHost starts it (free ports, beside any
# running shop); writes bench/results/reliability.md. About 4 minutes with the default 5,000 requests.
#   bash bench/reliability.sh [REQUESTS] [SEED]      (defaults: 5000 requests, seed 20261202)
# The same tests run in `dotnet test` with 500 requests; SHOP_HOSTILE_REQUESTS / SHOP_HOSTILE_SEED set them there too.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-5000}
seed=${2:-20261202}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
SHOP_RESULTS_DIR=$results SHOP_HOSTILE_REQUESTS=$requests SHOP_HOSTILE_SEED=$seed \
  dotnet test tests/Shop.EndToEnd.Tests --nologo -v q \
  --filter "FullyQualifiedName~AuthMatrixTests|FullyQualifiedName~HostileInputTests" 2>&1 \
  | grep -E '^(Passed|Failed)!|^\s+Failed ' || status=$?
[[ -f $results/auth-matrix.md && -f $results/hostile-input.md ]] || { echo "the tests wrote no results" >&2; exit 1; }

{
  echo "# Reliability: hostile input and the authorization matrix"
  echo
  echo "Command: \`bash bench/reliability.sh $requests $seed\` ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores,"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), .NET SDK $(dotnet --version)), against the shop the AppHost starts: every service a real"
  echo "process, PostgreSQL and moto as local servers. The tests: \`tests/Shop.EndToEnd.Tests/AuthMatrixTests.cs\`,"
  echo "\`tests/Shop.EndToEnd.Tests/HostileInputTests.cs\` (the corpus generator is \`tests/Shop.EndToEnd.Tests/Hostile/\`)."
  echo
  echo "## Authorization matrix"
  echo
  echo "Every operation of the five services' OpenAPI documents × every kind of caller, through the gateway and at each"
  echo "service's own port; every cell equals the test's table of expected statuses (a differing cell would be bold, with the"
  echo "expected status beside it). Customer A owns the order and basket the routes name. The bad tokens are signed with"
  echo "the development issuer's own key (pinned for the test), carry the admin role, and are wrong in one way each."
  cat "$results/auth-matrix.md"
  echo
  echo "## Hostile input"
  echo
  echo "A seeded corpus through the gateway (families: invalid fields, invalid bodies, wrong content types, bad"
  echo "Idempotency-Keys, header abuse, path tricks, bad query strings, odd methods). Pass: no 5xx; every 4xx the"
  echo "application answers is ProblemDetails (Kestrel's own 431 for oversized headers has no body); no request to an"
  echo "endpoint that writes gets a 2xx (each is invalid in at least one way); and the row count and content hash of every"
  echo "table of every service's database, and every item of the DynamoDB tables, are the same after the run as before it."
  echo
  cat "$results/hostile-input.md"
  echo
  echo "## Faults"
  echo
  echo "Kills, SIGTERMs, the AWS endpoint cut, a PostgreSQL restart and poison messages under a stream of orders:"
  echo "\`bash bench/faults.sh\`, results in [faults.md](faults.md)."
} > bench/results/reliability.md
echo "wrote bench/results/reliability.md"
exit $status
