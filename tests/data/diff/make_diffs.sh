#!/bin/sh
# Regenerates the diffs in this folder with the real git and GNU diff (see
# ../SOURCES.md). Run from anywhere: sh tests/data/diff/make_diffs.sh
set -eu
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Candor Test" GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME="Candor Test" GIT_COMMITTER_EMAIL=test@example.com
export GIT_AUTHOR_DATE="2024-01-02T03:04:05Z" GIT_COMMITTER_DATE="2024-01-02T03:04:05Z"
cd "$work"
git init -q -b main repo
cd repo
seq 1 20 > numbers.txt
printf 'alpha\nbeta\ngamma\n' > no_newline.txt
printf 'keep me\nplease\n' > doomed.txt
seq 100 140 > moved_from.txt
printf 'BIN\000\001\002' > image.bin
printf '#!/bin/sh\necho hi\n' > run.sh
printf 'one\ntwo\n' > 'with space é.txt'
git add -A && git commit -q -m base
git tag base
# edits: modify with insert/delete blocks, no newline at end, delete, rename with
# an edit, binary change, mode change, add, quoted name
seq 1 20 | sed -e '3,4d' -e '10a\
ten and a half\
ten and three quarters' -e 's/^15$/fifteen/' > numbers.txt
printf 'alpha\nBETA\ngamma' > no_newline.txt
git rm -q doomed.txt
git mv moved_from.txt 'sub dir/moved to.txt' 2>/dev/null || { mkdir -p 'sub dir'; git mv moved_from.txt 'sub dir/moved to.txt'; }
sed -i 's/^120$/one-twenty/' 'sub dir/moved to.txt'
printf 'BIN\000\003\004\005' > image.bin
chmod +x run.sh
printf 'brand\nnew\n' > added.txt
printf 'one\nTWO\nthree\n' > 'with space é.txt'
git add -A && git commit -q -m "Change several files

The commit message has lines that look like diff:
--- not a file
@ not a hunk"
git diff base HEAD > "$out/git_mixed.diff"
git diff --no-prefix base HEAD > "$out/git_no_prefix.diff"
git diff --binary base HEAD -- image.bin numbers.txt > "$out/git_binary_patch.diff"
git format-patch -1 --stdout HEAD > "$out/format_patch.patch"
git diff base HEAD -- numbers.txt no_newline.txt | sed 's/$/\r/' > "$out/git_crlf.diff"
# GNU diff -ruN between two trees (timestamps, no git headers)
cd "$work"
mkdir old new
seq 1 10 > old/list.txt
seq 1 10 | sed 's/^5$/five/' > new/list.txt
printf 'gone\n' > old/removed.txt
printf 'fresh\n' > new/created.txt
touch -d "2024-01-02 03:04:05" old/* new/*
TZ=UTC diff -ruN old new > "$out/diff_ruN.diff" || true
