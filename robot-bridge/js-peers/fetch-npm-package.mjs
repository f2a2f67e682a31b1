#!/usr/bin/env node
// Fetches one pinned npm package (see npm-packages.json) with `npm pack`, checks its integrity hash,
// and extracts the parts the tests and `bench codec` need into a cache folder outside the source tree.
//
//   node robot-bridge/js-peers/fetch-npm-package.mjs <key> <cacheDir> [manifest]
//
// The manifest defaults to npm-packages.json beside this script (tests pass their own).
// Prints the extracted folder on success. Safe to run concurrently: extraction goes to a temporary
// folder that is renamed into place, so a half-extracted package is never seen.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [key, cacheDir, manifestPath] = process.argv.slice(2);

function fail(message) {
  // One line a caller can show as it is ("error XXX:" is also what MSBuild recognises).
  console.error(`error RP0001: ${message}`);
  process.exit(1);
}

if (!key || !cacheDir) fail('usage: fetch-npm-package.mjs <key> <cacheDir> [manifest]');
const manifest = JSON.parse(fs.readFileSync(manifestPath ?? path.join(here, 'npm-packages.json'), 'utf8'));
const pkg = manifest.packages[key];
if (!pkg) fail(`unknown package key '${key}' (known: ${Object.keys(manifest.packages).join(', ')})`);

const safeName = pkg.spec.replace(/[@/]/g, '_');
const finalDir = path.join(cacheDir, 'npm', safeName);
const stamp = path.join(finalDir, '.complete');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === pkg.integrity) {
  console.log(finalDir);
  process.exit(0);
}

fs.mkdirSync(path.join(cacheDir, 'npm'), { recursive: true });
const tarballDir = path.join(cacheDir, 'npm', 'tarballs');
fs.mkdirSync(tarballDir, { recursive: true });

function integrityOf(file) {
  const hash = createHash('sha512');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n;
  while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  fs.closeSync(fd);
  return 'sha512-' + hash.digest('base64');
}

function findTarball() {
  const prefix = pkg.spec.replace(/@[^@]*$/, '').replace(/^@/, '').replace('/', '-');
  const version = pkg.spec.split('@').pop();
  const name = `${prefix}-${version}.tgz`;
  const file = path.join(tarballDir, name);
  return fs.existsSync(file) ? file : null;
}

let tarball = findTarball();
if (tarball && integrityOf(tarball) !== pkg.integrity) {
  console.error(`warning: cached ${tarball} does not match the pinned integrity; fetching it again`);
  fs.rmSync(tarball);
  tarball = null;
}
if (!tarball) {
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  if (npmVersion.error || npmVersion.status !== 0) {
    fail(`npm is needed to fetch ${pkg.spec} (${pkg.purpose}) but 'npm --version' failed: ` +
         `${npmVersion.error ? npmVersion.error.message : npmVersion.stderr}. Install Node.js with npm, ` +
         `or place the tarball in ${tarballDir}.`);
  }
  console.error(`fetching ${pkg.spec} with npm pack (once; cached in ${tarballDir}) ...`);
  const packed = spawnSync('npm', ['pack', pkg.spec, '--pack-destination', tarballDir, '--silent'],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (packed.status !== 0) {
    const detail = (packed.stderr || '').trim().split('\n').slice(-5).join(' | ');
    fail(`'npm pack ${pkg.spec}' failed (is the npm registry reachable?): ${detail}`);
  }
  tarball = findTarball();
  if (!tarball) fail(`'npm pack ${pkg.spec}' succeeded but left no tarball in ${tarballDir}`);
  const actual = integrityOf(tarball);
  if (actual !== pkg.integrity) {
    fs.rmSync(tarball);
    fail(`${pkg.spec}: integrity mismatch (expected ${pkg.integrity}, got ${actual}); the tarball was deleted`);
  }
}

const tmpDir = `${finalDir}.tmp-${process.pid}`;
fs.rmSync(tmpDir, { recursive: true, force: true });
fs.mkdirSync(tmpDir, { recursive: true });
const untar = spawnSync('tar', ['-xzf', tarball, '-C', tmpDir, ...pkg.extract], { encoding: 'utf8' });
if (untar.status !== 0) fail(`extracting ${tarball} failed: ${(untar.stderr || untar.error || '').toString().trim()}`);
fs.writeFileSync(path.join(tmpDir, '.complete'), pkg.integrity + '\n');
try {
  fs.rmSync(finalDir, { recursive: true, force: true });
  fs.renameSync(tmpDir, finalDir);
} catch (e) {
  // Another run finished the same extraction first; theirs is as good as ours.
  fs.rmSync(tmpDir, { recursive: true, force: true });
  if (!fs.existsSync(stamp)) fail(`could not move ${tmpDir} to ${finalDir}: ${e.message}`);
}
console.log(finalDir);
