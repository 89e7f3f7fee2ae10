#!/usr/bin/env bash
# Prints agent-core's runtime dependencies, jar by jar, and their total size: what a user's build
# pulls in with agent-core (agent-core's own jar not counted). Reads the jars from the local
# Maven repository ($MAVEN_REPO, ~/.m2/repository by default).
#
#   agent-bench/footprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
TREE=$(mktemp)
trap 'rm -f "$TREE"' EXIT
mvn -B -q -pl agent-core dependency:tree -Dscope=runtime -DoutputFile="$TREE" >/dev/null
# Lines such as "+- com.squareup.okhttp3:okhttp-jvm:jar:5.5.1:compile"; the first is agent-core.
tail -n +2 "$TREE" | sed 's/^[-+|\\ ]*//' | while IFS=: read -r group artifact type version scope; do
  jar="$REPO/${group//.//}/$artifact/$version/$artifact-$version.jar"
  printf '%10d  %s\n' "$(stat -c %s "$jar")" "$artifact-$version.jar"
done | sort -rn | awk '{ total += $1; print } END { printf "%10d  total (%.2f MB)\n", total, total / 1e6 }'
