/* Concatenating arrays in one pass (see concat.h): every output column is
 * sized from the inputs, allocated once and filled by block copies, the
 * offsets rebased by a constant per input. The result has the layout the
 * builder gives (type bytes, interleaved coordinates with the union of the
 * inputs' dimensions, identity offset levels dropped), so it is the same
 * array as appending every element through gv_builder_append, only
 * without the per-element work. */
#include <math.h>
#include <string.h>

#include "array/concat.h"

/* The used ranges of one input: parts [p0, p1), rings [r0, r1), coordinates
 * [c0, c1), collection tokens [t0, t1). */
typedef struct span {
  int64_t p0, p1, r0, r1, c0, c1, t0, t1;
} span;

static span span_of(const gv_array *a) {
  span s;
  s.p0 = gv_geom_begin(a, 0);
  s.p1 = gv_geom_begin(a, a->n);
  s.r0 = gv_part_begin(a, s.p0);
  s.r1 = gv_part_begin(a, s.p1);
  s.c0 = gv_ring_begin(a, s.r0);
  s.c1 = gv_ring_begin(a, s.r1);
  s.t0 = a->gc_off ? a->gc_off[0] : 0;
  s.t1 = a->gc_off ? a->gc_off[a->n] : 0;
  return s;
}

/* One offset level of one input, rebased: out[i] = off[i] - first + base
 * for i in [0, count) (the closing entry comes from the next input or the
 * total). A NULL level is the identity. */
static void rebase(int32_t *out, const int32_t *off, int64_t from, int64_t count, int64_t base) {
  if (!off) {
    for (int64_t i = 0; i < count; i++) out[i] = (int32_t)(base + i);
    return;
  }
  int32_t d = (int32_t)(base - off[from]);
  const int32_t *src = off + from;
  for (int64_t i = 0; i < count; i++) out[i] = src[i] + d;
}

static int same_layout(const gv_array *a, uint8_t dims, int stride) {
  return a->y == a->x + 1 && a->stride == stride && a->dims == dims &&
         !!a->z == !!(dims & GV_HAS_Z) && !!a->m == !!(dims & GV_HAS_M);
}

gv_status gv_array_concat(const gv_array *const *in, int k, gv_array **out) {
  *out = NULL;
  if (k < 0 || (k > 0 && !in)) return GV_ERR_ARG;
  int64_t n = 0, np = 0, nr = 0, nc = 0, nt = 0;
  uint8_t dims = 0;
  int id_geom = 1, id_part = 1, id_ring = 1, has_gc = 0, has_srid = 0, has_kinds = 0;
  for (int j = 0; j < k; j++) {
    const gv_array *a = in[j];
    if (!a) return GV_ERR_ARG;
    span s = span_of(a);
    n += a->n;
    np += s.p1 - s.p0;
    nr += s.r1 - s.r0;
    nc += s.c1 - s.c0;
    nt += s.t1 - s.t0;
    dims |= a->dims & (GV_HAS_Z | GV_HAS_M);
    id_geom &= a->geom_off == NULL;
    id_part &= a->part_off == NULL;
    id_ring &= a->ring_off == NULL;
    has_gc |= a->gc_off != NULL;
    has_srid |= a->srid != NULL;
    has_kinds |= a->part_type != NULL;
  }
  if (n > GV_MAX_COUNT || np > GV_MAX_COUNT || nr > GV_MAX_COUNT || nc > GV_MAX_COUNT || nt > GV_MAX_COUNT)
    return GV_ERR_LIMIT;
  /* The builder keeps part kinds exactly when collections are present. */
  has_kinds |= has_gc;
  int stride = 2 + !!(dims & GV_HAS_Z) + !!(dims & GV_HAS_M);

  gv_array *o = gv_array_new();
  if (!o) return GV_ERR_NOMEM;
  uint8_t *types = gv_malloc(n ? (size_t)n : 1);
  double *coords = gv_malloc(nc ? (size_t)nc * (size_t)stride * sizeof(double) : 8);
  int32_t *geom_off = id_geom ? NULL : gv_malloc((size_t)(n + 1) * 4);
  int32_t *part_off = id_part ? NULL : gv_malloc((size_t)(np + 1) * 4);
  int32_t *ring_off = id_ring ? NULL : gv_malloc((size_t)(nr + 1) * 4);
  uint8_t *part_type = has_kinds ? gv_malloc(np ? (size_t)np : 1) : NULL;
  int32_t *gc_off = has_gc ? gv_malloc((size_t)(n + 1) * 4) : NULL;
  int32_t *gc_tok = has_gc ? gv_malloc(nt ? (size_t)nt * 4 : 4) : NULL;
  int32_t *srid = has_srid ? gv_malloc(n ? (size_t)n * 4 : 4) : NULL;
  void *blocks[] = {types, coords, geom_off, part_off, ring_off, part_type, gc_off, gc_tok, srid};
  int fail = !types || !coords || (!id_geom && !geom_off) || (!id_part && !part_off) ||
             (!id_ring && !ring_off) || (has_kinds && !part_type) || (has_gc && (!gc_off || !gc_tok)) ||
             (has_srid && !srid);
  for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
    if (fail) {
      gv_free(blocks[b]);
    } else if (gv_array_adopt(o, blocks[b])) {
      for (size_t r = b; r < sizeof blocks / sizeof blocks[0]; r++) gv_free(blocks[r]);
      fail = 1;
      break;
    }
  }
  if (fail) {
    gv_array_release(o);
    return GV_ERR_NOMEM;
  }

  int64_t gi = 0, pi = 0, ri = 0, ci = 0, ti = 0;
  for (int j = 0; j < k; j++) {
    const gv_array *a = in[j];
    span s = span_of(a);
    int64_t m = a->n, mp = s.p1 - s.p0, mr = s.r1 - s.r0, mc = s.c1 - s.c0, mt = s.t1 - s.t0;
    /* type bytes (validity folded in) */
    if (a->types) {
      if (m) memcpy(types + gi, a->types, (size_t)m);
    } else {
      for (int64_t i = 0; i < m; i++) types[gi + i] = gv_type_byte(a, i);
    }
    if (geom_off) rebase(geom_off + gi, a->geom_off, 0, m, pi);
    if (part_off) rebase(part_off + pi, a->part_off, s.p0, mp, ri);
    if (ring_off) rebase(ring_off + ri, a->ring_off, s.r0, mr, ci);
    if (part_type) {
      if (a->part_type) {
        if (mp) memcpy(part_type + pi, a->part_type + s.p0, (size_t)mp);
      } else {
        for (int64_t i = 0; i < m; i++) {
          uint8_t t = gv_type_byte(a, i);
          for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++)
            part_type[pi + (p - s.p0)] = gv_part_kind(a, t, p);
        }
      }
    }
    if (gc_off) {
      if (a->gc_off) {
        rebase(gc_off + gi, a->gc_off, 0, m, ti);
        if (mt) memcpy(gc_tok + ti, a->gc_tok + s.t0, (size_t)mt * 4);
      } else {
        for (int64_t i = 0; i < m; i++) gc_off[gi + i] = (int32_t)ti;
      }
    }
    if (srid) {
      if (a->srid) memcpy(srid + gi, a->srid, (size_t)m * 4);
      else memset(srid + gi, 0, (size_t)m * 4);
    }
    double *dst = coords + ci * stride;
    if (mc && same_layout(a, dims, stride)) {
      memcpy(dst, a->x + s.c0 * a->stride, (size_t)mc * (size_t)stride * sizeof(double));
    } else if (mc) {
      int zs = 2, ms = (dims & GV_HAS_Z) ? 3 : 2;
      for (int64_t c = 0; c < mc; c++) {
        int64_t at = (s.c0 + c) * a->stride;
        double *d = dst + c * stride;
        d[0] = a->x[at];
        d[1] = a->y[at];
        if (dims & GV_HAS_Z) d[zs] = a->z ? a->z[at] : NAN;
        if (dims & GV_HAS_M) d[ms] = a->m ? a->m[at] : NAN;
      }
    }
    gi += m;
    pi += mp;
    ri += mr;
    ci += mc;
    ti += mt;
  }
  if (geom_off) geom_off[n] = (int32_t)np;
  if (part_off) part_off[np] = (int32_t)nr;
  if (ring_off) ring_off[nr] = (int32_t)nc;
  if (gc_off) gc_off[n] = (int32_t)nt;
  /* Geometries whose Z or M slot the input lacked read NaN there, as the
   * builder writes them. */
  o->n = n;
  o->types = types;
  o->dims = dims;
  o->stride = stride;
  o->geom_off = geom_off;
  o->part_off = part_off;
  o->ring_off = ring_off;
  o->part_type = part_type;
  o->gc_off = gc_off;
  o->gc_tok = gc_tok;
  o->srid = srid;
  o->x = coords;
  o->y = coords + 1;
  int zk = 2;
  if (dims & GV_HAS_Z) o->z = coords + zk++;
  if (dims & GV_HAS_M) o->m = coords + zk;
  *out = o;
  return GV_OK;
}
