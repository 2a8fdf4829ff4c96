/* Coordinate-level transforms that keep a geometry's structure: reverse,
 * orientPolygons, removeRepeatedPoints, segmentize; and the small
 * constructions envelope, boundary and extractUniquePoints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

/* ---- reverse and orient ------------------------------------------------------- */

typedef struct orient_ctx {
  int mode; /* 0 reverse everything, 1 orient polygons CCW shells, 2 CW shells */
} orient_ctx;

static int orient_member(void *vctx, const gv_array *a, uint8_t t, int32_t p0, int32_t p1, int in_gc,
                         gv_builder *b, uint8_t *out_type) {
  const orient_ctx *c = vctx;
  (void)in_gc;
  for (int32_t p = p0; p < p1; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    gv_builder_begin_part(b, kind);
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      int rev;
      if (c->mode == 0) rev = 1;
      else if (kind != GV_POLYGON) rev = 0;
      else {
        int want_cw = (r == gv_part_begin(a, p)) == (c->mode == 2);
        rev = k1 - k0 >= 4 && sh_ring_is_ccw(a, k0, k1) == want_cw;
      }
      gv_builder_begin_ring(b);
      if (rev)
        for (int32_t k = k1 - 1; k >= k0; k--) sh_emit(b, a, k);
      else
        for (int32_t k = k0; k < k1; k++) sh_emit(b, a, k);
    }
  }
  *out_type = t;
  return 0;
}

int sh_reverse(const gv_array *a, int64_t i, gv_builder *b) {
  orient_ctx c = {0};
  return sh_map(a, i, b, orient_member, &c);
}

int sh_orient_polygons(const gv_array *a, int64_t i, int exterior_cw, gv_builder *b) {
  orient_ctx c = {exterior_cw ? 2 : 1};
  return sh_map(a, i, b, orient_member, &c);
}

/* ---- removeRepeatedPoints and segmentize ----------------------------------------- */

typedef struct coords_ctx {
  int op; /* 0 remove repeated, 1 segmentize */
  double tol;
  sh_pts s;
} coords_ctx;

static int remove_repeated_run(coords_ctx *c, const gv_array *a, int32_t k0, int32_t k1) {
  c->s.n = 0;
  gv_pt last = {NAN, NAN};
  for (int32_t k = k0; k < k1; k++) {
    gv_pt q = sh_pt(a, k);
    if (c->s.n) {
      if (gv_pt_eq(q, last)) continue;
      if (c->tol > 0 && sqrt((q.x - last.x) * (q.x - last.x) + (q.y - last.y) * (q.y - last.y)) <= c->tol) continue;
    }
    if (sh_pts_push(&c->s, q, k)) return -1;
    last = q;
  }
  /* with a tolerance, the last point stays (replacing the last kept one
   * when that is too close) */
  if (c->tol > 0 && k1 - k0 >= 2 && c->s.n >= 1) {
    int32_t kl = k1 - 1;
    if (c->s.src[c->s.n - 1] != kl) {
      if (c->s.n >= 2) c->s.n--;
      if (sh_pts_push(&c->s, sh_pt(a, kl), kl)) return -1;
    }
  }
  return 0;
}

static int segmentize_run(coords_ctx *c, const gv_array *a, int32_t k0, int32_t k1) {
  c->s.n = 0;
  for (int32_t k = k0; k < k1; k++) {
    gv_pt p0 = sh_pt(a, k);
    if (!c->s.n || !gv_pt_eq(p0, c->s.p[c->s.n - 1]))
      if (sh_pts_push(&c->s, p0, k)) return -1;
    if (k + 1 >= k1) break;
    gv_pt p1 = sh_pt(a, k + 1);
    double len = sqrt((p1.x - p0.x) * (p1.x - p0.x) + (p1.y - p0.y) * (p1.y - p0.y));
    if (!(len > c->tol)) continue;
    double nseg = ceil(len / c->tol);
    if (!(nseg < 1e8)) return 1; /* too many points */
    double seglen = len / nseg;
    for (int64_t j = 1; j < (int64_t)nseg; j++) {
      double f = ((double)j * seglen) / len;
      gv_pt q = {p0.x + f * (p1.x - p0.x), p0.y + f * (p1.y - p0.y)};
      if (!gv_pt_eq(q, c->s.p[c->s.n - 1]))
        if (sh_pts_push(&c->s, q, -1)) return -1;
    }
  }
  return 0;
}

static int coords_member(void *vctx, const gv_array *a, uint8_t t, int32_t p0, int32_t p1, int in_gc,
                         gv_builder *b, uint8_t *out_type) {
  coords_ctx *c = vctx;
  uint8_t base = GV_BASE_TYPE(t);
  int multi = base >= GV_MULTIPOINT;
  int32_t kept = 0;
  for (int32_t p = p0; p < p1; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    int empty = r0 >= r1 || gv_ring_end(a, r0) <= gv_ring_begin(a, r0) ||
                (kind == GV_POINT && isnan(GV_X(a, gv_ring_begin(a, r0))));
    /* removeRepeatedPoints drops empty members of multi geometries */
    if (empty && multi && c->op == 0) continue;
    gv_builder_begin_part(b, kind);
    kept += !empty;
    for (int32_t r = r0; r < r1; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (kind == GV_POINT) {
        gv_builder_begin_ring(b);
        for (int32_t k = k0; k < k1; k++) sh_emit(b, a, k);
        continue;
      }
      int rc = c->op == 0 ? remove_repeated_run(c, a, k0, k1) : segmentize_run(c, a, k0, k1);
      if (rc) return rc;
      /* a line reduced to one point keeps it twice */
      if (kind == GV_LINESTRING && c->s.n == 1 && k1 - k0 >= 2)
        if (sh_pts_push(&c->s, c->s.p[0], c->s.src[0])) return -1;
      sh_emit_pts(b, a, &c->s);
    }
  }
  /* removeRepeatedPoints keeps the types; segmentize rebuilds them as
   * GEOS's transformer does */
  if (c->op == 0) *out_type = in_gc && !kept ? GV_NULL : t;
  else if (!kept) *out_type = in_gc ? GV_NULL : t;
  else *out_type = multi && p1 - p0 == 1 ? sh_collapse(t, 1, in_gc) : t;
  return 0;
}

int sh_remove_repeated(const gv_array *a, int64_t i, double tol, gv_builder *b) {
  coords_ctx c = {0, tol, {0}};
  int r = sh_map_prune(a, i, b, coords_member, &c, 1);
  sh_pts_free(&c.s);
  return r;
}

int sh_segmentize(const gv_array *a, int64_t i, double maxlen, gv_builder *b) {
  if (sh_dimension(a, i) < 0) { /* an empty geometry stays as it is */
    gv_builder_append(b, a, i);
    return b->status ? -1 : 0;
  }
  coords_ctx c = {1, maxlen, {0}};
  int r = sh_map_prune(a, i, b, coords_member, &c, 1);
  sh_pts_free(&c.s);
  if (r && !b->status) { /* too many points (GEOS refuses): null */
    gv_builder_null(b);
    return 0;
  }
  return r;
}

/* ---- envelope ----------------------------------------------------------------------- */

int sh_envelope(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  double e[4];
  gv_geom_bounds(a, i, e);
  if (isnan(e[0])) {
    sh_point(b, NAN, NAN);
  } else if (e[0] == e[2] && e[1] == e[3]) {
    sh_point(b, e[0], e[1]);
  } else { /* as GEOS, a flat box too */
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_begin_ring(b);
    gv_builder_coord(b, e[0], e[1], NAN, NAN);
    gv_builder_coord(b, e[2], e[1], NAN, NAN);
    gv_builder_coord(b, e[2], e[3], NAN, NAN);
    gv_builder_coord(b, e[0], e[3], NAN, NAN);
    gv_builder_coord(b, e[0], e[1], NAN, NAN);
    gv_builder_end_geom(b);
  }
  return b->status ? -1 : 0;
}

/* ---- boundary ------------------------------------------------------------------------ */

typedef struct end_pt {
  gv_pt p;
  int32_t src;
} end_pt;

static int cmp_end(const void *x, const void *y) {
  const end_pt *u = x, *v = y;
  int c = sh_cmp_pt(u->p, v->p);
  return c ? c : (u->src > v->src) - (u->src < v->src);
}

int sh_boundary(const gv_array *a, int64_t i, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t), dims = t & (GV_HAS_Z | GV_HAS_M);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  switch (base) {
  case GV_POINT:
  case GV_MULTIPOINT:
    gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
    gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
    gv_builder_end_geom(b);
    break;
  case GV_LINESTRING:
  case GV_MULTILINESTRING: {
    /* endpoints that occur an odd number of times (mod-2 rule), sorted */
    int32_t n = 0;
    end_pt *e = gv_malloc(2 * (size_t)(p1 - p0 + 1) * sizeof(end_pt));
    if (!e) return -1;
    for (int32_t p = p0; p < p1; p++) {
      int32_t r = gv_part_begin(a, p);
      if (r >= gv_part_end(a, p)) continue;
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (k1 <= k0) continue;
      e[n++] = (end_pt){sh_pt(a, k0), k0};
      e[n++] = (end_pt){sh_pt(a, k1 - 1), k1 - 1};
    }
    qsort(e, (size_t)n, sizeof(end_pt), cmp_end);
    gv_builder_begin_geom(b, (uint8_t)(GV_MULTIPOINT | dims));
    for (int32_t k = 0; k < n;) {
      int32_t j = k;
      while (j < n && gv_pt_eq(e[j].p, e[k].p)) j++;
      if ((j - k) & 1) {
        gv_builder_begin_part(b, GV_POINT);
        gv_builder_begin_ring(b);
        sh_emit(b, a, e[k].src);
      }
      k = j;
    }
    gv_free(e);
    gv_builder_end_geom(b);
    break;
  }
  case GV_POLYGON:
  case GV_MULTIPOLYGON: {
    int32_t nrings = 0;
    for (int32_t p = p0; p < p1; p++) nrings += gv_part_end(a, p) - gv_part_begin(a, p);
    gv_builder_begin_geom(b, (uint8_t)((base == GV_POLYGON && nrings == 1 ? GV_LINESTRING : GV_MULTILINESTRING) | dims));
    for (int32_t p = p0; p < p1; p++)
      for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
        gv_builder_begin_part(b, GV_LINESTRING);
        gv_builder_begin_ring(b);
        for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k < ke; k++) sh_emit(b, a, k);
      }
    gv_builder_end_geom(b);
    break;
  }
  default: /* null, and collections (GEOS: not supported) */
    gv_builder_null(b);
  }
  return b->status ? -1 : 0;
}

/* ---- extractUniquePoints ------------------------------------------------------------- */

typedef struct uq_item {
  gv_pt p;
  int32_t order;
} uq_item;

static int uq_cmp(const void *x, const void *y) {
  const uq_item *u = x, *v = y;
  int c = sh_cmp_pt(u->p, v->p);
  return c ? c : (u->order > v->order) - (u->order < v->order);
}
static int uq_order(const void *x, const void *y) {
  const uq_item *u = x, *v = y;
  return (u->order > v->order) - (u->order < v->order);
}

int sh_unique_points(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  sh_pts s = {0};
  if (sh_collect(a, i, &s)) {
    sh_pts_free(&s);
    return -1;
  }
  uq_item *u = gv_malloc((size_t)(s.n + 1) * sizeof(uq_item));
  if (!u) {
    sh_pts_free(&s);
    return -1;
  }
  for (int64_t k = 0; k < s.n; k++) u[k].p = s.p[k], u[k].order = s.src[k];
  qsort(u, (size_t)s.n, sizeof(uq_item), uq_cmp);
  int64_t m = 0;
  for (int64_t k = 0; k < s.n; k++)
    if (!m || !gv_pt_eq(u[k].p, u[m - 1].p)) u[m++] = u[k];
  qsort(u, (size_t)m, sizeof(uq_item), uq_order); /* first occurrences, in order */
  gv_builder_begin_geom(b, (uint8_t)(GV_MULTIPOINT | (gv_type_byte(a, i) & (GV_HAS_Z | GV_HAS_M))));
  for (int64_t k = 0; k < m; k++) {
    gv_builder_begin_part(b, GV_POINT);
    gv_builder_begin_ring(b);
    sh_emit(b, a, u[k].order);
  }
  gv_builder_end_geom(b);
  gv_free(u);
  sh_pts_free(&s);
  return b->status ? -1 : 0;
}
