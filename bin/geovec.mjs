#!/usr/bin/env node
// The geovec command line (src/ts/cli.ts, compiled to dist/ts by `npm run build:ts`).
import { main } from '../dist/ts/cli.js';

process.exitCode = await main(process.argv.slice(2));
