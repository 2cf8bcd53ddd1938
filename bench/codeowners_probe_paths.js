#!/usr/bin/env node
// Probe paths for a CODEOWNERS file that comes without its repository tree
// (scripts/codeowners-differential): for every pattern, paths at the edges
// where GitHub's rules and gitignore-style matchers can part ways.
//
// usage: node codeowners_probe_paths.js CODEOWNERS > PATHS
// Per pattern (wildcards filled in: `*` -> "x", `?` -> "q", `**` -> "a/b"):
//   - the path it names, and a file nested under it (directory ownership);
//   - a file two levels under a trailing `/*` (GitHub: not owned);
//   - the path below an unrelated directory (anchored vs any depth);
//   - the path in upper case (GitHub matches case-sensitively).
// Deterministic: sorted, no duplicates.
'use strict';

const fs = require('fs');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: codeowners_probe_paths.js CODEOWNERS\n');
  process.exit(2);
}

// The pattern of a line: its first token, where `\ ` does not end it.
function patternOf(line) {
  const match = /^(?:\\.|\S)+/.exec(line.trim());
  return match ? match[0] : '';
}

function fill(pattern) {
  return pattern
    .replace(/\\(.)/g, '$1')
    .split('/')
    .map((segment) => (segment === '**' ? 'a/b' : segment.replace(/\*/g, 'x').replace(/\?/g, 'q')))
    .join('/');
}

const paths = new Set(['README.md', 'unrelated/dir/file.txt']);
for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
  const line = raw.trim();
  // Comments, and GitLab section headers (`[Name]`, `^[Name]`, `[Name][2]`).
  if (!line || line.startsWith('#') || /^\^?\[[^\]]+\]/.test(line)) continue;
  const pattern = patternOf(line);
  const anchored = /\/./.test(pattern.replace(/\/+$/, ''));
  const base = fill(pattern).replace(/^\/+/, '').replace(/\/+$/, '');
  if (!base) continue;
  if (!pattern.endsWith('/')) paths.add(base);
  paths.add(`${base}/nested/file.txt`);
  if (pattern.endsWith('/*')) paths.add(`${base.slice(0, -1)}sub/deeper/file.txt`);
  if (!anchored) paths.add(`deep/dir/${base}`);
  paths.add(base.toUpperCase());
}
process.stdout.write([...paths].sort().map((p) => `${p}\n`).join(''));
