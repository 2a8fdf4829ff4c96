/**
 * The benchmark model shared by every suite, and the timing loop.
 *
 * A suite (bench/suites/<name>.ts) prepares its inputs and returns cases.
 * A case is one operation over a whole dataset (e.g. "parse the WKB of all
 * 3,230 counties"). geovec cases run once per geovec variant (backend +
 * threads), each variant in its own child process because the backend is
 * chosen at load time; the other libraries' cases run once, in one more
 * child process.
 */

export type Unit = 'GB/s' | 'MB/s';

/** A worker prints this line, then its JSON result, on stdout. */
export const RESULT_MARKER = '@@geovec-bench-result@@';

/** One geovec configuration: a backend and, for native, a thread count (0 = all cores). */
export interface Variant {
  backend: 'native' | 'wasm';
  threads?: number;
}

export interface BenchCase {
  /** Stable id, unique within the suite ("wkb.geovec.packed"). */
  id: string;
  /** What the table shows ("fromWKB(packed + offsets)"). */
  label: string;
  /** Library that does the work ("geovec", "JSON.parse", "geos-wasm", ...). */
  lib: string;
  /** Group id (a table section); ratios compare against the group's reference. */
  group: string;
  /** true: run once per geovec variant; false: run once with the other libraries. */
  geovec: boolean;
  /** Where a non-geovec case runs, for the table: 'js' (default) or 'wasm'. */
  backend?: string;
  /** Bytes processed per operation (input for parsers, output for writers). */
  bytes: number;
  /** Unit the throughput is shown in. */
  unit: Unit;
  /** Elements (geometries) per operation, for ns per geometry. */
  items: number;
  /** Throughput goal, in `unit`; the table marks whether it is met. */
  target?: number;
  /** Runs after every earlier case has run and before this one (not timed). */
  setup?: () => void | Promise<void>;
  /** One operation (may return a Promise, which is awaited inside the timing). Must free what it allocates outside the JS heap (as a user would). */
  run: () => unknown;
  /** Does one untimed operation and checks its result; throws if wrong, else returns a short description. */
  check?: () => string;
  teardown?: () => void;
  /** false: run samples back-to-back, without settling memory between them (default true). */
  settle?: boolean;
  /** A note shown under the table. */
  note?: string;
}

export interface Group {
  id: string;
  title: string;
  /** Id of the reference case (a geovec case: the ratio is taken against its first variant). */
  ref?: string;
}

export interface SuiteContext {
  quick: boolean;
  /** true in a geovec variant's process (return the geovec cases), false in the others' process. */
  geovec: boolean;
}

export interface Suite {
  name: string;
  title: string;
  /** Markdown paragraph(s) shown above the suite's table in docs/benchmarks.md. */
  description: string;
  groups: Group[];
  /** geovec variants to run (default: native with all threads, and wasm). */
  variants?: Variant[];
  /** Extra Markdown bullet lines under the tables (comparisons the tables do not show directly). */
  summary?: (rows: Row[]) => string[];
  /** Prepares the inputs and returns the cases of one process: geovec's or the other libraries'. */
  cases(ctx: SuiteContext): Promise<BenchCase[]> | BenchCase[];
}

export interface Stats {
  /** Nanoseconds per operation. */
  median: number;
  mean: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  /** Number of timed samples, and operations per sample. */
  samples: number;
  opsPerSample: number;
}

/** What a worker reports for one case (a variant's run, or the others' run). */
export interface CaseResult {
  id: string;
  label: string;
  lib: string;
  group: string;
  backend: string;
  threads: number | null;
  bytes: number;
  unit: Unit;
  items: number;
  target: number | null;
  note: string | null;
  check: string | null;
  /** Whether memory was settled before each sample. */
  settled: boolean;
  error: string | null;
  stats: Stats | null;
}

/** A result with its derived figures, as the tables show it. */
export interface Row extends CaseResult {
  /** Throughput in the case's unit, from the median. */
  throughput: number | null;
  nsPerItem: number | null;
  /** Median time ÷ the median of the group's reference (its first geovec variant). */
  ratio: number | null;
  met: boolean | null;
}

export interface Timing {
  /** Minimum warm-up time and runs before measuring. */
  warmupMs: number;
  warmupRuns: number;
  /** Time budget for the timed samples (settling included), and the sample count bounds. */
  budgetMs: number;
  minSamples: number;
  maxSamples: number;
  /** Operations shorter than this are batched into one sample (timer and loop overhead). */
  minSampleMs: number;
}

export const FULL: Timing = { warmupMs: 400, warmupRuns: 3, budgetMs: 3500, minSamples: 10, maxSamples: 300, minSampleMs: 0.2 };
export const QUICK: Timing = { warmupMs: 80, warmupRuns: 2, budgetMs: 300, minSamples: 5, maxSamples: 60, minSampleMs: 0.2 };

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(perOp: number[], opsPerSample: number): Stats {
  const s = [...perOp].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    min: s[0]!,
    max: s[s.length - 1]!,
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    samples: s.length,
    opsPerSample,
  };
}

/** Keeps results reachable so the optimizer cannot drop the work. */
export let sink: unknown = null;

const now = () => process.hrtime.bigint();
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Lets memory owned by dead results be freed before the next sample: a full
 * GC (the worker runs with --expose-gc), then one event-loop turn, because
 * Node runs Node-API finalizers (which free the native backend's arrays) in
 * a later callback, not inside the GC. Without this, the native backend's
 * memory piles up during a tight loop (see docs/benchmarks.md).
 */
export async function settle(): Promise<void> {
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Warm-up, then timed samples until both the minimum sample count and the
 * time budget are reached. A sample is one operation (several back-to-back
 * when one is shorter than minSampleMs). With `settleEach` (the default),
 * memory is settled before every sample, untimed, so each sample starts
 * from a collected heap; without it, samples run back-to-back.
 */
export async function measure(run: () => unknown, t: Timing, settleEach = true): Promise<Stats> {
  let warmRuns = 0;
  let warmTime = 0n;
  let sinceSettle = 0n;
  while (warmRuns < t.warmupRuns || warmTime < BigInt(t.warmupMs * 1e6)) {
    const s0 = now();
    sink = run();
    if (sink instanceof Promise) sink = await sink;
    const d = now() - s0;
    warmTime += d;
    sinceSettle += d;
    warmRuns++;
    if (settleEach && sinceSettle > 20_000_000n) {
      await settle();
      sinceSettle = 0n;
    }
  }
  const perOpEstimate = Number(warmTime) / warmRuns;
  const opsPerSample = Math.max(1, Math.min(10_000, Math.ceil((t.minSampleMs * 1e6) / perOpEstimate)));
  const perOp: number[] = [];
  const start = now();
  const budget = BigInt(t.budgetMs * 1e6);
  while (perOp.length < t.minSamples || (perOp.length < t.maxSamples && now() - start < budget)) {
    if (settleEach) {
      sink = null;
      await settle();
    }
    const s0 = now();
    for (let i = 0; i < opsPerSample; i++) {
      sink = run();
      if (sink instanceof Promise) sink = await sink;
    }
    perOp.push(Number(now() - s0) / opsPerSample);
  }
  sink = null;
  return summarize(perOp, opsPerSample);
}
