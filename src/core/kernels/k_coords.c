/* Kernels: coordinates, parts, affine transforms, properties and
 * constructors (coords/). Geometry outputs go to out_arr; per-geometry
 * integer arguments come as one number (num0) or an int32 per geometry
 * (in0). */
#include <math.h>
#include <string.h>

#include "coords/coords.h"
#include "validity/valid.h"
#include "kernels.h"

static gv_status alloc_out(gv_call *c, int slot, size_t bytes) {
  c->out[slot].data = gv_malloc(bytes ? bytes : 1);
  c->out[slot].len = bytes;
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

static gv_status finish(gv_call *c, gv_builder *b) {
  if (b->status) {
    gv_status s = b->status;
    gv_builder_free(b);
    return s;
  }
  c->out_arr = gv_builder_finish(b);
  return c->out_arr ? GV_OK : GV_ERR_NOMEM;
}

/* finish, with the source element of each output geometry in out0. */
static gv_status finish_indexed(gv_call *c, gv_builder *b, gv_buf *idx) {
  gv_status s = finish(c, b);
  if (s) {
    gv_buf_free(idx);
    return s;
  }
  c->out[0].len = idx->len;
  c->out[0].data = idx->len ? gv_buf_take(idx) : gv_malloc(1);
  return c->out[0].data ? GV_OK : GV_ERR_NOMEM;
}

/* Coordinates of geometry i are the contiguous run [first, end). */
static void coord_range(const gv_array *a, int64_t i, int32_t *first, int32_t *end) {
  *first = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  *end = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
}

/* ---- coordinates ---- */

/* dims code (num0 of get/set_coordinates): 0 xy, 1 xyz, 2 xym, 3 xyzm */
static int dims_code(double v) { return v == 1 ? 1 : v == 2 ? 2 : v == 3 ? 3 : 0; }

/* get_coordinates(arr0; num0 dims code) -> out0 float64, 2 to 4 per
 * coordinate (x, y, then z and / or m as asked; NaN where a geometry has
 * none), out1 int32 element index per coordinate; empty points and nulls
 * give none */
gv_status gv_k_get_coordinates(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int code = dims_code(c->num[0]), want_z = code & 1, want_m = (code & 2) != 0;
  int w = 2 + want_z + want_m;
  int64_t total = 0;
  for (int64_t i = 0; i < a->n; i++) {
    if (gv_is_null(a, i)) continue;
    int32_t k, e;
    coord_range(a, i, &k, &e);
    for (; k < e; k++) total += !isnan(GV_X(a, k));
  }
  if (alloc_out(c, 0, (size_t)total * (size_t)w * 8) || alloc_out(c, 1, (size_t)total * 4)) return GV_ERR_NOMEM;
  double *o = c->out[0].data;
  int32_t *ix = c->out[1].data;
  int64_t at = 0;
  for (int64_t i = 0; i < a->n; i++) {
    uint8_t t = gv_type_byte(a, i);
    if (GV_BASE_TYPE(t) == GV_NULL) continue;
    int has_z = (t & GV_HAS_Z) && a->z, has_m = (t & GV_HAS_M) && a->m;
    int32_t k, e;
    coord_range(a, i, &k, &e);
    for (; k < e; k++) {
      double x = GV_X(a, k);
      if (isnan(x)) continue;
      double *p = o + at * w;
      int64_t off = (int64_t)k * a->stride;
      p[0] = x;
      p[1] = GV_Y(a, k);
      if (want_z) p[2] = has_z ? a->z[off] : NAN;
      if (want_m) p[2 + want_z] = has_m ? a->m[off] : NAN;
      ix[at++] = (int32_t)i;
    }
  }
  return GV_OK;
}

/* count_coordinates(arr0) -> out_num0: coordinates of all non-null
 * geometries (empty points excluded) */
gv_status gv_k_count_coordinates(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int64_t total = 0;
  for (int64_t i = 0; i < a->n; i++) {
    if (gv_is_null(a, i)) continue;
    int32_t k, e;
    coord_range(a, i, &k, &e);
    for (; k < e; k++) total += !isnan(GV_X(a, k));
  }
  c->out_num[0] = (double)total;
  return GV_OK;
}

typedef struct set_ctx {
  const double *v;
  int64_t at, n;
  int w, z, m; /* values a coordinate; z and m given */
} set_ctx;

static void set_next(void *ctx, int64_t geom, int empty, double xyzm[4]) {
  (void)geom;
  set_ctx *s = ctx;
  if (empty || s->at >= s->n) return;
  const double *p = s->v + s->at * s->w;
  xyzm[0] = p[0], xyzm[1] = p[1];
  if (s->z) xyzm[2] = p[2];
  if (s->m) xyzm[3] = p[2 + s->z];
  s->at++;
}

/* set_coordinates(arr0, in0 float64 coordinates; num0 dims code) ->
 * out_arr: the same geometries with the coordinates replaced in order (as
 * get_coordinates lists them). The dims given are replaced and every
 * geometry gets them (z with xyz, m with xym, both with xyzm); the others
 * are kept as they were. */
gv_status gv_k_set_coordinates(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int code = dims_code(c->num[0]), z = code & 1, m = (code & 2) != 0, w = 2 + z + m;
  int64_t have = (int64_t)(c->in[0].len / 8 / (size_t)w);
  gv_call probe;
  memset(&probe, 0, sizeof probe);
  probe.arr[0] = c->arr[0];
  gv_k_count_coordinates(&probe);
  if (c->in[0].len % ((size_t)w * 8) || have != (int64_t)probe.out_num[0]) {
    gv_errors_add(&c->err, -1, -1, "coords has %lld coordinates of %d values, the geometries have %lld",
                  (long long)have, w, (long long)probe.out_num[0]);
    return GV_ERR_ARG;
  }
  set_ctx s = {c->in[0].data, 0, have, w, z, m};
  gv_builder b;
  gv_builder_init(&b);
  uint8_t set = (uint8_t)((z ? GV_HAS_Z : 0) | (m ? GV_HAS_M : 0));
  for (int64_t i = 0; i < a->n; i++) gv_append_mapped(&b, a, i, set, 0, set_next, &s);
  return finish(c, &b);
}

typedef struct affine_ctx {
  const double *m; /* w per geometry, or one matrix for all */
  int w;           /* 6: [a, b, d, e, xoff, yoff]; 12: [a, b, c, d, e, f, g, h, i, xoff, yoff, zoff] */
  int per_geom;
  const gv_array *a;
} affine_ctx;

/* a·u + b·v + c·w + off, a term with a zero coefficient left out (so that
 * a NaN z does not spread into x and y through a 0 factor) */
static double lin3(double a, double u, double b, double v, double c, double w, double off) {
  double r = a * u + b * v;
  if (c != 0) r += c * w;
  return r + off;
}

static void affine_fn(void *ctx, int64_t geom, int empty, double v[4]) {
  if (empty) return;
  const affine_ctx *c = ctx;
  const double *m = c->per_geom ? c->m + (int64_t)c->w * geom : c->m;
  double x = v[0], y = v[1], z = v[2];
  if (c->w == 6) {
    v[0] = m[0] * x + m[1] * y + m[4];
    v[1] = m[2] * x + m[3] * y + m[5];
    return; /* z kept */
  }
  /* 12 values: z only where the geometry has it (a 2D geometry takes the
   * 2D part, as Shapely's affine_transform) */
  int has_z = (gv_type_byte(c->a, geom) & GV_HAS_Z) && c->a->z;
  v[0] = lin3(m[0], x, m[1], y, has_z ? m[2] : 0, z, m[9]);
  v[1] = lin3(m[3], x, m[4], y, has_z ? m[5] : 0, z, m[10]);
  if (has_z) v[2] = lin3(m[6], x, m[7], y, m[8], z, m[11]);
}

/* affine(arr0, in0 float64 matrices: one for every geometry, or one per
 * geometry; num0 6 or 12 values a matrix) -> out_arr. 6: x' = a x + b y +
 * xoff, y' = d x + e y + yoff, z kept; 12: x' = a x + b y + c z + xoff,
 * y' = d x + e y + f z + yoff, z' = g x + h y + i z + zoff (z terms only for
 * geometries with z). m is carried unchanged. */
gv_status gv_k_affine(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int w = c->num[0] == 12 ? 12 : c->num[0] == 6 ? 6 : 0;
  size_t len = c->in[0].len, one = (size_t)w * 8;
  if (!w || !c->in[0].data || (len != one && len != (size_t)a->n * one)) {
    gv_errors_add(&c->err, -1, -1, "%zu matrix values for %lld geometries (%d each, or %d for all)", len / 8,
                  (long long)a->n, w, w);
    return GV_ERR_ARG;
  }
  affine_ctx ctx = {c->in[0].data, w, len != one, a};
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) gv_append_mapped(&b, a, i, 0, 0, affine_fn, &ctx);
  return finish(c, &b);
}

static void z_fill(void *ctx, int64_t geom, int empty, double v[4]) {
  (void)geom;
  if (!empty && isnan(v[2])) v[2] = *(const double *)ctx;
}

/* force_dims(arr0; num0 0: drop z and m, 1: xyz (z = num1 where missing, m
 * dropped)) -> out_arr */
gv_status gv_k_force_dims(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int xyz = c->num[0] == 1;
  double z = c->num[1];
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    /* an input z column that this geometry does not use holds nothing */
    if (xyz) gv_append_mapped(&b, a, i, GV_HAS_Z, GV_HAS_M, z_fill, &z);
    else gv_append_mapped(&b, a, i, 0, GV_HAS_Z | GV_HAS_M, NULL, NULL);
  }
  return finish(c, &b);
}

/* ---- parts ---- */

static int index_of(const gv_call *c, int64_t i) {
  if (c->in[0].data) return ((const int32_t *)c->in[0].data)[i];
  return (int)c->num[0];
}

static gv_status check_index_arg(gv_call *c, int64_t n) {
  if (c->in[0].data && c->in[0].len != (size_t)n * 4) {
    gv_errors_add(&c->err, -1, -1, "%zu indexes for %lld geometries", c->in[0].len / 4, (long long)n);
    return GV_ERR_ARG;
  }
  return GV_OK;
}

/* num_geometries(arr0) -> out0 int32: members of multi geometries and
 * collections, 1 for other geometries, 0 for null */
gv_status gv_k_num_geometries(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n * 4)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  int32_t *o = c->out[0].data;
  gv_member_iter it;
  for (int64_t i = 0; i < a->n; i++) o[i] = gv_members_begin(&it, a, i);
  return GV_OK;
}

/* get_geometry(arr0; num0 index or in0 int32 per geometry; negative counts
 * from the end) -> out_arr: member index of each geometry (null when out of
 * range) */
gv_status gv_k_get_geometry(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (check_index_arg(c, a->n)) return GV_ERR_ARG;
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    gv_member_iter it;
    int64_t n = gv_members_begin(&it, a, i), k = index_of(c, i);
    if (k < 0) k += n;
    gv_member m;
    int found = 0;
    for (int64_t j = 0; j <= k && k < n && gv_members_next(&it, &m); j++) found = j == k;
    if (found) gv_append_member(&b, a, i, &m);
    else gv_builder_null(&b);
  }
  return finish(c, &b);
}

/* get_parts(arr0) -> out_arr: every member of every geometry, in order;
 * out0 int32: the geometry each came from */
gv_status gv_k_get_parts(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  gv_buf idx = {0};
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    gv_member_iter it;
    gv_member m;
    gv_members_begin(&it, a, i);
    int32_t src = (int32_t)i;
    while (gv_members_next(&it, &m)) {
      gv_append_member(&b, a, i, &m);
      if (gv_buf_append(&idx, &src, 4)) b.status = GV_ERR_NOMEM;
    }
  }
  return finish_indexed(c, &b, &idx);
}

static int is_polygon(const gv_array *a, int64_t i) { return GV_BASE_TYPE(gv_type_byte(a, i)) == GV_POLYGON; }

/* num_interior_rings(arr0) -> out0 int32: holes of polygons, 0 otherwise */
gv_status gv_k_num_interior_rings(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n * 4)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  int32_t *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) {
    if (!is_polygon(a, i)) {
      o[i] = 0;
      continue;
    }
    int32_t p = gv_geom_begin(a, i), n = gv_part_end(a, p) - gv_part_begin(a, p);
    o[i] = n > 0 ? n - 1 : 0;
  }
  return GV_OK;
}

/* polygon_ring(arr0; num1 0: exterior, 1: interior num0 / in0) -> out_arr:
 * the ring as a line string (an empty polygon's exterior ring is LINESTRING
 * EMPTY); null for other types and interior indexes out of range */
gv_status gv_k_polygon_ring(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int interior = c->num[1] == 1;
  if (interior && check_index_arg(c, a->n)) return GV_ERR_ARG;
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    uint8_t t = gv_type_byte(a, i);
    if (!is_polygon(a, i)) {
      gv_builder_null(&b);
      continue;
    }
    int32_t p = gv_geom_begin(a, i), r0 = gv_part_begin(a, p), nr = gv_part_end(a, p) - r0;
    if (!interior) {
      if (nr > 0) {
        gv_append_ring_as_line(&b, a, i, t, r0);
      } else {
        gv_builder_begin_geom(&b, (uint8_t)(GV_LINESTRING | (t & (GV_HAS_Z | GV_HAS_M))));
        gv_builder_begin_part(&b, GV_LINESTRING);
        gv_builder_begin_ring(&b);
        gv_builder_end_geom(&b);
      }
      continue;
    }
    int64_t k = index_of(c, i), holes = nr > 0 ? nr - 1 : 0;
    if (k < 0) k += holes;
    if (k >= 0 && k < holes) gv_append_ring_as_line(&b, a, i, t, r0 + 1 + (int32_t)k);
    else gv_builder_null(&b);
  }
  return finish(c, &b);
}

/* get_rings(arr0) -> out_arr: every ring of every polygon (shell first) as
 * a line string; out0 int32: the geometry each came from */
gv_status gv_k_get_rings(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  gv_buf idx = {0};
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    if (!is_polygon(a, i)) continue;
    int32_t p = gv_geom_begin(a, i), src = (int32_t)i;
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
      gv_append_ring_as_line(&b, a, i, gv_type_byte(a, i), r);
      if (gv_buf_append(&idx, &src, 4)) b.status = GV_ERR_NOMEM;
    }
  }
  return finish_indexed(c, &b, &idx);
}

/* get_point(arr0; num0 / in0 index, negative from the end) -> out_arr: that
 * point of each line string, null for other types and out of range */
gv_status gv_k_get_point(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (check_index_arg(c, a->n)) return GV_ERR_ARG;
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < a->n; i++) {
    uint8_t t = gv_type_byte(a, i);
    if (GV_BASE_TYPE(t) != GV_LINESTRING) {
      gv_builder_null(&b);
      continue;
    }
    int32_t r = gv_part_begin(a, gv_geom_begin(a, i)), k0 = gv_ring_begin(a, r), n = gv_ring_end(a, r) - k0;
    int64_t k = index_of(c, i);
    if (k < 0) k += n;
    if (k < 0 || k >= n) {
      gv_builder_null(&b);
      continue;
    }
    int64_t o = (k0 + k) * a->stride;
    uint8_t pt = (uint8_t)(GV_POINT | (t & (GV_HAS_Z | GV_HAS_M)));
    gv_builder_begin_geom(&b, pt);
    if (a->srid) gv_builder_set_srid(&b, a->srid[i]);
    gv_builder_begin_part(&b, GV_POINT);
    gv_builder_begin_ring(&b);
    gv_builder_coord(&b, a->x[o], a->y[o], (t & GV_HAS_Z) && a->z ? a->z[o] : NAN, (t & GV_HAS_M) && a->m ? a->m[o] : NAN);
    gv_builder_end_geom(&b);
  }
  return finish(c, &b);
}

/* point_coord(arr0; num0 0 x, 1 y, 2 z, 3 m) -> out0 float64: of points,
 * NaN for other types, empty points and missing dimensions */
gv_status gv_k_point_coord(gv_call *c) {
  const gv_array *a = c->arr[0];
  int which = (int)c->num[0];
  if (!a || which < 0 || which > 3) return GV_ERR_ARG;
  if (alloc_out(c, 0, (size_t)a->n * 8)) return GV_ERR_NOMEM;
  double *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) {
    uint8_t t = gv_type_byte(a, i);
    o[i] = NAN;
    if (GV_BASE_TYPE(t) != GV_POINT) continue;
    int64_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i))) * (int64_t)a->stride;
    if (which == 0) o[i] = a->x[k];
    else if (which == 1) o[i] = a->y[k];
    else if (which == 2 && (t & GV_HAS_Z) && a->z) o[i] = a->z[k];
    else if (which == 3 && (t & GV_HAS_M) && a->m) o[i] = a->m[k];
  }
  return GV_OK;
}

/* line_num_points(arr0) -> out0 int32: coordinates of line strings, 0 for
 * other types */
gv_status gv_k_line_num_points(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n * 4)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  int32_t *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) {
    o[i] = 0;
    if (GV_BASE_TYPE(gv_type_byte(a, i)) != GV_LINESTRING) continue;
    int32_t r = gv_part_begin(a, gv_geom_begin(a, i));
    o[i] = gv_ring_end(a, r) - gv_ring_begin(a, r);
  }
  return GV_OK;
}

/* ---- properties ---- */

enum { PROP_CLOSED, PROP_RING, PROP_CCW, PROP_HAS_Z, PROP_HAS_M };

typedef struct prop_job {
  const gv_array *a;
  int which;
  uint8_t *out;
  int nomem;
} prop_job;

static void prop_range(void *ctx, int64_t begin, int64_t end) {
  prop_job *j = ctx;
  const gv_array *a = j->a;
  gv_valid_work *w = NULL;
  if (j->which == PROP_RING && !(w = gv_valid_work_new())) {
    j->nomem = 1;
    return;
  }
  for (int64_t i = begin; i < end; i++) {
    uint8_t t = gv_type_byte(a, i);
    int v = 0;
    switch (j->which) {
    case PROP_CLOSED: v = gv_is_closed(a, i); break;
    case PROP_RING: v = gv_is_ring(w, a, i); break;
    case PROP_CCW:
      if (GV_BASE_TYPE(t) == GV_LINESTRING) {
        int32_t r = gv_part_begin(a, gv_geom_begin(a, i));
        v = gv_ring_is_ccw(a, gv_ring_begin(a, r), gv_ring_end(a, r));
      }
      break;
    case PROP_HAS_Z: v = GV_BASE_TYPE(t) != GV_NULL && (t & GV_HAS_Z); break;
    default: v = GV_BASE_TYPE(t) != GV_NULL && (t & GV_HAS_M); break;
    }
    if (v < 0) j->nomem = 1;
    j->out[i] = v > 0;
  }
  gv_valid_work_free(w);
}

/* line_property(arr0; num0 0 is_closed, 1 is_ring, 2 is_ccw, 3 has_z,
 * 4 has_m) -> out0 uint8 (null gives 0) */
gv_status gv_k_line_property(gv_call *c) {
  const gv_array *a = c->arr[0];
  int which = (int)c->num[0];
  if (!a || which < 0 || which > 4) return GV_ERR_ARG;
  if (alloc_out(c, 0, (size_t)a->n)) return GV_ERR_NOMEM;
  prop_job j = {a, which, c->out[0].data, 0};
  gv_parallel_for(a->n, 1024, prop_range, &j);
  return j.nomem ? GV_ERR_NOMEM : GV_OK;
}

/* equals_exact(arr0, arr1; num0 mode (0 pairwise, 1 b's num1 against every
 * a, 2 a's num1 against every b), num2 tolerance) -> out0 uint8 */
gv_status gv_k_equals_exact(gv_call *c) {
  const gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return GV_ERR_ARG;
  int mode = (int)c->num[0];
  int64_t single = (int64_t)c->num[1], n;
  if (mode == 0) {
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return GV_ERR_ARG;
    }
    n = a->n;
  } else if (mode == 1 || mode == 2) {
    const gv_array *s = mode == 1 ? b : a;
    if (!(c->num[1] >= 0 && c->num[1] < (double)s->n)) return GV_ERR_ARG;
    n = mode == 1 ? a->n : b->n;
  } else {
    return GV_ERR_ARG;
  }
  if (alloc_out(c, 0, (size_t)n)) return GV_ERR_NOMEM;
  uint8_t *o = c->out[0].data;
  for (int64_t k = 0; k < n; k++)
    o[k] = (uint8_t)gv_equals_exact(a, mode == 2 ? single : k, b, mode == 1 ? single : k, c->num[2]);
  return GV_OK;
}

/* ---- constructors ---- */

/* from_coords(in0 float64 coordinates, in1 int32 offsets (n + 1); num0
 * width 2 or 3, num1 GV_LINESTRING or GV_MULTIPOINT) -> out_arr */
gv_status gv_k_from_coords(gv_call *c) {
  int w = c->num[0] == 3 ? 3 : 2, type = (int)c->num[1];
  if ((type != GV_LINESTRING && type != GV_MULTIPOINT) || c->in[1].len < 4 || c->in[1].len % 4 ||
      c->in[0].len % ((size_t)w * 8))
    return GV_ERR_ARG;
  int64_t n = (int64_t)(c->in[1].len / 4) - 1, nc = (int64_t)(c->in[0].len / 8 / (size_t)w);
  if (nc > GV_MAX_COUNT) return GV_ERR_LIMIT;
  gv_builder b;
  gv_builder_init(&b);
  gv_status s = gv_from_coords(c->in[0].data, nc, w, c->in[1].data, n, type, &b, &c->err);
  if (s) {
    gv_builder_free(&b);
    return s;
  }
  return finish(c, &b);
}

/* polygons(arr0 shells, arr1 holes or NULL, in0 int32 shell of each hole)
 * -> out_arr */
gv_status gv_k_polygons(gv_call *c) {
  const gv_array *shells = c->arr[0], *holes = c->arr[1];
  if (!shells) return GV_ERR_ARG;
  if (holes && c->in[0].len != (size_t)holes->n * 4) {
    gv_errors_add(&c->err, -1, -1, "%zu owners for %lld holes", c->in[0].len / 4, (long long)holes->n);
    return GV_ERR_ARG;
  }
  gv_builder b;
  gv_builder_init(&b);
  gv_status s = gv_polygons(shells, holes, c->in[0].data, &b, &c->err);
  if (s) {
    gv_builder_free(&b);
    return s;
  }
  return finish(c, &b);
}

/* box(in0 xmin, in1 ymin, in2 xmax, in3 ymax float64 of equal lengths; num0
 * 1 counter-clockwise) -> out_arr */
gv_status gv_k_box(gv_call *c) {
  size_t len = c->in[0].len;
  if (len % 8 || c->in[1].len != len || c->in[2].len != len || c->in[3].len != len) return GV_ERR_ARG;
  const double *x0 = c->in[0].data, *y0 = c->in[1].data, *x1 = c->in[2].data, *y1 = c->in[3].data;
  gv_builder b;
  gv_builder_init(&b);
  for (size_t i = 0; i < len / 8; i++) gv_box_polygon(&b, x0[i], y0[i], x1[i], y1[i], c->num[0] == 1);
  return finish(c, &b);
}

/* collect(arr0, in0 int32 group per geometry (-1: none); num0 groups) ->
 * out_arr: one geometry per group */
gv_status gv_k_collect(gv_call *c) {
  const gv_array *a = c->arr[0];
  double ng = c->num[0];
  if (!a || c->in[0].len != (size_t)a->n * 4 || !(ng >= 0 && ng <= GV_MAX_COUNT) || ng != floor(ng)) return GV_ERR_ARG;
  gv_builder b;
  gv_builder_init(&b);
  gv_status s = gv_collect(a, c->in[0].data, (int64_t)ng, &b, &c->err);
  if (s) {
    gv_builder_free(&b);
    return s;
  }
  return finish(c, &b);
}
