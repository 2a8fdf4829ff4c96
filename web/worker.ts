// A geovec pool worker for the page: one WebAssembly instance of geovec.
import '../src/ts/pool-worker.js';
