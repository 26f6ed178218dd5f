# Sourced by the compose benchmarks: docker stats' memory in MiB, and the median of a set of samples.

# Reads `docker stats --format '{{.Name}} {{.MemUsage}}'` lines ("shop-ordering-1 45.61MiB / 23.54GiB");
# prints "NAME MIB" for each.
memory_mib() {
  awk '{ n = $2 + 0; unit = $2; sub(/^[0-9.]+/, "", unit)
    f = unit == "GiB" ? 1024 : unit == "KiB" ? 1 / 1024 : unit == "B" ? 1 / 1048576 : 1
    printf "%s %.1f\n", $1, n * f }'
}

# Reads numbers, one a line; prints "median [min-max]", the number alone when there is one, "-" when none.
median_range() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    if (NR == 1) printf "%.1f", m; else printf "%.1f [%.1f-%.1f]", m, v[1], v[NR] }'
}
