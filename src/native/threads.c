/* A fixed pthread pool for the core's parallel loops.
 *
 * One loop runs on the pool at a time: the caller takes the pool's lock,
 * publishes the job, and works on it too; workers claim chunks with an
 * atomic counter. A loop that finds the pool busy (another thread's loop,
 * e.g. from an async call) runs on its own thread instead of waiting, so
 * loops never deadlock and never queue behind each other. */
#define _GNU_SOURCE
#include "threads.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "../core/kernels.h"

#define MAX_THREADS 256

static struct {
  pthread_mutex_t busy;  /* held by the thread running a loop on the pool */
  pthread_mutex_t lock;  /* guards the fields below */
  pthread_cond_t wake, done;
  int size;              /* worker threads + the caller */
  int active;            /* threads a loop may use */
  unsigned generation;   /* bumped for every job */
  int running;           /* workers still inside the current job */
  /* the job */
  gv_range_fn fn;
  void *ctx;
  int64_t n, chunk;
  atomic_llong next;
  int helpers;           /* workers that take part */
} pool = {.busy = PTHREAD_MUTEX_INITIALIZER,
          .lock = PTHREAD_MUTEX_INITIALIZER,
          .wake = PTHREAD_COND_INITIALIZER,
          .done = PTHREAD_COND_INITIALIZER,
          .size = 1,
          .active = 1};

static void run_chunks(void) {
  for (;;) {
    int64_t b = atomic_fetch_add(&pool.next, pool.chunk);
    if (b >= pool.n) return;
    int64_t e = b + pool.chunk < pool.n ? b + pool.chunk : pool.n;
    pool.fn(pool.ctx, b, e);
  }
}

static void *worker(void *arg) {
  int rank = (int)(intptr_t)arg; /* 1..size-1 */
  unsigned seen = 0;
  pthread_mutex_lock(&pool.lock);
  for (;;) {
    while (pool.generation == seen) pthread_cond_wait(&pool.wake, &pool.lock);
    seen = pool.generation;
    if (rank > pool.helpers) continue;
    pthread_mutex_unlock(&pool.lock);
    run_chunks();
    pthread_mutex_lock(&pool.lock);
    if (--pool.running == 0) pthread_cond_signal(&pool.done);
  }
  return NULL;
}

static void pool_for(int64_t n, int64_t grain, gv_range_fn fn, void *ctx) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  int threads = pool.active;
  if (threads <= 1 || n < 2 * grain || pthread_mutex_trylock(&pool.busy) != 0) {
    fn(ctx, 0, n);
    return;
  }
  /* Chunks several times smaller than a fair share balance uneven work. */
  int64_t chunk = n / ((int64_t)threads * 8);
  if (chunk < grain) chunk = grain;
  pthread_mutex_lock(&pool.lock);
  pool.fn = fn;
  pool.ctx = ctx;
  pool.n = n;
  pool.chunk = chunk;
  atomic_store(&pool.next, 0);
  pool.helpers = threads - 1;
  pool.running = threads - 1;
  pool.generation++;
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  run_chunks();
  pthread_mutex_lock(&pool.lock);
  while (pool.running > 0) pthread_cond_wait(&pool.done, &pool.lock);
  pthread_mutex_unlock(&pool.lock);
  pthread_mutex_unlock(&pool.busy);
}

int gv_pool_set_threads(int n) {
  pthread_mutex_lock(&pool.busy); /* never change it under a running loop */
  pool.active = n <= 0 || n > pool.size ? pool.size : n;
  gv_set_parallel(pool_for, pool.active);
  pthread_mutex_unlock(&pool.busy);
  return pool.active;
}

void gv_pool_start(void) {
  static int started;
  if (started) return;
  started = 1;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  const char *env = getenv("GEOVEC_THREADS");
  int want = env && atoi(env) > 0 ? atoi(env) : (int)(cores > 0 ? cores : 1);
  if (want > MAX_THREADS) want = MAX_THREADS;
  int size = 1;
  for (int i = 1; i < want; i++) {
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, worker, (void *)(intptr_t)i) == 0) size++;
    pthread_attr_destroy(&attr);
  }
  pool.size = size;
  gv_pool_set_threads(size);
}
