/* The kernel table and the calling convention's bookkeeping. */
#include "kernels.h"

#define GV_KERNEL(name) gv_status gv_k_##name(gv_call *c);
#include "kernels.def"
#undef GV_KERNEL

const gv_kernel gv_kernels[] = {
#define GV_KERNEL(name) {#name, gv_k_##name},
#include "kernels.def"
#undef GV_KERNEL
};
const int gv_kernel_count = (int)(sizeof gv_kernels / sizeof gv_kernels[0]);

gv_status gv_invoke(int id, gv_call *c) {
  if (id < 0 || id >= gv_kernel_count) return GV_ERR_ARG;
  return gv_kernels[id].fn(c);
}

void gv_call_dispose(gv_call *c) {
  for (int i = 0; i < GV_CALL_SPANS; i++) {
    if (!(c->out_views & (1u << i))) gv_free(c->out[i].data);
    c->out[i].data = NULL;
    c->out[i].len = 0;
  }
  gv_array_release(c->out_arr);
  c->out_arr = NULL;
  gv_errors_free(&c->err);
}

/* ---- parallel loops ---- */
static void serial_for(int64_t n, int64_t grain, gv_range_fn fn, void *ctx) {
  (void)grain;
  if (n > 0) fn(ctx, 0, n);
}
/* Set once by the host at start-up, before any kernel runs. */
static gv_parallel_fn parallel_impl = serial_for;
static int parallel_threads = 1;

void gv_set_parallel(gv_parallel_fn fn, int threads) {
  parallel_impl = fn ? fn : serial_for;
  parallel_threads = fn && threads > 0 ? threads : 1;
}
void gv_parallel_for(int64_t n, int64_t grain, gv_range_fn fn, void *ctx) {
  parallel_impl(n, grain, fn, ctx);
}
int gv_threads(void) { return parallel_threads; }
