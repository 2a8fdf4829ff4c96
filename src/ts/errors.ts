/** Errors thrown by geovec. */

/** A caller error or a limit: bad lengths, a bad handle, an oversized input. */
export class GeovecError extends Error {
  override name = 'GeovecError';
}

/** One element that failed to parse. */
export interface ParseProblem {
  /** Position of the element in the input (-1 when it concerns the whole input). */
  index: number;
  /** Byte offset inside the element (WKB, WKT) or the document (GeoJSON); -1 if unknown. */
  offset: number;
  /** What was wrong. */
  reason: string;
}

/** Thrown by a parser on bad input (unless `onInvalid: 'null'`). */
export class GeovecParseError extends GeovecError {
  override name = 'GeovecParseError';
  readonly index: number;
  readonly offset: number;
  readonly reason: string;
  constructor(problem: ParseProblem, format: string) {
    super(`${format}: element ${problem.index}, byte ${problem.offset}: ${problem.reason}`);
    this.index = problem.index;
    this.offset = problem.offset;
    this.reason = problem.reason;
  }
}

/** Decodes the core's error lines ("index\toffset\tmessage"). */
export function parseProblems(text: string): ParseProblem[] {
  const out: ParseProblem[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [index, offset, ...rest] = line.split('\t');
    out.push({ index: Number(index), offset: Number(offset), reason: rest.join('\t') });
  }
  return out;
}
