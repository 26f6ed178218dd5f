#!/usr/bin/env bash
# What each runtime setting of docker-compose.yml is worth on its own: one stack holds PostgreSQL, moto, the
# dashboard and one copy of a service per variant of its environment (the composed settings with one changed), all
# started together; 60 s after they are up, `docker stats` of each. Rounds start the copies in a rotated order.
# Writes bench/results/compose-settings.md. Needs a Docker engine; builds the service's image if missing.
#   bash bench/compose-settings.sh [ROUNDS] [SERVICE]     (default 3 rounds of ordering; about 2 minutes a round)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/docker-stats.sh
rounds=${1:-3}
service=${2:-ordering}
idle_seconds=${IDLE_SECONDS:-60}
variants=( # name|settings changed from docker-compose.yml's (KEY=VALUE, comma-separated; KEY= removes KEY)
  "as-composed|"
  "glibc-defaults|MALLOC_ARENA_MAX=,MALLOC_MMAP_THRESHOLD_="
  "arenas-only|MALLOC_MMAP_THRESHOLD_="
  "mmap-threshold-only|MALLOC_ARENA_MAX="
  "tiering-on|DOTNET_TieredCompilation=1"
  "metric-limit-2000|Telemetry__MetricCardinalityLimit=2000"
)
override=$(mktemp --suffix=.yml)
samples=$(mktemp)
compose() { docker compose -p shop-settings -f docker-compose.yml -f "$override" "$@"; }
trap 'compose down -v >/dev/null 2>&1 || true; rm -f "$override" "$samples"' EXIT

{
  echo "services:"
  echo "  aspire-dashboard: { ports: !override [] }"
  for variant in "${variants[@]}"; do
    IFS='|' read -r name changes <<< "$variant"
    echo "  $service-$name:"
    echo "    extends: { file: docker-compose.yml, service: $service }"
    echo "    image: shop-$service"
    echo "    environment:"
    echo "      OTEL_SERVICE_NAME: $service-$name"
    IFS=',' read -ra settings <<< "$changes"
    for setting in "${settings[@]}"; do
      if [[ $setting == *= ]]; then echo "      ${setting%=}: !reset null"; else echo "      ${setting%%=*}: \"${setting#*=}\""; fi
    done
  done
} > "$override"
names=(); for variant in "${variants[@]}"; do names+=("$service-${variant%%|*}"); done

docker image inspect "shop-$service" >/dev/null 2>&1 || docker compose build --quiet "$service"
for round in $(seq 1 "$rounds"); do
  compose down -v >/dev/null 2>&1
  compose up -d --wait postgres moto aspire-dashboard >/dev/null 2>&1
  shift_by=$(( round % ${#names[@]} ))
  compose up -d --no-build --no-deps --wait "${names[@]:shift_by}" "${names[@]:0:shift_by}" >/dev/null 2>&1 \
    || { echo "round $round: a copy did not become healthy" >&2; compose ps -a >&2; exit 1; }
  sleep "$idle_seconds"
  docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | memory_mib | awk -v prefix="shop-settings-$service-" '
    index($1, prefix) == 1 { name = substr($1, length(prefix) + 1); sub(/-1$/, "", name); print name, $2 }' >> "$samples"
  echo "round $round sampled"
done

{
  echo "# What each runtime setting is worth on its own"
  echo
  echo "Command: \`bash bench/compose-settings.sh $rounds $service\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD), $(nproc) cores):"
  echo "one stack per round with one copy of $service per variant, all started together, sampled ${idle_seconds} s later. MEM USAGE"
  echo "of \`docker stats\` in MiB, median of $rounds rounds [min-max]. \`KEY=\`: the setting removed, so its default applies."
  echo
  echo "| variant | changed from docker-compose.yml | idle |"
  echo "|---|---|---|"
  for variant in "${variants[@]}"; do
    IFS='|' read -r name changes <<< "$variant"
    cell=$(awk -v n="$name" '$1 == n { print $2 }' "$samples" | median_range)
    echo "| $name | ${changes:-nothing} | $cell |"
  done
} > bench/results/compose-settings.md
cat bench/results/compose-settings.md
