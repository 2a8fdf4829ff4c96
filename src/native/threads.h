/* A fixed pthread pool behind the core's gv_parallel_for hook. */
#ifndef GEOVEC_THREADS_H
#define GEOVEC_THREADS_H
/* Starts the pool (once) with GEOVEC_THREADS or the number of cores. */
void gv_pool_start(void);
/* Limits how many threads a loop uses (1..pool size; <= 0 means all).
 * Returns the number in effect. */
int gv_pool_set_threads(int n);
#endif
