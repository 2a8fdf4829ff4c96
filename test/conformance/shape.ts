/** Conformance-suite ops for the shape area (see test/conformance.test.ts). */
import type { Handlers, KnownWrong } from '../helpers/conformance.js';

export const handlers: Handlers = {};

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [];
