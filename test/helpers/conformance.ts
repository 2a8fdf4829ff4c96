/**
 * Reader for the JTS and GEOS XML test suites in ../shared/conformance
 * (format: ../shared/conformance/README.md). Each file is a <run> of
 * <case>s with geometry <a> (and <b>) as WKT and <op>s with an expected
 * result. The files are read where they are, never copied.
 *
 * `failure/` folders hold cases that neither project runs (known failures
 * upstream) and are left out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/conformance beside the repository (GEOVEC_CONFORMANCE_DIR overrides it, e.g. in a worktree elsewhere). */
export const CONFORMANCE_ROOT = process.env.GEOVEC_CONFORMANCE_DIR || fileURLToPath(new URL('../../../shared/conformance', import.meta.url));

export interface ConformanceOp {
  /** The op name as written (case varies between files: compare lower-cased). */
  name: string;
  arg1?: string;
  arg2?: string;
  arg3?: string;
  /** buffersinglesided: the side, 'left' or 'right' */
  arg4?: string;
  /** The expected result, trimmed (true / false, a number, a WKT, a DE-9IM pattern ...). */
  expected: string;
}

export interface ConformanceCase {
  /** Path relative to CONFORMANCE_ROOT. */
  file: string;
  /** 1-based position of the case in its file. */
  index: number;
  desc: string;
  a?: string;
  b?: string;
  /** The file's precision model: null for floating, else the scale (coordinates rounded to 1/scale). */
  scale: number | null;
  ops: ConformanceOp[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z0-9_]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]!] = decode(m[3] ?? m[4] ?? '');
  return out;
}

function inner(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decode(m[2]!).trim() : undefined;
}

/** Parses one XML file's text. */
export function parseSuite(text: string, file: string): ConformanceCase[] {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const pm = /<precisionModel\b([^>]*)\/?>/.exec(xml);
  let scale: number | null = null;
  if (pm) {
    const at = attrs(pm[1]!);
    if (at.type !== 'FLOATING' && at.scale !== undefined && Number.isFinite(Number(at.scale))) scale = Number(at.scale);
  }
  const cases: ConformanceCase[] = [];
  let index = 0;
  for (const m of xml.matchAll(/<case\b[^>]*>([\s\S]*?)<\/case>/g)) {
    index++;
    const body = m[1]!;
    const ops: ConformanceOp[] = [];
    for (const o of body.matchAll(/<op\b([^>]*)>([\s\S]*?)<\/op>/g)) {
      const at = attrs(o[1]!);
      if (!at.name) continue;
      const op: ConformanceOp = { name: at.name, expected: decode(o[2]!).trim() };
      if (at.arg1 !== undefined) op.arg1 = at.arg1;
      if (at.arg2 !== undefined) op.arg2 = at.arg2;
      if (at.arg3 !== undefined) op.arg3 = at.arg3;
      if (at.arg4 !== undefined) op.arg4 = at.arg4;
      ops.push(op);
    }
    const c: ConformanceCase = { file, index, desc: inner(body, 'desc') ?? '', scale, ops };
    const a = inner(body, 'a');
    const b = inner(body, 'b');
    if (a !== undefined) c.a = a.replace(/\s+/g, ' ');
    if (b !== undefined) c.b = b.replace(/\s+/g, ' ');
    cases.push(c);
  }
  return cases;
}

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'failure') out.push(...xmlFiles(p));
    } else if (e.name.endsWith('.xml')) out.push(p);
  }
  return out.sort();
}

/** Every case of every suite file, or null when ../shared/conformance is absent. */
export function loadSuites(): ConformanceCase[] | null {
  if (!existsSync(CONFORMANCE_ROOT)) return null;
  const cases: ConformanceCase[] = [];
  for (const f of xmlFiles(CONFORMANCE_ROOT)) cases.push(...parseSuite(readFileSync(f, 'utf8'), relative(CONFORMANCE_ROOT, f)));
  return cases;
}

/** The geometry an op argument names ("A" / "B", any case), or undefined for other arguments. */
export function argGeometry(c: ConformanceCase, arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  const k = arg.trim().toUpperCase();
  return k === 'A' ? c.a : k === 'B' ? c.b : undefined;
}

/**
 * What a handler says of one op: true (pass), false (fail), or a string
 * (skipped, with the reason: e.g. an input geovec refuses by design).
 */
export type OpResult = boolean | string;
export type OpHandler = (c: ConformanceCase, op: ConformanceOp) => OpResult;
/** Handlers by lower-cased op name. */
export type Handlers = Record<string, OpHandler>;

/** A case known to be wrong in the suite itself (see test/conformance/known.ts). */
export interface KnownWrong {
  /** Suffix of the file path (both trees may hold the file). */
  file: string;
  /** The case's <desc>, or its 1-based index. */
  desc: string | number;
  /** Lower-cased op name. */
  op: string;
  reason: string;
}
