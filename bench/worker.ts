/**
 * One benchmark process: runs one suite's cases for one target and prints
 * the results as JSON on stdout, after a marker line (libraries may print
 * too; everything else goes to stderr).
 *
 *   GEOVEC_BACKEND=native node --expose-gc --import tsx bench/worker.ts --suite parse --target geovec [--threads N] [--quick] [--filter S]
 *   node --expose-gc --import tsx bench/worker.ts --suite parse --target others
 */
import { parseArgs } from 'node:util';
import * as gv from '../src/ts/index.js';
import { FULL, QUICK, RESULT_MARKER, measure, settle, type BenchCase, type CaseResult, type Suite } from './harness.js';

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string' },
    target: { type: 'string', default: 'geovec' },
    threads: { type: 'string' },
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
  },
});

/* Keep stdout for the result: library chatter (console.log/debug) goes to stderr. */
const out = process.stdout.write.bind(process.stdout);
console.log = console.info = console.debug = (...a: unknown[]) => console.error(...a);

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function main(): Promise<void> {
  if (!args.suite) throw new Error('--suite is required');
  const geovec = args.target === 'geovec';
  if (!geovec && args.target !== 'others') throw new Error(`--target must be geovec or others, not ${args.target}`);
  const { suite } = (await import(`./suites/${args.suite}.ts`)) as { suite: Suite };
  const timing = args.quick ? QUICK : FULL;

  let backend = 'js';
  let threads: number | null = null;
  if (geovec) {
    backend = gv.backend();
    if (process.env.GEOVEC_BACKEND && backend !== process.env.GEOVEC_BACKEND) {
      throw new Error(`asked for the ${process.env.GEOVEC_BACKEND} backend, got ${backend}`);
    }
    if (args.threads !== undefined) gv.setThreads(Number(args.threads));
    threads = gv.threads();
  }

  let cases: BenchCase[] = await suite.cases({ quick: args.quick, geovec });
  if (args.filter) cases = cases.filter((c) => c.id.includes(args.filter!));
  const results: CaseResult[] = [];
  const tag = geovec ? `${backend}${backend === 'native' ? `, ${threads} threads` : ''}` : 'others';
  for (const c of cases) {
    const r: CaseResult = {
      id: c.id,
      label: c.label,
      lib: c.lib,
      group: c.group,
      backend: geovec ? backend : (c.backend ?? 'js'),
      threads,
      bytes: 0,
      unit: c.unit,
      items: c.items,
      target: c.target ?? null,
      note: c.note ?? null,
      check: null,
      settled: c.settle ?? true,
      error: null,
      stats: null,
    };
    try {
      await c.setup?.();
      r.bytes = c.bytes;
      r.check = c.check ? c.check() : null;
      await settle();
      r.stats = await measure(c.run, timing, c.settle ?? true);
      process.stderr.write(`  ${suite.name} [${tag}] ${c.id}: ${(r.stats.median / 1e6).toFixed(3)} ms\n`);
    } catch (e) {
      r.error = errorText(e);
      process.stderr.write(`  ${suite.name} [${tag}] ${c.id}: FAILED ${r.error}\n`);
    } finally {
      try {
        c.teardown?.();
      } catch (e) {
        r.error ??= `teardown: ${errorText(e)}`;
      }
    }
    results.push(r);
  }
  out(`${RESULT_MARKER}\n${JSON.stringify({ suite: suite.name, target: args.target, backend, threads, results })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
