/* Buffer pieces (see buffer.h for the method). Every corner that two
 * pieces share (a rectangle's end and the join or cap beside it) is
 * computed by the same expression, off(), and every piece that meets a
 * vertex has the vertex itself as a corner (offset corner -> vertex ->
 * offset corner, never the chord between the offset corners, which passes
 * the vertex only up to rounding), so neighbouring pieces share edges
 * exactly and the noder sees no slivers between them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "algorithm/predicates.h"
#include "geodesic/geodesic.h"
#include "overlay/overlay.h"

#define PI 3.14159265358979323846

typedef struct xy {
  double x, y;
} xy;

typedef struct pen {
  double d;        /* the distance, > 0 */
  int quad_segs, cap, join;
  double mitre_limit;
  int slot;        /* label slot the pieces go to */
  gv_buf *segs;
  gv_buf piece;    /* the current piece's vertices (xy) */
  gv_buf pts;      /* the current line's or ring's vertices (xy) */
  int64_t skip_from, skip_n; /* edges of the current piece not to emit (see bands) */
  gv_status st;
  const char *why;
} pen;

/* ---- labelled segments --------------------------------------------------------------------- */

static void add_seg(pen *w, xy a, xy b, int slot, int32_t lab) {
  if (w->st != GV_OK || (a.x == b.x && a.y == b.y)) return;
  gv_nseg s = {a.x, a.y, b.x, b.y, {0, 0}, 0};
  s.lab[slot] = lab;
  if (gv_buf_append(w->segs, &s, sizeof s) != GV_OK) w->st = GV_ERR_NOMEM;
}

static void piece_begin(pen *w) {
  w->piece.len = 0;
  w->skip_n = 0;
}

static void piece_pt(pen *w, xy q) {
  if (w->st == GV_OK && gv_buf_append(&w->piece, &q, sizeof q) != GV_OK) w->st = GV_ERR_NOMEM;
}

/* Closes the current piece: its edges labelled +1 when it winds
 * counter-clockwise (interior on the left), -1 when clockwise; a piece
 * without area adds nothing. */
static void piece_end(pen *w) {
  if (w->st != GV_OK) return;
  const xy *v = (const xy *)w->piece.data;
  int64_t n = (int64_t)(w->piece.len / sizeof(xy));
  if (n < 3) return;
  double s = 0.0;
  for (int64_t k = 0; k < n; k++) {
    if (!isfinite(v[k].x) || !isfinite(v[k].y)) {
      w->st = GV_ERR_ARG;
      w->why = "the distance is too large for the coordinates (a piece overflows)";
      return;
    }
    if (k >= 1 && k + 1 < n) s += (v[k].x - v[0].x) * (v[k + 1].y - v[0].y) - (v[k + 1].x - v[0].x) * (v[k].y - v[0].y);
  }
  if (s == 0.0) return;
  int32_t lab = s > 0 ? 1 : -1;
  for (int64_t k = 0; k < n; k++)
    if (k < w->skip_from || k >= w->skip_from + w->skip_n) add_seg(w, v[k], v[k + 1 == n ? 0 : k + 1], w->slot, lab);
  w->skip_n = 0;
}

/* ---- geometry of the pieces ---------------------------------------------------------------- */

/* v moved by s * d along the unit normal n: the one expression for every
 * offset corner. */
static xy off(xy v, xy n, double s, double d) {
  xy r = {v.x + s * (n.x * d), v.y + s * (n.y * d)};
  return r;
}

/* The unit direction of p -> q and its left normal. */
static void seg_dir(xy p, xy q, xy *t, xy *n) {
  double dx = q.x - p.x, dy = q.y - p.y, len = hypot(dx, dy);
  t->x = dx / len, t->y = dy / len;
  n->x = -t->y, n->y = t->x;
}

/* cos and sin with values within 5e-16 of 0 made 0 (as GEOS snaps them),
 * so that arc points at multiples of 90 degrees fall exactly on the axes
 * and circles that touch touch at one point. */
static xy on_circle(xy v, double r, double ang) {
  double c = cos(ang), s = sin(ang);
  if (fabs(c) < 5e-16) c = 0.0;
  if (fabs(s) < 5e-16) s = 0.0;
  xy q = {v.x + r * c, v.y + r * s};
  return q;
}

/* The arc around v from corner A (at angle a0) turning by delta (signed,
 * radians) to corner B, A and B included, with arc points at equal steps of
 * about pi / 2 / quad_segs (the step count rounded, as GEOS rounds it). */
static void arc(pen *w, xy v, xy A, xy B, double a0, double delta) {
  piece_pt(w, A);
  int nseg = (int)(fabs(delta) / (PI / 2.0 / w->quad_segs) + 0.5);
  for (int k = 1; k < nseg; k++) piece_pt(w, on_circle(v, w->d, a0 + delta * k / nseg));
  piece_pt(w, B);
}

/* The outer edge of the join on side s (+1 left, -1 right) at vertex v,
 * between a segment with direction t1 / normal n1 and the next one with
 * t2 / n2 (delta: the signed angle the side's normal turns through):
 * the corners from the first segment's offset end A to the second's
 * offset start B, appended to the current piece. The join itself is this
 * outline closed through v; the offset curve follows the outline. */
static void join_outline(pen *w, xy v, xy t1, xy n1, xy t2, xy n2, int s, double delta) {
  double d = w->d;
  xy A = off(v, n1, s, d), B = off(v, n2, s, d);
  if (w->join == GV_JOIN_ROUND) {
    arc(w, v, A, B, atan2(s * n1.y, s * n1.x), delta);
    return;
  }
  piece_pt(w, A);
  if (w->join == GV_JOIN_MITRE) {
    xy a = {s * n1.x, s * n1.y}, b = {s * n2.x, s * n2.y};
    xy u = {a.x + b.x, a.y + b.y};
    double ul = hypot(u.x, u.y);
    if (ul < 1e-12) u = t1; /* a reversal: the gap lies ahead */
    else u.x /= ul, u.y /= ul;
    double c = a.x * u.x + a.y * u.y; /* cos of half the turn */
    double limit = w->mitre_limit * d;
    if (c > 0 && d / c <= limit) {
      xy m = {v.x + u.x * (d / c), v.y + u.y * (d / c)};
      piece_pt(w, m);
    } else {
      /* the mitre cut square to the bisector at mitre_limit * d from v;
       * a limit below the offset itself gives the bevel */
      double tu = t1.x * u.x + t1.y * u.y;
      double t = tu > 1e-12 ? (limit - d * c) / tu : -1.0;
      if (t > 0 && isfinite(t)) {
        xy c1 = {A.x + t * t1.x, A.y + t * t1.y}, c2 = {B.x - t * t2.x, B.y - t * t2.y};
        piece_pt(w, c1);
        piece_pt(w, c2);
      }
    }
  }
  piece_pt(w, B); /* bevel: A straight to B */
}

static void join_gap(pen *w, xy v, xy t1, xy n1, xy t2, xy n2, int s, double delta) {
  piece_begin(w);
  piece_pt(w, v);
  join_outline(w, v, t1, n1, t2, n2, s, delta);
  piece_end(w);
}

/* The turn at v (between u -> v and v -> q) as the overlay sees it: 0 when
 * straight on or reversing (*rev set), else the side of the gap (+1 left,
 * -1 right) with *delta the signed angle of the turn on that side. */
static int turn_gap(xy u, xy v, xy q, xy *t1, xy *n1, xy *t2, xy *n2, int *rev, double *delta) {
  seg_dir(u, v, t1, n1);
  seg_dir(v, q, t2, n2);
  int o = gv_orient(u.x, u.y, v.x, v.y, q.x, q.y);
  double cr = t1->x * t2->y - t1->y * t2->x, dt = t1->x * t2->x + t1->y * t2->y;
  *rev = o == 0 && dt <= 0;
  if (o == 0) return 0;
  int gap = o > 0 ? -1 : 1; /* a left turn opens a gap on the right */
  *delta = -gap * atan2(fabs(cr), dt);
  return gap;
}

/* The cap at line end e: n is the end segment's left normal, t points out
 * of the line, delta turns n into t first (-pi at the last vertex, +pi at
 * the first). */
static void cap(pen *w, xy e, xy n, xy t, double delta) {
  xy A = off(e, n, 1, w->d), B = off(e, n, -1, w->d);
  if (w->cap == GV_CAP_ROUND) {
    piece_begin(w);
    piece_pt(w, e);
    arc(w, e, A, B, atan2(n.y, n.x), delta);
    piece_end(w);
  } else if (w->cap == GV_CAP_SQUARE) {
    xy A2 = {A.x + t.x * w->d, A.y + t.y * w->d}, B2 = {B.x + t.x * w->d, B.y + t.y * w->d};
    piece_begin(w);
    piece_pt(w, A);
    piece_pt(w, A2);
    piece_pt(w, B2);
    piece_pt(w, B);
    piece_pt(w, e);
    piece_end(w);
  }
}

static void point(pen *w, xy v) {
  if (w->cap == GV_CAP_FLAT) return;
  piece_begin(w);
  if (w->cap == GV_CAP_SQUARE) {
    xy c[4] = {{v.x - w->d, v.y - w->d}, {v.x + w->d, v.y - w->d}, {v.x + w->d, v.y + w->d}, {v.x - w->d, v.y + w->d}};
    for (int k = 0; k < 4; k++) piece_pt(w, c[k]);
  } else {
    int nseg = 4 * w->quad_segs;
    for (int k = 0; k < nseg; k++) {
      piece_pt(w, on_circle(v, w->d, 2.0 * PI * k / nseg));
    }
  }
  piece_end(w);
}

/* The join pieces at a vertex where a band breaks: the wedge when the gap
 * is on side s, the half disc ahead at a reversal (round joins; once per
 * line, `rev` set on one side's pass only), nothing at an inner turn. */
static void break_join(pen *w, const xy *v, int64_t m, int64_t k, int s, int rev_joins) {
  xy u = v[k == 0 ? m - 1 : k - 1], q = v[k + 1 == m ? 0 : k + 1];
  xy t1, n1, t2, n2;
  int rev;
  double delta = 0;
  int gap = turn_gap(u, v[k], q, &t1, &n1, &t2, &n2, &rev, &delta);
  if (rev) {
    if (rev_joins && w->join == GV_JOIN_ROUND) join_gap(w, v[k], t1, n1, t2, n2, s, -s * PI);
  } else if (gap == s) {
    join_gap(w, v[k], t1, n1, t2, n2, s, delta);
  }
}

/* The pieces on side s (+1 left, -1 right) of a run of m distinct vertices
 * (a closed ring when cyclic): bands, each the region between a stretch of
 * the run and its offset, joins included, for stretches that turn towards
 * the offset side by at most 90 degrees in all (so a band is a simple
 * polygon). A band breaks at inner turns (where the next band overlaps
 * it), at reversals and where the turning would exceed 90 degrees (the
 * join there is a piece of its own). One band instead of a rectangle and
 * a join per vertex keeps the segments and crossings the overlay sees
 * close to those of the offset curve itself. */
static void bands(pen *w, const xy *v, int64_t m, int cyclic, int s, int rev_joins, int skip_chain) {
  int64_t ns = cyclic ? m : m - 1;
  if (ns < 1) return;
  int64_t first = 0;
  if (cyclic) { /* start at an inner turn or a reversal, else at vertex 0 */
    for (int64_t k = 0; k < m; k++) {
      xy t1, n1, t2, n2;
      int rev;
      double delta = 0;
      int gap = turn_gap(v[k == 0 ? m - 1 : k - 1], v[k], v[k + 1 == m ? 0 : k + 1], &t1, &n1, &t2, &n2, &rev, &delta);
      if (rev || gap == -s) {
        first = k;
        break;
      }
    }
    break_join(w, v, m, first, s, rev_joins);
  }
  int64_t a = first;
  double turned = 0;
  xy t, n;
  seg_dir(v[a], v[a + 1 == m ? 0 : a + 1], &t, &n);
  piece_begin(w);
  piece_pt(w, off(v[a], n, s, w->d));
  for (int64_t c = 1; c <= ns && w->st == GV_OK; c++) {
    int64_t k = (first + c) % m; /* the vertex after segment k - 1 */
    int64_t kp = k == 0 ? m - 1 : k - 1;
    xy tp, np;
    seg_dir(v[kp], v[k], &tp, &np);
    int last = c == ns;
    int brk = last;
    xy t1 = tp, n1 = np, t2 = tp, n2 = np;
    int rev = 0, gap = 0;
    double delta = 0;
    if (!last) {
      gap = turn_gap(v[kp], v[k], v[k + 1 == m ? 0 : k + 1], &t1, &n1, &t2, &n2, &rev, &delta);
      if (rev || gap == -s || (gap == s && turned + fabs(delta) > PI / 2)) brk = 1;
    }
    if (!brk) { /* the stretch goes on through v[k] */
      if (gap == s) {
        join_outline(w, v[k], t1, n1, t2, n2, s, delta);
        turned += fabs(delta);
      } else {
        piece_pt(w, off(v[k], n1, s, w->d));
        piece_pt(w, off(v[k], n2, s, w->d));
      }
      continue;
    }
    /* close the band: its offset end, then the run back to its start.
     * skip_chain: the run's own edges are left out; the caller knows an
     * equal and opposite edge cancels each (the polygon's ring, or the other
     * side's band), so the noder need not see either */
    piece_pt(w, off(v[k], np, s, w->d));
    if (skip_chain) {
      w->skip_from = (int64_t)(w->piece.len / sizeof(xy));
      w->skip_n = (k - a + m) % m;
      if (w->skip_n == 0) w->skip_n = m; /* a band all round a ring */
    }
    for (int64_t e = k;; e = e == 0 ? m - 1 : e - 1) {
      piece_pt(w, v[e]);
      if (e == a) break;
    }
    piece_end(w);
    if (last) break;
    break_join(w, v, m, k, s, rev_joins);
    a = k;
    turned = 0;
    piece_begin(w);
    piece_pt(w, off(v[k], n2, s, w->d));
  }
}

/* The pieces of a run of m distinct vertices: a closed ring when cyclic
 * (vertex m - 1 joins vertex 0), else an open line with caps when `caps`.
 * side 0 covers both sides of every segment, +-1 only that side (with
 * `skip`: the caller leaves out the run's own edges too, see bands). */
static void linework(pen *w, const xy *v, int64_t m, int cyclic, int side, int caps, int skip) {
  if (m < 2) return;
  if (side) {
    bands(w, v, m, cyclic, side, 1, skip);
  } else { /* both sides: the two sides' bands share the run's own edges, which cancel */
    bands(w, v, m, cyclic, 1, 1, 1);
    bands(w, v, m, cyclic, -1, 0, 1);
  }
  if (!cyclic && caps) {
    xy t, n;
    seg_dir(v[0], v[1], &t, &n);
    xy back = {-t.x, -t.y};
    cap(w, v[0], n, back, PI);
    seg_dir(v[m - 2], v[m - 1], &t, &n);
    cap(w, v[m - 1], n, t, -PI);
  }
}

/* ---- input ---------------------------------------------------------------------------------- */

static void project(const gv_aeqd *p, double lon, double lat, double *x, double *y) {
  double s, az;
  gv_geod_inverse(p->lat0, p->lon0, lat, lon, &s, &az, NULL);
  double r = az * (PI / 180.0);
  *x = s * sin(r);
  *y = s * cos(r);
}

/* Coordinates [k0, k1) into w->pts without consecutive repeats (projected
 * when proj is set); empty points (NaN) are skipped. Returns the count. */
static int64_t gather(pen *w, const gv_array *a, int32_t k0, int32_t k1, const gv_aeqd *proj) {
  w->pts.len = 0;
  int64_t m = 0;
  xy last = {NAN, NAN};
  for (int32_t k = k0; k < k1 && w->st == GV_OK; k++) {
    xy q = {GV_X(a, k), GV_Y(a, k)};
    if (isnan(q.x) && isnan(q.y)) continue;
    if (!isfinite(q.x) || !isfinite(q.y)) {
      w->st = GV_ERR_ARG;
      w->why = "non-finite coordinate";
      return 0;
    }
    if (proj) project(proj, q.x, q.y, &q.x, &q.y);
    if (m && q.x == last.x && q.y == last.y) continue;
    if (gv_buf_append(&w->pts, &q, sizeof q) != GV_OK) {
      w->st = GV_ERR_NOMEM;
      return 0;
    }
    last = q;
    m++;
  }
  return m;
}

gv_aeqd gv_buffer_centre(const gv_array *a, int64_t i) {
  double b[4];
  gv_geom_bounds(a, i, b);
  gv_aeqd c = {(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0};
  if (!isfinite(c.lon0) || !isfinite(c.lat0)) c.lon0 = c.lat0 = 0.0;
  return c;
}

void gv_buffer_unproject(const gv_aeqd *p, double *v, int64_t n) {
  for (int64_t k = 0; k < n; k++) {
    double x = v[2 * k], y = v[2 * k + 1], lat, lon;
    gv_geod_direct(p->lat0, p->lon0, atan2(x, y) * (180.0 / PI), hypot(x, y), &lat, &lon, NULL);
    v[2 * k] = p->lon0 + remainder(lon - p->lon0, 360.0);
    v[2 * k + 1] = lat;
  }
}

/* The input is simplified as GEOS simplifies it before buffering (GEOS
 * with 1% of the distance, geovec with 0.2%): a ring vertex that is concave
 * on the side being buffered and lies within |d| x SIMPLIFY_FACTOR of the
 * segment joining its kept neighbours (as do all the vertices dropped
 * since) is dropped. Filling such a shallow notch moves the boundary
 * towards the buffered side by at most that much, so the buffer grows by
 * at most 0.2% of the distance there, and very detailed rings (coastlines)
 * buffered by a large distance lose most of the vertices whose pieces would
 * only overlap (nybb by 500 ft: 29 s without, 2-4 s with). */
#define SIMPLIFY_FACTOR 0.002
#define SIMPLIFY_RUN 64 /* at most this many vertices dropped in a row */

/* Distance from p to segment a-b, and p's parameter along it (clamped). */
static double seg_dist(xy p, xy a, xy b, double *t) {
  double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  double u = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0.0;
  u = u < 0 ? 0 : u > 1 ? 1 : u;
  *t = u;
  return hypot(p.x - (a.x + u * dx), p.y - (a.y + u * dy));
}

static double point_seg_dist(xy p, xy a, xy b) {
  double t;
  return seg_dist(p, a, b, &t);
}

/* Drops shallow concavities of the cyclic run v[0..m) on side s in place
 * (vertex 0 is kept); returns the new count (>= 3). */
static int64_t shallow_concavities(xy *v, int64_t m, int s, double tol) {
  if (m <= 4 || !(tol > 0)) return m;
  int64_t wr = 1, run = 0; /* kept so far; vertices dropped since the last kept one */
  for (int64_t k = 1; k < m; k++) {
    xy a = v[wr - 1], b = v[k], c = v[k + 1 == m ? 0 : k + 1];
    int drop = 0;
    if (run < SIMPLIFY_RUN && m - (k - wr + 1) > 3) {
      xy t1, n1, t2, n2;
      int rev = 0;
      double delta = 0;
      int gap = (a.x == b.x && a.y == b.y) || (b.x == c.x && b.y == c.y) ? 0 : turn_gap(a, b, c, &t1, &n1, &t2, &n2, &rev, &delta);
      if (!(a.x == c.x && a.y == c.y) && !rev && gap != s && point_seg_dist(b, a, c) <= tol) {
        drop = 1; /* and every vertex dropped since a must stay within tol of a-c */
        for (int64_t e = k - run; e < k && drop; e++) drop = point_seg_dist(v[e], a, c) <= tol;
      }
    }
    if (drop) {
      run++;
      continue;
    }
    /* keep b (the dropped vertices before it, v[k - run .. k), are still
     * intact: wr <= k - run as wr counts the kept ones) */
    v[wr++] = b;
    run = 0;
  }
  return wr;
}

/* A polygon's rings: the rings themselves in slot 0, and the pieces on
 * their exterior side (d > 0) or interior side (eroding, slot 1). */
static void polygon(pen *w, const gv_array *a, int32_t p, double dist, const gv_aeqd *proj) {
  for (int32_t r = gv_part_begin(a, p), r0 = r, re = gv_part_end(a, p); r < re && w->st == GV_OK; r++) {
    int64_t m = gather(w, a, gv_ring_begin(a, r), gv_ring_end(a, r), proj);
    const xy *v = (const xy *)w->pts.data;
    if (m >= 2 && v[0].x == v[m - 1].x && v[0].y == v[m - 1].y) m--; /* the closing vertex */
    if (m < 3) {
      if (dist > 0) linework(w, v, m, 0, 0, 1, 0); /* a collapsed ring: its line's buffer */
      continue;
    }
    double s = 0.0;
    for (int64_t k = 1; k + 1 < m; k++) s += (v[k].x - v[0].x) * (v[k + 1].y - v[0].y) - (v[k + 1].x - v[0].x) * (v[k].y - v[0].y);
    if (s == 0.0) {
      if (dist > 0) linework(w, v, m, 1, 0, 0, 0);
      continue;
    }
    int32_t lab = (s > 0 ? 1 : -1) * (r == r0 ? 1 : -1);
    if (dist != 0) m = shallow_concavities((xy *)w->pts.data, m, dist > 0 ? -lab : lab, fabs(dist) * SIMPLIFY_FACTOR);
    /* outwards, the ring's edges and the bands' own edges along them cancel
     * (the polygon on one side, a band on the other): neither is added */
    if (dist > 0) {
      linework(w, v, m, 1, -lab, 0, 1);
      continue;
    }
    for (int64_t k = 0; k < m; k++) add_seg(w, v[k], v[k + 1 == m ? 0 : k + 1], 0, lab);
    if (dist < 0) linework(w, v, m, 1, lab, 0, 0);
  }
}

int32_t gv_buffer_erode_parts(const gv_array *a, int64_t i, double d, int32_t **parts) {
  uint8_t t = gv_type_byte(a, i);
  *parts = NULL;
  if (!(d < 0) || GV_BASE_TYPE(t) != GV_GEOMETRYCOLLECTION) return 0;
  int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i), n = 0;
  for (int32_t q = pb; q < pe; q++) n += gv_part_kind(a, t, q) == GV_POLYGON;
  if (n < 2) return 0;
  *parts = gv_malloc((size_t)n * sizeof(int32_t));
  if (!*parts) return -1;
  n = 0;
  for (int32_t q = pb; q < pe; q++)
    if (gv_part_kind(a, t, q) == GV_POLYGON) (*parts)[n++] = q;
  return n;
}

void gv_buffer_tidy(gv_ov_out *o) {
  if (o->npoly == 0) return;
  int32_t *cnt = (int32_t *)o->cnt.data;
  xy *v = (xy *)o->xy.data;
  int64_t rd = 0, wr = 0; /* coordinates read, written */
  for (int32_t k = 0; k < o->npoly; k++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++, cnt++) {
      int32_t nc = *cnt, m = nc - 1; /* distinct vertices of the closed ring */
      xy *ring = v + rd;
      int64_t start = wr;
      for (int32_t q = 0; q < m; q++) {
        xy a = ring[q == 0 ? m - 1 : q - 1], b = ring[q], c = ring[q + 1 == m ? 0 : q + 1];
        int keep = m <= 3 || gv_orient(a.x, a.y, b.x, b.y, c.x, c.y) != 0 ||
                   (a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y) >= 0;
        if (keep) v[wr++] = b;
      }
      v[wr] = v[start]; /* close */
      wr++;
      rd += nc;
      *cnt = (int32_t)(wr - start);
    }
  }
  /* lines and points after the polygons are moved down as they are */
  int64_t rest = (int64_t)(o->xy.len / sizeof(xy)) - rd;
  if (rest > 0 && wr != rd) memmove(v + wr, v + rd, (size_t)rest * sizeof(xy));
  o->xy.len = (size_t)(wr + rest) * sizeof(xy);
}

gv_status gv_buffer_add_result(const gv_ov_out *o, gv_buf *segs) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const xy *v = (const xy *)o->xy.data;
  for (int32_t k = 0; k < o->npoly; k++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      double s = 0.0;
      for (int32_t q = 1; q + 1 < nc; q++) s += (v[q].x - v[0].x) * (v[q + 1].y - v[0].y) - (v[q + 1].x - v[0].x) * (v[q].y - v[0].y);
      int32_t lab = (s > 0 ? 1 : -1) * (r == 0 ? 1 : -1);
      for (int32_t q = 0; s != 0.0 && q + 1 < nc; q++) {
        if (v[q].x == v[q + 1].x && v[q].y == v[q + 1].y) continue;
        gv_nseg e = {v[q].x, v[q].y, v[q + 1].x, v[q + 1].y, {lab, 0}, 0};
        if (gv_buf_append(segs, &e, sizeof e) != GV_OK) return GV_ERR_NOMEM;
      }
      v += nc;
    }
  }
  return GV_OK;
}

int gv_buffer_point(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, const gv_aeqd *proj,
                    gv_ov_out *out, gv_status *st) {
  *st = GV_OK;
  if (!(d > 0) || p->cap == GV_CAP_FLAT || p->single_sided || GV_BASE_TYPE(gv_type_byte(a, i)) != GV_POINT) return 0;
  int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  xy c = {GV_X(a, k), GV_Y(a, k)};
  if (!isfinite(c.x) || !isfinite(c.y)) return 0; /* empty (or bad): the general path says what it is */
  if (proj) project(proj, c.x, c.y, &c.x, &c.y);
  int32_t n = p->cap == GV_CAP_SQUARE ? 4 : 4 * (p->quad_segs < 1 ? 1 : p->quad_segs);
  int32_t head[2] = {1, n + 1};
  xy *ring = gv_malloc((size_t)(n + 1) * sizeof(xy));
  if (!ring) {
    *st = GV_ERR_NOMEM;
    return 1;
  }
  /* clockwise, as the overlay writes shells */
  for (int32_t q = 0; q < n; q++) {
    if (p->cap == GV_CAP_SQUARE) {
      static const double sx[4] = {-1, -1, 1, 1}, sy[4] = {-1, 1, 1, -1};
      ring[q].x = c.x + sx[q] * d, ring[q].y = c.y + sy[q] * d;
    } else {
      ring[q] = on_circle(c, d, -2.0 * PI * q / n);
    }
  }
  ring[n] = ring[0];
  for (int32_t q = 0; q <= n; q++)
    if (!isfinite(ring[q].x) || !isfinite(ring[q].y)) {
      gv_free(ring);
      return 0; /* overflow: the general path reports it */
    }
  if (gv_buf_append(&out->cnt, head, sizeof head) != GV_OK || gv_buf_append(&out->xy, ring, (size_t)(n + 1) * sizeof(xy)) != GV_OK)
    *st = GV_ERR_NOMEM;
  else out->npoly = 1;
  gv_free(ring);
  return 1;
}

int gv_buffer_points(const gv_array *a, const double *each, double d, const gv_buffer_params *p, gv_builder *b,
                     gv_status *st) {
  *st = GV_OK;
  if (p->cap == GV_CAP_FLAT || p->single_sided || a->n == 0) return 0;
  for (int64_t i = 0; i < a->n; i++) {
    if (gv_is_null(a, i)) continue;
    double di = each ? each[i] : d;
    if (!(di > 0) || !isfinite(di) || GV_BASE_TYPE(gv_type_byte(a, i)) != GV_POINT) return 0;
    int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
    if (!isfinite(GV_X(a, k)) || !isfinite(GV_Y(a, k))) return 0;
  }
  int32_t n = p->cap == GV_CAP_SQUARE ? 4 : 4 * (p->quad_segs < 1 ? 1 : p->quad_segs);
  xy *dir = gv_malloc((size_t)n * sizeof(xy)); /* unit directions, clockwise as the overlay writes shells */
  if (!dir) {
    *st = GV_ERR_NOMEM;
    return 1;
  }
  xy o = {0, 0};
  for (int32_t q = 0; q < n; q++) {
    if (p->cap == GV_CAP_SQUARE) {
      static const double sx[4] = {-1, -1, 1, 1}, sy[4] = {-1, 1, 1, -1};
      dir[q].x = sx[q], dir[q].y = sy[q];
    } else {
      dir[q] = on_circle(o, 1.0, -2.0 * PI * q / n); /* cos and sin, snapped as on_circle snaps them */
    }
  }
  gv_builder_init(b);
  if (gv_buf_reserve(&b->coords, (size_t)a->n * (size_t)(n + 1) * 2 * sizeof(double)) != GV_OK) b->status = GV_ERR_NOMEM;
  int ok = 1;
  for (int64_t i = 0; i < a->n && ok && b->status == GV_OK; i++) {
    if (gv_is_null(a, i)) {
      gv_builder_null(b);
      continue;
    }
    double di = each ? each[i] : d;
    int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
    double cx = GV_X(a, k), cy = GV_Y(a, k);
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_begin_ring(b);
    double *w = gv_builder_coords_alloc(b, n + 1);
    if (!w) break;
    for (int32_t q = 0; q < n; q++) { /* v + r * (cos, sin), as on_circle computes it */
      w[2 * q] = cx + di * dir[q].x;
      w[2 * q + 1] = cy + di * dir[q].y;
      ok &= isfinite(w[2 * q]) && isfinite(w[2 * q + 1]);
    }
    w[2 * n] = w[0], w[2 * n + 1] = w[1];
    gv_builder_end_geom(b);
  }
  gv_free(dir);
  if (!ok) { /* overflow: the general path reports it */
    gv_builder_free(b);
    return 0;
  }
  if (b->status != GV_OK) {
    *st = b->status;
    gv_builder_free(b);
  }
  return 1;
}

/* ---- fast path for polygons (see buffer.h) ----------------------------------------------------- */

/* A closed chain of vertices (implicitly closed: the last joins the first). */
typedef struct chain {
  int64_t off, n; /* into the point buffer */
  int32_t part;   /* polygon part (0-based within the geometry) */
  int hole, curve; /* a hole's; an offset curve (else a simplified input ring) */
  gv_box box;
} chain;

typedef struct sseg {
  double minx, maxx, miny, maxy;
  int32_t c;  /* chain */
  int64_t q;  /* segment index in the chain */
} sseg;

static int sseg_cmp(const void *x, const void *y) {
  double a = ((const sseg *)x)->minx, b = ((const sseg *)y)->minx;
  return a < b ? -1 : a > b;
}

static int orient_xy(xy a, xy b, xy c) { return gv_orient(a.x, a.y, b.x, b.y, c.x, c.y); }

/* Whether closed segments a-b and c-e meet (exact). */
static int segs_meet(xy a, xy b, xy c, xy e) {
  int o1 = orient_xy(a, b, c), o2 = orient_xy(a, b, e);
  if (o1 == o2 && o1 != 0) return 0;
  int o3 = orient_xy(c, e, a), o4 = orient_xy(c, e, b);
  if (o3 == o4 && o3 != 0) return 0;
  if (o1 == 0 && o2 == 0) /* collinear: they meet when their boxes do */
    return fmin(a.x, b.x) <= fmax(c.x, e.x) && fmin(c.x, e.x) <= fmax(a.x, b.x) && fmin(a.y, b.y) <= fmax(c.y, e.y) &&
           fmin(c.y, e.y) <= fmax(a.y, b.y);
  return 1;
}

/* Segments a -> p and p -> e (consecutive in a chain) meet only at p. */
static int joint_ok(xy a, xy p, xy e) {
  return !(orient_xy(a, p, e) == 0 && (a.x - p.x) * (e.x - p.x) + (a.y - p.y) * (e.y - p.y) > 0);
}

/* The certificate: 1 when every chain is a simple closed curve and no two
 * chains meet, by a sweep over the segments in x with exact tests. */
static int chains_simple(const xy *P, const chain *ch, int32_t nc, gv_status *st) {
  int64_t ns = 0;
  for (int32_t c = 0; c < nc; c++) {
    if (ch[c].n < 3) return 0;
    ns += ch[c].n;
  }
  sseg *s = gv_malloc((size_t)ns * sizeof *s + 1);
  int64_t *act = gv_malloc((size_t)ns * sizeof *act + 1);
  if (!s || !act) {
    gv_free(s);
    gv_free(act);
    *st = GV_ERR_NOMEM;
    return 0;
  }
  int64_t k = 0;
  for (int32_t c = 0; c < nc; c++)
    for (int64_t q = 0; q < ch[c].n; q++, k++) {
      xy a = P[ch[c].off + q], b = P[ch[c].off + (q + 1 == ch[c].n ? 0 : q + 1)];
      s[k].minx = fmin(a.x, b.x), s[k].maxx = fmax(a.x, b.x);
      s[k].miny = fmin(a.y, b.y), s[k].maxy = fmax(a.y, b.y);
      s[k].c = c, s[k].q = q;
    }
  qsort(s, (size_t)ns, sizeof *s, sseg_cmp);
  int ok = 1;
  int64_t na = 0;
  for (k = 0; k < ns && ok; k++) {
    const sseg *u = &s[k];
    const chain *cu = &ch[u->c];
    xy a = P[cu->off + u->q], b = P[cu->off + (u->q + 1 == cu->n ? 0 : u->q + 1)];
    int64_t wr = 0;
    for (int64_t m = 0; m < na && ok; m++) {
      const sseg *v = &s[act[m]];
      if (v->maxx < u->minx) continue; /* left behind: dropped */
      act[wr++] = act[m];
      if (v->maxy < u->miny || u->maxy < v->miny) continue;
      const chain *cv = &ch[v->c];
      xy c = P[cv->off + v->q], e = P[cv->off + (v->q + 1 == cv->n ? 0 : v->q + 1)];
      if (u->c == v->c) {
        int64_t n = cu->n;
        if ((u->q + 1) % n == v->q) { /* b == c */
          ok = joint_ok(a, b, e);
          continue;
        }
        if ((v->q + 1) % n == u->q) { /* e == a */
          ok = joint_ok(c, a, b);
          continue;
        }
      }
      if (segs_meet(a, b, c, e)) ok = 0;
    }
    na = wr;
    act[na++] = k;
  }
  gv_free(s);
  gv_free(act);
  return ok;
}

/* Whether p (on no edge of it) lies inside the closed chain r (exact). */
static int chain_contains(const xy *r, int64_t n, xy p) {
  int64_t w = 0;
  for (int64_t k = 0; k < n; k++) {
    xy a = r[k], b = r[k + 1 == n ? 0 : k + 1];
    if (a.y <= p.y) {
      if (b.y > p.y && orient_xy(a, b, p) > 0) w++;
    } else if (b.y <= p.y && orient_xy(a, b, p) < 0) {
      w--;
    }
  }
  return w != 0;
}

static double chain_area2(const xy *v, int64_t n) {
  double s = 0.0;
  for (int64_t k = 1; k + 1 < n; k++) s += (v[k].x - v[0].x) * (v[k + 1].y - v[0].y) - (v[k + 1].x - v[0].x) * (v[k].y - v[0].y);
  return s;
}

/* The offset curve of the cyclic run v[0..m) on side s into w->piece: the
 * segments moved by d, the joins on the outer side of each turn, and at
 * each inner turn the two offset segments cut where they cross. Returns 0
 * (give up) at a reversal, an inner turn whose offset segments do not
 * cross, or an offset segment cut away entirely. */
static int raw_ring_curve(pen *w, const xy *v, int64_t m, int s, gv_buf *tmp) {
  typedef struct turn {
    xy t1, n1, t2, n2, X;
    double delta, ts; /* ts: where the kept part of the segment starting here starts */
    int gap;
  } turn;
  tmp->len = 0;
  if (gv_buf_reserve(tmp, (size_t)m * sizeof(turn)) != GV_OK) {
    w->st = GV_ERR_NOMEM;
    return 0;
  }
  turn *T = (turn *)tmp->data;
  double d = w->d;
  for (int64_t k = 0; k < m; k++) {
    turn *u = &T[k];
    int rev = 0;
    u->delta = 0;
    xy vp = v[k == 0 ? m - 1 : k - 1], vn = v[k + 1 == m ? 0 : k + 1];
    u->gap = turn_gap(vp, v[k], vn, &u->t1, &u->n1, &u->t2, &u->n2, &rev, &u->delta);
    if (rev) return 0;
    u->ts = 0;
    if (u->gap != -s) continue;
    xy P1 = off(vp, u->n1, s, d), Q1 = off(v[k], u->n1, s, d), P2 = off(v[k], u->n2, s, d), Q2 = off(vn, u->n2, s, d);
    double ax = Q1.x - P1.x, ay = Q1.y - P1.y, bx = Q2.x - P2.x, by = Q2.y - P2.y;
    double den = ax * by - ay * bx, cx = P2.x - P1.x, cy = P2.y - P1.y;
    if (den == 0 || !isfinite(den)) return 0;
    double ta = (cx * by - cy * bx) / den, tb = (cx * ay - cy * ax) / den;
    if (!(ta >= 0 && ta <= 1 && tb >= 0 && tb <= 1)) return 0;
    u->X.x = P1.x + ta * ax, u->X.y = P1.y + ta * ay;
    u->ts = tb; /* segment k starts at X */
  }
  /* each offset segment keeps a part of positive length: it starts before it ends */
  for (int64_t k = 0; k < m; k++) {
    turn *u = &T[k], *nx = &T[k + 1 == m ? 0 : k + 1];
    double te = 1;
    if (nx->gap == -s) {
      /* the cut at vertex k + 1 along segment k */
      xy P1 = off(v[k], nx->n1, s, d), Q1 = off(v[k + 1 == m ? 0 : k + 1], nx->n1, s, d);
      double ax = Q1.x - P1.x, ay = Q1.y - P1.y, l2 = ax * ax + ay * ay;
      te = ((nx->X.x - P1.x) * ax + (nx->X.y - P1.y) * ay) / l2;
    }
    if (!(u->ts < te)) return 0;
  }
  piece_begin(w);
  for (int64_t k = 0; k < m && w->st == GV_OK; k++) {
    turn *u = &T[k];
    if (u->gap == s) join_outline(w, v[k], u->t1, u->n1, u->t2, u->n2, s, u->delta);
    else if (u->gap == 0) {
      piece_pt(w, off(v[k], u->n1, s, d));
      piece_pt(w, off(v[k], u->n2, s, d));
    } else {
      piece_pt(w, u->X);
    }
  }
  return w->st == GV_OK;
}

/* Appends the distinct consecutive points of n points q (as a closed
 * chain: a last point equal to the first is dropped) to P; returns the count. */
static int64_t put_chain(gv_buf *P, const xy *q, int64_t n, gv_status *st) {
  int64_t start = (int64_t)(P->len / sizeof(xy)), c = 0;
  for (int64_t k = 0; k < n; k++) {
    if (!isfinite(q[k].x) || !isfinite(q[k].y)) return -1;
    const xy *pv = (const xy *)P->data;
    if (c && pv[start + c - 1].x == q[k].x && pv[start + c - 1].y == q[k].y) continue;
    if (gv_buf_append(P, &q[k], sizeof(xy)) != GV_OK) {
      *st = GV_ERR_NOMEM;
      return -1;
    }
    c++;
  }
  const xy *pv = (const xy *)P->data;
  while (c > 1 && pv[start].x == pv[start + c - 1].x && pv[start].y == pv[start + c - 1].y) c--;
  P->len = (size_t)(start + c) * sizeof(xy);
  return c;
}

static gv_box chain_box(const xy *v, int64_t n) {
  gv_box b = {v[0].x, v[0].y, v[0].x, v[0].y};
  for (int64_t k = 1; k < n; k++) {
    b.minx = fmin(b.minx, v[k].x), b.maxx = fmax(b.maxx, v[k].x);
    b.miny = fmin(b.miny, v[k].y), b.maxy = fmax(b.maxy, v[k].y);
  }
  return b;
}

int gv_buffer_rings_simple(const double *pts, const int32_t *n, int32_t nrings, gv_status *st) {
  *st = GV_OK;
  chain *ch = gv_malloc((size_t)nrings * sizeof *ch + 1);
  if (!ch) {
    *st = GV_ERR_NOMEM;
    return 0;
  }
  int64_t off = 0;
  for (int32_t k = 0; k < nrings; k++) {
    memset(&ch[k], 0, sizeof ch[k]);
    ch[k].off = off, ch[k].n = n[k];
    off += n[k];
  }
  int ok = chains_simple((const xy *)pts, ch, nrings, st);
  gv_free(ch);
  return ok;
}

/* GEOVEC_BUFFER_SLOW=1 turns the fast path off (native builds only: the
 * WebAssembly module has no environment). */
static int fast_off(void) {
#if defined(__wasm__)
  return 0;
#else
  const char *e = getenv("GEOVEC_BUFFER_SLOW");
  return e && *e && *e != '0';
#endif
}

int gv_buffer_fast(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, const gv_aeqd *proj,
                   gv_ov_out *out, gv_status *st) {
  *st = GV_OK;
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  if (d == 0 || !isfinite(d) || p->single_sided || (t != GV_POLYGON && t != GV_MULTIPOLYGON) || fast_off()) return 0;
  int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  if (pe <= pb) return 0;
  pen w;
  memset(&w, 0, sizeof w);
  w.d = fabs(d);
  w.quad_segs = p->quad_segs < 1 ? 1 : p->quad_segs;
  w.cap = p->cap;
  w.join = p->join;
  w.mitre_limit = p->mitre_limit;
  w.st = GV_OK;
  gv_buf P = {0}, C = {0}, tmp = {0};
  int ok = 1;
  for (int32_t q = pb; q < pe && ok; q++) {
    int32_t r0 = gv_part_begin(a, q), re = gv_part_end(a, q);
    if (re <= r0) ok = 0;
    for (int32_t r = r0; r < re && ok; r++) {
      int64_t m = gather(&w, a, gv_ring_begin(a, r), gv_ring_end(a, r), proj);
      if (w.st != GV_OK) { ok = 0; break; }
      xy *v = (xy *)w.pts.data;
      if (m >= 2 && v[0].x == v[m - 1].x && v[0].y == v[m - 1].y) m--;
      if (m < 3) { ok = 0; break; }
      double s = chain_area2(v, m);
      if (s == 0.0 || !isfinite(s)) { ok = 0; break; }
      int32_t lab = (s > 0 ? 1 : -1) * (r == r0 ? 1 : -1);
      int side = d > 0 ? -lab : lab;
      m = shallow_concavities(v, m, side, fabs(d) * SIMPLIFY_FACTOR);
      chain cr = {(int64_t)(P.len / sizeof(xy)), 0, q - pb, r != r0, 0, {0, 0, 0, 0}};
      cr.n = put_chain(&P, v, m, &w.st);
      if (cr.n < 3) { ok = 0; break; }
      if (!raw_ring_curve(&w, v, m, side, &tmp)) { ok = 0; break; }
      chain cc = {(int64_t)(P.len / sizeof(xy)), 0, q - pb, r != r0, 1, {0, 0, 0, 0}};
      cc.n = put_chain(&P, (const xy *)w.piece.data, (int64_t)(w.piece.len / sizeof(xy)), &w.st);
      if (cc.n < 3) { ok = 0; break; }
      /* the curve turns the way its ring does (a collapsed or inverted curve does not) */
      double sc = chain_area2((const xy *)P.data + cc.off, cc.n);
      if (!((sc > 0) == (s > 0) && sc != 0 && isfinite(sc))) { ok = 0; break; }
      if (gv_buf_append(&C, &cr, sizeof cr) != GV_OK || gv_buf_append(&C, &cc, sizeof cc) != GV_OK) w.st = GV_ERR_NOMEM, ok = 0;
    }
  }
  chain *ch = (chain *)C.data;
  int32_t nc = (int32_t)(C.len / sizeof(chain));
  const xy *pts = (const xy *)P.data;
  if (ok && w.st == GV_OK) ok = chains_simple(pts, ch, nc, &w.st);
  /* nesting: a hole's curve inside its own shell's curve and no other
   * curve; a shell's curve inside none */
  for (int32_t c = 0; c < nc && ok; c++) ch[c].box = chain_box(pts + ch[c].off, ch[c].n);
  for (int32_t c = 0; c < nc && ok; c++) {
    if (!ch[c].curve) continue;
    xy p0 = pts[ch[c].off];
    for (int32_t e = 0; e < nc && ok; e++) {
      if (e == c || !ch[e].curve) continue;
      gv_box b = ch[e].box;
      int in = p0.x >= b.minx && p0.x <= b.maxx && p0.y >= b.miny && p0.y <= b.maxy && chain_contains(pts + ch[e].off, ch[e].n, p0);
      int want = ch[c].hole && !ch[e].hole && ch[e].part == ch[c].part;
      if (in != want) ok = 0;
    }
  }
  if (ok && w.st == GV_OK) {
    /* the curves as polygons: shells clockwise, holes counter-clockwise (as the overlay writes them) */
    for (int32_t c = 0; c < nc && w.st == GV_OK; c++) {
      if (!ch[c].curve) continue;
      if (!ch[c].hole) {
        int32_t nr = 0;
        for (int32_t e = c; e < nc && ch[e].part == ch[c].part; e++) nr += ch[e].curve;
        if (gv_buf_append(&out->cnt, &nr, sizeof nr) != GV_OK) { w.st = GV_ERR_NOMEM; break; }
        out->npoly++;
      }
      const xy *v = pts + ch[c].off;
      int64_t n = ch[c].n;
      int32_t nn = (int32_t)(n + 1);
      double sc = chain_area2(v, n);
      int rev = ch[c].hole ? sc < 0 : sc > 0;
      if (gv_buf_append(&out->cnt, &nn, sizeof nn) != GV_OK || gv_buf_reserve(&out->xy, (size_t)nn * sizeof(xy)) != GV_OK) {
        w.st = GV_ERR_NOMEM;
        break;
      }
      for (int64_t k = 0; k <= n; k++) {
        int64_t at = rev ? (n - k) % n : k % n;
        gv_buf_append(&out->xy, &v[at], sizeof(xy));
      }
    }
    if (w.st == GV_OK) gv_buffer_tidy(out);
  }
  gv_buf_free(&P);
  gv_buf_free(&C);
  gv_buf_free(&tmp);
  gv_buf_free(&w.piece);
  gv_buf_free(&w.pts);
  if (w.st == GV_ERR_NOMEM) {
    gv_ov_out_free(out);
    memset(out, 0, sizeof *out);
    *st = GV_ERR_NOMEM;
    return 1;
  }
  if (!ok) {
    gv_ov_out_free(out);
    memset(out, 0, sizeof *out);
    return 0;
  }
  return 1;
}

gv_status gv_buffer_pieces(const gv_array *a, int64_t i, int32_t part, double d, const gv_buffer_params *p,
                           const gv_aeqd *proj, gv_buf *segs, int *op, const char **why) {
  uint8_t t = gv_type_byte(a, i);
  int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  if (part >= 0) pb = part, pe = part + 1;
  int has_poly = 0;
  for (int32_t q = pb; q < pe; q++) has_poly |= gv_part_kind(a, t, q) == GV_POLYGON;
  int erode = d < 0 && (has_poly || !p->single_sided);
  *op = erode ? GV_OV_DIFFERENCE : GV_OV_UNARY;
  pen w;
  memset(&w, 0, sizeof w);
  w.d = fabs(d);
  w.quad_segs = p->quad_segs < 1 ? 1 : p->quad_segs;
  w.cap = p->cap;
  w.join = p->join;
  w.mitre_limit = p->mitre_limit;
  w.slot = erode ? 1 : 0;
  w.segs = segs;
  w.st = GV_OK;
  for (int32_t q = pb; q < pe && w.st == GV_OK; q++) {
    uint8_t kind = gv_part_kind(a, t, q);
    if (kind == GV_POLYGON) {
      polygon(&w, a, q, d, proj);
      continue;
    }
    if (d == 0 || erode) continue; /* points and lines have no area to keep or erode */
    for (int32_t r = gv_part_begin(a, q), re = gv_part_end(a, q); r < re && w.st == GV_OK; r++) {
      int64_t m = gather(&w, a, gv_ring_begin(a, r), gv_ring_end(a, r), proj);
      const xy *v = (const xy *)w.pts.data;
      if (m == 0) continue;
      if (m == 1) {
        if (!p->single_sided) point(&w, v[0]);
      } else if (p->single_sided) {
        linework(&w, v, m, 0, d > 0 ? 1 : -1, 0, 0);
      } else if (m >= 4 && v[0].x == v[m - 1].x && v[0].y == v[m - 1].y) {
        linework(&w, v, m - 1, 1, 0, 0, 0); /* a closed line is a ring: joins all round, no caps */
      } else {
        linework(&w, v, m, 0, 0, 1, 0);
      }
    }
  }
  gv_buf_free(&w.piece);
  gv_buf_free(&w.pts);
  if (w.st == GV_ERR_ARG) *why = w.why;
  return w.st;
}

/* ---- offset curve ----------------------------------------------------------------------------
 *
 * GEOS 3.13 / JTS OffsetCurve: the sections of the buffer's boundary that
 * lie on the raw offset curve (the line's segments moved to one side, with
 * the joins on the outer side of each turn). The raw curve is made by the
 * same expressions as the buffer's pieces, so the boundary's vertices lie
 * on it up to the overlay's noding; a boundary segment belongs to the
 * curve when both its ends are within d / 10^4 of the same raw segment
 * (or of two raw segments at most two apart). Sections are oriented and
 * ordered along the raw curve. */

typedef struct match {
  int64_t seg; /* raw segment, -1: no match */
  double lp, lq; /* positions along the raw curve of the segment's ends */
} match;

/* A uniform grid over the raw segments (CSR lists of segment ids). */
typedef struct grid {
  double x0, y0, h;
  int64_t nx, ny;
  int64_t *start, *ids;
} grid;

static void cell_range(const grid *g, double xa, double ya, double xb, double yb, int64_t r[4]) {
  double lo[2] = {fmin(xa, xb), fmin(ya, yb)}, hi[2] = {fmax(xa, xb), fmax(ya, yb)};
  double c[4] = {(lo[0] - g->x0) / g->h, (lo[1] - g->y0) / g->h, (hi[0] - g->x0) / g->h, (hi[1] - g->y0) / g->h};
  int64_t lim[4] = {g->nx - 1, g->ny - 1, g->nx - 1, g->ny - 1};
  for (int k = 0; k < 4; k++) {
    double v = floor(c[k]);
    r[k] = v < 0 ? 0 : v > (double)lim[k] ? lim[k] : (int64_t)v;
  }
}

static gv_status grid_build(grid *g, const xy *R, int64_t nr, double tol) {
  memset(g, 0, sizeof *g);
  double lo[2] = {R[0].x, R[0].y}, hi[2] = {R[0].x, R[0].y};
  for (int64_t k = 1; k < nr; k++) {
    lo[0] = fmin(lo[0], R[k].x), lo[1] = fmin(lo[1], R[k].y);
    hi[0] = fmax(hi[0], R[k].x), hi[1] = fmax(hi[1], R[k].y);
  }
  double side = fmax(hi[0] - lo[0], hi[1] - lo[1]) + 2 * tol;
  int64_t n = (int64_t)sqrt((double)nr) + 1;
  if (n > 512) n = 512;
  g->h = side / (double)n;
  if (!(g->h > 0)) g->h = 1.0;
  g->x0 = lo[0] - tol, g->y0 = lo[1] - tol;
  g->nx = g->ny = n;
  g->start = gv_calloc((size_t)(n * n + 1), sizeof(int64_t));
  if (!g->start) return GV_ERR_NOMEM;
  int64_t r[4], total = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int64_t k = 0; k + 1 < nr; k++) {
      cell_range(g, fmin(R[k].x, R[k + 1].x) - tol, fmin(R[k].y, R[k + 1].y) - tol, fmax(R[k].x, R[k + 1].x) + tol,
                 fmax(R[k].y, R[k + 1].y) + tol, r);
      for (int64_t cy = r[1]; cy <= r[3]; cy++)
        for (int64_t cx = r[0]; cx <= r[2]; cx++) {
          int64_t c = cy * n + cx;
          if (pass == 0) g->start[c + 1]++;
          else g->ids[g->start[c]++] = k;
        }
    }
    if (pass == 0) {
      for (int64_t c = 0; c < n * n; c++) g->start[c + 1] += g->start[c];
      total = g->start[n * n];
      g->ids = gv_malloc((size_t)total * sizeof(int64_t) + 1);
      if (!g->ids) return GV_ERR_NOMEM;
    }
  }
  for (int64_t c = n * n; c > 0; c--) g->start[c] = g->start[c - 1]; /* undo the fill's advance */
  g->start[0] = 0;
  return GV_OK;
}

static void grid_free(grid *g) {
  gv_free(g->start);
  gv_free(g->ids);
}

/* The raw segment a boundary segment p-q lies along, or seg -1: the first
 * raw segment within tol of both ends, else (a boundary segment across a
 * raw vertex the overlay dropped) the nearest pair of raw segments at most
 * two apart, one within tol of each end. */
static match match_segment(const grid *g, const xy *R, xy p, xy q, double tol) {
  match m = {-1, 0, 0};
  int64_t r[4];
  cell_range(g, p.x, p.y, q.x, q.y, r);
  int64_t bp = -1, bq = -1, both = -1;
  double tp = 0, tq = 0, bt0 = 0, bt1 = 0;
  for (int64_t cy = r[1]; cy <= r[3]; cy++)
    for (int64_t cx = r[0]; cx <= r[2]; cx++) {
      int64_t c = cy * g->nx + cx;
      for (int64_t k = g->start[c]; k < g->start[c + 1]; k++) {
        int64_t j = g->ids[k];
        double t0, t1;
        int onp = seg_dist(p, R[j], R[j + 1], &t0) <= tol, onq = seg_dist(q, R[j], R[j + 1], &t1) <= tol;
        if (onp && onq && (both < 0 || j < both)) both = j, bt0 = t0, bt1 = t1;
        if (onp && (bp < 0 || j < bp)) bp = j, tp = t0;
        if (onq && (bq < 0 || j < bq)) bq = j, tq = t1;
      }
    }
  if (both >= 0) bp = bq = both, tp = bt0, tq = bt1;
  else if (bp < 0 || bq < 0 || llabs(bp - bq) > 2) return m;
  m.seg = bp;
  m.lp = (double)bp + tp;
  m.lq = (double)bq + tq;
  return m;
}

typedef struct section {
  double key;
  int64_t first, n; /* points in the section buffer */
} section;

static int section_cmp(const void *x, const void *y) {
  double a = ((const section *)x)->key, b = ((const section *)y)->key;
  return a < b ? -1 : a > b;
}

/* Drops, in place, the vertices of a section that lie exactly on the
 * segment between their neighbours (the ends stay); returns the count. */
static int64_t tidy_line(xy *v, int64_t n) {
  if (n < 3) return n;
  int64_t wr = 1;
  for (int64_t k = 1; k + 1 < n; k++) {
    xy a = v[wr - 1], b = v[k], c = v[k + 1];
    if (gv_orient(a.x, a.y, b.x, b.y, c.x, c.y) == 0 && (a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y) < 0) continue;
    v[wr++] = b;
  }
  v[wr++] = v[n - 1];
  return wr;
}

static gv_status out_line(gv_ov_out *o, const xy *v, int64_t n) {
  int32_t c = (int32_t)n;
  if (gv_buf_append(&o->cnt, &c, sizeof c) != GV_OK || gv_buf_append(&o->xy, v, (size_t)n * sizeof(xy)) != GV_OK)
    return GV_ERR_NOMEM;
  o->nline++;
  return GV_OK;
}

/* Every ring of the polygons of `res`, as lines. */
static gv_status rings_as_lines(const gv_ov_out *res, gv_ov_out *out) {
  const int32_t *cnt = (const int32_t *)res->cnt.data;
  const xy *v = (const xy *)res->xy.data;
  for (int32_t k = 0; k < res->npoly; k++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      if (out_line(out, v, nc) != GV_OK) return GV_ERR_NOMEM;
      v += nc;
    }
  }
  return GV_OK;
}

/* The offset curve of one line of m distinct vertices on side s. */
static gv_status line_offset(pen *w, const xy *v, int64_t m, int s, gv_ov_out *out) {
  /* the buffer: both sides, round caps, the joins asked for */
  gv_buf segs = {0};
  w->segs = &segs;
  w->slot = 0;
  int cap = w->cap;
  w->cap = GV_CAP_ROUND;
  linework(w, v, m, 0, 0, 1, 0);
  w->cap = cap;
  gv_ov_out bo;
  memset(&bo, 0, sizeof bo);
  gv_status st = w->st;
  if (st == GV_OK) st = gv_ov_areas((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), GV_OV_UNARY, 0, &bo);
  gv_buf_free(&segs);
  /* the raw curve */
  piece_begin(w);
  xy t, n;
  seg_dir(v[0], v[1], &t, &n);
  piece_pt(w, off(v[0], n, s, w->d));
  for (int64_t k = 1; k + 1 < m; k++) {
    xy t1, n1, t2, n2;
    int rev;
    double delta = 0;
    int gap = turn_gap(v[k - 1], v[k], v[k + 1], &t1, &n1, &t2, &n2, &rev, &delta);
    if (gap == s) join_outline(w, v[k], t1, n1, t2, n2, s, delta);
    else if (rev && w->join == GV_JOIN_ROUND) join_outline(w, v[k], t1, n1, t2, n2, s, -s * PI);
    else {
      piece_pt(w, off(v[k], n1, s, w->d));
      piece_pt(w, off(v[k], n2, s, w->d));
    }
  }
  seg_dir(v[m - 2], v[m - 1], &t, &n);
  piece_pt(w, off(v[m - 1], n, s, w->d));
  if (w->st != GV_OK) st = w->st;
  const xy *R = (const xy *)w->piece.data;
  int64_t nr = (int64_t)(w->piece.len / sizeof(xy));
  double tol = w->d * 1e-4;
  grid g;
  memset(&g, 0, sizeof g);
  gv_buf pts = {0}, secs = {0}, marks = {0};
  if (st == GV_OK) st = grid_build(&g, R, nr, tol);
  /* sections: runs of boundary segments along the raw curve */
  const int32_t *cnt = (const int32_t *)bo.cnt.data;
  const xy *bv = (const xy *)bo.xy.data;
  for (int32_t k = 0; k < bo.npoly && st == GV_OK; k++) {
    int32_t rings = *cnt++;
    for (int32_t r = 0; r < rings && st == GV_OK; r++) {
      int32_t nc = *cnt++;
      const xy *ring = bv;
      bv += nc;
      int32_t ns = nc - 1;
      marks.len = 0;
      int32_t unmatched = -1;
      for (int32_t q = 0; q < ns && st == GV_OK; q++) {
        match mm = match_segment(&g, R, ring[q], ring[q + 1], tol);
        if (mm.seg < 0) unmatched = q;
        if (gv_buf_append(&marks, &mm, sizeof mm) != GV_OK) st = GV_ERR_NOMEM;
      }
      if (st != GV_OK) break;
      const match *mk = (const match *)marks.data;
      /* start after an unmatched segment (a ring all on the curve is one closed section) */
      int32_t begin = unmatched < 0 ? 0 : unmatched + 1;
      for (int32_t c = 0; c < ns && st == GV_OK;) {
        int32_t q = (begin + c) % ns;
        if (mk[q].seg < 0) {
          c++;
          continue;
        }
        section sec = {0, (int64_t)(pts.len / sizeof(xy)), 0};
        double lo = mk[q].lp;
        int32_t q0 = q, q1 = q, votes = 0; /* segments running with the raw curve minus against it */
        while (c < ns && mk[(begin + c) % ns].seg >= 0) {
          q1 = (begin + c) % ns;
          lo = fmin(lo, fmin(mk[q1].lp, mk[q1].lq));
          votes += (mk[q1].lq > mk[q1].lp) - (mk[q1].lq < mk[q1].lp);
          c++;
        }
        int forward = votes >= 0;
        int32_t len = (q1 - q0 + ns) % ns + 1;
        for (int32_t e = 0; e <= len && st == GV_OK; e++) {
          int32_t at = forward ? (q0 + e) % ns : (q0 + len - e) % ns;
          if (gv_buf_append(&pts, &ring[at], sizeof(xy)) != GV_OK) st = GV_ERR_NOMEM;
        }
        sec.n = len + 1;
        sec.key = lo;
        if (st == GV_OK && gv_buf_append(&secs, &sec, sizeof sec) != GV_OK) st = GV_ERR_NOMEM;
      }
    }
  }
  int64_t nsec = (int64_t)(secs.len / sizeof(section));
  if (st == GV_OK && nsec > 1) qsort(secs.data, (size_t)nsec, sizeof(section), section_cmp);
  for (int64_t k = 0; k < nsec && st == GV_OK; k++) {
    const section *sc = (const section *)secs.data + k;
    xy *sv = (xy *)pts.data + sc->first;
    st = out_line(out, sv, tidy_line(sv, sc->n));
  }
  grid_free(&g);
  gv_buf_free(&pts);
  gv_buf_free(&secs);
  gv_buf_free(&marks);
  gv_ov_out_free(&bo);
  return st;
}

gv_status gv_offset_curve(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, gv_ov_out *out,
                          const char **why) {
  uint8_t t = gv_type_byte(a, i);
  pen w;
  memset(&w, 0, sizeof w);
  w.d = fabs(d);
  w.quad_segs = p->quad_segs < 1 ? 1 : p->quad_segs;
  w.cap = GV_CAP_ROUND;
  w.join = p->join;
  w.mitre_limit = p->mitre_limit;
  w.st = GV_OK;
  for (int32_t q = gv_geom_begin(a, i), qe = gv_geom_end(a, i); q < qe && w.st == GV_OK; q++) {
    uint8_t kind = gv_part_kind(a, t, q);
    if (kind == GV_POINT) continue;
    if (kind == GV_POLYGON) { /* the boundary of the polygon's buffer */
      gv_buf segs = {0};
      int op = GV_OV_UNARY;
      gv_buffer_params bp = *p;
      bp.single_sided = 0;
      bp.cap = GV_CAP_ROUND;
      w.st = gv_buffer_pieces(a, i, q, d, &bp, NULL, &segs, &op, why);
      gv_ov_out res;
      memset(&res, 0, sizeof res);
      if (w.st == GV_OK) w.st = gv_ov_areas((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), op, 0, &res);
      if (w.st == GV_OK) gv_buffer_tidy(&res);
      if (w.st == GV_OK) w.st = rings_as_lines(&res, out);
      gv_ov_out_free(&res);
      gv_buf_free(&segs);
      continue;
    }
    for (int32_t r = gv_part_begin(a, q), re = gv_part_end(a, q); r < re && w.st == GV_OK; r++) {
      int64_t m = gather(&w, a, gv_ring_begin(a, r), gv_ring_end(a, r), NULL);
      if (m < 2) continue;
      const xy *v = (const xy *)w.pts.data;
      if (d == 0) w.st = out_line(out, v, m);
      else {
        /* line_offset reuses w.pts' memory for nothing else: copy the run */
        gv_buf run = {0};
        if (gv_buf_append(&run, v, (size_t)m * sizeof(xy)) != GV_OK) w.st = GV_ERR_NOMEM;
        else w.st = line_offset(&w, (const xy *)run.data, m, d > 0 ? 1 : -1, out);
        gv_buf_free(&run);
      }
    }
  }
  gv_buf_free(&w.piece);
  gv_buf_free(&w.pts);
  if (w.st == GV_ERR_ARG && w.why) *why = w.why;
  return w.st;
}
