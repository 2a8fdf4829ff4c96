/** Running a kernel by name and turning its status into an exception. */
import { getBackend, type CallResult, type Handle, type Input } from './backend.js';
import { GeovecError, GeovecParseError, parseProblems } from './errors.js';

const STATUS_PARSE = 1;
const STATUS_NOMEM = 2;

function check(r: CallResult, name: string, format: string): CallResult {
  if (r.status === 0) return r;
  const problems = parseProblems(r.errors);
  if (r.status === STATUS_PARSE && problems.length) throw new GeovecParseError(problems[0]!, format);
  if (r.status === STATUS_NOMEM) throw new RangeError(`geovec: ${format}: out of memory`);
  const why = problems.length ? problems[0]!.reason : `kernel ${name} failed with status ${r.status}`;
  throw new GeovecError(`geovec: ${format}: ${why}`);
}

/** Runs kernel `name`; throws GeovecParseError / GeovecError / RangeError on failure. */
export function run(name: string, arrays: (Handle | null)[], inputs: Input[] = [], nums: number[] = [], format = name): CallResult {
  const b = getBackend();
  return check(b.call(b.kernel(name), arrays, inputs, nums), name, format);
}

/** The same, on a worker thread in the native backend. */
export async function runAsync(name: string, arrays: (Handle | null)[], inputs: Input[] = [], nums: number[] = [], format = name): Promise<CallResult> {
  const b = getBackend();
  return check(await b.callAsync(b.kernel(name), arrays, inputs, nums), name, format);
}
