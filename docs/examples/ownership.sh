#!/bin/sh
# The worked example of docs/ownership.md ("Teams, services and the owning
# team of a finding"): examples/payments-service's CODEOWNERS, roster and
# service file give every finding a team. Uses $CANDOR (default
# build/src/cli/candor) and a fresh store.
#   CANDOR=build/src/cli/candor sh docs/examples/ownership.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
candor=${CANDOR:-$root/build/src/cli/candor}
case $candor in /*) ;; *) candor=$(pwd)/$candor ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/candor.db"
cd "$root/examples/payments-service"

echo '$ candor owners bad/libuser.py conf/aws.tf package-lock.json one/one.py'
"$candor" owners bad/libuser.py conf/aws.tf package-lock.json one/one.py
echo
echo '$ candor service add .candor/service.yaml'
"$candor" service add .candor/service.yaml --db "$db"
echo '$ candor team sync .candor/teams.yaml'
"$candor" team sync .candor/teams.yaml --db "$db"
echo
echo '$ candor ingest scans/gitleaks.json scans/bandit.json --repo example/payments --commit 4f2c9e1'
"$candor" ingest scans/gitleaks.json scans/bandit.json --repo example/payments --commit 4f2c9e1 --db "$db"
echo
echo '$ candor findings --team platform --format csv | cut -d, -f4,6,7,10,18,19'
"$candor" findings --team platform --format csv --db "$db" | cut -d, -f4,6,7,10,18,19
