#!/usr/bin/env bash
# Each image's uncompressed size on the real base image, for linux/amd64 and linux/arm64, on a machine whose Docker
# engine cannot pull that base. Writes bench/results/image-sizes.md. Needs a Docker engine with BuildKit, the .NET SDK
# and NuGet; 2-3 minutes once the images are built (the build stages are cached), longer with an empty build cache.
#   bash bench/image-sizes.sh
#
# The application layer is measured: the Dockerfile's build stage is built for each platform (it cross-compiles, so
# no emulation is needed) and the bytes of the /app it hands to the runtime stage are summed.
# The base, mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled, is added up from what it is made of:
#   - the .NET and ASP.NET Core shared frameworks, measured: the files of the runtime packs of the SDK's runtime
#     version for that platform (Microsoft.NETCore.App.Runtime.linux-<arch>, Microsoft.AspNetCore.App.Runtime.linux-<arch>,
#     restored from NuGet), which are the files the image unpacks from the runtime tarballs (plus the 72 kB `dotnet`
#     host the packs leave out);
#   - Ubuntu's chiseled slices, i.e. runtime-deps:10.0-noble-chiseled, not measurable here: its size in the
#     dotnet/dotnet-docker repository's image-size baselines (tests/performance/ImageSize.nightly.linux.json, last
#     there at the parent of commit 8ccf302edf, May 2025; the same figure for 8.0, 9.0 and 10.0): 12,935,991 bytes
#     for amd64, 10,176,580 for arm64.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A chiseled_deps=([amd64]=12935991 [arm64]=10176580)
declare -A rid=([amd64]=linux-x64 [arm64]=linux-arm64)
platforms=(amd64 arm64)
services=(gateway catalog basket ordering payment notification)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
{
  echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup>'
  for platform in "${platforms[@]}"; do
    for pack in Microsoft.NETCore.App.Runtime Microsoft.AspNetCore.App.Runtime; do
      echo "<PackageDownload Include=\"$pack.${rid[$platform]}\" Version=\"[$runtime]\" />"
    done
  done
  echo '</ItemGroup></Project>'
} > "$work/packs.csproj"
dotnet restore "$work/packs.csproj" --packages "$work/packages" > "$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 1; }

declare -A base
for platform in "${platforms[@]}"; do
  frameworks=0
  for pack in microsoft.netcore.app.runtime microsoft.aspnetcore.app.runtime; do
    bytes=$(du -sb "$work/packages/$pack.${rid[$platform]}/$runtime/runtimes/${rid[$platform]}" | cut -f1)
    frameworks=$(( frameworks + bytes ))
  done
  base[$platform]=$(( frameworks + 72 * 1024 + ${chiseled_deps[$platform]} ))
done

compose_config=$(docker compose config --format json)
project_of() { # service: its PROJECT build argument, as docker-compose.yml gives it
  python3 -c "import json, sys; print(json.load(sys.stdin)['services']['$1']['build']['args']['PROJECT'])" <<< "$compose_config"
}

declare -A app
for service in "${services[@]}"; do
  project=$(project_of "$service")
  for platform in "${platforms[@]}"; do
    docker build --quiet --network host --platform "linux/$platform" --target build --build-arg PROJECT="$project" \
      -t "shop-size-$service-$platform" . > /dev/null
    container=$(docker create --platform "linux/$platform" "shop-size-$service-$platform" true) # never started: only its /app is read
    app[$service-$platform]=$(docker cp "$container:/app" - | tar -tvf - | awk '{ s += $3 } END { print s }')
    docker rm "$container" > /dev/null
    docker image rm "shop-size-$service-$platform" > /dev/null
    echo "$service $platform: ${app[$service-$platform]} bytes" >&2
  done
done

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
{
  echo "# Image sizes on the real base image"
  echo
  echo "Command: \`bash bench/image-sizes.sh\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD), .NET runtime $runtime)."
  echo "Uncompressed, in MB (10^6 bytes). Application layer: the Dockerfile's /app for that platform, measured. Base"
  echo "(\`aspnet:10.0-noble-chiseled\`): the shared frameworks of the runtime packs, measured, plus the \`dotnet\` host and"
  echo "Ubuntu's chiseled slices (runtime-deps, from dotnet-docker's size baselines), so an estimate: amd64 $(mb "${base[amd64]}") MB,"
  echo "arm64 $(mb "${base[arm64]}") MB."
  echo
  echo "| image | application layer, amd64 | total, amd64 | application layer, arm64 | total, arm64 |"
  echo "|---|---|---|---|---|"
  for service in "${services[@]}"; do
    echo "| $service | $(mb "${app[$service-amd64]}") | $(mb $(( ${app[$service-amd64]} + ${base[amd64]} ))) |" \
         "$(mb "${app[$service-arm64]}") | $(mb $(( ${app[$service-arm64]} + ${base[arm64]} ))) |"
  done
} > bench/results/image-sizes.md
cat bench/results/image-sizes.md
