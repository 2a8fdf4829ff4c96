/* clipByRect for lines and points (see clip_lines.h).
 *
 * Each vertex is classified against the closed rectangle: strictly inside,
 * strictly outside, or on the boundary, with the edges it lies on as bits
 * (a corner has two). Two boundary positions are "on the same edge" when
 * they share an edge bit; a segment between them runs along the boundary.
 *
 * A line is walked once, alternating two states:
 *  - outside: vertices beyond the same side as the current one are skipped
 *    (their segments cannot meet the rectangle); the segment into the next
 *    vertex is cut at the boundary (the outer end moved onto the boundary
 *    along the segment: first across the x side it is beyond, then across the
 *    y side). An outside-to-outside segment gives a two-point piece when both
 *    cut ends are distinct boundary points on different edges (it crosses the
 *    interior). An outside-to-inside segment starts a piece at its cut point;
 *    so does an outside-to-boundary segment whose cut point is not on the
 *    vertex's edge.
 *  - inside (a vertex in the closed rectangle): vertices are collected until
 *    the line goes outside (the piece ends at the cut point unless the exit
 *    runs along the edge of the last vertex) or two consecutive boundary
 *    vertices share an edge (the piece ends before the along-edge segment
 *    and a new one starts at its end). A piece is kept when it has two
 *    points or more.
 * A line that never leaves and never runs along an edge is kept whole. */
#include <math.h>

#include "overlay/clip_lines.h"
#include "noding/noder.h"

enum { C_IN = 1, C_OUT = 2, C_W = 4, C_E = 8, C_S = 16, C_N = 32, C_EDGES = C_W | C_E | C_S | C_N };

typedef struct rect {
  double x0, y0, x1, y1;
} rect;

static int where(const rect *r, double x, double y) {
  if (x > r->x0 && x < r->x1 && y > r->y0 && y < r->y1) return C_IN;
  if (x < r->x0 || x > r->x1 || y < r->y0 || y > r->y1) return C_OUT;
  int c = 0;
  if (x == r->x0) c |= C_W;
  else if (x == r->x1) c |= C_E;
  if (y == r->y0) c |= C_S;
  else if (y == r->y1) c |= C_N;
  return c;
}

static int same_edge(int a, int b) { return (a & b & C_EDGES) != 0; }

/* Moves (*u, *v) along the segment to (u2, v2) onto the line u = lim: the
 * other end itself when it lies on that line, else by interpolation (u set
 * to lim exactly). Nothing moves when the segment is parallel to the line. */
static void onto(double *u, double *v, double u2, double v2, double lim) {
  if (u2 == lim) {
    *u = u2;
    *v = v2;
  } else if (*u != u2) {
    *v += (v2 - *v) * ((lim - *u) / (u2 - *u));
    *u = lim;
  }
}

/* Moves (*x, *y) toward (qx, qy) onto the boundary: across the x side it is
 * beyond, then across the y side the moved point is beyond. */
static void cut(const rect *r, double *x, double *y, double qx, double qy) {
  if (*x < r->x0) onto(x, y, qx, qy, r->x0);
  else if (*x > r->x1) onto(x, y, qx, qy, r->x1);
  if (*y < r->y0) onto(y, x, qy, qx, r->y0);
  else if (*y > r->y1) onto(y, x, qy, qx, r->y1);
}

typedef struct clipper {
  rect r;
  double grid, inv;
  gv_ov_out *out;
  gv_buf line; /* the piece being written (x, y pairs) */
  gv_status st;
} clipper;

static void put(clipper *c, double x, double y) {
  if (c->st != GV_OK) return;
  if (c->grid > 0) {
    x = gv_grid_round(x * c->inv) * c->grid;
    y = gv_grid_round(y * c->inv) * c->grid;
    size_t n = c->line.len / (2 * sizeof(double));
    const double *p = (const double *)c->line.data;
    if (n && p[2 * n - 2] == x && p[2 * n - 1] == y) return;
  }
  double q[2] = {x, y};
  c->st = gv_buf_append(&c->line, q, sizeof q);
}

/* Ends the piece being written: appended to the output when it still has two points. */
static void flush(clipper *c) {
  if (c->st == GV_OK && c->line.len >= 4 * sizeof(double)) {
    int32_t n = (int32_t)(c->line.len / (2 * sizeof(double)));
    c->st = gv_buf_append(&c->out->cnt, &n, sizeof n);
    if (c->st == GV_OK) c->st = gv_buf_append(&c->out->xy, c->line.data, c->line.len);
    if (c->st == GV_OK) c->out->nline++;
  }
  c->line.len = 0;
}

/* A piece: [the entry point] vertices from..to of the line [the exit point]. */
static void piece(clipper *c, const gv_array *a, int32_t k0, const double *entry, int32_t from, int32_t to,
                  const double *exit) {
  if (entry) put(c, entry[0], entry[1]);
  for (int32_t k = from; k <= to; k++) put(c, GV_X(a, k0 + k), GV_Y(a, k0 + k));
  if (exit) put(c, exit[0], exit[1]);
  flush(c);
}

/* Whether vertex (x, y) is beyond the side `side` (one of C_W .. C_N). */
static int beyond(const rect *r, int side, double x, double y) {
  switch (side) {
  case C_W: return x < r->x0;
  case C_E: return x > r->x1;
  case C_S: return y < r->y0;
  default: return y > r->y1;
  }
}

static void clip_line(clipper *c, const gv_array *a, int32_t k0, int32_t n) {
  const rect *r = &c->r;
#define PX(k) GV_X(a, k0 + (k))
#define PY(k) GV_Y(a, k0 + (k))
  int32_t i = 0;
  while (i < n && c->st == GV_OK) {
    int pos = where(r, PX(i), PY(i));
    double in_at[2];
    const double *entry = NULL;
    if (pos == C_OUT) {
      double x = PX(i), y = PY(i);
      int side = x < r->x0 ? C_W : x > r->x1 ? C_E : y < r->y0 ? C_S : C_N;
      for (i++; i < n && beyond(r, side, PX(i), PY(i)); i++) {
      }
      if (i >= n) return;
      double ax = PX(i - 1), ay = PY(i - 1);
      cut(r, &ax, &ay, PX(i), PY(i));
      pos = where(r, PX(i), PY(i));
      if (pos == C_OUT) {
        double bx = PX(i), by = PY(i);
        cut(r, &bx, &by, ax, ay);
        int pa = where(r, ax, ay), pb = where(r, bx, by);
        if ((ax != bx || ay != by) && (pa & C_EDGES) && (pb & C_EDGES) && !same_edge(pa, pb)) {
          double e[2] = {ax, ay}, f[2] = {bx, by};
          piece(c, a, k0, e, 0, -1, f);
        }
        continue; /* still outside, at vertex i */
      }
      if (!same_edge(where(r, ax, ay), pos)) {
        in_at[0] = ax;
        in_at[1] = ay;
        entry = in_at;
      }
    }
    /* vertex i is in the closed rectangle */
    int32_t start = i;
    int prev = pos;
    for (i++; i < n; i++) {
      int p = where(r, PX(i), PY(i));
      if (p == C_OUT) {
        double xx = PX(i), xy = PY(i);
        cut(r, &xx, &xy, PX(i - 1), PY(i - 1));
        double ex[2] = {xx, xy};
        int through = (xx != PX(i) || xy != PY(i)) && !same_edge(prev, where(r, xx, xy));
        if (i - 1 > start || entry || through) piece(c, a, k0, entry, start, i - 1, through ? ex : NULL);
        break;
      }
      if (same_edge(prev, p)) { /* the segment runs along an edge */
        if (i - 1 > start || entry) piece(c, a, k0, entry, start, i - 1, NULL);
        entry = NULL;
        start = i;
      }
      prev = p;
    }
    if (i >= n) {
      if (start == 0) piece(c, a, k0, NULL, 0, n - 1, NULL); /* never left, never along an edge: whole */
      else if (n - 1 > start || entry) piece(c, a, k0, entry, start, n - 1, NULL);
      return;
    }
  }
#undef PX
#undef PY
}

int gv_clip_has_lines(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    if (kind == GV_POINT || kind == GV_LINESTRING) return 1;
  }
  return 0;
}

gv_status gv_clip_lines(const gv_array *a, int64_t i, const double r[4], double grid, gv_ov_out *out,
                        const char **why) {
  clipper c = {{r[0], r[1], r[2], r[3]}, grid, grid > 0 ? 1.0 / grid : 0, out, {0}, GV_OK};
  gv_buf pts = {0};
  int32_t npt = 0;
  uint8_t t = gv_type_byte(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i) && c.st == GV_OK; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    if (kind != GV_POINT && kind != GV_LINESTRING) continue;
    for (int32_t q = gv_part_begin(a, p); q < gv_part_end(a, p) && c.st == GV_OK; q++) {
      int32_t k0 = gv_ring_begin(a, q), k1 = gv_ring_end(a, q);
      for (int32_t k = k0; k < k1; k++) {
        double x = GV_X(a, k), y = GV_Y(a, k);
        if (kind == GV_POINT && isnan(x) && isnan(y)) continue; /* POINT EMPTY */
        if (!isfinite(x) || !isfinite(y)) {
          *why = "non-finite coordinate";
          c.st = GV_ERR_ARG;
          break;
        }
      }
      if (c.st != GV_OK) break;
      if (kind == GV_LINESTRING) {
        clip_line(&c, a, k0, k1 - k0);
        continue;
      }
      for (int32_t k = k0; k < k1 && c.st == GV_OK; k++) {
        double x = GV_X(a, k), y = GV_Y(a, k);
        if (isnan(x) || where(&c.r, x, y) != C_IN) continue;
        if (grid > 0) {
          x = gv_grid_round(x * c.inv) * grid;
          y = gv_grid_round(y * c.inv) * grid;
        }
        double xy[2] = {x, y};
        c.st = gv_buf_append(&pts, xy, sizeof xy);
        npt++;
      }
    }
  }
  if (c.st == GV_OK && npt) {
    c.st = gv_buf_append(&out->xy, pts.data, pts.len);
    if (c.st == GV_OK) out->npt += npt;
  }
  gv_buf_free(&pts);
  gv_buf_free(&c.line);
  return c.st;
}
