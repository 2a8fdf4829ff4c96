/* The builder: growable columns that parsers append geometries to.
 * Offsets are stored "begin" style while building (one entry per item, the
 * item's first child); finish appends the closing totals. */
#include <math.h>
#include <string.h>

#include "geovec.h"

#define PUSH(buf, T, v)                                                        \
  do {                                                                         \
    T v_ = (v);                                                                \
    if (gv_buf_append(&(buf), &v_, sizeof v_)) b->status = GV_ERR_NOMEM;       \
  } while (0)

#define COUNT(buf, T) ((int64_t)((buf).len / sizeof(T)))

void gv_builder_init(gv_builder *b) {
  memset(b, 0, sizeof *b);
  b->stride = 2;
}

void gv_builder_free(gv_builder *b) {
  gv_buf *bufs[] = {&b->types, &b->geom_off, &b->part_off, &b->part_type, &b->ring_off,
                    &b->coords, &b->gc_off, &b->gc_tok, &b->srid};
  for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) gv_buf_free(bufs[i]);
  gv_builder_init(b);
}

static int dims_stride(uint8_t dims) {
  return 2 + !!(dims & GV_HAS_Z) + !!(dims & GV_HAS_M);
}

gv_status gv_builder_dims(gv_builder *b, uint8_t dims) {
  uint8_t want = (uint8_t)((b->dims | dims) & (GV_HAS_Z | GV_HAS_M));
  if (want == b->dims) return GV_OK;
  /* A new column appears: re-stride what is there, filling it with NaN.
   * This happens at most twice per array. */
  int old_stride = b->stride, new_stride = dims_stride(want);
  int64_t nc = gv_builder_ncoords(b);
  gv_buf nb = {0};
  if (gv_buf_reserve(&nb, (size_t)(nc + 16) * (size_t)new_stride * sizeof(double))) {
    b->status = GV_ERR_NOMEM;
    return GV_ERR_NOMEM;
  }
  const double *src = (const double *)b->coords.data;
  double *dst = (double *)nb.data;
  int oz = (b->dims & GV_HAS_Z) ? 2 : -1;
  int om = (b->dims & GV_HAS_M) ? (oz < 0 ? 2 : 3) : -1;
  int nz = (want & GV_HAS_Z) ? 2 : -1;
  int nm = (want & GV_HAS_M) ? (nz < 0 ? 2 : 3) : -1;
  for (int64_t i = 0; i < nc; i++) {
    const double *s = src + i * old_stride;
    double *d = dst + i * new_stride;
    d[0] = s[0];
    d[1] = s[1];
    if (nz >= 0) d[nz] = oz >= 0 ? s[oz] : NAN;
    if (nm >= 0) d[nm] = om >= 0 ? s[om] : NAN;
  }
  nb.len = (size_t)nc * (size_t)new_stride * sizeof(double);
  /* The abort mark is a byte length: keep it at the same coordinate. */
  b->mark_coords = b->mark_coords / ((size_t)old_stride * sizeof(double)) * (size_t)new_stride *
                   sizeof(double);
  gv_buf_free(&b->coords);
  b->coords = nb;
  b->dims = want;
  b->stride = new_stride;
  return GV_OK;
}

void gv_builder_begin_geom(gv_builder *b, uint8_t type_byte) {
  b->mark_parts = b->part_off.len;
  b->mark_rings = b->ring_off.len;
  b->mark_coords = b->coords.len;
  b->mark_tok = b->gc_tok.len;
  b->cur_type = type_byte;
  b->cur_srid = 0;
  if (type_byte & (GV_HAS_Z | GV_HAS_M)) gv_builder_dims(b, type_byte);
}

void gv_builder_set_type(gv_builder *b, uint8_t type_byte) {
  b->cur_type = type_byte;
  if (type_byte & (GV_HAS_Z | GV_HAS_M)) gv_builder_dims(b, type_byte);
}

void gv_builder_set_srid(gv_builder *b, int32_t srid) { b->cur_srid = srid; }

void gv_builder_begin_part(gv_builder *b, uint8_t kind) {
  PUSH(b->part_off, int32_t, (int32_t)COUNT(b->ring_off, int32_t));
  PUSH(b->part_type, uint8_t, kind);
}

void gv_builder_begin_ring(gv_builder *b) {
  PUSH(b->ring_off, int32_t, (int32_t)gv_builder_ncoords(b));
}

double *gv_builder_coords_alloc(gv_builder *b, int64_t count) {
  size_t bytes = (size_t)count * (size_t)b->stride * sizeof(double);
  if (count < 0 || (uint64_t)count > SIZE_MAX / 64 || gv_buf_reserve(&b->coords, bytes)) {
    b->status = GV_ERR_NOMEM;
    return NULL;
  }
  double *p = (double *)(b->coords.data + b->coords.len);
  b->coords.len += bytes;
  return p;
}

void gv_builder_coord(gv_builder *b, double x, double y, double z, double m) {
  if (gv_buf_reserve(&b->coords, 4 * sizeof(double))) {
    b->status = GV_ERR_NOMEM;
    return;
  }
  double *d = (double *)(b->coords.data + b->coords.len);
  int k = 2;
  d[0] = x;
  d[1] = y;
  if (b->dims & GV_HAS_Z) d[k++] = z;
  if (b->dims & GV_HAS_M) d[k++] = m;
  b->coords.len += (size_t)k * sizeof(double);
}

static void start_gc(gv_builder *b) {
  b->has_gc = 1;
  for (int64_t i = 0; i < b->n; i++) PUSH(b->gc_off, int32_t, 0);
}

void gv_builder_token(gv_builder *b, uint8_t type_byte, int32_t count) {
  if (!b->has_gc) start_gc(b);
  PUSH(b->gc_tok, int32_t, (int32_t)(((uint32_t)count << 8) | type_byte));
}

size_t gv_builder_token_pos(const gv_builder *b) { return b->gc_tok.len / sizeof(int32_t); }

void gv_builder_patch_token(gv_builder *b, size_t pos, uint8_t type_byte, int32_t count) {
  if ((pos + 1) * sizeof(int32_t) <= b->gc_tok.len)
    ((int32_t *)b->gc_tok.data)[pos] = (int32_t)(((uint32_t)count << 8) | type_byte);
}

static void push_geom(gv_builder *b, uint8_t type_byte, int32_t first_part, int32_t first_tok,
                      int32_t srid) {
  PUSH(b->types, uint8_t, type_byte);
  PUSH(b->geom_off, int32_t, first_part);
  if (b->has_gc) PUSH(b->gc_off, int32_t, first_tok);
  if (srid && !b->has_srid) {
    b->has_srid = 1;
    for (int64_t i = 0; i < b->n; i++) PUSH(b->srid, int32_t, 0);
  }
  if (b->has_srid) PUSH(b->srid, int32_t, srid);
  b->n++;
}

void gv_builder_end_geom(gv_builder *b) {
  if (COUNT(b->part_off, int32_t) > GV_MAX_COUNT || COUNT(b->ring_off, int32_t) > GV_MAX_COUNT ||
      gv_builder_ncoords(b) > GV_MAX_COUNT || COUNT(b->gc_tok, int32_t) > GV_MAX_COUNT) {
    if (!b->status) b->status = GV_ERR_LIMIT;
    return;
  }
  push_geom(b, b->cur_type, (int32_t)(b->mark_parts / sizeof(int32_t)),
            (int32_t)(b->mark_tok / sizeof(int32_t)), b->cur_srid);
}

void gv_builder_abort_geom(gv_builder *b) {
  b->part_off.len = b->mark_parts;
  b->part_type.len = b->mark_parts / sizeof(int32_t);
  b->ring_off.len = b->mark_rings;
  b->coords.len = b->mark_coords;
  b->gc_tok.len = b->mark_tok;
}

void gv_builder_null(gv_builder *b) {
  push_geom(b, GV_NULL, (int32_t)COUNT(b->part_off, int32_t), (int32_t)COUNT(b->gc_tok, int32_t), 0);
}

/* Closes an offset level with its total and hands it to the array. An
 * identity level (off[i] == i) is dropped: NULL means identity. */
static gv_status finish_offsets(gv_array *a, gv_buf *b, int32_t total, const int32_t **out) {
  *out = NULL;
  if (gv_buf_append(b, &total, sizeof total)) return GV_ERR_NOMEM;
  const int32_t *off = (const int32_t *)b->data;
  int64_t n = COUNT(*b, int32_t);
  int64_t i = 0;
  while (i < n && off[i] == i) i++;
  if (i == n) {
    gv_buf_free(b);
    return GV_OK;
  }
  *out = gv_buf_take(b);
  return gv_array_adopt(a, (void *)*out);
}

static gv_status finish_column(gv_array *a, gv_buf *b, const void **out) {
  *out = gv_buf_take(b);
  return gv_array_adopt(a, (void *)*out);
}

gv_array *gv_builder_finish(gv_builder *b) {
  gv_array *a = b->status ? NULL : gv_array_new();
  if (!a) goto fail;
  a->n = b->n;
  a->dims = b->dims;
  a->stride = b->stride;
  int32_t ncoords = (int32_t)gv_builder_ncoords(b);
  int32_t nrings = (int32_t)COUNT(b->ring_off, int32_t);
  int32_t nparts = (int32_t)COUNT(b->part_off, int32_t);
  if (finish_offsets(a, &b->ring_off, ncoords, &a->ring_off) ||
      finish_offsets(a, &b->part_off, nrings, &a->part_off) ||
      finish_offsets(a, &b->geom_off, nparts, &a->geom_off) ||
      finish_column(a, &b->types, (const void **)&a->types))
    goto fail;
  if (b->has_gc) {
    if (finish_offsets(a, &b->gc_off, (int32_t)COUNT(b->gc_tok, int32_t), &a->gc_off)) goto fail;
    if (!a->gc_off) { /* identity is possible (one token per geometry) but gc_off must exist */
      int32_t *id = gv_malloc((size_t)(a->n + 1) * sizeof(int32_t));
      if (!id || gv_array_adopt(a, id)) { gv_free(id); goto fail; }
      for (int64_t i = 0; i <= a->n; i++) id[i] = (int32_t)i;
      a->gc_off = id;
    }
    if (finish_column(a, &b->gc_tok, (const void **)&a->gc_tok) ||
        finish_column(a, &b->part_type, (const void **)&a->part_type))
      goto fail;
  }
  if (b->has_srid && finish_column(a, &b->srid, (const void **)&a->srid)) goto fail;
  const double *c;
  if (finish_column(a, &b->coords, (const void **)&c)) goto fail;
  a->x = c;
  a->y = c + 1;
  int k = 2;
  if (b->dims & GV_HAS_Z) a->z = c + k++;
  if (b->dims & GV_HAS_M) a->m = c + k++;
  gv_builder_free(b);
  return a;
fail:
  gv_array_release(a);
  gv_builder_free(b);
  return NULL;
}
