#!/bin/sh
# Rewrites Queries/*.expected.json from a store built on seeds/ with the release
# binary: run it after a change to the rules changes what the seeds yield, then
# read the diff before committing it.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product guanxi >/dev/null
bin=.build/release/guanxi
db=$(mktemp -d)/seeds.sqlite
"$bin" build seeds --db "$db" >/dev/null
for q in Queries/*.cypher; do
    "$bin" query --db "$db" -f "$q" --format json > "${q%.cypher}.expected.json"
done
echo "rewrote $(ls Queries/*.cypher | wc -l) expected files" >&2
