/* WebAssembly glue: exports the kernel table and small accessors for the
 * gv_call frame, so that the TypeScript side never hard-codes the frame's
 * memory layout. Inputs are copied into linear memory by the host; outputs
 * are copied out by the host and then freed here. */
#include "../core/kernels.h"

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(gv_alloc) void *wasm_alloc(size_t n) { return gv_malloc(n); }
EXPORT(gv_dealloc) void wasm_dealloc(void *p) { gv_free(p); }

EXPORT(gv_kernel_count) int wasm_kernel_count(void) { return gv_kernel_count; }
EXPORT(gv_kernel_name) const char *wasm_kernel_name(int i) {
  return i >= 0 && i < gv_kernel_count ? gv_kernels[i].name : "";
}

EXPORT(gv_call_new) gv_call *wasm_call_new(void) { return gv_calloc(1, sizeof(gv_call)); }
EXPORT(gv_call_free) void wasm_call_free(gv_call *c) {
  gv_call_dispose(c);
  gv_free(c);
}
EXPORT(gv_call_set_arr) void wasm_set_arr(gv_call *c, int i, gv_array *a) { c->arr[i] = a; }
EXPORT(gv_call_set_in) void wasm_set_in(gv_call *c, int i, void *p, size_t len) {
  c->in[i].data = p;
  c->in[i].len = len;
}
EXPORT(gv_call_set_num) void wasm_set_num(gv_call *c, int i, double v) { c->num[i] = v; }
EXPORT(gv_invoke) int wasm_invoke(int id, gv_call *c) { return (int)gv_invoke(id, c); }

EXPORT(gv_call_out_ptr) void *wasm_out_ptr(gv_call *c, int i) { return c->out[i].data; }
EXPORT(gv_call_out_len) size_t wasm_out_len(gv_call *c, int i) { return c->out[i].len; }
EXPORT(gv_call_out_views) uint32_t wasm_out_views(gv_call *c) { return c->out_views; }
EXPORT(gv_call_out_borrows) uint32_t wasm_out_borrows(gv_call *c) { return c->out_borrows; }
EXPORT(gv_call_out_num) double wasm_out_num(gv_call *c, int i) { return c->out_num[i]; }
EXPORT(gv_call_err_ptr) const void *wasm_err_ptr(gv_call *c) { return c->err.text.data; }
EXPORT(gv_call_err_len) size_t wasm_err_len(gv_call *c) { return c->err.text.len; }
EXPORT(gv_call_err_count) double wasm_err_count(gv_call *c) { return (double)c->err.count; }
/* The host takes the output array; the call no longer frees it. */
EXPORT(gv_call_take_array) gv_array *wasm_take_array(gv_call *c) {
  gv_array *a = c->out_arr;
  c->out_arr = NULL;
  return a;
}

EXPORT(gv_array_release) void wasm_array_release(gv_array *a) { gv_array_release(a); }
/* A borrowed input that the host copied into linear memory becomes the
 * array's to free. */
EXPORT(gv_array_adopt) int wasm_array_adopt(gv_array *a, void *block) {
  return (int)gv_array_adopt(a, block);
}
