#!/usr/bin/env node
// The JavaScript side of `robotpolicy bench codec`: the bridge's messages through @msgpack/msgpack.
//
//   node msgpack_codec_bench.mjs bytes <package-dir>
//       stdin: {"sensor": {...}, "action": {...}} (the objects to encode); prints {"sensor": base64, "action": base64}.
//   node msgpack_codec_bench.mjs bench <package-dir> <quick: 0|1>
//       stdin: the same; times encode, decode and encode+decode and prints the result as JSON.
//
// Options: one Encoder({forceFloat32: true}) and one Decoder(), both reused (the library's fast path; the
// module-level encode()/decode() make no difference to the bytes). forceFloat32 writes a non-integer JS number as
// float32, so the objects, whose floats all have fractional parts, encode to exactly the bytes the C# codec
// writes: a whole-number JS number would go as an integer. Encoding uses encodeSharedRef, which returns a view of
// the encoder's own buffer, as the C# side writes into a reused buffer. Decoding builds a fresh JS object, as it
// must. Each timed operation runs in rounds of about 20 ms after a warm-up; the median round is reported.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const [mode, packageDir, quickText] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const msgpack = require(path.join(packageDir, 'package', 'dist.cjs', 'index.cjs'));
const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package', 'package.json'), 'utf8')).version;

const encoderOptions = { forceFloat32: true };
const encoder = new msgpack.Encoder(encoderOptions);
const decoder = new msgpack.Decoder();

const messages = JSON.parse(fs.readFileSync(0, 'utf8'));
const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

if (mode === 'bytes') {
  console.log(JSON.stringify({ sensor: toBase64(encoder.encode(messages.sensor)), action: toBase64(encoder.encode(messages.action)) }));
  process.exit(0);
}
if (mode !== 'bench') {
  console.error(`unknown mode '${mode}' (bytes or bench)`);
  process.exit(2);
}

// Both messages must come back as they went, or the timings mean nothing.
for (const [name, object] of Object.entries(messages)) {
  const back = decoder.decode(encoder.encode(object));
  if (!isDeepStrictEqual(back, object)) {
    console.error(`${name}: decode(encode(x)) differs from x: ${JSON.stringify(back)}`);
    process.exit(1);
  }
}

const quick = quickText === '1';
const warmupMs = quick ? 300 : 2000;
const rounds = quick ? 9 : 41;
const roundMs = 20;
let sink = 0;

const sensorBytes = encoder.encode(messages.sensor);
const operations = {
  SensorFrame64_EncodeDecode: () => { sink += decoder.decode(encoder.encodeSharedRef(messages.sensor)).values[63]; },
  SensorFrame64_Encode: () => { sink += encoder.encodeSharedRef(messages.sensor).length; },
  SensorFrame64_Decode: () => { sink += decoder.decode(sensorBytes).values[63]; },
  ActionFrame12_EncodeDecode: () => { sink += decoder.decode(encoder.encodeSharedRef(messages.action)).targets[11]; },
};

const now = () => process.hrtime.bigint();

function runFor(op, n) {
  const start = now();
  for (let i = 0; i < n; i++) op();
  return Number(now() - start);
}

function measure(op) {
  // Warm up (the JIT's tiers settle) and find how many operations fill a round.
  let n = 64;
  const warmupEnd = now() + BigInt(warmupMs) * 1_000_000n;
  let nsPerOp = Infinity;
  while (now() < warmupEnd) {
    const elapsed = runFor(op, n);
    nsPerOp = elapsed / n;
    if (elapsed < roundMs * 1e6 / 2) n *= 2;
  }
  const perRound = Math.max(1, Math.round(roundMs * 1e6 / nsPerOp));
  const samples = [];
  for (let r = 0; r < rounds; r++) samples.push(runFor(op, perRound) / perRound);
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { ns_per_op: samples[Math.floor(samples.length / 2)], mean_ns: mean, min_ns: samples[0], max_ns: samples[samples.length - 1], rounds, ops_per_round: perRound };
}

const results = {};
for (const [name, op] of Object.entries(operations)) results[name] = measure(op);

console.log(JSON.stringify({
  node: process.version,
  package: `@msgpack/msgpack ${version}`,
  options: 'new Encoder({forceFloat32: true}).encodeSharedRef(object), new Decoder().decode(bytes); both reused',
  warmup_ms: warmupMs,
  round_ms: roundMs,
  results,
  sink,
}));
