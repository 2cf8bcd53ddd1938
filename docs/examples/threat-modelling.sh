#!/bin/sh
# docs/threat-modelling.md's worked example: the payments service's threat
# model is valid, and its design change (a partner bank posting refund files
# to a new worker) adds threats that need a decision, so the diff exits 1.
# Run from anywhere; CANDOR names the binary (default: candor on PATH).
set -eu
CANDOR=${CANDOR:-candor}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/examples/payments-service"

"$CANDOR" threat check .candor/threatmodel.yaml
status=0
"$CANDOR" threat diff .candor/threatmodel.yaml design-change/threatmodel.yaml --fail-on high || status=$?
echo "candor threat diff exit status: $status"
[ "$status" -eq 1 ]
