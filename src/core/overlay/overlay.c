/* The overlay engine for areas: graph, labelling, rings (see overlay.h). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "overlay.h"
#include "algorithm/predicates.h"
#include "noding/sort_impl.h"

/* ---- input ------------------------------------------------------------------------------ */

static int finite_xy(double x, double y) { return isfinite(x) && isfinite(y); }

/* +1 when ring [k0, k1) turns counter-clockwise, -1 clockwise, 0 degenerate
 * (exact at the lowest-leftmost vertex). */
static int ring_turn(const gv_array *a, int32_t k0, int32_t k1) {
  int32_t n = k1 - k0;
  if (n >= 2 && GV_X(a, k0) == GV_X(a, k1 - 1) && GV_Y(a, k0) == GV_Y(a, k1 - 1)) n--; /* closing point */
  if (n < 3) return 0;
  int32_t m = k0;
  for (int32_t k = k0 + 1; k < k0 + n; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k), mx = GV_X(a, m), my = GV_Y(a, m);
    if (x < mx || (x == mx && y < my)) m = k;
  }
  double mx = GV_X(a, m), my = GV_Y(a, m);
  int32_t p = m, q = m;
  for (int32_t s = 0; s < n; s++) { /* previous distinct vertex */
    p = p == k0 ? k0 + n - 1 : p - 1;
    if (GV_X(a, p) != mx || GV_Y(a, p) != my) break;
  }
  for (int32_t s = 0; s < n; s++) { /* next distinct vertex */
    q = q == k0 + n - 1 ? k0 : q + 1;
    if (GV_X(a, q) != mx || GV_Y(a, q) != my) break;
  }
  int o = gv_orient(GV_X(a, p), GV_Y(a, p), mx, my, GV_X(a, q), GV_Y(a, q));
  if (o) return o;
  /* a spike at the extreme vertex (an invalid ring): the sign of the area */
  double s = 0;
  for (int32_t k = k0; k < k0 + n; k++) {
    int32_t k2 = k + 1 == k0 + n ? k0 : k + 1;
    s += (GV_X(a, k) - mx) * (GV_Y(a, k2) - my) - (GV_X(a, k2) - mx) * (GV_Y(a, k) - my);
  }
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

/* The rings of polygon part p as labelled segments. */
static gv_status add_polygon_part(const gv_array *a, int32_t p, int slot, gv_buf *segs, const char **why) {
  {
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    for (int32_t r = r0; r < r1; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      for (int32_t k = k0; k < k1; k++) {
        if (!finite_xy(GV_X(a, k), GV_Y(a, k))) {
          *why = "non-finite coordinate";
          return GV_ERR_ARG;
        }
      }
      int turn = ring_turn(a, k0, k1);
      if (!turn) continue; /* a ring without area bounds nothing */
      int32_t lab = r == r0 ? turn : -turn;
      uint32_t role = r == r0 ? GV_OV_SHELL(slot) : GV_OV_HOLE(slot); /* for collapses on a grid */
      for (int32_t k = k0; k + 1 < k1; k++) {
        gv_nseg s = {GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1), {0, 0}, role};
        if (s.x0 == s.x1 && s.y0 == s.y1) continue;
        s.lab[slot] = lab;
        if (gv_buf_append(segs, &s, sizeof s) != GV_OK) return GV_ERR_NOMEM;
      }
      /* an unclosed ring is closed */
      if (k1 - k0 >= 2 && (GV_X(a, k0) != GV_X(a, k1 - 1) || GV_Y(a, k0) != GV_Y(a, k1 - 1))) {
        gv_nseg s = {GV_X(a, k1 - 1), GV_Y(a, k1 - 1), GV_X(a, k0), GV_Y(a, k0), {0, 0}, role};
        s.lab[slot] = lab;
        if (gv_buf_append(segs, &s, sizeof s) != GV_OK) return GV_ERR_NOMEM;
      }
    }
  }
  return GV_OK;
}

gv_status gv_ov_add_polygonal(const gv_array *a, int64_t i, int slot, gv_buf *segs, const char **why) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  if (t != GV_POLYGON && t != GV_MULTIPOLYGON) {
    *why = "only polygonal geometries are supported here";
    return GV_ERR_ARG;
  }
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    gv_status st = add_polygon_part(a, p, slot, segs, why);
    if (st != GV_OK) return st;
  }
  return GV_OK;
}

gv_status gv_ov_add(const gv_array *a, int64_t i, int slot, gv_buf *segs, gv_buf *pts, const char **why) {
  uint8_t t = gv_type_byte(a, i);
  if (slot < 0 || slot >= GV_NODE_LABELS) return GV_ERR_ARG;
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    if (kind == GV_POLYGON) {
      gv_status st = add_polygon_part(a, p, slot, segs, why);
      if (st != GV_OK) return st;
      continue;
    }
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (kind == GV_POINT) {
        for (int32_t k = k0; k < k1; k++) {
          double x = GV_X(a, k), y = GV_Y(a, k);
          if (isnan(x) && isnan(y)) continue; /* POINT EMPTY */
          if (!finite_xy(x, y)) {
            *why = "non-finite coordinate";
            return GV_ERR_ARG;
          }
          gv_ov_pt q = {x, y, slot, 0};
          if (gv_buf_append(pts, &q, sizeof q) != GV_OK) return GV_ERR_NOMEM;
        }
        continue;
      }
      for (int32_t k = k0; k < k1; k++) {
        if (!finite_xy(GV_X(a, k), GV_Y(a, k))) {
          *why = "non-finite coordinate";
          return GV_ERR_ARG;
        }
      }
      int any = 0;
      for (int32_t k = k0; k + 1 < k1; k++) {
        gv_nseg s = {GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1), {0, 0}, 1u << slot};
        if (s.x0 == s.x1 && s.y0 == s.y1) continue;
        any = 1;
        if (gv_buf_append(segs, &s, sizeof s) != GV_OK) return GV_ERR_NOMEM;
      }
      if (any) {
        gv_ov_pt e0 = {GV_X(a, k0), GV_Y(a, k0), slot, 1}, e1 = {GV_X(a, k1 - 1), GV_Y(a, k1 - 1), slot, 1};
        if (gv_buf_append(pts, &e0, sizeof e0) != GV_OK || gv_buf_append(pts, &e1, sizeof e1) != GV_OK)
          return GV_ERR_NOMEM;
      } else if (k1 > k0) {
        /* a zero-length line has no edge; it still covers its point (as
         * OverlayNG's point locator sees it) but is not output */
        gv_ov_pt c = {GV_X(a, k0), GV_Y(a, k0), slot, 2};
        if (gv_buf_append(pts, &c, sizeof c) != GV_OK) return GV_ERR_NOMEM;
      }
    }
  }
  return GV_OK;
}

static int type_dim(uint8_t t) {
  switch (GV_BASE_TYPE(t)) {
  case GV_POINT: case GV_MULTIPOINT: return 0;
  case GV_LINESTRING: case GV_MULTILINESTRING: return 1;
  case GV_POLYGON: case GV_MULTIPOLYGON: return 2;
  default: return -1;
  }
}

int gv_ov_dim(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) != GV_GEOMETRYCOLLECTION) return type_dim(t);
  int d = -1;
  if (a->gc_off) {
    for (int32_t k = a->gc_off[i]; k < a->gc_off[i + 1]; k++) {
      int td = type_dim((uint8_t)(a->gc_tok[k] & 0xff));
      if (td > d) d = td;
    }
  } else {
    for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
      int td = type_dim(gv_part_kind(a, t, p));
      if (td > d) d = td;
    }
  }
  return d;
}

/* ---- output -------------------------------------------------------------------------------- */

void gv_ov_out_free(gv_ov_out *o) {
  gv_buf_free(&o->cnt);
  gv_buf_free(&o->xy);
  memset(o, 0, sizeof *o);
}

static void emit_part(gv_builder *b, uint8_t kind, const int32_t **cnt, const double **xy) {
  gv_builder_begin_part(b, kind);
  if (kind == GV_POINT) {
    gv_builder_begin_ring(b);
    gv_builder_coord(b, (*xy)[0], (*xy)[1], NAN, NAN);
    *xy += 2;
    return;
  }
  int32_t nr = kind == GV_POLYGON ? *(*cnt)++ : 1;
  for (int32_t r = 0; r < nr; r++) {
    int32_t nc = *(*cnt)++;
    gv_builder_begin_ring(b);
    for (int32_t k = 0; k < nc; k++) gv_builder_coord(b, (*xy)[2 * k], (*xy)[2 * k + 1], NAN, NAN);
    *xy += 2 * nc;
  }
}

void gv_ov_out_emit(const gv_ov_out *o, gv_builder *b, uint8_t empty_type) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  int kinds = (o->npoly > 0) + (o->nline > 0) + (o->npt > 0);
  if (kinds == 0) {
    gv_builder_begin_geom(b, empty_type);
    switch (empty_type) {
    case GV_POLYGON: gv_builder_begin_part(b, GV_POLYGON); break;
    case GV_LINESTRING: gv_builder_begin_part(b, GV_LINESTRING); gv_builder_begin_ring(b); break;
    case GV_POINT:
      gv_builder_begin_part(b, GV_POINT);
      gv_builder_begin_ring(b);
      gv_builder_coord(b, NAN, NAN, NAN, NAN);
      break;
    case GV_GEOMETRYCOLLECTION: gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0); break;
    default: break;
    }
    gv_builder_end_geom(b);
    return;
  }
  if (kinds == 1) {
    uint8_t kind = o->npoly ? GV_POLYGON : o->nline ? GV_LINESTRING : GV_POINT;
    int32_t n = o->npoly ? o->npoly : o->nline ? o->nline : o->npt;
    uint8_t type = n == 1 ? kind : (uint8_t)(kind + 3);
    gv_builder_begin_geom(b, type);
    for (int32_t k = 0; k < n; k++) emit_part(b, kind, &cnt, &xy);
    gv_builder_end_geom(b);
    return;
  }
  gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
  gv_builder_token(b, GV_GEOMETRYCOLLECTION, o->npoly + o->nline + o->npt);
  for (int32_t k = 0; k < o->npoly; k++) {
    gv_builder_token(b, GV_POLYGON, 1);
    emit_part(b, GV_POLYGON, &cnt, &xy);
  }
  for (int32_t k = 0; k < o->nline; k++) {
    gv_builder_token(b, GV_LINESTRING, 1);
    emit_part(b, GV_LINESTRING, &cnt, &xy);
  }
  for (int32_t k = 0; k < o->npt; k++) {
    gv_builder_token(b, GV_POINT, 1);
    emit_part(b, GV_POINT, &cnt, &xy);
  }
  gv_builder_end_geom(b);
}

/* ---- the graph ------------------------------------------------------------------------------- */

typedef struct graph {
  const gv_nseg *e; /* edges (canonical, noded) */
  int32_t ne, nn;
  double *nx, *ny;  /* node coordinates, sorted lexicographically */
  int32_t *org;     /* per half-edge: origin node (h = 2e: x0,y0 -> x1,y1; 2e + 1 reversed) */
  int32_t *off;     /* per node: its star in star[off[v] .. off[v + 1]) */
  int32_t *star;    /* half-edges sorted by origin, then counter-clockwise by angle */
  int32_t *pos;     /* per half-edge: its index in star */
  int32_t *ld;      /* per half-edge and input: depth on its left */
  uint8_t *known;   /* per half-edge: ld set */
} graph;

static void graph_free(graph *g) {
  gv_free(g->nx);
  gv_free(g->ny);
  gv_free(g->org);
  gv_free(g->off);
  gv_free(g->star);
  gv_free(g->pos);
  gv_free(g->ld);
  gv_free(g->known);
}

typedef struct xy_id {
  double x, y;
} xy_id;

static int xy_cmp(const void *pa, const void *pb) {
  const xy_id *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  return 0;
}

#define XY_LESS(p, q) (xy_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_xy, xy_id, XY_LESS)

static int32_t node_of(const graph *g, double x, double y) {
  int32_t lo = 0, hi = g->nn - 1;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    if (g->nx[mid] < x || (g->nx[mid] == x && g->ny[mid] < y)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int quadrant(double dx, double dy) {
  if (dx > 0 && dy >= 0) return 0;
  if (dx <= 0 && dy > 0) return 1;
  if (dx < 0 && dy <= 0) return 2;
  return 3;
}

typedef struct star_item {
  int32_t node, h, quad;
  double ox, oy, px, py;
} star_item;

static int star_cmp(const void *pa, const void *pb) {
  const star_item *a = pa, *b = pb;
  if (a->node != b->node) return a->node < b->node ? -1 : 1;
  if (a->quad != b->quad) return a->quad < b->quad ? -1 : 1;
  int o = gv_orient(a->ox, a->oy, a->px, a->py, b->px, b->py);
  return o > 0 ? -1 : o < 0 ? 1 : 0;
}

#define STAR_LESS(p, q) (star_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_star, star_item, STAR_LESS)

static gv_status graph_build(graph *g, const gv_nseg *e, int32_t ne) {
  memset(g, 0, sizeof *g);
  g->e = e;
  g->ne = ne;
  int32_t nh = 2 * ne;
  xy_id *pts = gv_malloc((size_t)(nh + 1) * sizeof *pts);
  if (!pts) return GV_ERR_NOMEM;
  for (int32_t i = 0; i < ne; i++) {
    pts[2 * i] = (xy_id){e[i].x0, e[i].y0};
    pts[2 * i + 1] = (xy_id){e[i].x1, e[i].y1};
  }
  sort_xy(pts, (size_t)nh);
  int32_t nn = 0;
  for (int32_t k = 0; k < nh; k++)
    if (!nn || xy_cmp(&pts[nn - 1], &pts[k])) pts[nn++] = pts[k];
  g->nn = nn;
  g->nx = gv_malloc((size_t)(nn + 1) * sizeof(double));
  g->ny = gv_malloc((size_t)(nn + 1) * sizeof(double));
  g->org = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
  g->off = gv_calloc((size_t)nn + 2, sizeof(int32_t));
  g->star = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
  g->pos = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
  g->ld = gv_malloc((size_t)(2 * nh + 1) * sizeof(int32_t));
  g->known = gv_calloc((size_t)nh + 1, 1);
  star_item *it = gv_malloc((size_t)(nh + 1) * sizeof *it);
  if (!g->nx || !g->ny || !g->org || !g->off || !g->star || !g->pos || !g->ld || !g->known || !it) {
    gv_free(pts);
    gv_free(it);
    return GV_ERR_NOMEM;
  }
  for (int32_t k = 0; k < nn; k++) g->nx[k] = pts[k].x, g->ny[k] = pts[k].y;
  gv_free(pts);
  for (int32_t i = 0; i < ne; i++) {
    int32_t a = node_of(g, e[i].x0, e[i].y0), b = node_of(g, e[i].x1, e[i].y1);
    g->org[2 * i] = a;
    g->org[2 * i + 1] = b;
    it[2 * i] = (star_item){a, 2 * i, quadrant(e[i].x1 - e[i].x0, e[i].y1 - e[i].y0), e[i].x0, e[i].y0, e[i].x1, e[i].y1};
    it[2 * i + 1] =
        (star_item){b, 2 * i + 1, quadrant(e[i].x0 - e[i].x1, e[i].y0 - e[i].y1), e[i].x1, e[i].y1, e[i].x0, e[i].y0};
    g->off[a + 1]++;
    g->off[b + 1]++;
  }
  for (int32_t v = 0; v < nn; v++) g->off[v + 1] += g->off[v];
  sort_star(it, (size_t)nh);
  for (int32_t k = 0; k < nh; k++) {
    g->star[k] = it[k].h;
    g->pos[it[k].h] = k;
  }
  gv_free(it);
  return GV_OK;
}

static inline int32_t delta(const graph *g, int32_t h, int in) {
  int32_t d = g->e[h >> 1].lab[in];
  return (h & 1) ? -d : d;
}

/* Sets the left depths of half-edge h (and its twin's). */
static void set_ld(graph *g, int32_t h, const int32_t d[GV_NODE_LABELS]) {
  for (int in = 0; in < GV_NODE_LABELS; in++) {
    g->ld[2 * h + in] = d[in];
    g->ld[2 * (h ^ 1) + in] = d[in] - delta(g, h, in);
  }
  g->known[h] = g->known[h ^ 1] = 1;
}

/* From the known half-edge at star index s, around its node clockwise. */
static void propagate(graph *g, int32_t v, int32_t s) {
  int32_t b = g->off[v], k = g->off[v + 1] - b;
  int32_t prev = g->star[s];
  for (int32_t step = 1; step < k; step++) {
    int32_t idx = b + (((s - b) - step) % k + k) % k;
    int32_t h = g->star[idx];
    int32_t d[GV_NODE_LABELS];
    for (int in = 0; in < GV_NODE_LABELS; in++) d[in] = g->ld[2 * prev + in] - delta(g, prev, in);
    if (!g->known[h]) set_ld(g, h, d);
    prev = h;
  }
}

/* Depth, per input, just left of (x, y) (exact: a ray to the left); the
 * depth at (x, y) when it is on no edge. */
static void depth_at(const graph *g, double x, double y, int32_t d[GV_NODE_LABELS]) {
  for (int in = 0; in < GV_NODE_LABELS; in++) d[in] = 0;
  for (int32_t i = 0; i < g->ne; i++) {
    const gv_nseg *e = &g->e[i];
    if ((e->y0 > y) == (e->y1 > y)) continue; /* half-open crossing rule */
    if (fmin(e->x0, e->x1) >= x) continue;
    int o = gv_orient(e->x0, e->y0, e->x1, e->y1, x, y);
    int w = 0;
    if (e->y0 > y && o > 0) w = 1;       /* downward, crossing left of v */
    else if (e->y1 > y && o < 0) w = -1; /* upward, crossing left of v */
    for (int in = 0; in < GV_NODE_LABELS; in++) d[in] += w * e->lab[in];
  }
}

static gv_status label(graph *g) {
  int32_t *queue = gv_malloc((size_t)(g->nn + 1) * sizeof(int32_t));
  uint8_t *seen = gv_calloc((size_t)g->nn + 1, 1);
  if (!queue || !seen) {
    gv_free(queue);
    gv_free(seen);
    return GV_ERR_NOMEM;
  }
  for (int32_t v0 = 0; v0 < g->nn; v0++) {
    if (seen[v0] || g->off[v0] == g->off[v0 + 1]) continue;
    /* v0 is the lowest-leftmost node of a new component */
    int32_t d[GV_NODE_LABELS];
    depth_at(g, g->nx[v0], g->ny[v0], d);
    int32_t b = g->off[v0], k = g->off[v0 + 1] - b, j = b + k - 1;
    for (int32_t s = b; s < b + k; s++) {
      int32_t h = g->star[s];
      const gv_nseg *e = &g->e[h >> 1];
      double dx = (h & 1) ? e->x0 - e->x1 : e->x1 - e->x0, dy = (h & 1) ? e->y0 - e->y1 : e->y1 - e->y0;
      if (quadrant(dx, dy) <= 1) j = s;
    }
    set_ld(g, g->star[j], d);
    propagate(g, v0, j);
    seen[v0] = 1;
    int32_t qh = 0, qt = 0;
    queue[qt++] = v0;
    while (qh < qt) {
      int32_t u = queue[qh++];
      for (int32_t s = g->off[u]; s < g->off[u + 1]; s++) {
        int32_t tw = g->star[s] ^ 1, w = g->org[tw];
        if (seen[w]) continue;
        seen[w] = 1;
        propagate(g, w, g->pos[tw]);
        queue[qt++] = w;
      }
    }
  }
  gv_free(queue);
  gv_free(seen);
  return GV_OK;
}

/* ---- result extraction ------------------------------------------------------------------------ */

static int op_in(int op, int32_t da, int32_t db) {
  if (op == GV_OV_ODD) return (da & 1) != 0;
  if (op == GV_OV_NONZERO) return da != 0;
  int a = da > 0, b = db > 0;
  switch (op) {
  case GV_OV_INTERSECTION:
  case GV_OV_CLIP: return a && b;
  case GV_OV_UNION: return a || b;
  case GV_OV_DIFFERENCE: return a && !b;
  case GV_OV_SYMDIFFERENCE: return a != b;
  default: return a;
  }
}

typedef struct ring_info {
  int32_t k0, k1;   /* coordinates [k0, k1) in rxy (closed) */
  int32_t shell;    /* for holes: the shell's index, -1 while unknown */
  int hole;
  double area;      /* absolute */
  gv_box box;
} ring_info;

typedef struct builder_ctx {
  gv_buf rxy;   /* ring coordinates, double pairs, closed rings */
  gv_buf rings; /* ring_info */
  gv_buf roff;  /* int32 ring offsets into rxy (for the location view) */
} builder_ctx;

static gv_status push_ring(const graph *g, builder_ctx *bc, const int32_t *nodes, int32_t n) {
  /* n distinct nodes of a simple ring, interior on the left */
  int32_t m = 0;
  for (int32_t k = 1; k < n; k++)
    if (nodes[k] < nodes[m]) m = k;
  int32_t p = nodes[(m + n - 1) % n], v = nodes[m], q = nodes[(m + 1) % n];
  int turn = gv_orient(g->nx[p], g->ny[p], g->nx[v], g->ny[v], g->nx[q], g->ny[q]);
  ring_info ri;
  ri.k0 = (int32_t)(bc->rxy.len / (2 * sizeof(double)));
  ri.k1 = ri.k0 + n + 1;
  ri.hole = turn < 0;
  ri.shell = -1;
  ri.box = (gv_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
  /* written reversed: shells clockwise, holes counter-clockwise (as GEOS) */
  for (int32_t k = 0; k <= n; k++) {
    int32_t id = nodes[(n - k) % n];
    double xy[2] = {g->nx[id], g->ny[id]};
    if (gv_buf_append(&bc->rxy, xy, sizeof xy) != GV_OK) return GV_ERR_NOMEM;
    ri.box.minx = fmin(ri.box.minx, xy[0]);
    ri.box.maxx = fmax(ri.box.maxx, xy[0]);
    ri.box.miny = fmin(ri.box.miny, xy[1]);
    ri.box.maxy = fmax(ri.box.maxy, xy[1]);
  }
  double area = 0, x0 = g->nx[nodes[0]], y0 = g->ny[nodes[0]];
  for (int32_t k = 1; k + 1 < n; k++) {
    int32_t a = nodes[k], c = nodes[k + 1];
    area += (g->nx[a] - x0) * (g->ny[c] - y0) - (g->nx[c] - x0) * (g->ny[a] - y0);
  }
  ri.area = fabs(area) / 2;
  return gv_buf_append(&bc->rings, &ri, sizeof ri);
}

/* Walks the result face rings and splits them into simple rings. */
static gv_status build_rings(const graph *g, const uint8_t *res, builder_ctx *bc) {
  int32_t nh = 2 * g->ne;
  uint8_t *used = gv_calloc((size_t)nh + 1, 1);
  int32_t *stack = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
  int32_t *at = gv_malloc((size_t)(g->nn + 1) * sizeof(int32_t));
  gv_status st = GV_OK;
  if (!used || !stack || !at) st = GV_ERR_NOMEM;
  if (at)
    for (int32_t v = 0; v < g->nn; v++) at[v] = -1;
  for (int32_t h0 = 0; h0 < nh && st == GV_OK; h0++) {
    if (!res[h0] || used[h0]) continue;
    int32_t top = 0, h = h0;
    for (int32_t guard = 0; guard <= nh; guard++) {
      used[h] = 1;
      int32_t v = g->org[h];
      if (at[v] >= 0) { /* a repeated node: the loop since its last visit is a ring */
        int32_t j = at[v];
        if ((st = push_ring(g, bc, stack + j, top - j)) != GV_OK) break;
        for (int32_t k = j + 1; k < top; k++) at[stack[k]] = -1;
        top = j + 1;
      } else {
        at[v] = top;
        stack[top++] = v;
      }
      /* next: the result edge clockwise-adjacent to the twin at the destination */
      int32_t tw = h ^ 1, w = g->org[tw];
      int32_t b = g->off[w], k = g->off[w + 1] - b, s = g->pos[tw], nxt = -1;
      for (int32_t step = 1; step <= k; step++) {
        int32_t c = g->star[b + (((s - b) - step) % k + k) % k];
        if (res[c] || res[c ^ 1]) {
          nxt = c;
          break;
        }
      }
      if (nxt < 0 || !res[nxt]) {
        st = GV_ERR_LIMIT; /* inconsistent labels: cannot happen after a valid noding */
        break;
      }
      h = nxt;
      if (h == h0) break;
    }
    if (st != GV_OK) break;
    if (top >= 3) st = push_ring(g, bc, stack, top);
    for (int32_t k = 0; k < top; k++) at[stack[k]] = -1;
  }
  gv_free(used);
  gv_free(stack);
  gv_free(at);
  return st;
}

static int box_in(gv_box inner, gv_box outer) {
  return inner.minx >= outer.minx && inner.maxx <= outer.maxx && inner.miny >= outer.miny &&
         inner.maxy <= outer.maxy;
}

/* Assigns every hole to the smallest shell containing it and writes the polygons. */
static gv_status assemble(builder_ctx *bc, gv_ov_out *out) {
  ring_info *r = (ring_info *)bc->rings.data;
  int32_t nr = (int32_t)(bc->rings.len / sizeof *r);
  if (!nr) return GV_OK;
  const double *xy = (const double *)bc->rxy.data;
  int32_t *roff = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  if (!roff) return GV_ERR_NOMEM;
  for (int32_t k = 0; k < nr; k++) roff[k] = r[k].k0;
  roff[nr] = r[nr - 1].k1;
  /* a view over the rings, each ring a polygon part of its own */
  gv_array view;
  memset(&view, 0, sizeof view);
  view.n = 1;
  view.type = GV_MULTIPOLYGON;
  view.ring_off = roff;
  view.x = xy;
  view.y = xy + 1;
  view.stride = 2;
  for (int32_t hi = 0; hi < nr; hi++) {
    if (!r[hi].hole) continue;
    double best = INFINITY;
    for (int32_t s = 0; s < nr; s++) {
      if (r[s].hole || r[s].area >= best || !box_in(r[hi].box, r[s].box)) continue;
      int loc = GV_LOC_BOUNDARY;
      for (int32_t k = r[hi].k0; k < r[hi].k1 - 1 && loc == GV_LOC_BOUNDARY; k++)
        loc = gv_locate_in_polygon(&view, s, xy[2 * k], xy[2 * k + 1]);
      if (loc == GV_LOC_BOUNDARY) { /* every vertex on the shell: try edge midpoints */
        for (int32_t k = r[hi].k0; k < r[hi].k1 - 1 && loc == GV_LOC_BOUNDARY; k++)
          loc = gv_locate_in_polygon(&view, s, (xy[2 * k] + xy[2 * k + 2]) / 2, (xy[2 * k + 1] + xy[2 * k + 3]) / 2);
      }
      if (loc == GV_LOC_INTERIOR) {
        best = r[s].area;
        r[hi].shell = s;
      }
    }
  }
  gv_free(roff);
  /* polygons: each shell, then its holes */
  int32_t *first = gv_malloc((size_t)(nr + 1) * sizeof(int32_t)), *next = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  if (!first || !next) {
    gv_free(first);
    gv_free(next);
    return GV_ERR_NOMEM;
  }
  for (int32_t k = 0; k < nr; k++) first[k] = -1, next[k] = -1;
  for (int32_t k = nr - 1; k >= 0; k--) { /* holes listed per shell, in order */
    if (r[k].hole && r[k].shell >= 0) {
      next[k] = first[r[k].shell];
      first[r[k].shell] = k;
    }
  }
  gv_status st = GV_OK;
  for (int32_t s = 0; s < nr && st == GV_OK; s++) {
    if (r[s].hole) continue;
    int32_t cnt = 1;
    for (int32_t k = first[s]; k >= 0; k = next[k]) cnt++;
    st = gv_buf_append(&out->cnt, &cnt, sizeof cnt);
    for (int32_t k = s; k >= 0 && st == GV_OK; k = k == s ? first[s] : next[k]) {
      int32_t nc = r[k].k1 - r[k].k0;
      if ((st = gv_buf_append(&out->cnt, &nc, sizeof nc)) != GV_OK) break;
      st = gv_buf_append(&out->xy, xy + 2 * r[k].k0, (size_t)nc * 2 * sizeof(double));
    }
    out->npoly++;
  }
  gv_free(first);
  gv_free(next);
  return st;
}

/* ---- lines and points ------------------------------------------------------------------------ */

/* Whether edge e is on a line of input `in`, on its area boundary, or inside its area. */
static int edge_cov(const graph *g, int32_t e, int in) {
  return g->e[e].lab[in] != 0 || ((g->e[e].line >> in) & 1) || g->ld[4 * e + in] > 0 || g->ld[4 * e + 2 + in] > 0;
}

static int in_res_left(const graph *g, int op, int32_t h) { return op_in(op, g->ld[2 * h], g->ld[2 * h + 1]); }

/* Whether edge e is a collapse of input k's area: on its rings (a role
 * flag) with their depth changes summing to 0 (OverlayNG's "collapse" label). */
static int collapse_of(const gv_nseg *s, int k) {
  return s->lab[k] == 0 && (s->line & (GV_OV_SHELL(k) | GV_OV_HOLE(k))) != 0;
}

static int is_collapse(const gv_nseg *s) { return collapse_of(s, 0) || collapse_of(s, 1); }

/* OverlayNG's LineBuilder rule for an edge that is a collapse of one input
 * (or both), per input: a collapse, a boundary, a line or none ("not
 * part"); loc the location of the edge in that input's area (a boundary
 * counts as interior; otherwise the depth of the face it lies in, which is
 * OverlayNG's propagated location for valid inputs); the "effective"
 * location is interior for a collapse or a line. A collapse inside its own
 * area (a gore, a collapsed hole) is never a line; except for intersection,
 * neither is a collapse of one input inside the other's area, nor (when
 * the result has areas) an edge inside the area input. Then the operation
 * on the effective locations decides. area_in: the first input with areas
 * (-1: none). */
static int collapse_line(const graph *g, int op, int32_t e, int area_in, int has_area) {
  const gv_nseg *s = &g->e[e];
  int col[GV_NODE_LABELS], part[GV_NODE_LABELS], loc[GV_NODE_LABELS], eff[GV_NODE_LABELS];
  for (int k = 0; k < GV_NODE_LABELS; k++) {
    int bnd = s->lab[k] != 0, lin = ((s->line >> k) & 1) != 0;
    col[k] = collapse_of(s, k);
    part[k] = col[k] || bnd || lin;
    loc[k] = bnd || g->ld[4 * e + k] > 0;
    eff[k] = col[k] || lin || loc[k];
    if (col[k] && loc[k]) return 0;
  }
  if (op != GV_OV_INTERSECTION) {
    if ((col[0] && !part[1] && loc[1]) || (col[1] && !part[0] && loc[0])) return 0;
    if (has_area && area_in >= 0 && loc[area_in]) return 0;
  }
  switch (op) {
  case GV_OV_INTERSECTION: return eff[0] && eff[1];
  case GV_OV_UNION: return eff[0] || eff[1];
  case GV_OV_DIFFERENCE: return eff[0] && !eff[1];
  case GV_OV_SYMDIFFERENCE: return eff[0] != eff[1];
  default: return 0;
  }
}

/* Whether edge e (not in the closure of the result area) is a result line. */
static int line_result(const graph *g, int op, int32_t e, int area_in, int has_area) {
  if (in_res_left(g, op, 2 * e) || in_res_left(g, op, 2 * e + 1)) return 0;
  if (is_collapse(&g->e[e])) return collapse_line(g, op, e, area_in, has_area);
  int la = g->e[e].line & 1, lb = (g->e[e].line >> 1) & 1;
  switch (op) {
  case GV_OV_INTERSECTION: return edge_cov(g, e, 0) && edge_cov(g, e, 1);
  case GV_OV_UNION:
  case GV_OV_UNARY: return la || lb;
  case GV_OV_DIFFERENCE: return la && !edge_cov(g, e, 1);
  case GV_OV_SYMDIFFERENCE: return (la && !edge_cov(g, e, 1)) || (lb && !edge_cov(g, e, 0));
  default: return 0;
  }
}

static int node_at(const graph *g, double x, double y, int32_t *v) {
  if (g->nn <= 0) return 0;
  *v = node_of(g, x, y);
  return g->nx[*v] == x && g->ny[*v] == y;
}

/* Result lines, joined through nodes where exactly two meet (not at stop nodes). */
static gv_status build_lines(const graph *g, const uint8_t *line, const uint8_t *stop, gv_ov_out *out) {
  int32_t ne = g->ne, nline = 0;
  int32_t *deg = gv_calloc((size_t)g->nn + 1, sizeof(int32_t));
  uint8_t *used = gv_calloc((size_t)ne + 1, 1);
  gv_status st = GV_OK;
  if (!deg || !used) st = GV_ERR_NOMEM;
  for (int32_t e = 0; e < ne && st == GV_OK; e++) {
    if (!line[e]) continue;
    nline++;
    deg[g->org[2 * e]]++;
    deg[g->org[2 * e + 1]]++;
  }
  /* chains: start at nodes where lines end or branch, then the remaining cycles */
  for (int pass = 0; pass < 2 && st == GV_OK && nline; pass++) {
    for (int32_t e0 = 0; e0 < ne && st == GV_OK; e0++) {
      if (!line[e0] || used[e0]) continue;
      int32_t h = 2 * e0;
      if (pass == 0) {
        int32_t a = g->org[h], b = g->org[h ^ 1];
        if (deg[a] == 2 && !stop[a]) {
          if (deg[b] == 2 && !stop[b]) continue;
          h ^= 1;
        }
      }
      int32_t count = 1, h0 = h;
      size_t cpos = out->cnt.len;
      st = gv_buf_append(&out->cnt, &count, sizeof count);
      int32_t v = g->org[h];
      double p[2] = {g->nx[v], g->ny[v]};
      if (st == GV_OK) st = gv_buf_append(&out->xy, p, sizeof p);
      while (st == GV_OK) {
        used[h >> 1] = 1;
        int32_t w = g->org[h ^ 1];
        double q[2] = {g->nx[w], g->ny[w]};
        if ((st = gv_buf_append(&out->xy, q, sizeof q)) != GV_OK) break;
        count++;
        if (deg[w] != 2 || stop[w]) break;
        int32_t nxt = -1;
        for (int32_t s = g->off[w]; s < g->off[w + 1]; s++) {
          int32_t c = g->star[s];
          if (line[c >> 1] && !used[c >> 1]) nxt = c;
        }
        if (nxt < 0) break;
        h = nxt;
      }
      if (st == GV_OK) {
        memcpy(out->cnt.data + cpos, &count, sizeof count);
        /* written in the direction of the input line of its first edge (as
         * OverlayNG's LineBuilder does) */
        uint32_t ln = g->e[e0].line;
        int k = (ln & 1) ? 0 : (ln & 2) ? 1 : -1;
        int trav_fwd = (h0 & 1) == 0;
        if (k >= 0 && trav_fwd == (((ln >> (GV_LINE_REV + k)) & 1) != 0)) {
          double *c = (double *)(out->xy.data + out->xy.len) - 2 * count;
          for (int32_t i = 0, j = count - 1; i < j; i++, j--) {
            double tx = c[2 * i], ty = c[2 * i + 1];
            c[2 * i] = c[2 * j], c[2 * i + 1] = c[2 * j + 1];
            c[2 * j] = tx, c[2 * j + 1] = ty;
          }
        }
      }
      out->nline++;
    }
  }
  gv_free(deg);
  gv_free(used);
  return st;
}

/* Location of (x, y) in the graph: cov[k] when it is in the closure of
 * input k's area or on its lines; *inres when in the closure of the result
 * area or on a result line. */
/* A y-bin index over segments: segment i is listed in every bin its y
 * range meets, so the segments whose y range holds y are all in bin(y)
 * (bin() is monotone). nb == 0: no index, scan everything. */
typedef struct ybins {
  double lo, hi, scale;
  int32_t nb;
  int32_t *off, *idx;
} ybins;

static int32_t ybin(const ybins *b, double y) {
  double t = (y - b->lo) * b->scale;
  int32_t k = t >= 0 ? (t < (double)b->nb ? (int32_t)t : b->nb - 1) : 0;
  return k;
}

static void ybins_free(ybins *b) {
  gv_free(b->off);
  gv_free(b->idx);
  memset(b, 0, sizeof *b);
}

/* Builds the index when it pays (many queries); nb stays 0 otherwise or
 * when segments span too many bins. */
static gv_status ybins_build(ybins *b, const gv_nseg *s, int64_t n, int64_t queries) {
  memset(b, 0, sizeof *b);
  if (n < 64 || queries < 8 || n > INT32_MAX / 64) return GV_OK;
  double lo = INFINITY, hi = -INFINITY;
  for (int64_t i = 0; i < n; i++) {
    lo = fmin(lo, fmin(s[i].y0, s[i].y1));
    hi = fmax(hi, fmax(s[i].y0, s[i].y1));
  }
  if (!(hi > lo)) return GV_OK;
  b->lo = lo;
  b->hi = hi;
  b->nb = (int32_t)(n / 4 < 4096 ? n / 4 : 4096);
  b->scale = b->nb / (hi - lo);
  if (!isfinite(b->scale)) {
    b->nb = 0;
    return GV_OK;
  }
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++)
    total += ybin(b, fmax(s[i].y0, s[i].y1)) - ybin(b, fmin(s[i].y0, s[i].y1)) + 1;
  if (total > 16 * n) { /* long segments everywhere: scanning is as good */
    b->nb = 0;
    return GV_OK;
  }
  b->off = gv_calloc((size_t)b->nb + 2, sizeof(int32_t));
  b->idx = gv_malloc((size_t)total * sizeof(int32_t) + 1);
  if (!b->off || !b->idx) {
    ybins_free(b);
    return GV_ERR_NOMEM;
  }
  for (int64_t i = 0; i < n; i++)
    for (int32_t k = ybin(b, fmin(s[i].y0, s[i].y1)); k <= ybin(b, fmax(s[i].y0, s[i].y1)); k++) b->off[k + 2]++;
  for (int32_t k = 0; k < b->nb; k++) b->off[k + 2] += b->off[k + 1];
  for (int64_t i = 0; i < n; i++)
    for (int32_t k = ybin(b, fmin(s[i].y0, s[i].y1)); k <= ybin(b, fmax(s[i].y0, s[i].y1)); k++)
      b->idx[b->off[k + 1]++] = (int32_t)i;
  return GV_OK;
}

/* The candidates for y: list[0 .. *m) (list NULL: every segment 0 .. n). */
static const int32_t *ybins_get(const ybins *b, double y, int64_t n, int64_t *m) {
  if (!b->nb) {
    *m = n;
    return NULL;
  }
  if (!(y >= b->lo && y <= b->hi)) {
    *m = 0;
    return b->idx;
  }
  int32_t k = ybin(b, y);
  *m = b->off[k + 1] - b->off[k];
  return b->idx + b->off[k];
}

static void locate_pt(const graph *g, const ybins *yb, const uint8_t *res, const uint8_t *line, int op, double x,
                      double y, int cov[GV_NODE_LABELS], int *inres) {
  for (int in = 0; in < GV_NODE_LABELS; in++) cov[in] = 0;
  *inres = 0;
  int32_t v;
  if (node_at(g, x, y, &v)) {
    for (int32_t s = g->off[v]; s < g->off[v + 1]; s++) {
      int32_t h = g->star[s], e = h >> 1;
      for (int in = 0; in < GV_NODE_LABELS; in++) cov[in] |= edge_cov(g, e, in);
      *inres |= res[h] || res[h ^ 1] || line[e] || in_res_left(g, op, h) || in_res_left(g, op, h ^ 1);
    }
    return;
  }
  int64_t m;
  const int32_t *list = ybins_get(yb, y, g->ne, &m);
  int32_t d[GV_NODE_LABELS] = {0, 0};
  for (int64_t t = 0; t < m; t++) {
    int32_t e = list ? list[t] : (int32_t)t;
    const gv_nseg *s = &g->e[e];
    if (x >= fmin(s->x0, s->x1) && x <= fmax(s->x0, s->x1) && y >= fmin(s->y0, s->y1) && y <= fmax(s->y0, s->y1) &&
        gv_orient(s->x0, s->y0, s->x1, s->y1, x, y) == 0) { /* inside an edge */
      for (int in = 0; in < GV_NODE_LABELS; in++) cov[in] = edge_cov(g, e, in);
      *inres = res[2 * e] || res[2 * e + 1] || line[e] || in_res_left(g, op, 2 * e) || in_res_left(g, op, 2 * e + 1);
      return;
    }
    /* in a face: the depth by the ray to the left (as depth_at) */
    if ((s->y0 > y) == (s->y1 > y)) continue;
    if (fmin(s->x0, s->x1) >= x) continue;
    int o = gv_orient(s->x0, s->y0, s->x1, s->y1, x, y);
    int w = 0;
    if (s->y0 > y && o > 0) w = 1;
    else if (s->y1 > y && o < 0) w = -1;
    for (int in = 0; in < GV_NODE_LABELS; in++) d[in] += w * s->lab[in];
  }
  for (int in = 0; in < GV_NODE_LABELS; in++) cov[in] = d[in] > 0;
  *inres = op_in(op, d[0], d[GV_NODE_LABELS - 1]);
}

/* Which inputs cover (x, y), located exactly on the input segments (before
 * noding moved any crossing point by an ulp): on a segment of an input's
 * lines or area boundary, or inside its area (ray count). */
static void locate_input(const gv_nseg *in, int64_t n, const ybins *yb, double x, double y, int cov[GV_NODE_LABELS]) {
  int32_t d[GV_NODE_LABELS] = {0, 0};
  int64_t m;
  const int32_t *list = ybins_get(yb, y, n, &m);
  for (int64_t t = 0; t < m; t++) {
    const gv_nseg *e = &in[list ? list[t] : t];
    if (x >= fmin(e->x0, e->x1) && x <= fmax(e->x0, e->x1) && y >= fmin(e->y0, e->y1) && y <= fmax(e->y0, e->y1) &&
        gv_orient(e->x0, e->y0, e->x1, e->y1, x, y) == 0) {
      for (int k = 0; k < GV_NODE_LABELS; k++) cov[k] |= e->lab[k] != 0 || ((e->line >> k) & 1);
      continue;
    }
    if ((e->y0 > y) == (e->y1 > y)) continue;
    if (fmin(e->x0, e->x1) >= x) continue;
    int o = gv_orient(e->x0, e->y0, e->x1, e->y1, x, y);
    int w = 0;
    if (e->y0 > y && o > 0) w = 1;
    else if (e->y1 > y && o < 0) w = -1;
    for (int k = 0; k < GV_NODE_LABELS; k++) d[k] += w * e->lab[k];
  }
  for (int k = 0; k < GV_NODE_LABELS; k++) cov[k] |= d[k] > 0;
}

static int pt_cmp(const void *pa, const void *pb) {
  const gv_ov_pt *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  if (a->slot != b->slot) return a->slot < b->slot ? -1 : 1;
  return 0;
}

/* Result points: input points by the operation's rule, and for
 * intersection the isolated nodes shared by both inputs. */
static gv_status build_points(const graph *g, const uint8_t *res, const uint8_t *line, int op, const gv_ov_pt *p,
                              int64_t np, const gv_nseg *in, int64_t nin, double grid, gv_ov_out *out) {
  gv_buf found = {0};
  ybins yg, yi;
  gv_status st = ybins_build(&yg, g->e, g->ne, np);
  if (st == GV_OK) st = ybins_build(&yi, in, nin, np);
  else memset(&yi, 0, sizeof yi);
  for (int64_t i = 0; i < np && st == GV_OK;) {
    int has[GV_NODE_LABELS] = {0, 0}, cov[GV_NODE_LABELS], inres, real = 0;
    int64_t j = i;
    for (; j < np && p[j].x == p[i].x && p[j].y == p[i].y; j++) {
      if (p[j].kind == 0) has[p[j].slot] = 1, real = 1;
    }
    locate_pt(g, &yg, res, line, op, p[i].x, p[i].y, cov, &inres);
    if (grid > 0 && (op == GV_OV_INTERSECTION || op == GV_OV_DIFFERENCE)) {
      /* on a grid, OverlayMixedPoints locates the rounded points in the
       * input as given when the result has only points */
      for (int k = 0; k < GV_NODE_LABELS; k++) cov[k] = 0;
      locate_input(in, nin, &yi, p[i].x, p[i].y, cov);
    } else if (grid == 0) {
      locate_input(in, nin, &yi, p[i].x, p[i].y, cov); /* exact, before noding rounded any crossing */
    }
    /* a point covers itself; a zero-length line covers its point, except in
     * symDifference (OverlayMixedPoints takes the union's point locator there,
     * and the union of a zero-length line is empty) */
    for (int64_t k = i; k < j; k++)
      if (p[k].kind == 0 || op != GV_OV_SYMDIFFERENCE) cov[p[k].slot] = 1;
    int keep = 0;
    switch (op) {
    case GV_OV_INTERSECTION: keep = cov[0] && cov[1]; break;
    case GV_OV_UNION:
    case GV_OV_UNARY: keep = 1; break;
    case GV_OV_DIFFERENCE: keep = has[0] && !cov[1]; break;
    case GV_OV_SYMDIFFERENCE: keep = (has[0] && !cov[1]) || (has[1] && !cov[0]); break;
    default: break;
    }
    if (keep && real && !inres) st = gv_buf_append(&found, &p[i], sizeof p[i]);
    i = j;
  }
  if (op == GV_OV_INTERSECTION) {
    for (int32_t v = 0; v < g->nn && st == GV_OK; v++) {
      int a = 0, b = 0, touched = 0;
      for (int32_t s = g->off[v]; s < g->off[v + 1]; s++) {
        int32_t h = g->star[s], e = h >> 1;
        a |= g->e[e].lab[0] != 0 || (g->e[e].line & 1);
        b |= g->e[e].lab[1] != 0 || (g->e[e].line & 2);
        touched |= res[h] || res[h ^ 1] || line[e] || in_res_left(g, op, h);
      }
      if (a && b && !touched) {
        gv_ov_pt q = {g->nx[v], g->ny[v], 0, 0};
        st = gv_buf_append(&found, &q, sizeof q);
      }
    }
  }
  gv_ov_pt *f = (gv_ov_pt *)found.data;
  int64_t nf = (int64_t)(found.len / sizeof *f);
  for (int64_t k = 0; k < nf; k++) f[k].slot = 0;
  if (nf > 1) qsort(f, (size_t)nf, sizeof *f, pt_cmp);
  for (int64_t k = 0; k < nf && st == GV_OK; k++) {
    if (k && f[k].x == f[k - 1].x && f[k].y == f[k - 1].y) continue;
    double xy[2] = {f[k].x, f[k].y};
    st = gv_buf_append(&out->xy, xy, sizeof xy);
    out->npt++;
  }
  gv_buf_free(&found);
  ybins_free(&yg);
  ybins_free(&yi);
  return st;
}

/* Whether edge s belongs to input k (area boundary, collapse or line). */
static int edge_of(const gv_nseg *s, int k) { return s->lab[k] != 0 || ((s->line >> k) & 1) || collapse_of(s, k); }

/* Where both inputs' edges run together through a node of two edges, the
 * noding made it a node of OverlayNG's (a crossing, or one input's vertex
 * that the other input's segment passes through) unless both inputs have a
 * vertex there (then neither crosses the other): result lines end at such
 * nodes. Input vertices are taken on the noding grid (grid 0: as given). */
static gv_status stop_shared(const graph *g, const uint8_t *line, const gv_nseg *in, int64_t nin, double grid,
                             uint8_t *stop) {
  int any = 0;
  for (int32_t v = 0; v < g->nn && !any; v++) {
    if (stop[v] || g->off[v + 1] - g->off[v] != 2) continue;
    int32_t e1 = g->star[g->off[v]] >> 1, e2 = g->star[g->off[v] + 1] >> 1;
    any = line[e1] && line[e2] && edge_of(&g->e[e1], 0) && edge_of(&g->e[e1], 1) && edge_of(&g->e[e2], 0) &&
          edge_of(&g->e[e2], 1);
  }
  if (!any) return GV_OK;
  gv_ov_pt *vx = gv_malloc((size_t)(4 * nin + 1) * sizeof *vx);
  if (!vx) return GV_ERR_NOMEM;
  int64_t m = 0;
  double inv = grid > 0 ? 1.0 / grid : 0;
  for (int64_t i = 0; i < nin; i++) {
    for (int k = 0; k < GV_NODE_LABELS; k++) {
      if (!edge_of(&in[i], k)) continue;
      double x0 = in[i].x0, y0 = in[i].y0, x1 = in[i].x1, y1 = in[i].y1;
      if (grid > 0) {
        x0 = gv_grid_round(x0 * inv) * grid, y0 = gv_grid_round(y0 * inv) * grid;
        x1 = gv_grid_round(x1 * inv) * grid, y1 = gv_grid_round(y1 * inv) * grid;
      }
      vx[m++] = (gv_ov_pt){x0, y0, k, 0};
      vx[m++] = (gv_ov_pt){x1, y1, k, 0};
    }
  }
  if (m > 1) qsort(vx, (size_t)m, sizeof *vx, pt_cmp);
  for (int32_t v = 0; v < g->nn; v++) {
    if (stop[v] || g->off[v + 1] - g->off[v] != 2) continue;
    int32_t e1 = g->star[g->off[v]] >> 1, e2 = g->star[g->off[v] + 1] >> 1;
    if (!(line[e1] && line[e2] && edge_of(&g->e[e1], 0) && edge_of(&g->e[e1], 1) && edge_of(&g->e[e2], 0) &&
          edge_of(&g->e[e2], 1)))
      continue;
    double x = g->nx[v], y = g->ny[v];
    int64_t lo = 0, hi = m;
    while (lo < hi) { /* first vertex >= (x, y) */
      int64_t mid = lo + (hi - lo) / 2;
      if (vx[mid].x < x || (vx[mid].x == x && vx[mid].y < y)) lo = mid + 1;
      else hi = mid;
    }
    int has[GV_NODE_LABELS] = {0, 0};
    for (int64_t k = lo; k < m && vx[k].x == x && vx[k].y == y; k++) has[vx[k].slot] = 1;
    if (!(has[0] && has[1])) stop[v] = 1;
  }
  gv_free(vx);
  return GV_OK;
}

static gv_status ov_run(const gv_nseg *segs, int64_t n, const gv_ov_pt *pts, int64_t npts, int op, double grid,
                        gv_ov_out *out);

/* Huge or tiny coordinates (beyond 2^±100: squares and cross products
 * overflow to infinity or underflow to zero) are brought near 1 by a power
 * of two, which is exact (short of subnormals, far below the magnitude's
 * precision anyway), and the result is scaled back: the overlay then decides
 * exactly what it decides at ordinary magnitudes. Ordinary input is not
 * copied. */
gv_status gv_ov_run(const gv_nseg *segs, int64_t n, const gv_ov_pt *pts, int64_t npts, int op, double grid,
                    gv_ov_out *out) {
  memset(out, 0, sizeof *out);
  if (op < 0 || op >= GV_OV_OPS || n < 0 || npts < 0 || (npts > 0 && !pts) || (n > 0 && !segs)) return GV_ERR_ARG;
  double mag = 0;
  for (int64_t k = 0; k < n; k++)
    mag = fmax(mag, fmax(fmax(fabs(segs[k].x0), fabs(segs[k].y0)), fmax(fabs(segs[k].x1), fabs(segs[k].y1))));
  for (int64_t k = 0; k < npts; k++) mag = fmax(mag, fmax(fabs(pts[k].x), fabs(pts[k].y)));
  if (!isfinite(mag)) return GV_ERR_ARG;
  if (!(mag > 0x1p100 || (mag > 0 && mag < 0x1p-100))) return ov_run(segs, n, pts, npts, op, grid, out);
  int e = -ilogb(mag);
  gv_nseg *s = gv_malloc((size_t)(n > 0 ? n : 1) * sizeof *s);
  gv_ov_pt *p = gv_malloc((size_t)(npts > 0 ? npts : 1) * sizeof *p);
  gv_status st = GV_ERR_NOMEM;
  if (s && p) {
    for (int64_t k = 0; k < n; k++) {
      s[k] = segs[k];
      s[k].x0 = ldexp(s[k].x0, e), s[k].y0 = ldexp(s[k].y0, e), s[k].x1 = ldexp(s[k].x1, e), s[k].y1 = ldexp(s[k].y1, e);
    }
    for (int64_t k = 0; k < npts; k++) p[k] = pts[k], p[k].x = ldexp(p[k].x, e), p[k].y = ldexp(p[k].y, e);
    st = ov_run(s, n, p, npts, op, grid > 0 ? ldexp(grid, e) : grid, out);
  }
  gv_free(s);
  gv_free(p);
  if (st == GV_OK) {
    double *xy = (double *)out->xy.data;
    for (size_t k = 0; k < out->xy.len / sizeof(double); k++) xy[k] = ldexp(xy[k], -e);
  }
  return st;
}

static gv_status ov_run(const gv_nseg *segs, int64_t n, const gv_ov_pt *pts, int64_t npts, int op, double grid,
                        gv_ov_out *out) {
  memset(out, 0, sizeof *out);
  if (op < 0 || op >= GV_OV_OPS || npts < 0 || (npts > 0 && !pts) || n < 0 || (n > 0 && !segs)) return GV_ERR_ARG;
  /* Collapses (OverlayNG's, on a grid): area edges of one input whose
   * depth changes cancel are kept through noding by their ring roles and
   * can become result lines of the binary operations. Elsewhere the roles
   * are cleared so that cancelled edges are dropped: at full precision, and
   * for the unary union (GEOS unions polygons into polygons only) and
   * clipByRect (areas only). */
  int collapses = grid > 0 && op >= GV_OV_INTERSECTION && op <= GV_OV_SYMDIFFERENCE;
  int area_in = -1;
  gv_nseg *plain = NULL;
  for (int64_t k = 0; k < n; k++) {
    if (!(segs[k].line & GV_OV_ROLES)) continue;
    if (collapses) {
      for (int in = GV_NODE_LABELS - 1; in >= 0; in--)
        if ((segs[k].line & (GV_OV_SHELL(in) | GV_OV_HOLE(in))) && (area_in < 0 || in < area_in)) area_in = in;
      if (area_in == 0) break;
      continue;
    }
    plain = gv_malloc((size_t)n * sizeof *plain);
    if (!plain) return GV_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++) {
      plain[i] = segs[i];
      plain[i].line &= ~GV_OV_ROLES;
    }
    segs = plain;
    break;
  }
  gv_noding nd;
  gv_status st = gv_node(segs, n, grid, 0, &nd);
  if (st != GV_OK) {
    gv_free(plain);
    return st;
  }
  if (nd.n > INT32_MAX / 4) {
    gv_noding_free(&nd);
    gv_free(plain);
    return GV_ERR_LIMIT;
  }
  /* points (and line endpoints) on the grid the noding used, sorted */
  gv_ov_pt *p = NULL;
  if (npts > 0) {
    p = gv_malloc((size_t)npts * sizeof *p);
    if (!p) st = GV_ERR_NOMEM;
    else {
      double inv = nd.grid > 0 ? 1.0 / nd.grid : 0;
      for (int64_t k = 0; k < npts; k++) {
        p[k] = pts[k];
        if (p[k].slot < 0 || p[k].slot >= GV_NODE_LABELS) p[k].slot = 0;
        if (nd.grid > 0) p[k].x = gv_grid_round(p[k].x * inv) * nd.grid, p[k].y = gv_grid_round(p[k].y * inv) * nd.grid;
      }
      if (npts > 1) qsort(p, (size_t)npts, sizeof *p, pt_cmp);
    }
  }
  graph g;
  memset(&g, 0, sizeof g);
  if (st == GV_OK) st = graph_build(&g, nd.seg, (int32_t)nd.n);
  if (st == GV_OK) st = label(&g);
  uint8_t *res = NULL, *line = NULL, *stop = NULL;
  if (st == GV_OK) {
    res = gv_calloc((size_t)(2 * g.ne) + 1, 1);
    line = gv_calloc((size_t)g.ne + 1, 1);
    stop = gv_calloc((size_t)g.nn + 1, 1);
    if (!res || !line || !stop) st = GV_ERR_NOMEM;
  }
  if (st == GV_OK) {
    for (int32_t e = 0; e < g.ne; e++) {
      int l = op_in(op, g.ld[4 * e], g.ld[4 * e + 1]);
      int r = op_in(op, g.ld[4 * e + 2], g.ld[4 * e + 3]);
      if (l != r) res[l ? 2 * e : 2 * e + 1] = 1;
    }
    builder_ctx bc = {{0}, {0}, {0}};
    st = build_rings(&g, res, &bc);
    if (st == GV_OK) st = assemble(&bc, out);
    gv_buf_free(&bc.rxy);
    gv_buf_free(&bc.rings);
    gv_buf_free(&bc.roff);
  }
  if (st == GV_OK && op != GV_OV_CLIP) {
    for (int32_t e = 0; e < g.ne; e++) line[e] = (uint8_t)line_result(&g, op, e, area_in, out->npoly > 0);
    /* lines end where OverlayNG's edges end: at noding nodes (not two edges) and input line ends;
     * every vertex of a collapse is a node (the two sides of the collapsed ring snap through each
     * other's vertices) */
    for (int32_t v = 0; v < g.nn; v++) stop[v] = g.off[v + 1] - g.off[v] != 2;
    for (int32_t e = 0; collapses && e < g.ne; e++)
      if (is_collapse(&g.e[e])) stop[g.org[2 * e]] = stop[g.org[2 * e + 1]] = 1;
    if (op != GV_OV_UNARY && op != GV_OV_ODD && op != GV_OV_NONZERO) st = stop_shared(&g, line, segs, n, nd.grid, stop);
    int64_t m = 0; /* input points first, line endpoints out */
    for (int64_t k = 0; k < npts; k++) {
      int32_t v;
      if (p[k].kind == 1) {
        if (node_at(&g, p[k].x, p[k].y, &v)) stop[v] = 1;
      } else {
        p[m++] = p[k];
      }
    }
    if (st == GV_OK) st = build_lines(&g, line, stop, out);
    if (st == GV_OK) st = build_points(&g, res, line, op, p, m, segs, n, grid, out);
  }
  gv_free(p);
  gv_free(res);
  gv_free(line);
  gv_free(stop);
  graph_free(&g);
  gv_noding_free(&nd);
  gv_free(plain);
  if (st != GV_OK) gv_ov_out_free(out);
  return st;
}

gv_status gv_ov_areas(const gv_nseg *segs, int64_t n, int op, double grid, gv_ov_out *out) {
  return gv_ov_run(segs, n, NULL, 0, op, grid, out);
}

/* ---- faces of a planar edge set (see overlay.h) -------------------------------------------------- */

/* The next half-edge of the face walk (the face on the left): at the
 * destination, the alive half-edge clockwise-adjacent to the twin. */
static int32_t face_next(const graph *g, const uint8_t *alive, int32_t h) {
  int32_t tw = h ^ 1, w = g->org[tw];
  int32_t b = g->off[w], k = g->off[w + 1] - b, s = g->pos[tw];
  for (int32_t step = 1; step <= k; step++) {
    int32_t c = g->star[b + (((s - b) - step) % k + k) % k];
    if (alive[c >> 1]) return c;
  }
  return tw;
}

/* Numbers the face walks of the alive edges: walk[h] for every alive half-edge. */
static int32_t face_walks(const graph *g, const uint8_t *alive, int32_t *walk) {
  int32_t nh = 2 * g->ne, nw = 0;
  for (int32_t h = 0; h < nh; h++) walk[h] = -1;
  for (int32_t h0 = 0; h0 < nh; h0++) {
    if (!alive[h0 >> 1] || walk[h0] >= 0) continue;
    int32_t h = h0;
    for (int32_t guard = 0; guard < nh && walk[h] < 0; guard++) {
      walk[h] = nw;
      h = face_next(g, alive, h);
    }
    nw++;
  }
  return nw;
}

/* Exact location of (x, y) against the simple ring of half-edges hs[0..n):
 * 1 inside, 0 on it, -1 outside. */
static int ring_locate(const graph *g, const int32_t *hs, int32_t n, double x, double y) {
  int cross = 0;
  for (int32_t k = 0; k < n; k++) {
    int32_t a = g->org[hs[k]], b = g->org[hs[k] ^ 1];
    double ax = g->nx[a], ay = g->ny[a], bx = g->nx[b], by = g->ny[b];
    int o = gv_orient(ax, ay, bx, by, x, y);
    if (o == 0 && x >= fmin(ax, bx) && x <= fmax(ax, bx) && y >= fmin(ay, by) && y <= fmax(ay, by)) return 0;
    if ((ay > y) == (by > y)) continue;
    if (by > ay ? o > 0 : o < 0) cross ^= 1;
  }
  return cross ? 1 : -1;
}

typedef struct face_ring {
  gv_box box;
  double area;
  int32_t walk;
} face_ring;

void gv_ov_faces_free(gv_ov_faces *f) {
  gv_free(f->off);
  gv_free(f->he);
  gv_free(f->ring);
  gv_free(f->shell);
  gv_free(f->hole);
  memset(f, 0, sizeof *f);
}


typedef struct area_idx {
  double area;
  int32_t r;
} area_idx;

static int area_idx_cmp(const void *pa, const void *pb) {
  const area_idx *a = pa, *b = pb;
  if (a->area != b->area) return a->area < b->area ? -1 : 1;
  return a->r < b->r ? -1 : a->r > b->r;
}

/* Appends the simple ring hs[0..n) (half-edges of the graph; mapped to the
 * caller's numbering at the end). */
static void faces_emit(gv_ov_faces *f, const graph *g, const int32_t *hs, int32_t n, int32_t walk, face_ring *fr) {
  if (n < 3) return;
  int32_t r = f->nring++, at = f->off[r], m = 0;
  for (int32_t k = 0; k < n; k++) {
    f->he[at + k] = hs[k];
    if (g->org[hs[k]] < g->org[hs[m]]) m = k;
  }
  f->off[r + 1] = at + n;
  gv_box box = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  double area = 0, x0 = g->nx[g->org[hs[0]]], y0 = g->ny[g->org[hs[0]]];
  for (int32_t k = 0; k < n; k++) {
    int32_t a = g->org[hs[k]], b = g->org[hs[k] ^ 1];
    box.minx = fmin(box.minx, g->nx[a]);
    box.maxx = fmax(box.maxx, g->nx[a]);
    box.miny = fmin(box.miny, g->ny[a]);
    box.maxy = fmax(box.maxy, g->ny[a]);
    area += (g->nx[a] - x0) * (g->ny[b] - y0) - (g->nx[b] - x0) * (g->ny[a] - y0);
  }
  int32_t p = g->org[hs[(m + n - 1) % n]], v = g->org[hs[m]], q = g->org[hs[(m + 1) % n]];
  int turn = gv_orient(g->nx[p], g->ny[p], g->nx[v], g->ny[v], g->nx[q], g->ny[q]);
  if (!turn) turn = area > 0 ? 1 : -1;
  f->hole[r] = turn < 0;
  fr[r] = (face_ring){box, fabs(area) / 2, walk};
}

/* Whether hole ring r lies inside shell ring s (GEOS's EdgeRing test: the
 * first vertex of r off s, located in s). */
static int faces_inside(const gv_ov_faces *f, const graph *g, int32_t r, int32_t s) {
  const int32_t *sh = f->he + f->off[s];
  int32_t sn = f->off[s + 1] - f->off[s];
  for (int32_t k = f->off[r]; k < f->off[r + 1]; k++) {
    int32_t v = g->org[f->he[k]];
    int loc = ring_locate(g, sh, sn, g->nx[v], g->ny[v]);
    if (loc) return loc > 0;
  }
  return 0;
}

gv_status gv_ov_faces_build(const gv_nseg *e, int64_t n, const uint8_t *active, gv_ov_faces *f) {
  memset(f, 0, sizeof *f);
  if (n < 0 || n > INT32_MAX / 4) return GV_ERR_LIMIT;
  int32_t ne = (int32_t)n, nsub = 0;
  size_t cap = (size_t)(2 * ne) + 2;
  f->ring = gv_malloc(cap * sizeof(int32_t));
  f->off = gv_calloc(cap, sizeof(int32_t));
  f->he = gv_malloc(cap * sizeof(int32_t));
  f->shell = gv_malloc(cap * sizeof(int32_t));
  f->hole = gv_calloc(cap, 1);
  gv_nseg *sub = gv_malloc((size_t)(ne + 1) * sizeof *sub);
  int32_t *map = gv_malloc((size_t)(ne + 1) * sizeof(int32_t));
  graph g;
  memset(&g, 0, sizeof g);
  uint8_t *alive = NULL, *done = NULL;
  int32_t *deg = NULL, *stack = NULL, *walk = NULL, *at = NULL, *ns = NULL, *hs = NULL, *wshell = NULL;
  face_ring *fr = NULL;
  area_idx *order = NULL;
  gv_status st = GV_OK;
  if (!f->ring || !f->off || !f->he || !f->shell || !f->hole || !sub || !map) st = GV_ERR_NOMEM;
  if (st == GV_OK) {
    for (int32_t h = 0; h < 2 * ne; h++) f->ring[h] = -1;
    for (int32_t k = 0; k < ne; k++)
      if (!active || active[k]) sub[nsub] = e[k], map[nsub++] = k;
    st = graph_build(&g, sub, nsub);
  }
  int32_t nh = 2 * nsub, nn = g.nn, nw = 0;
  if (st == GV_OK) {
    alive = gv_malloc((size_t)nsub + 1);
    done = gv_calloc((size_t)nh + 1, 1);
    deg = gv_malloc((size_t)(nn + 1) * sizeof(int32_t));
    stack = gv_malloc((size_t)(nn + 1) * sizeof(int32_t));
    walk = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
    at = gv_malloc((size_t)(nn + 1) * sizeof(int32_t));
    ns = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
    hs = gv_malloc((size_t)(nh + 1) * sizeof(int32_t));
    fr = gv_malloc((size_t)(nh + 1) * sizeof *fr);
    if (!alive || !done || !deg || !stack || !walk || !at || !ns || !hs || !fr) st = GV_ERR_NOMEM;
  }
  if (st == GV_OK) {
    /* dangles, repeatedly (a node is on the stack only while its degree is 1) */
    memset(alive, 1, (size_t)nsub);
    int32_t top = 0;
    for (int32_t v = 0; v < nn; v++) {
      deg[v] = g.off[v + 1] - g.off[v];
      if (deg[v] == 1) stack[top++] = v;
    }
    while (top > 0) {
      int32_t v = stack[--top];
      for (int32_t s = g.off[v]; s < g.off[v + 1]; s++) {
        int32_t c = g.star[s];
        if (!alive[c >> 1]) continue;
        alive[c >> 1] = 0;
        deg[v]--;
        int32_t w = g.org[c ^ 1];
        if (--deg[w] == 1) stack[top++] = w;
        break;
      }
    }
    /* cut edges: the same walk on both sides */
    nw = face_walks(&g, alive, walk);
    int any = 0;
    for (int32_t k = 0; k < nsub; k++)
      if (alive[k] && walk[2 * k] == walk[2 * k + 1]) alive[k] = 0, any = 1;
    if (any) nw = face_walks(&g, alive, walk);
    /* the walks split into simple rings at repeated nodes */
    for (int32_t v = 0; v < nn; v++) at[v] = -1;
    for (int32_t h0 = 0; h0 < nh; h0++) {
      if (!alive[h0 >> 1] || done[h0]) continue;
      int32_t t = 0, h = h0, wk = walk[h0];
      for (int32_t guard = 0; guard < nh; guard++) {
        done[h] = 1;
        int32_t v = g.org[h];
        if (at[v] >= 0) {
          int32_t j = at[v];
          faces_emit(f, &g, hs + j, t - j, wk, fr);
          for (int32_t k = j + 1; k < t; k++) at[ns[k]] = -1;
          t = j;
        } else {
          at[v] = t;
          ns[t] = v;
        }
        hs[t++] = h;
        h = face_next(&g, alive, h);
        if (h == h0) break;
      }
      faces_emit(f, &g, hs, t, wk, fr);
      for (int32_t k = 0; k < t; k++) at[ns[k]] = -1;
    }
    /* holes to shells: the shell of the same walk, else the smallest shell around */
    wshell = gv_malloc((size_t)(nw + 1) * sizeof(int32_t));
    order = gv_malloc((size_t)(f->nring + 1) * sizeof *order);
    if (!wshell || !order) st = GV_ERR_NOMEM;
  }
  if (st == GV_OK) {
    for (int32_t w = 0; w < nw; w++) wshell[w] = -1;
    int32_t nshell = 0;
    for (int32_t r = 0; r < f->nring; r++) {
      if (f->hole[r]) continue;
      int32_t *ws = &wshell[fr[r].walk];
      *ws = *ws == -1 ? r : -2;
      order[nshell++] = (area_idx){fr[r].area, r};
    }
    qsort(order, (size_t)nshell, sizeof *order, area_idx_cmp);
    for (int32_t r = 0; r < f->nring; r++) {
      f->shell[r] = f->hole[r] ? -1 : r;
      if (!f->hole[r]) continue;
      if (wshell[fr[r].walk] >= 0) {
        f->shell[r] = wshell[fr[r].walk];
        continue;
      }
      gv_box hb = fr[r].box;
      for (int32_t i = 0; i < nshell; i++) {
        int32_t s = order[i].r;
        gv_box sb = fr[s].box;
        if (!box_in(hb, sb) || (hb.minx == sb.minx && hb.maxx == sb.maxx && hb.miny == sb.miny && hb.maxy == sb.maxy))
          continue;
        if (faces_inside(f, &g, r, s)) {
          f->shell[r] = s;
          break;
        }
      }
    }
    /* to the caller's numbering */
    for (int32_t k = 0; k < f->off[f->nring]; k++) {
      int32_t h = f->he[k];
      f->he[k] = 2 * map[h >> 1] + (h & 1);
    }
    for (int32_t r = 0; r < f->nring; r++)
      for (int32_t k = f->off[r]; k < f->off[r + 1]; k++) f->ring[f->he[k]] = r;
  }
  gv_free(sub);
  gv_free(map);
  gv_free(alive);
  gv_free(done);
  gv_free(deg);
  gv_free(stack);
  gv_free(walk);
  gv_free(at);
  gv_free(ns);
  gv_free(hs);
  gv_free(fr);
  gv_free(wshell);
  gv_free(order);
  graph_free(&g);
  if (st != GV_OK) gv_ov_faces_free(f);
  return st;
}
