#!/usr/bin/env node
// The JavaScript side of the bridge's MessagePack round trips, on @msgpack/msgpack (the reference JS implementation).
//
//   node msgpack_peer.mjs echo <package-dir>
//       stdin: one base64 message a line; each is decoded and encoded again, printed as a base64 line.
//   node msgpack_peer.mjs generate <package-dir> <seed> <count>
//       prints <count> random messages (seeded, so `verify` can make them again), one base64 line each.
//   node msgpack_peer.mjs verify <package-dir> <seed> <count>
//       stdin: the C# codec's re-encodings of `generate`'s messages; decodes each and compares it with the original.
//
// Timestamps (ext -1) decode to {sec, nsec} through the library's own timestamp codec (not to Date, which would keep
// only milliseconds); int64/uint64 decode to BigInt (useBigInt64), so no integer loses precision.
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const [mode, packageDir, seedText, countText] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const msgpack = require(path.join(packageDir, 'package', 'dist.cjs', 'index.cjs'));

class TimeSpec {
  constructor(sec, nsec) { this.sec = sec; this.nsec = nsec; }
}

const extensionCodec = new msgpack.ExtensionCodec();
extensionCodec.register({
  type: msgpack.EXT_TIMESTAMP,
  encode: (value) => (value instanceof TimeSpec ? msgpack.encodeTimeSpecToTimestamp(value) : null),
  decode: (data) => {
    const { sec, nsec } = msgpack.decodeTimestampToTimeSpec(data);
    return new TimeSpec(sec, nsec);
  },
});
const options = { extensionCodec, useBigInt64: true };
const encode = (value) => msgpack.encode(value, options);
const decode = (bytes) => msgpack.decode(bytes, options);

async function readLines() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').split('\n').filter((line) => line.length > 0);
}

const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (line) => new Uint8Array(Buffer.from(line, 'base64'));

// mulberry32: a small seeded generator, so `generate` and `verify` make the same messages.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed) {
  const next = random(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo)); // [lo, hi)
  const bigint = (bits, signed) => {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(0, 65536));
    return signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v);
  };
  const alphabet = ['a', 'z', 'Q', '0', ' ', '"', 'é', 'Ж', '中', 'ひ', '🙂', '🍺', '\u0000', '\n'];
  const length = () => { const r = int(0, 100); return r === 0 ? 65536 + int(0, 50) : r < 8 ? int(200, 300) : int(0, 40); };
  const text = (n) => { let s = ''; while (s.length < n) s += alphabet[int(0, alphabet.length)]; return s; };
  const bytes = (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = int(0, 256); return b; };
  const float = () => {
    for (;;) {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, int(0, 2 ** 32)); view.setUint32(4, int(0, 2 ** 32));
      const v = next() < 0.25 ? next() * 2e6 - 1e6 : view.getFloat64(0);
      // Whole numbers would be sent as integers; NaN has no single encoding to compare.
      if (!Number.isNaN(v) && !Number.isInteger(v)) return v;
    }
  };
  const integer = () => {
    switch (int(0, 8)) {
      case 0: return int(0, 128);
      case 1: return int(-32, 0);
      case 2: return int(128, 65536);
      case 3: return int(65536, 2 ** 32);
      case 4: return int(-(2 ** 15), -32);
      case 5: return int(-(2 ** 31), -(2 ** 15));
      case 6: return bigint(64, false);
      default: return bigint(64, true);
    }
  };
  const timestamp = () => {
    switch (int(0, 4)) {
      case 0: return new TimeSpec(int(0, 2 ** 32), 0);
      case 1: return new TimeSpec(int(0, 2 ** 34), int(0, 1e9));
      case 2: return new TimeSpec(-int(1, 2 ** 53), int(0, 1e9));
      default: return new TimeSpec(int(2 ** 34, 2 ** 53), int(0, 1e9));
    }
  };
  const extension = () => {
    let type;
    do type = int(-128, 128); while (type === -1);
    const lengths = [0, 1, 2, 3, 4, 8, 16, 17, 255, 256];
    return new msgpack.ExtData(type, bytes(int(0, 50) === 0 ? 65536 + int(0, 10) : lengths[int(0, lengths.length)]));
  };
  const count = () => (int(0, 10) === 0 ? int(16, 20) : int(0, 8));
  const value = (depth) => {
    switch (int(0, depth >= 3 ? 9 : 11)) {
      case 0: return null;
      case 1: return next() < 0.5;
      case 2: case 3: return integer();
      case 4: return float();
      case 5: return text(length());
      case 6: return next() < 0.3 ? timestamp() : extension();
      case 7: return bytes(length());
      case 8: return integer();
      case 9: return Array.from({ length: count() }, () => value(depth + 1));
      default: {
        // Keys that a JS object keeps as given: non-numeric strings, each once.
        const map = {};
        const n = count();
        while (Object.keys(map).length < n) map['k' + text(int(0, 6))] = value(depth + 1);
        return map;
      }
    }
  };
  // The boundaries first, then random messages.
  const edges = [
    [0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31)],
    [2n ** 64n - 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n, -(2n ** 31n) - 1n],
    [0.5, -1.5, 1e300, -2.5e-308, Infinity, -Infinity],
    [new TimeSpec(0, 0), new TimeSpec(2 ** 32 - 1, 0), new TimeSpec(2 ** 32, 0), new TimeSpec(1, 1),
      new TimeSpec(2 ** 34 - 1, 999999999), new TimeSpec(2 ** 34, 0), new TimeSpec(-1, 999999999)],
    ['', text(31), text(32), 'x'.repeat(255), 'x'.repeat(256), 'y'.repeat(65535), 'z'.repeat(65536)],
    [bytes(0), bytes(255), bytes(256), bytes(65536)],
    [1, 2, 4, 8, 16, 0, 3, 255, 256, 65536].map((n) => new msgpack.ExtData(7, bytes(n))),
    Array.from({ length: 70000 }, (_, i) => i % 3),
    Object.fromEntries(Array.from({ length: 17 }, (_, i) => ['key' + i, i])),
  ];
  let produced = 0;
  return () => (produced < edges.length ? edges[produced++] : (produced++, value(0)));
}

// Equality in JavaScript's data model: an integer is equal whether it came as a Number or a BigInt.
function same(a, b) {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    if (typeof a === 'number' && !Number.isInteger(a)) return typeof b === 'number' && Object.is(a, b);
    if (typeof b === 'number' && !Number.isInteger(b)) return false;
    return BigInt(a) === BigInt(b);
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  if (a instanceof msgpack.ExtData && b instanceof msgpack.ExtData) return a.type === b.type && same(a.data, b.data);
  if (a instanceof TimeSpec && b instanceof TimeSpec) return a.sec === b.sec && a.nsec === b.nsec;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)
      && Object.getPrototypeOf(a) === Object.prototype && Object.getPrototypeOf(b) === Object.prototype) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return isDeepStrictEqual(ka, kb) && ka.every((k) => same(a[k], b[k]));
  }
  return Object.is(a, b);
}

const describe = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `bin(${x.length})` : x))?.slice(0, 300);

switch (mode) {
  case 'echo': {
    const out = (await readLines()).map((line) => toBase64(encode(decode(fromBase64(line)))));
    process.stdout.write(out.join('\n') + '\n');
    break;
  }
  case 'generate': {
    const make = generator(Number(seedText));
    const out = [];
    for (let i = 0; i < Number(countText); i++) out.push(toBase64(encode(make())));
    process.stdout.write(out.join('\n') + '\n');
    break;
  }
  case 'verify': {
    const make = generator(Number(seedText));
    const lines = await readLines();
    if (lines.length !== Number(countText)) {
      console.error(`expected ${countText} messages, got ${lines.length}`);
      process.exit(1);
    }
    const failures = [];
    lines.forEach((line, i) => {
      const original = make();
      const back = decode(fromBase64(line));
      if (!same(original, back)) failures.push(`message ${i}: sent ${describe(original)}, got back ${describe(back)}`);
    });
    if (failures.length > 0) {
      console.error(`${failures.length} of ${lines.length} messages differ:\n` + failures.slice(0, 5).join('\n'));
      process.exit(1);
    }
    console.log(`verified ${lines.length} messages`);
    break;
  }
  default:
    console.error('usage: msgpack_peer.mjs echo|generate|verify <package-dir> [seed count]');
    process.exit(2);
}
