#!/bin/sh
# Regenerates the recorded scans and diff in this folder from v1/ and v2/ with
# the real flawfinder (Debian's package, 2.0.19) and git: v1 and v2 are
# committed in a temporary repository, as tests/e2e/scanner_tree_test.cc does
# live. Run from anywhere: sh tests/data/scanner-tree/make_fixtures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Candor Test" GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME="Candor Test" GIT_COMMITTER_EMAIL=test@example.com
export GIT_AUTHOR_DATE="2024-01-02T03:04:05Z" GIT_COMMITTER_DATE="2024-01-02T03:04:05Z"
git init -q -b main "$work/repo"
cd "$work/repo"
cp -R "$here/v1/src" src
git add -A && git commit -q -m v1
flawfinder --sarif src > "$here/flawfinder-v1.sarif"
rm -rf src && cp -R "$here/v2/src" src
git add -A && git commit -q -m v2
flawfinder --sarif src > "$here/flawfinder-v2.sarif"
git diff -M HEAD~1 HEAD > "$here/v1-to-v2.diff"
