#!/bin/sh
# The worked example of docs/incidents.md: an incident recorded as it happens,
# a blameful first draft of its postmortem linted, the revised postmortem's
# action items ingested and followed through, and a second incident that
# repeats the first. Builds nothing: uses the candor binary in $CANDOR
# (default build/src/cli/candor). Fixed times and a fresh store, so the output
# is the same everywhere; tests/e2e/incidents_doc_test.cc checks the page shows it.
#   CANDOR=build/src/cli/candor sh docs/examples/incidents.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
candor=${CANDOR:-$root/build/src/cli/candor}
case $candor in /*) ;; *) candor=$(pwd)/$candor ;; esac
examples=$root/docs/examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
db=sqlite:$work/candor.db
printf 'Bob Martins\nPriya Natarajan\n' > names.txt

show() {  # the command as typed, arguments with spaces quoted
  line="\$ candor"
  for arg in "$@"; do
    case $arg in *" "*) line="$line \"$arg\"" ;; *) line="$line $arg" ;; esac
  done
  echo "$line"
}
run() {  # prints the command, then what it prints; keeps going on exit 1
  show "$@"
  status=0
  "$candor" "$@" --db "$db" || status=$?
  [ $status -le 1 ] || exit $status
  [ $status -eq 0 ] || echo "(exit status $status)"
  echo
}
lint() {  # lint needs no store
  show postmortem lint "$@"
  status=0
  "$candor" postmortem lint "$@" || status=$?
  [ $status -le 1 ] || exit $status
  [ $status -eq 0 ] || echo "(exit status $status)"
  echo
}

run incident open --title "Checkout errors after the 2.3.1 deploy" --severity SEV2 \
    --service payments --tag category:migration --opened-at 2026-11-01T14:06Z --detected-at 2026-11-01T14:05Z
run incident role 1 commander "Priya Natarajan" --at 2026-11-01T14:06Z
run incident log 1 --at 2026-11-01T14:05Z --observed "checkout error rate 12%" --done "paged the database team"
run incident log 1 --at 2026-11-01T14:12Z --observed "orders table locked by migration" --done "rolled back 2.3.1"
run incident update 1 --contained-at 2026-11-01T14:12Z
run incident close 1 --resolved-at 2026-11-01T14:50Z
cp "$examples/postmortem-draft.md" draft.md
cp "$examples/postmortem-final.md" postmortem.md
lint draft.md --names names.txt
lint postmortem.md --names names.txt
run postmortem ingest postmortem.md
run actions done 1 --at 2026-11-12T09:00Z
run actions list --overdue --today 2026-11-25
run incident open --title "Checkout errors during the 2.4.0 migration" --severity SEV2 \
    --service payments --tag category:migration --opened-at 2026-11-24T09:30Z
run incident repeats
