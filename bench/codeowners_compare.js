#!/usr/bin/env node
// Compares `candor owners --format json` with the npm `codeowners` package
// (codeowners_npm.js --lines) on the same paths, and sorts every
// disagreement into a class explained by a documented GitHub (or GitLab)
// rule. Used by scripts/codeowners-differential.
//
// usage: node codeowners_compare.js NAME CODEOWNERS CANDOR_JSON NPM_TSV
// Prints one summary line "NAME paths=N agree=A disagree=D", then per class
// "  CLASS count: explanation" and up to three example paths. A class named
// `unexplained` means the comparison found something no rule accounts for:
// the script exits 1.
'use strict';

const fs = require('fs');
const ignore = require('ignore');

const [name, codeownersFile, candorFile, npmFile] = process.argv.slice(2);
if (!npmFile) {
  process.stderr.write('usage: codeowners_compare.js NAME CODEOWNERS CANDOR_JSON NPM_TSV\n');
  process.exit(2);
}

const kExplanations = {
  'gitlab-sections':
    'GitLab file: each [Section] has its own last match, a path gets the union of the sections, and an ' +
    'entry without owners takes its section header\'s default owners (GitLab docs, "Sections"); the ' +
    'package reads every line as a GitHub rule (headers as patterns, owner-less entries un-own).',
  'trailing-star':
    '`dir/*` owns the files directly in dir only (GitHub docs: "docs/*" matches ' +
    'docs/getting-started.md, not docs/build-app/troubleshooting.md); the package, like gitignore, ' +
    'lets it match the subdirectory and with it everything below.',
  'case':
    'GitHub matches case-sensitively (docs: "CODEOWNERS paths are case sensitive, because GitHub ' +
    'uses a case sensitive file system"); the package\'s `ignore` 3 compiles every pattern with /i.',
  'unexplained': 'no documented rule accounts for it: a bug on one side.',
};

const lines = fs.readFileSync(codeownersFile, 'utf8').split(/\r\n|\r|\n/);
const patternAt = (line) => (line > 0 ? (/^(?:\\.|\S)+/.exec(lines[line - 1].trim()) || [''])[0] : '');
const isGitLab = lines.some((line) => /^\^?\[[^\]]+\](\[\d+\])?(\s|$)/.test(line.trim()));

// The package's own rules, newest first, with case-sensitive regular
// expressions: what it would answer if it matched as GitHub does.
const entries = [];
lines.forEach((line, i) => {
  if (!line || line.startsWith('#')) return;
  const [pattern, ...owners] = line.split(/\s+/);
  const matcher = ignore().add(pattern);
  for (const rule of matcher._rules) rule.regex = new RegExp(rule.regex.source);
  entries.unshift({ line: i + 1, owners: owners.join(' '), matcher });
});
const caseSensitiveOwners = (path) => {
  const entry = entries.find((e) => e.matcher.ignores(path));
  return entry ? entry.owners : '';
};

const candor = fs
  .readFileSync(candorFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const npm = fs
  .readFileSync(npmFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [path, owners, decided] = line.split('\t');
    return { path, owners, line: Number(decided) };
  });
if (candor.length !== npm.length) {
  process.stderr.write(`${name}: candor answered ${candor.length} paths, the package ${npm.length}\n`);
  process.exit(1);
}

function classify(ours, theirs) {
  if (isGitLab) return 'gitlab-sections';
  const pattern = patternAt(theirs.line);
  const depth = pattern.replace(/^\/+/, '').split('/').length;
  if (pattern.endsWith('/*') && ours.path.split('/').filter(Boolean).length > depth) return 'trailing-star';
  if (caseSensitiveOwners(ours.path) === ours.owners.join(' ')) return 'case';
  return 'unexplained';
}

const classes = new Map();
let agree = 0;
candor.forEach((ours, i) => {
  const theirs = npm[i];
  if (ours.path !== theirs.path) {
    process.stderr.write(`${name}: path ${i + 1} differs: '${ours.path}' vs '${theirs.path}'\n`);
    process.exit(1);
  }
  if (ours.owners.join(' ') === theirs.owners) {
    agree += 1;
    return;
  }
  const kind = classify(ours, theirs);
  if (!classes.has(kind)) classes.set(kind, []);
  classes.get(kind).push(
    `${ours.path}: candor '${ours.owners.join(' ')}' (line ${ours.line ?? 0}), ` +
      `npm '${theirs.owners}' (line ${theirs.line})`,
  );
});

console.log(`${name} paths=${candor.length} agree=${agree} disagree=${candor.length - agree}`);
for (const [kind, examples] of classes) {
  console.log(`  ${kind} ${examples.length}: ${kExplanations[kind]}`);
  for (const example of examples.slice(0, 3)) console.log(`    e.g. ${example}`);
}
process.exit(classes.has('unexplained') ? 1 : 0);
