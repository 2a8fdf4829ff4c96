/* Kernels over whole arrays: describing them, sharing their buffers with
 * the host, adopting host buffers (GeoArrow / typed arrays) without copying,
 * and building new arrays from elements of others (take, concat). */
#include <math.h>

#include "kernels.h"
#include "array/concat.h"

static int64_t total_coords(const gv_array *a) {
  return gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, a->n)));
}

/* array_info(arr0) -> out_num: [n, common type byte (0 all null, 255
 * mixed), dims flags, stride, has collections, has SRIDs, separated coords,
 * coordinate count] */
gv_status gv_k_array_info(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int common = 0;
  for (int64_t i = 0; i < a->n && common != 255; i++) {
    uint8_t t = gv_type_byte(a, i);
    if (t) common = common == 0 || common == t ? t : 255;
  }
  double *o = c->out_num;
  o[0] = (double)a->n;
  o[1] = common;
  o[2] = a->dims;
  o[3] = a->stride;
  o[4] = a->gc_off != NULL;
  o[5] = a->srid != NULL;
  o[6] = a->y != a->x + 1;
  o[7] = (double)total_coords(a);
  return GV_OK;
}

static void view(gv_call *c, int slot, const void *p, size_t len) {
  if (!p) return;
  c->out[slot].data = (void *)p;
  c->out[slot].len = len;
  c->out_views |= 1u << slot;
}

/* array_buffers(arr0) -> views into the array's memory (empty = absent or
 * identity): out0 types, out1 validity bitmap, out2 geom_off, out3 part_off,
 * out4 ring_off, out5 x (the interleaved buffer when not separated), out6 y,
 * out7 z, out8 m (these three only when separated), out9 srid. out_num0 is
 * the validity bit offset. */
gv_status gv_k_array_buffers(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int64_t n = a->n, nparts = gv_geom_begin(a, n), nrings = gv_part_begin(a, nparts);
  int64_t ncoords = total_coords(a);
  view(c, 0, a->types, (size_t)n);
  view(c, 1, a->validity, (size_t)((n + a->validity_offset + 7) / 8));
  view(c, 2, a->geom_off, (size_t)(n + 1) * 4);
  view(c, 3, a->part_off, (size_t)(nparts + 1) * 4);
  view(c, 4, a->ring_off, (size_t)(nrings + 1) * 4);
  if (a->y == a->x + 1) {
    view(c, 5, a->x, (size_t)(ncoords * a->stride) * 8);
  } else {
    view(c, 5, a->x, (size_t)ncoords * 8);
    view(c, 6, a->y, (size_t)ncoords * 8);
    view(c, 7, a->z, (size_t)ncoords * 8);
    view(c, 8, a->m, (size_t)ncoords * 8);
  }
  view(c, 9, a->srid, (size_t)n * 4);
  c->out_num[0] = (double)a->validity_offset;
  return GV_OK;
}

/* Checks one offset level (count + 1 int32, non-decreasing, from >= 0) and
 * returns the child count it implies; an empty span is the identity. */
static int64_t check_level(gv_call *c, const gv_span *s, int64_t count, const char *name,
                           const int32_t **out) {
  *out = NULL;
  if (!s->len) return count;
  if (s->len != (size_t)(count + 1) * 4) {
    gv_errors_add(&c->err, -1, -1, "%s offsets hold %zu values, expected %lld", name, s->len / 4,
                  (long long)count + 1);
    return -1;
  }
  const int32_t *o = s->data;
  for (int64_t i = 0; i <= count; i++) {
    if (o[i] < 0 || (i && o[i] < o[i - 1])) {
      gv_errors_add(&c->err, i, -1, "%s offset %lld is negative or decreasing", name, (long long)i);
      return -1;
    }
  }
  *out = o;
  return o[count];
}

/* The structural rules the parsers apply, for adopted buffers. */
static gv_status check_shapes(gv_call *c, const gv_array *a) {
  uint8_t kind = gv_part_kind(a, a->type, 0);
  if (kind == GV_POINT) return GV_OK; /* a point is one coordinate, NaN meaning empty: nothing to check */
  for (int64_t i = 0; i < a->n; i++) {
    for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
      for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
        int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
        if (kind == GV_LINESTRING && e - k == 1) {
          gv_errors_add(&c->err, i, -1, "line %d has 1 coordinate (0 or at least 2 required)", r);
          return GV_ERR_PARSE;
        }
        if (kind == GV_POLYGON && (e - k < 4 || GV_X(a, k) != GV_X(a, e - 1) || GV_Y(a, k) != GV_Y(a, e - 1))) {
          gv_errors_add(&c->err, i, -1, "ring %d is not closed or has fewer than 4 coordinates", r);
          return GV_ERR_PARSE;
        }
        for (; k < e; k++) {
          if (!isfinite(GV_X(a, k)) || !isfinite(GV_Y(a, k))) {
            gv_errors_add(&c->err, i, -1, "coordinate %d is not finite", k);
            return GV_ERR_PARSE;
          }
        }
      }
    }
  }
  return GV_OK;
}

/* from_buffers: adopts host buffers without copying.
 * num0 type byte (a single non-collection type, with dims flags), num1 n,
 * num2 coordinates 0 interleaved / 1 separated, num3 validity bit offset;
 * in0 geom_off, in1 part_off, in2 ring_off (empty = identity), in3 x (or the
 * interleaved buffer), in4 y, in5 z, in6 m, in7 validity (empty = none).
 * -> out_arr, borrowing the inputs it uses. */
gv_status gv_k_from_buffers(gv_call *c) {
  uint8_t t = (uint8_t)c->num[0];
  int64_t n = (int64_t)c->num[1];
  int separated = c->num[2] != 0;
  int type = GV_BASE_TYPE(t);
  if (type < GV_POINT || type > GV_MULTIPOLYGON || n < 0 || n > GV_MAX_COUNT) return GV_ERR_ARG;
  gv_array *a = gv_array_new();
  if (!a) return GV_ERR_NOMEM;
  a->n = n;
  a->type = t;
  a->dims = t & (GV_HAS_Z | GV_HAS_M);
  int nd = 2 + !!(t & GV_HAS_Z) + !!(t & GV_HAS_M);
  int64_t nparts = check_level(c, &c->in[0], n, "geometry", &a->geom_off);
  int64_t nrings = nparts < 0 ? -1 : check_level(c, &c->in[1], nparts, "part", &a->part_off);
  int64_t need = nrings < 0 ? -1 : check_level(c, &c->in[2], nrings, "ring", &a->ring_off);
  gv_status s = GV_ERR_ARG;
  if (need < 0) goto fail;
  /* Only GeoArrow's levels may be given for each type; the others are the identity. */
  int ok_levels = (type == GV_POINT && !a->geom_off && !a->part_off && !a->ring_off) ||
                  (type == GV_LINESTRING && !a->geom_off && !a->part_off) ||
                  (type == GV_POLYGON && !a->geom_off) ||
                  (type == GV_MULTIPOINT && !a->part_off && !a->ring_off) ||
                  (type == GV_MULTILINESTRING && !a->part_off) || type == GV_MULTIPOLYGON;
  if (!ok_levels) {
    gv_errors_add(&c->err, -1, -1, "offset levels do not match geometry type %d", type);
    goto fail;
  }
  int64_t have;
  if (separated) {
    have = (int64_t)(c->in[3].len / 8);
    for (int k = 4; k < 3 + nd; k++)
      if ((int64_t)(c->in[k].len / 8) < have) have = (int64_t)(c->in[k].len / 8);
    a->x = c->in[3].data;
    a->y = c->in[4].data;
    a->z = (t & GV_HAS_Z) ? c->in[5].data : NULL;
    a->m = (t & GV_HAS_M) ? c->in[(t & GV_HAS_Z) ? 6 : 5].data : NULL;
    a->stride = 1;
  } else {
    have = (int64_t)(c->in[3].len / 8) / nd;
    double *xy = c->in[3].data;
    a->x = xy;
    a->y = xy + 1;
    a->z = (t & GV_HAS_Z) ? xy + 2 : NULL;
    a->m = (t & GV_HAS_M) ? xy + ((t & GV_HAS_Z) ? 3 : 2) : NULL;
    a->stride = nd;
  }
  if (need > have) {
    gv_errors_add(&c->err, -1, -1, "offsets need %lld coordinates, the buffers hold %lld",
                  (long long)need, (long long)have);
    goto fail;
  }
  if (c->in[7].len) {
    a->validity = c->in[7].data;
    a->validity_offset = (int64_t)c->num[3];
    if (a->validity_offset < 0 || (size_t)((n + a->validity_offset + 7) / 8) > c->in[7].len) {
      gv_errors_add(&c->err, -1, -1, "validity bitmap is too short");
      goto fail;
    }
  }
  if ((s = check_shapes(c, a))) goto fail;
  c->out_arr = a;
  for (int k = 0; k < 8; k++)
    if (c->in[k].len) c->out_borrows |= 1u << k;
  return GV_OK;
fail:
  gv_array_release(a);
  return s;
}

/* take(arr0, in0 int32 indices) -> out_arr; index -1 gives a null */
gv_status gv_k_take(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  const int32_t *idx = c->in[0].data;
  int64_t k = (int64_t)(c->in[0].len / 4);
  for (int64_t i = 0; i < k; i++) {
    if (idx[i] < -1 || idx[i] >= a->n) {
      gv_errors_add(&c->err, i, -1, "index %d is out of range for %lld geometries", idx[i],
                    (long long)a->n);
      return GV_ERR_ARG;
    }
  }
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < k; i++) {
    if (idx[i] < 0) gv_builder_null(&b);
    else gv_builder_append(&b, a, idx[i]);
  }
  c->out_arr = gv_builder_finish(&b);
  return c->out_arr ? GV_OK : GV_ERR_NOMEM;
}

/* concat(arr0, arr1, arr2, arr3; unused slots NULL) -> out_arr, in one
 * pass of block copies (array/concat.c) */
gv_status gv_k_concat(gv_call *c) {
  const gv_array *in[GV_CALL_ARRAYS];
  int k = 0;
  for (int j = 0; j < GV_CALL_ARRAYS; j++)
    if (c->arr[j]) in[k++] = c->arr[j];
  gv_status s = gv_array_concat(in, k, &c->out_arr);
  if (s == GV_ERR_LIMIT) gv_errors_add(&c->err, -1, -1, "the concatenated array would pass %d parts, rings, coordinates or geometries", GV_MAX_COUNT);
  return s;
}
