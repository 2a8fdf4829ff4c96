/* The kernel table: every operation the hosts can call, behind one calling
 * convention. A host (the Node addon or the WASM glue) fills a gv_call with
 * input arrays, buffers and numbers, runs a kernel by its index, and turns
 * the outputs into JavaScript values. Adding an operation means adding one
 * line to kernels.def and one function; neither glue changes. */
#ifndef GEOVEC_KERNELS_H
#define GEOVEC_KERNELS_H

#include "geovec.h"

#define GV_CALL_ARRAYS 4
#define GV_CALL_SPANS 12
#define GV_CALL_NUMS 8

typedef struct gv_span {
  void *data;
  size_t len; /* bytes */
} gv_span;

typedef struct gv_call {
  /* inputs */
  gv_array *arr[GV_CALL_ARRAYS];
  gv_span in[GV_CALL_SPANS];
  double num[GV_CALL_NUMS];
  /* outputs */
  gv_array *out_arr;    /* a new array (refcount 1), owned by the host */
  uint32_t out_borrows; /* bit i: out_arr points into in[i]; the host keeps in[i] alive */
  gv_span out[GV_CALL_SPANS];
  uint32_t out_views;   /* bit i: out[i] points into arr[0]'s memory and is not
                           owned; otherwise out[i] is gv_malloc'd and owned by the host */
  double out_num[GV_CALL_NUMS];
  gv_errors err;
} gv_call;

typedef gv_status (*gv_kernel_fn)(gv_call *c);
typedef struct gv_kernel {
  const char *name;
  gv_kernel_fn fn;
} gv_kernel;

extern const gv_kernel gv_kernels[];
extern const int gv_kernel_count;

/* Runs kernel `id`; GV_ERR_ARG for an unknown id. */
gv_status gv_invoke(int id, gv_call *c);
/* Frees what a call still owns (outputs the host did not take, errors). */
void gv_call_dispose(gv_call *c);

/* Parallel loops: the host may install a thread pool; the default runs
 * serially. fn(ctx, begin, end) is called on disjoint ranges covering [0, n). */
typedef void (*gv_range_fn)(void *ctx, int64_t begin, int64_t end);
typedef void (*gv_parallel_fn)(int64_t n, int64_t grain, gv_range_fn fn, void *ctx);
void gv_set_parallel(gv_parallel_fn fn, int threads);
void gv_parallel_for(int64_t n, int64_t grain, gv_range_fn fn, void *ctx);
int gv_threads(void);

#endif
