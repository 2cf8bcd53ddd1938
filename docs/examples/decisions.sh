#!/bin/sh
# The worked example of docs/decisions.md: the payments team of
# examples/payments-service records its risk decisions, a pull request is
# checked while one of them holds and again after it has expired. Uses the
# candor binary in $CANDOR (default build/src/cli/candor) and a fresh store.
#   CANDOR=build/src/cli/candor sh docs/examples/decisions.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
candor=${CANDOR:-$root/build/src/cli/candor}
case $candor in /*) ;; *) candor=$(pwd)/$candor ;; esac
example=$root/examples/payments-service
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/candor.db"
cd "$example"  # paths in the output are the example's own

echo '$ candor decide add --file .candor/decisions.yaml'
"$candor" decide add --file .candor/decisions.yaml --db "$db"

echo
echo '$ candor decide add --id RD-8 --kind accept_risk ... --severity high --role team'
accept() {
  "$candor" decide add --id RD-8 --kind accept_risk --rule 'python.lang.security.audit.subprocess-shell-true.*' \
    --path utils.py --severity high --team payments --expires 2099-12-31 \
    --rationale "utils.py only runs the fixed reconciliation script; no input reaches the command" \
    --db "$db" "$@"
}
accept --approver @dana --role team 2>&1 || echo "(exit status $?)"

echo
echo '$ candor decide add --id RD-8 --kind accept_risk ... --severity high --role champion'
accept --approver @sam --role champion

check() {
  "$candor" check --current pr/semgrep.json --diff pr/change.diff \
    --db "$db" --repo example/payments --format text "$@" 2>/dev/null || echo "(exit status $?)"
}
# With --db, the baseline is the store's main-branch scans: record them first.
"$candor" ingest scans/semgrep.json --repo example/payments --commit 4f2c9e1 --db "$db" -q

echo
echo '$ candor check ... --as-of 2099-12-01    # while RD-8 holds'
check --as-of 2099-12-01
echo
echo '$ candor check ... --as-of 2100-01-03    # three days after it expired'
check --as-of 2100-01-03
echo
echo '$ candor decide verify'
"$candor" decide verify --db "$db" | sed 's/, head .*/, head .../'
