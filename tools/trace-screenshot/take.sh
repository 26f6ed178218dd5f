#!/usr/bin/env bash
# Places one order through the gateway of the running compose stack with a trace id of our choosing, waits until the
# dashboard holds the whole saga, and screenshots the trace: docs/images/order-trace.png.
# Needs `docker compose up` running, Node.js, and Chromium (Debian: apt-get install chromium).
#   bash tools/trace-screenshot/take.sh [GATEWAY_URL] [DASHBOARD_URL]
set -euo pipefail
cd "$(dirname "$0")"
gateway=${1:-http://127.0.0.1:8080}
dashboard=${2:-http://127.0.0.1:18888}
npm ci --silent --no-audit --no-fund

token() { curl -sf -X POST "$gateway/dev/token" -H 'Content-Type: application/json' -d "$1" | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token'; }
customer=$(token '{"sub":"screenshot"}')
trace=$(node -pe 'require("crypto").randomBytes(16).toString("hex")')
parent=$(node -pe 'require("crypto").randomBytes(8).toString("hex")')

curl -sf -X POST "$gateway/api/orders" -H "Authorization: Bearer $customer" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $trace" -H "traceparent: 00-$trace-$parent-01" \
  -d '{"items":[{"productId":21,"quantity":1}],"shippingAddress":{"line1":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"}}' >/dev/null

# The order is done when notification (the saga's last hop) has reported its span.
for _ in $(seq 60); do
  curl -sf "$dashboard/api/telemetry/traces/$trace" | grep -q '"stringValue":"notification"' && break
  sleep 1
done
sleep 3
node screenshot.mjs "$dashboard/traces/detail/$trace" ../../docs/images/order-trace.png 1900
echo "trace $trace: docs/images/order-trace.png"
