/**
 * Benchmark entry point: `npm run bench [-- options]`.
 *
 *   --suite a,b      suites to run (default: every bench/suites/*.ts)
 *   --quick          short warm-up and budget (~15 s per suite); no docs update
 *   --filter S       only cases whose id contains S
 *   --backend B      only this geovec backend (native or wasm)
 *   --no-others      skip the other libraries
 *   --no-docs        do not update docs/benchmarks.md
 *   --list           list suites and exit
 *
 * Each geovec variant (backend + threads) runs in its own child process,
 * because the backend is chosen when geovec loads; the other libraries run
 * once, in one more child. Children run one after another, never together.
 */
import { spawn } from 'node:child_process';
import { svgChart } from './chart.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FULL, QUICK, RESULT_MARKER, type CaseResult, type Suite, type Variant } from './harness.js';
import { machine, machineLine } from './machine.js';
import { buildRows, consoleTable, markdownSection, replaceSection } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUITES_DIR = new URL('./suites/', import.meta.url);
const RESULTS_DIR = new URL('./results/', import.meta.url);
const DOCS = new URL('../docs/benchmarks.md', import.meta.url);
const DEFAULT_VARIANTS: Variant[] = [{ backend: 'native' }, { backend: 'wasm' }];

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string' },
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    backend: { type: 'string' },
    'no-others': { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

function allSuites(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

interface ChildOutput {
  target: string;
  backend: string;
  threads: number | null;
  results: CaseResult[];
}

/** Runs bench/worker.ts in a child process and returns its JSON result. */
function runWorker(workerArgs: string[], env: Record<string, string>): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/worker.ts', ...workerArgs], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const at = stdout.lastIndexOf(RESULT_MARKER);
      if (code !== 0 || at < 0) {
        reject(new Error(`worker ${workerArgs.join(' ')} exited with ${code}${at < 0 ? ', no result' : ''}`));
        return;
      }
      resolve(JSON.parse(stdout.slice(at + RESULT_MARKER.length)) as ChildOutput);
    });
  });
}

function variantName(v: Variant): string {
  return v.backend + (v.threads !== undefined ? `:${v.threads}` : '');
}

async function runSuite(name: string): Promise<void> {
  const { suite } = (await import(`./suites/${name}.ts`)) as { suite: Suite };
  const started = Date.now();
  const common = ['--suite', name, ...(args.quick ? ['--quick'] : []), ...(args.filter ? ['--filter', args.filter] : [])];
  const variants = (suite.variants ?? DEFAULT_VARIANTS).filter((v) => !args.backend || v.backend === args.backend);
  const children: ChildOutput[] = [];
  const failures: string[] = [];
  for (const v of variants) {
    process.stderr.write(`${name}: geovec ${variantName(v)}\n`);
    const extra = v.threads !== undefined ? ['--threads', String(v.threads)] : [];
    try {
      children.push(await runWorker([...common, '--target', 'geovec', ...extra], { GEOVEC_BACKEND: v.backend }));
    } catch (e) {
      failures.push(`geovec ${variantName(v)}: ${(e as Error).message}`);
    }
  }
  if (!args['no-others']) {
    process.stderr.write(`${name}: other libraries\n`);
    try {
      children.push(await runWorker([...common, '--target', 'others'], {}));
    } catch (e) {
      failures.push(`other libraries: ${(e as Error).message}`);
    }
  }

  const m = machine();
  const rows = buildRows(suite, children.flatMap((c) => c.results));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${suite.title} (suite "${name}"${args.quick ? ', quick' : ''}, ${seconds} s)`);
  console.log(machineLine(m));
  console.log(consoleTable(suite, rows));
  const summary = suite.summary?.(rows) ?? [];
  const missed = rows.filter((r) => r.met === false).map((r) => `${r.label} [${r.backend}]`);
  const extra = [...summary, ...failures.map((f) => `Failed: ${f}`)];
  console.log('');
  for (const l of extra) console.log(`- ${l.replace(/`/g, '')}`);
  if (missed.length) console.log(`- Targets missed: ${missed.join('; ')}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = new URL(`${name}${args.quick ? '.quick' : ''}.json`, RESULTS_DIR);
  const raw = { suite: name, title: suite.title, quick: args.quick, timing: args.quick ? QUICK : FULL, machine: m, seconds: Number(seconds), failures, rows };
  writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
  console.log(`\nraw results: ${fileURLToPath(file)}`);

  if (!args.quick && !args['no-docs'] && !args.filter && !args.backend && !args['no-others']) {
    const command = `npm run bench -- --suite ${name}`;
    const section = markdownSection(suite, rows, m, command, extra);
    const doc = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
    const chartFile = new URL(`bench-${name}.svg`, DOCS);
    const chart = svgChart(suite.title, rows);
    writeFileSync(chartFile, chart);
    const withChart = chart ? `${section.trimEnd()}\n\n![${suite.title}](bench-${name}.svg)\n` : section;
    writeFileSync(DOCS, replaceSection(doc, name, withChart));
    console.log(`docs: ${fileURLToPath(DOCS)} (section ${name}), chart ${fileURLToPath(chartFile)}`);
  }
}

async function main(): Promise<void> {
  const known = allSuites();
  const [load] = os.loadavg();
  if (load! > os.availableParallelism() / 2) {
    process.stderr.write(`warning: load average ${load!.toFixed(2)} on ${os.availableParallelism()} cores; other work will skew the results\n`);
  }
  if (args.list) {
    console.log(known.join('\n'));
    return;
  }
  const names = args.suite ? args.suite.split(',').map((s) => s.trim()) : known;
  for (const n of names) if (!known.includes(n)) throw new Error(`unknown suite "${n}" (have: ${known.join(', ')})`);
  if (args.backend && args.backend !== 'native' && args.backend !== 'wasm') throw new Error('--backend must be native or wasm');
  for (const n of names) await runSuite(n);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
