// Fails when the JavaScript that the home page loads before it can be used grows past the
// budget: participants open it on cheap phones over 3G. Lazily loaded chunks (organizer pages)
// are listed for information but not counted.
// Usage (after `npx vite build client`): node client/scripts/check-size.mjs [--budget=60]
import console from 'node:console';
import process from 'node:process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetArg = process.argv.find((arg) => arg.startsWith('--budget='));
const budgetKb = budgetArg ? Number(budgetArg.slice('--budget='.length)) : 60;

let html;
try {
  html = await readFile(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`No ${join(dist, 'index.html')}: run \`npx vite build client\` first.`);
  process.exit(2);
}

const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** Same-origin JS files referenced by <script src> and <link rel="modulepreload"> tags. */
function initialScripts(source) {
  const found = new Set();
  for (const [tag] of source.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) found.add(src);
  }
  for (const [tag] of source.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (href && rel.includes('modulepreload')) found.add(href);
  }
  return [...found].filter((url) => !/^(https?:)?\/\//i.test(url));
}

const gzipSize = (buffer) => gzipSync(buffer).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2).padStart(7)} KB`;

const initial = initialScripts(html);
if (initial.length === 0) {
  console.error('dist/index.html references no script: is this a Vite build?');
  process.exit(2);
}

console.log('JavaScript loaded by the home page at start (gzip, default level):');
let total = 0;
for (const url of initial) {
  const file = join(dist, url.replace(/^\//, '').split(/[?#]/)[0]);
  const buffer = await readFile(file);
  const size = gzipSize(buffer);
  total += size;
  console.log(`  ${kb(size)}  ${url}  (${kb(buffer.length).trim()} raw)`);
}

const counted = new Set(initial.map((url) => url.replace(/^\//, '')));
const lazy = (await readdir(join(dist, 'assets')))
  .filter((name) => name.endsWith('.js') && !counted.has(`assets/${name}`))
  .sort();
if (lazy.length > 0) {
  console.log('Loaded later, on demand (not counted):');
  for (const name of lazy) {
    console.log(`  ${kb(gzipSize(await readFile(join(dist, 'assets', name))))}  /assets/${name}`);
  }
}

const budget = budgetKb * 1024;
console.log(`Initial JavaScript: ${kb(total).trim()} gzipped; budget ${budgetKb} KB.`);
if (total > budget) {
  console.error(`Over budget by ${kb(total - budget).trim()}.`);
  process.exit(1);
}
