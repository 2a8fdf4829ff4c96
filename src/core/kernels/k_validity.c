/* Kernels: validity (validity/valid.c) and simplicity (validity/simple.c),
 * one geometry at a time on all cores. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "validity/simple.h"
#include "validity/valid.h"

#define CODE_NULL 255
#define CODE_NOMEM 254

typedef struct valid_job {
  const gv_array *a;
  uint8_t *code;
  double *xy;
} valid_job;

static void valid_range(void *ctx, int64_t begin, int64_t end) {
  valid_job *j = ctx;
  gv_valid_work *w = gv_valid_work_new();
  for (int64_t i = begin; i < end; i++) {
    gv_validity v = {GV_VALID, NAN, NAN};
    if (gv_is_null(j->a, i)) j->code[i] = CODE_NULL;
    else if (!w || gv_geom_validity(w, j->a, i, &v)) j->code[i] = CODE_NOMEM;
    else j->code[i] = (uint8_t)v.code;
    j->xy[2 * i] = v.x, j->xy[2 * i + 1] = v.y;
  }
  gv_valid_work_free(w);
}

static gv_status alloc_out(gv_call *c, int slot, size_t bytes) {
  c->out[slot].data = gv_malloc(bytes ? bytes : 1);
  c->out[slot].len = bytes;
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

/* is_valid(arr0; num0 = mode) ->
 *   mode 0: out0 uint8 per geometry, 1 valid, 0 invalid or null;
 *   mode 1: out0 as above, out1 uint8 problem code (GV_INVALID_*, 0 valid,
 *           255 null), out2 float64 x, y of the problem (NaN when valid);
 *   mode 2: out0 as above, out1 the GEOS reason texts (ASCII) concatenated,
 *           out2 int64 offsets (n + 1; a null geometry is empty text). */
gv_status gv_k_is_valid(gv_call *c) {
  const gv_array *a = c->arr[0];
  int mode = (int)c->num[0];
  if (!a || mode < 0 || mode > 2) return GV_ERR_ARG;
  int64_t n = a->n;
  valid_job j = {a, gv_malloc(n ? (size_t)n : 1), gv_malloc(n ? (size_t)n * 16 : 1)};
  gv_status st = GV_OK;
  if (!j.code || !j.xy) st = GV_ERR_NOMEM;
  if (!st) gv_parallel_for(n, 64, valid_range, &j);
  for (int64_t i = 0; i < n && !st; i++)
    if (j.code[i] == CODE_NOMEM) st = GV_ERR_NOMEM;
  if (!st) st = alloc_out(c, 0, (size_t)n);
  if (!st) {
    uint8_t *o = c->out[0].data;
    for (int64_t i = 0; i < n; i++) o[i] = j.code[i] == GV_VALID;
  }
  if (!st && mode == 1) {
    c->out[1].data = j.code, c->out[1].len = (size_t)n;
    c->out[2].data = j.xy, c->out[2].len = (size_t)n * 16;
    return GV_OK;
  }
  if (!st && mode == 2) {
    gv_buf text = {0}, offs = {0};
    int64_t pos = 0;
    st = gv_buf_append(&offs, &pos, sizeof pos);
    for (int64_t i = 0; i < n && !st; i++) {
      if (j.code[i] != CODE_NULL) {
        char buf[128];
        gv_validity v = {j.code[i], j.xy[2 * i], j.xy[2 * i + 1]};
        int len = gv_validity_reason(&v, buf, sizeof buf);
        st = gv_buf_append(&text, buf, (size_t)len);
      }
      pos = (int64_t)text.len;
      if (!st) st = gv_buf_append(&offs, &pos, sizeof pos);
    }
    if (!st) {
      c->out[1].len = text.len, c->out[1].data = gv_buf_take(&text);
      if (!c->out[1].data) st = alloc_out(c, 1, 0);
      c->out[2].len = offs.len, c->out[2].data = gv_buf_take(&offs);
    }
    gv_buf_free(&text);
    gv_buf_free(&offs);
  }
  gv_free(j.code);
  gv_free(j.xy);
  return st;
}

typedef struct simple_job {
  const gv_array *a;
  uint8_t *out;
} simple_job;

static void simple_range(void *ctx, int64_t begin, int64_t end) {
  simple_job *j = ctx;
  gv_valid_work *w = gv_valid_work_new();
  for (int64_t i = begin; i < end; i++) {
    int r = w ? gv_geom_is_simple(w, j->a, i) : -1;
    j->out[i] = r < 0 ? CODE_NOMEM : (uint8_t)r;
  }
  gv_valid_work_free(w);
}

/* is_simple(arr0) -> out0: uint8 per geometry, 1 simple, 0 not simple or null */
gv_status gv_k_is_simple(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (alloc_out(c, 0, (size_t)a->n)) return GV_ERR_NOMEM;
  simple_job j = {a, c->out[0].data};
  gv_parallel_for(a->n, 64, simple_range, &j);
  for (int64_t i = 0; i < a->n; i++)
    if (j.out[i] == CODE_NOMEM) return GV_ERR_NOMEM;
  return GV_OK;
}
