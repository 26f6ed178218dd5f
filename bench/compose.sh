#!/usr/bin/env bash
# The shop under docker compose: each image's size, and each .NET container's memory (docker stats) idle and after
# the end-to-end suite, with the runtime settings docker-compose.yml gives the services ("as composed") and with
# .NET's defaults (bench/compose-runtime-defaults.yml), in alternating rounds. Writes bench/results/compose.md.
# Needs a Docker engine, the .NET SDK, and 127.0.0.1:8080 and :18888 free. About 8 minutes per round plus 2 suites.
#   bash bench/compose.sh [ROUNDS]   (default 3; IDLE_SECONDS=60 is how long a fresh stack settles before the first of
#                                     IDLE_SAMPLES=6 idle samples, 10 s apart). The samples go to bench/results/compose-samples.txt;
#                                     when the end-to-end suite fails, the stack's logs go to /tmp/shop-compose-round<N>-<variant>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/docker-stats.sh
rounds=${1:-3}
idle_seconds=${IDLE_SECONDS:-60}
idle_samples=${IDLE_SAMPLES:-6}
services=(gateway catalog basket ordering payment notification)
samples=$(mktemp)
trap 'docker compose down -v >/dev/null 2>&1 || true; rm -f "$samples"' EXIT

compose() { # variant, compose arguments...
  local variant=$1; shift
  if [[ $variant == defaults ]]; then
    docker compose -f docker-compose.yml -f bench/compose-runtime-defaults.yml "$@"
  else
    docker compose "$@"
  fi
}

sample() { # variant, phase: appends "variant phase service MiB round time" for every .NET container
  docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | memory_mib | while read -r name mib; do
    local service=${name#shop-}; service=${service%-1}
    if [[ " ${services[*]} " == *" $service "* ]]; then echo "$1 $2 $service $mib $round $(date -u +%T)"; fi
  done >> "$samples"
}

end_to_end() { # variant: prints the summary, and each failed test with its message; on a failure keeps the stack's logs
  local log; log=$(mktemp)
  SHOP_GATEWAY_URL=http://127.0.0.1:8080 SHOP_DASHBOARD_URL=http://127.0.0.1:18888 \
    dotnet test tests/Shop.EndToEnd.Tests --nologo > "$log" 2>&1 || true
  grep -E '^(Passed|Failed)!|^\s+Failed ' "$log" || true
  grep -A8 'Error Message' "$log" | head -60 || true
  if grep -q '^Failed!' "$log"; then
    local stack_logs=/tmp/shop-compose-round$round-$1.log
    compose "$1" logs --no-color --timestamps > "$stack_logs" 2>&1 || true
    echo "the stack's logs: $stack_logs"
  fi
  rm -f "$log"
}

docker compose build --quiet
dotnet build -v q --nologo tests/Shop.EndToEnd.Tests | grep -E "error|rror\(s\)" || true

for round in $(seq 1 "$rounds"); do
  order=(composed defaults); (( round % 2 == 0 )) && order=(defaults composed)
  for variant in "${order[@]}"; do
    compose "$variant" down -v >/dev/null 2>&1
    started=$(date +%s)
    compose "$variant" up -d --wait --quiet-pull >/dev/null 2>&1 || { echo "round $round, $variant: the stack did not become healthy" >&2; exit 1; }
    echo "$variant healthy - $(( $(date +%s) - started )) $round $(date -u +%T)" >> "$samples"
    sleep "$idle_seconds"
    for i in $(seq 1 "$idle_samples"); do
      sample "$variant" idle
      (( i == idle_samples )) || sleep 10
    done
    echo "round $round, $variant: idle sampled"
    if (( round == rounds )); then
      echo "round $round, $variant: end-to-end suite: $(end_to_end "$variant")"
      sleep 10
      sample "$variant" after-e2e
    fi
  done
done
compose composed down -v >/dev/null 2>&1

base=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
base_bytes=$(docker image inspect --format '{{.Size}}' "$base")
{
  echo "# The shop under docker compose: memory and image sizes"
  echo
  echo "Command: \`bash bench/compose.sh $rounds\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
       "Docker $(docker version --format '{{.Server.Version}}'), each stack left idle ${idle_seconds} s after every container is healthy, then sampled $idle_samples times 10 s apart)."
  echo "Memory is \`docker stats\`' MEM USAGE (the container's cgroup memory less its inactive file cache), in MiB:"
  echo "median of the $(( rounds * idle_samples )) idle samples of $rounds rounds [min-max]; one sample after the end-to-end suite."
  echo "Every sample, in the order taken: [compose-samples.txt](compose-samples.txt)."
  echo
  echo "| service | idle, as composed | idle, .NET defaults | after end-to-end, as composed | after end-to-end, .NET defaults |"
  echo "|---|---|---|---|---|"
  for service in "${services[@]}"; do
    cells=()
    for column in "composed idle" "defaults idle" "composed after-e2e" "defaults after-e2e"; do
      cells+=("$(awk -v key="$column $service" '$1 " " $2 " " $3 == key { print $4 }' "$samples" | median_range)")
    done
    echo "| $service | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${cells[3]} |"
  done
  echo
  echo "From \`docker compose up -d --wait\` (images built, volumes empty) to every container healthy, in seconds: as composed"
  echo "$(awk '$1 == "composed" && $2 == "healthy" { print $4 }' "$samples" | sort -n | paste -sd' '), with .NET defaults"
  echo "$(awk '$1 == "defaults" && $2 == "healthy" { print $4 }' "$samples" | sort -n | paste -sd' ')."
  echo
  echo "Image sizes (uncompressed, \`docker image inspect\`): the application layer is what the Dockerfile adds to the"
  echo "base image; the base here is a stand-in, so the total on the real base is estimated by bench/image-sizes.sh."
  echo
  echo "| image | application layer (MB) | total here (MB) |"
  echo "|---|---|---|"
  for service in "${services[@]}"; do
    bytes=$(docker image inspect --format '{{.Size}}' "shop-$service")
    echo "| shop-$service | $(( (bytes - base_bytes) / 1000000 )) | $(( bytes / 1000000 )) |"
  done
} > bench/results/compose.md
{ echo "# variant phase service MiB round time(UTC); healthy lines: seconds from up to healthy"; cat "$samples"; } > bench/results/compose-samples.txt
cat bench/results/compose.md
