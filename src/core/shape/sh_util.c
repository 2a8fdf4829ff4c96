/* Helpers shared by the shape operations (see shape.h). */
#include <math.h>
#include <string.h>

#include "shape.h"

/* JTS Orientation.isCCW: the orientation at the highest point (a "cap"),
 * or the direction of a flat top; flat or degenerate rings are not CCW. */
static int is_ccw_core(const gv_pt *p, const gv_array *a, int32_t k0, int32_t n_with_close) {
#define PT(i) (p ? p[(i)] : sh_pt(a, (int64_t)k0 + (i)))
  int32_t npts = n_with_close - 1;
  if (npts < 3) return 0;
  gv_pt up_hi = PT(0), up_low = {NAN, NAN};
  double prev_y = up_hi.y;
  int32_t i_up_hi = 0;
  for (int32_t i = 1; i <= npts; i++) {
    gv_pt q = PT(i);
    if (q.y > prev_y && q.y >= up_hi.y) {
      i_up_hi = i;
      up_hi = q;
      up_low = PT(i - 1);
    }
    prev_y = q.y;
  }
  if (i_up_hi == 0) return 0;
  int32_t i_down_low = i_up_hi;
  do {
    i_down_low = (i_down_low + 1) % npts;
  } while (i_down_low != i_up_hi && PT(i_down_low).y == up_hi.y);
  gv_pt down_low = PT(i_down_low);
  int32_t i_down_hi = i_down_low > 0 ? i_down_low - 1 : npts - 1;
  gv_pt down_hi = PT(i_down_hi);
  if (gv_pt_eq(up_hi, down_hi)) {
    if (gv_pt_eq(up_low, up_hi) || gv_pt_eq(down_low, up_hi) || gv_pt_eq(up_low, down_low)) return 0;
    return gv_orient(up_low.x, up_low.y, up_hi.x, up_hi.y, down_low.x, down_low.y) > 0;
  }
  return down_hi.x - up_hi.x < 0;
#undef PT
}

int sh_ring_is_ccw(const gv_array *a, int32_t k0, int32_t k1) { return is_ccw_core(NULL, a, k0, k1 - k0); }
int sh_pts_is_ccw(const gv_pt *p, int32_t n) { return is_ccw_core(p, NULL, 0, n); }

int sh_pts_push(sh_pts *s, gv_pt p, int32_t src) {
  if (s->n == s->cap) {
    int64_t cap = s->cap ? s->cap * 2 : 16;
    gv_pt *np = gv_realloc(s->p, (size_t)cap * sizeof(gv_pt));
    if (!np) return -1;
    s->p = np;
    int32_t *ns = gv_realloc(s->src, (size_t)cap * sizeof(int32_t));
    if (!ns) return -1;
    s->src = ns;
    s->cap = cap;
  }
  s->p[s->n] = p;
  s->src[s->n++] = src;
  return 0;
}

void sh_pts_free(sh_pts *s) {
  gv_free(s->p);
  gv_free(s->src);
  memset(s, 0, sizeof *s);
}

int sh_collect(const gv_array *a, int64_t i, sh_pts *s) {
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++)
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k < ke; k++) {
        gv_pt q = sh_pt(a, k);
        if (isnan(q.x) || isnan(q.y)) continue;
        if (sh_pts_push(s, q, k)) return -1;
      }
  return 0;
}

/* Z and M of a new point between the source points around it in the list
 * (interpolated by planar distance), NaN when there are none. */
static void interpolate_zm(const gv_array *a, const sh_pts *s, int64_t k, double *z, double *m) {
  *z = *m = NAN;
  if (!a->z && !a->m) return;
  int64_t i = k - 1, j = k + 1;
  while (i >= 0 && s->src[i] < 0) i--;
  while (j < s->n && s->src[j] < 0) j++;
  if (i < 0 || j >= s->n) return;
  int64_t oi = (int64_t)s->src[i] * a->stride, oj = (int64_t)s->src[j] * a->stride;
  double d = sh_dist(s->p[i], s->p[j]), f = d > 0 ? sh_dist(s->p[i], s->p[k]) / d : 0;
  if (a->z) *z = a->z[oi] + f * (a->z[oj] - a->z[oi]);
  if (a->m) *m = a->m[oi] + f * (a->m[oj] - a->m[oi]);
}

void sh_emit_pts(gv_builder *b, const gv_array *a, const sh_pts *s) {
  gv_builder_begin_ring(b);
  for (int64_t k = 0; k < s->n; k++) {
    if (s->src[k] >= 0 && s->p[k].x == GV_X(a, s->src[k]) && s->p[k].y == GV_Y(a, s->src[k])) {
      sh_emit(b, a, s->src[k]);
    } else {
      double z, m;
      interpolate_zm(a, s, k, &z, &m);
      gv_builder_coord(b, s->p[k].x, s->p[k].y, z, m);
    }
  }
}

void sh_point(gv_builder *b, double x, double y) {
  gv_builder_begin_geom(b, GV_POINT);
  gv_builder_begin_part(b, GV_POINT);
  gv_builder_begin_ring(b);
  gv_builder_coord(b, x, y, NAN, NAN);
  gv_builder_end_geom(b);
}

int sh_dimension(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return -1;
  int dim = -1;
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int d = kind == GV_POINT ? 0 : kind == GV_LINESTRING ? 1 : 2;
    if (d <= dim) continue;
    int empty = 1;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re && empty; r++)
      for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k < ke; k++)
        if (!isnan(GV_X(a, k))) {
          empty = 0;
          break;
        }
    if (!empty) dim = d;
  }
  return dim;
}

sh_mark sh_mark_get(const gv_builder *b) {
  sh_mark m = {b->part_off.len, b->ring_off.len, b->coords.len, b->gc_tok.len};
  return m;
}

void sh_mark_rewind(gv_builder *b, sh_mark m) {
  b->part_off.len = m.parts;
  b->part_type.len = m.parts / sizeof(int32_t);
  b->ring_off.len = m.rings;
  /* the stride may have grown since the mark; coordinates appended
   * before it were re-strided, so scale the mark the same way */
  b->coords.len = m.coords <= b->coords.len ? m.coords : b->coords.len;
  b->gc_tok.len = m.toks;
}
