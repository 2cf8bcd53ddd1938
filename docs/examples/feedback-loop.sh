#!/bin/sh
# The worked example of docs/feedback-loop.md: a pull request on the small C
# service in tests/data/scanner-tree/ (v1 is main, v2 the pull request), seen
# the way Candor shows it. Builds nothing: uses the candor binary in $CANDOR
# (default build/src/cli/candor), git, and flawfinder when it is installed
# (otherwise the flawfinder output recorded beside the tree, which is the same).
# Prints the pull-request comment; exits 0 when the example ran, whatever the
# guardrails said.
#   CANDOR=build/src/cli/candor sh docs/examples/feedback-loop.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
candor=${CANDOR:-$root/build/src/cli/candor}
case $candor in /*) ;; *) candor=$(pwd)/$candor ;; esac
tree=$root/tests/data/scanner-tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A repository with fixed identities and dates, so the output is the same everywhere.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Candor Example" GIT_AUTHOR_EMAIL=example@example.com
export GIT_COMMITTER_NAME="Candor Example" GIT_COMMITTER_EMAIL=example@example.com
export GIT_AUTHOR_DATE="2024-01-02T03:04:05Z" GIT_COMMITTER_DATE="2024-01-02T03:04:05Z"

scan() {  # the scanner the team already uses, run from the repository root
  if command -v flawfinder >/dev/null 2>&1; then
    (cd "$work/repo" && flawfinder --sarif src)
  else
    cat "$tree/flawfinder-$1.sarif"
  fi
}

# 1. main: the service as it is; CI scans every main commit and records it.
git init -q -b main "$work/repo"
cp -R "$tree/v1/src" "$work/repo/src"
git -C "$work/repo" add -A
git -C "$work/repo" commit -q -m "greeter service"
scan v1 > "$work/main.sarif"
cd "$work"
"$candor" ingest -q main.sarif --repo acme/greeter --commit "$(git -C repo rev-parse HEAD)" \
  --branch main --stage main --db sqlite:candor.db

# 2. A pull request: adds an announcement hook, renames report.c, fixes gets().
git -C repo checkout -q -b announce-hook
rm -rf repo/src
cp -R "$tree/v2/src" repo/src
git -C repo add -A
git -C repo commit -q -m "Announce greetings with a configured hook"
scan v2 > pr.sarif
head=$(git -C repo rev-parse HEAD)

# 3. The PR view: the baseline is main's latest scan in the store, the change
#    is main...HEAD in the repository.
status=0
"$candor" check -q --current pr.sarif --db sqlite:candor.db --repo acme/greeter \
  --base-ref main --head-ref HEAD --repo-dir repo \
  --format markdown -o comment.md --link-base "https://github.com/acme/greeter/blob/$head/" || status=$?
if [ "$status" -gt 1 ]; then
  echo "candor check failed with exit status $status" >&2
  exit "$status"
fi
cat comment.md
echo
echo "candor check exit status: $status ($( [ "$status" -eq 1 ] && echo 'a guardrail blocks' || echo 'guardrails hold'))"
