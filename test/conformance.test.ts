/**
 * The JTS and GEOS XML conformance suites (../shared/conformance), run on
 * the backend in use (scripts/test.sh runs the suite on both).
 *
 * Each area registers its ops in test/conformance/<area>.ts: a handler per
 * lower-cased op name, and the cases the suite itself gets wrong, each with
 * its reason. The test passes only when every op that has a handler passes,
 * apart from those listed as known-wrong; ops without a handler yet are
 * counted and reported, not run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadSuites, type ConformanceCase, type ConformanceOp, type Handlers, type KnownWrong } from './helpers/conformance.js';
import * as predicates from './conformance/predicates.js';
import * as validity from './conformance/validity.js';
import * as measures from './conformance/measures.js';
import * as shape from './conformance/shape.js';
import * as overlay from './conformance/overlay.js';
import * as buffer from './conformance/buffer.js';
import * as makevalid from './conformance/makevalid.js';

const AREAS: Record<string, { handlers: Handlers; known: KnownWrong[] }> = { predicates, validity, measures, shape, overlay, buffer, makevalid };

const cases = loadSuites();

function isKnown(known: KnownWrong[], c: ConformanceCase, op: ConformanceOp): KnownWrong | undefined {
  const name = op.name.toLowerCase();
  return known.find((k) => k.op === name && c.file.endsWith(k.file) && (k.desc === c.desc || k.desc === c.index));
}

test('conformance suites: every op with a handler passes', { skip: cases ? false : 'no ../shared/conformance' }, () => {
  const handlers = new Map<string, { area: string; fn: Handlers[string] }>();
  const known: KnownWrong[] = [];
  for (const [area, mod] of Object.entries(AREAS)) {
    for (const [name, fn] of Object.entries(mod.handlers)) {
      assert.ok(!handlers.has(name), `op ${name} has handlers in two areas`);
      handlers.set(name, { area, fn });
    }
    known.push(...mod.known);
  }
  const tally = new Map<string, { pass: number; fail: number; skip: number; knownWrong: number }>();
  const notRun = new Map<string, number>();
  const failures: string[] = [];
  const knownSeen = new Set<KnownWrong>();
  const skipReasons = new Map<string, number>();
  for (const c of cases!) {
    for (const op of c.ops) {
      const name = op.name.toLowerCase();
      const h = handlers.get(name);
      if (!h) {
        notRun.set(name, (notRun.get(name) ?? 0) + 1);
        continue;
      }
      const t = tally.get(name) ?? { pass: 0, fail: 0, skip: 0, knownWrong: 0 };
      tally.set(name, t);
      let r: boolean | string;
      let threw = '';
      try {
        r = h.fn(c, op);
      } catch (e) {
        r = false;
        threw = ` (threw ${(e as Error).message})`;
      }
      if (r === true) t.pass++;
      else if (typeof r === 'string') {
        t.skip++;
        const why = `${name}: ${r}`;
        skipReasons.set(why, (skipReasons.get(why) ?? 0) + 1);
      }
      else {
        const k = isKnown(known, c, op);
        if (k) {
          t.knownWrong++;
          knownSeen.add(k);
        } else {
          t.fail++;
          failures.push(`${c.file} case ${c.index} "${c.desc}": ${op.name}(${[op.arg1, op.arg2, op.arg3].filter((x) => x !== undefined).join(', ')}) expected ${op.expected}${threw}`);
        }
      }
    }
  }
  const rows = [...tally].sort(([a], [b]) => a.localeCompare(b));
  console.log('conformance: op                   pass  fail  skip  known-wrong');
  for (const [name, t] of rows) console.log(`conformance: ${name.padEnd(20)} ${String(t.pass).padStart(5)} ${String(t.fail).padStart(5)} ${String(t.skip).padStart(5)} ${String(t.knownWrong).padStart(5)}`);
  const total = rows.reduce((s, [, t]) => s + t.pass, 0);
  console.log(`conformance: ${total} ops passed; not run yet (no handler): ${[...notRun].map(([n, k]) => `${n} ${k}`).join(', ') || 'none'}`);
  for (const [why, n] of [...skipReasons].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`conformance: skipped ${n}x ${why}`);
  for (const k of knownSeen) console.log(`conformance: known-wrong in the suite: ${k.file} "${k.desc}" ${k.op}: ${k.reason}`);
  for (const k of known) if (!knownSeen.has(k)) console.log(`conformance: known-wrong case no longer fails: ${k.file} ${k.desc} ${k.op}`);
  assert.deepEqual(failures.slice(0, 50), [], `${failures.length} conformance failures`);
});
