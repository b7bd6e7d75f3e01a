#!/bin/sh
# The image's entrypoint: the container's arguments choose the role.
#   gateway | center <name> | migrate [<center>]
# `exec node --import tsx` makes the Node process PID 1's replacement, so SIGTERM from Kubernetes reaches
# it directly (readiness off, drain, exit) and no npm or tsx wrapper sits in between.
set -eu
role=${1:-}
case "$role" in
  gateway)
    exec node --import tsx scripts/start-gateway.ts
    ;;
  center)
    [ $# -eq 2 ] || { echo "usage: center <name>" >&2; exit 2; }
    exec node --import tsx scripts/start-subgraph.ts "$2"
    ;;
  migrate)
    shift
    exec node --import tsx scripts/migrate.ts "$@"
    ;;
  *)
    echo "usage: gateway | center <name> | migrate [<center>]   (got: ${role:-nothing})" >&2
    exit 2
    ;;
esac
