/* Allocation and growable byte buffers. All core memory goes through
 * gv_malloc so that a host could count or replace it in one place. */
#include <stdlib.h>
#include <string.h>

#include "geovec.h"

void *gv_malloc(size_t n) { return malloc(n ? n : 1); }
void *gv_calloc(size_t n, size_t size) { return calloc(n ? n : 1, size ? size : 1); }
void *gv_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }
void gv_free(void *p) { free(p); }

gv_status gv_buf_reserve(gv_buf *b, size_t extra) {
  if (extra <= b->cap - b->len) return GV_OK;
  if (extra > SIZE_MAX / 2 - b->len) return GV_ERR_NOMEM;
  size_t need = b->len + extra;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap += cap / 2 + 64; /* 1.5x growth keeps peak memory low */
  uint8_t *p = gv_realloc(b->data, cap);
  if (!p) return GV_ERR_NOMEM;
  b->data = p;
  b->cap = cap;
  return GV_OK;
}

gv_status gv_buf_append(gv_buf *b, const void *src, size_t n) {
  if (gv_buf_reserve(b, n)) return GV_ERR_NOMEM;
  if (n) memcpy(b->data + b->len, src, n);
  b->len += n;
  return GV_OK;
}

void gv_buf_free(gv_buf *b) {
  gv_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void *gv_buf_take(gv_buf *b) {
  void *p = b->data;
  if (!p) p = gv_malloc(1);
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}
