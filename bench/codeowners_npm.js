#!/usr/bin/env node
// Resolves paths with the npm `codeowners` package (beaugunderson), the peer
// Candor's ownership module is compared with (scripts/codeowners-differential)
// and benchmarked against (scripts/bench-owners).
//
// usage: node codeowners_npm.js CODEOWNERS [PATHS] [--lines]
//   PATHS: one repository-relative path per line (default: standard input).
//   Prints "path<TAB>owners" per path (owners space-separated, empty when
//   none); with --lines a third column, the CODEOWNERS line that decided
//   (0 when none did), so a disagreement can be traced to its rule.
// NODE_PATH must reach the package (the scripts install it into a cache).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Codeowners = require('codeowners');

const args = process.argv.slice(2);
const withLines = args.includes('--lines');
const [codeownersFile, pathsFile] = args.filter((a) => a !== '--lines');
if (!codeownersFile) {
  process.stderr.write('usage: codeowners_npm.js CODEOWNERS [PATHS] [--lines]\n');
  process.exit(2);
}

// The package only finds its file by walking up from a directory, so the
// file is given one of its own: DIR/CODEOWNERS.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeowners-npm-'));
let owners;
try {
  fs.copyFileSync(codeownersFile, path.join(dir, 'CODEOWNERS'));
  owners = new Codeowners(dir);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// The package keeps no line numbers; its entries are the file's lines that
// are neither empty nor start with '#', newest first (see codeowners.js).
let entryLines = [];
if (withLines) {
  const text = fs.readFileSync(codeownersFile, 'utf8');
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line && !line.startsWith('#')) entryLines.push(i + 1);
  });
  entryLines = entryLines.reverse();
}

const input = fs.readFileSync(pathsFile || 0, 'utf8');
const out = [];
for (const line of input.split('\n')) {
  const file = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!file) continue;
  if (!withLines) {
    out.push(`${file}\t${owners.getOwner(file).join(' ')}`);
    continue;
  }
  // getOwner's own loop, keeping the index of the entry that matched.
  const index = owners.ownerEntries.findIndex((entry) => entry.match(file));
  const names = index < 0 ? [] : owners.ownerEntries[index].usernames;
  out.push(`${file}\t${names.join(' ')}\t${index < 0 ? 0 : entryLines[index]}`);
}
process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
