#!/usr/bin/env node
// Builds the server (dist/) and the client (client/dist/) when their sources are newer than the
// last build, so `npm start` and `npm test` work on a fresh clone with no manual step, and are
// quick when nothing changed. Usage: node scripts/build-if-stale.mjs [server|client|all]
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const what = process.argv[2] ?? 'all';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfStale(name, sources, marker, command) {
  const sourceTime = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (sourceTime === 0) return; // no sources here (e.g. a production image): nothing to build
  const builtTime = newestMtime(join(root, marker));
  if (builtTime >= sourceTime) return;
  process.stderr.write(`Building the ${name}…\n`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

const shared = ['src/shared', 'package-lock.json'];
if (what === 'server' || what === 'all') {
  buildIfStale(
    'server',
    ['src', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'],
    'dist/main.js',
    'npx nest build',
  );
}
if (what === 'client' || what === 'all') {
  buildIfStale(
    'client',
    ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/public', ...shared],
    'client/dist/index.html',
    'npx vite build client',
  );
}
