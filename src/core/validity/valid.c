/* OGC validity, GEOS 3.13 IsValidOp semantics (see valid.h).
 *
 * The ring analysis follows the design of JTS/GEOS PolygonTopologyAnalyzer:
 * every pair of segments whose boxes meet is intersected exactly; a proper
 * or collinear intersection is a Self-intersection; a touch within one ring
 * (segments not adjacent) is a Ring Self-intersection; a touch between two
 * rings is invalid when the rings cross there (decided from the angular
 * order of the four edges at the node), and is otherwise recorded, so that
 * two rings of one polygon touching at two points, or a cycle of touching
 * rings, is reported as a disconnected interior. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algorithm/prepared.h"
#include "simple.h"
#include "valid.h"
#include "vrings.h"

static const char *const MESSAGES[GV_VALID_CODES] = {
    "Valid Geometry",
    "Self-intersection",
    "Ring Self-intersection",
    "Hole lies outside shell",
    "Holes are nested",
    "Interior is disconnected",
    "Nested shells",
    "Too few points in geometry component",
    "Invalid Coordinate",
    "Ring is not closed",
};

const char *gv_validity_message(int code) {
  return code >= 0 && code < GV_VALID_CODES ? MESSAGES[code] : "Unknown error";
}

int gv_validity_reason(const gv_validity *v, char *buf, size_t cap) {
  if (v->code == GV_VALID) return snprintf(buf, cap, "%s", MESSAGES[0]);
  return snprintf(buf, cap, "%s[%.15g %.15g]", gv_validity_message(v->code), v->x, v->y);
}

gv_valid_work *gv_valid_work_new(void) {
  gv_valid_work *w = gv_calloc(1, sizeof *w);
  if (w) vr_init(&w->s);
  return w;
}

void gv_valid_work_free(gv_valid_work *w) {
  if (!w) return;
  vr_free(&w->s);
  gv_free(w->touch);
  gv_free(w->info);
  gv_free(w->stack);
  gv_free(w->pts);
  gv_free(w->events);
  gv_free(w);
}

/* ---- node topology (as JTS PolygonNodeTopology), exact through gv_orient ---- */

static int quadrant(gv_pt o, gv_pt p) {
  double dx = p.x - o.x, dy = p.y - o.y; /* the sign of a difference of doubles is exact */
  if (dx >= 0) return dy >= 0 ? 0 : 3;
  return dy >= 0 ? 1 : 2;
}

/* 1 when p's direction from o is at a greater angle than q's (measured
 * counter-clockwise from the positive x-axis), -1 when smaller, 0 when equal. */
static int compare_angle(gv_pt o, gv_pt p, gv_pt q) {
  int qp = quadrant(o, p), qq = quadrant(o, q);
  if (qp != qq) return qp > qq ? 1 : -1;
  return gv_orient(o.x, o.y, q.x, q.y, p.x, p.y);
}

static int angle_greater(gv_pt o, gv_pt p, gv_pt q) { return compare_angle(o, p, q) > 0; }

static int compare_between(gv_pt o, gv_pt p, gv_pt e0, gv_pt e1) {
  int c0 = compare_angle(o, p, e0);
  if (c0 == 0) return 0;
  int c1 = compare_angle(o, p, e1);
  if (c1 == 0) return 0;
  return c0 > 0 && c1 < 0 ? 1 : -1;
}

/* Whether edges node-b0 and node-b1 cross the corner a0-node-a1 (collinear edges do not). */
static int node_crossing(gv_pt node, gv_pt a0, gv_pt a1, gv_pt b0, gv_pt b1) {
  gv_pt lo = a0, hi = a1;
  if (angle_greater(node, lo, hi)) lo = a1, hi = a0;
  int c0 = compare_between(node, b0, lo, hi);
  if (c0 == 0) return 0;
  int c1 = compare_between(node, b1, lo, hi);
  if (c1 == 0) return 0;
  return c0 != c1;
}

static int angle_between(gv_pt o, gv_pt p, gv_pt e0, gv_pt e1) {
  if (!angle_greater(o, p, e0)) return 0;
  return !angle_greater(o, p, e1);
}

/* Whether segment node-b lies in the interior side of the corner
 * a0-node-a1 of a ring whose interior is on the right. */
static int interior_segment(gv_pt node, gv_pt a0, gv_pt a1, gv_pt b) {
  gv_pt lo = a0, hi = a1;
  int interior_between = 1;
  if (angle_greater(node, lo, hi)) lo = a1, hi = a0, interior_between = 0;
  int between = angle_between(node, b, lo, hi);
  return between == interior_between;
}

/* ---- ring helpers over the working set ---- */

static int32_t run_size(const vr_set *s, int32_t r) { return s->runs[r].k1 - s->runs[r].k0; }

/* Orientation of a closed ring (JTS Orientation.isCCW, robust form): from
 * the highest point's cap; a flat or degenerate ring gives 0. */
static int run_is_ccw(const vr_set *s, int32_t r) {
  int32_t k0 = s->runs[r].k0, npts = run_size(s, r) - 1;
  if (npts < 3) return 0;
  gv_pt up_hi = vr_pt(s, k0), up_lo = up_hi;
  double prev_y = up_hi.y;
  int32_t i_up_hi = 0;
  for (int32_t i = 1; i <= npts; i++) {
    double py = vr_pt(s, k0 + i).y;
    if (py > prev_y && py >= up_hi.y) {
      i_up_hi = i;
      up_hi = vr_pt(s, k0 + i);
      up_lo = vr_pt(s, k0 + i - 1);
    }
    prev_y = py;
  }
  if (i_up_hi == 0) return 0;
  int32_t i_down_lo = i_up_hi;
  do {
    i_down_lo = (i_down_lo + 1) % npts;
  } while (i_down_lo != i_up_hi && vr_pt(s, k0 + i_down_lo).y == up_hi.y);
  gv_pt down_lo = vr_pt(s, k0 + i_down_lo);
  int32_t i_down_hi = i_down_lo > 0 ? i_down_lo - 1 : npts - 1;
  gv_pt down_hi = vr_pt(s, k0 + i_down_hi);
  if (gv_pt_eq(up_hi, down_hi)) {
    if (gv_pt_eq(up_lo, up_hi) || gv_pt_eq(down_lo, up_hi) || gv_pt_eq(up_lo, down_lo)) return 0;
    return gv_orient(up_lo.x, up_lo.y, up_hi.x, up_hi.y, down_lo.x, down_lo.y) > 0;
  }
  return down_hi.x - up_hi.x < 0;
}

static int on_segment(gv_pt p, gv_pt a, gv_pt b) {
  if (p.x < (a.x < b.x ? a.x : b.x) || p.x > (a.x > b.x ? a.x : b.x)) return 0;
  if (p.y < (a.y < b.y ? a.y : b.y) || p.y > (a.y > b.y ? a.y : b.y)) return 0;
  return gv_orient(a.x, a.y, b.x, b.y, p.x, p.y) == 0;
}

/* Whether segment p0-p1, with p0 on the boundary of ring r, goes into its interior. */
static int incident_segment_in_run(const vr_set *s, int32_t r, gv_pt p0, gv_pt p1) {
  int32_t k0 = s->runs[r].k0, n = run_size(s, r);
  int32_t index = 0;
  for (int32_t i = 0; i + 1 < n; i++) {
    if (on_segment(p0, vr_pt(s, k0 + i), vr_pt(s, k0 + i + 1))) {
      index = gv_pt_eq(p0, vr_pt(s, k0 + i + 1)) ? i + 1 : i;
      break;
    }
  }
  /* neighbours of the node on the ring, skipping the node itself */
  int32_t ip = index, guard = n;
  gv_pt prev = vr_pt(s, k0 + ip);
  while (gv_pt_eq(prev, p0) && guard-- > 0) {
    ip = ip == 0 ? n - 2 : ip - 1;
    prev = vr_pt(s, k0 + ip);
  }
  int32_t in = index + 1;
  guard = n;
  gv_pt next = vr_pt(s, k0 + in);
  while (gv_pt_eq(next, p0) && guard-- > 0) {
    in = in >= n - 2 ? 0 : in + 1;
    next = vr_pt(s, k0 + in);
  }
  if (run_is_ccw(s, r)) { /* make the interior lie on the right */
    gv_pt t = prev;
    prev = next, next = t;
  }
  return interior_segment(p0, prev, next, p1);
}

/* Whether ring `test` lies inside ring `target` (they may touch). */
static int run_nested(const vr_set *s, int32_t test, int32_t target) {
  int32_t k0 = s->runs[test].k0, n = run_size(s, test);
  gv_pt p0 = vr_pt(s, k0);
  int loc = vr_locate_in_run(s, target, p0.x, p0.y);
  if (loc == GV_LOC_EXTERIOR) return 0;
  if (loc == GV_LOC_INTERIOR) return 1;
  int32_t i = 1;
  gv_pt p1 = vr_pt(s, k0 + i);
  while (gv_pt_eq(p1, p0) && i < n - 1) p1 = vr_pt(s, k0 + ++i);
  return incident_segment_in_run(s, target, p0, p1);
}

static int box_covers(gv_box a, gv_box b) {
  return b.minx >= a.minx && b.maxx <= a.maxx && b.miny >= a.miny && b.maxy <= a.maxy;
}

/* ---- the analysis of one polygonal element ---- */

enum { INFO_FIRST = 0, INFO_ROOT = 1, INFO_TRACKED = 2, INFO_N = 3 };

/* The order in which a problem found by the segment scan is reported:
 * the first in ring order (the pairs within each ring first, ring by ring,
 * then the pairs across rings), whatever order the sweep met them in; the
 * same order decides which touch of two rings is their "second". This is
 * close to the order GEOS's noder meets them in (see the tests). */
typedef struct vkey {
  int32_t cross, ra, rb, ka, kb;
} vkey;

static int key_less(const vkey *a, const vkey *b) {
  if (a->cross != b->cross) return a->cross < b->cross;
  if (a->ra != b->ra) return a->ra < b->ra;
  if (a->rb != b->rb) return a->rb < b->rb;
  if (a->ka != b->ka) return a->ka < b->ka;
  return a->kb < b->kb;
}

/* A touch of two rings of one polygon at a vertex, where they do not cross. */
typedef struct vr_event {
  vkey key;
  gv_pt pt;
} vr_event;

typedef struct vcheck {
  gv_valid_work *w;
  const gv_array *a;
  int code;
  gv_pt loc;
  int double_touch;
  gv_pt touch_loc;
  /* the first problem of the scan, in ring order */
  int scan_code;
  vkey scan_key;
  gv_pt scan_loc;
  /* point location in whole polygons: y-stripes over the geometry's big
   * parts, built on first use (prepared.h) */
  int64_t geom;
  int prep_tried;
  gv_prepared *prep;
} vcheck;

/* Location of (x, y) in polygon part p of the geometry being checked. */
static int locate_part(vcheck *c, int32_t p, double x, double y) {
  const gv_array *a = c->a;
  if (!c->prep_tried && !a->prepared) {
    c->prep_tried = 1;
    int32_t k0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, c->geom)));
    int32_t k1 = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, c->geom)));
    if (k1 - k0 > 256 && gv_prepared_build(a, c->geom, c->geom + 1, 0, &c->prep)) c->prep = NULL;
  }
  const gv_part_pip *pp = c->prep ? gv_part_pip_of(c->prep, p) : NULL;
  return pp ? gv_pip_part(a, p, pp, x, y) : gv_locate_in_polygon(a, p, x, y);
}

static int fail(vcheck *c, int code, double x, double y) {
  c->code = code;
  c->loc.x = x, c->loc.y = y;
  return 1;
}

static int32_t *info(vcheck *c, int32_t r) { return c->w->info + (int64_t)r * INFO_N; }

static int add_touch_rec(vcheck *c, int32_t r, int32_t other, gv_pt pt) {
  gv_valid_work *w = c->w;
  if (!vr_grow((void **)&w->touch, &w->cap_touch, w->ntouch + 1, sizeof(vr_touch))) return 0;
  vr_touch *t = &w->touch[w->ntouch];
  t->other = other;
  t->pt = pt;
  t->next = info(c, r)[INFO_FIRST];
  info(c, r)[INFO_FIRST] = (int32_t)w->ntouch++;
  return 1;
}

static void scan_problem(vcheck *c, int code, vkey k, gv_pt at) {
  if (c->scan_code && !key_less(&k, &c->scan_key)) return;
  c->scan_code = code;
  c->scan_key = k;
  c->scan_loc = at;
}

static int by_rings_then_key(const void *x, const void *y) {
  const vr_event *a = x, *b = y;
  if (a->key.ra != b->key.ra) return a->key.ra < b->key.ra ? -1 : 1;
  if (a->key.rb != b->key.rb) return a->key.rb < b->key.rb ? -1 : 1;
  return key_less(&a->key, &b->key) ? -1 : key_less(&b->key, &a->key);
}

/* After the scan: the first double touch in ring order (two rings of a
 * polygon touching at a second point), and the touch records (the first
 * touch of each pair of rings) for the hole-cycle search. */
static void settle_touches(vcheck *c) {
  gv_valid_work *w = c->w;
  vr_event *e = w->events;
  int64_t n = w->nevents;
  if (n > 1) qsort(e, (size_t)n, sizeof *e, by_rings_then_key);
  int have = 0;
  vkey first_key = {0, 0, 0, 0, 0};
  for (int64_t g = 0; g < n;) {
    int64_t h = g + 1;
    while (h < n && e[h].key.ra == e[g].key.ra && e[h].key.rb == e[g].key.rb) h++;
    for (int64_t i = g + 1; i < h; i++)
      if (!gv_pt_eq(e[i].pt, e[g].pt)) {
        if (!have || key_less(&e[i].key, &first_key)) have = 1, first_key = e[i].key, c->touch_loc = e[i].pt;
        break;
      }
    if (!add_touch_rec(c, e[g].key.ra, e[g].key.rb, e[g].pt) || !add_touch_rec(c, e[g].key.rb, e[g].key.ra, e[g].pt))
      w->s.status = GV_ERR_NOMEM;
    g = h;
  }
  if (have && (!c->scan_code || key_less(&first_key, &c->scan_key))) c->double_touch = 1;
}

static gv_pt prev_in_run(const vr_set *s, int32_t r, int32_t k) {
  int32_t k0 = s->runs[r].k0;
  return vr_pt(s, k == k0 ? s->runs[r].k1 - 2 : k - 1);
}

static int analyze_pair(void *ctx, int32_t ra, int32_t ka, int32_t rb, int32_t kb) {
  vcheck *c = ctx;
  const vr_set *s = &c->w->s;
  if (s->status) return 1;
  gv_pt p00 = vr_pt(s, ka), p01 = vr_pt(s, ka + 1), p10 = vr_pt(s, kb), p11 = vr_pt(s, kb + 1);
  gv_li_result li;
  gv_segment_intersection(p00, p01, p10, p11, &li);
  if (li.n == 0) return 0;
  vkey key = {ra != rb, ra, rb, ka, kb};
  if (li.proper || li.n >= 2) {
    scan_problem(c, GV_INVALID_SELF_INTERSECTION, key, li.p[0]);
    return 0;
  }
  gv_pt ip = li.p[0];
  if (ra == rb) {
    int32_t d = kb > ka ? kb - ka : ka - kb;
    if (d <= 1 || d >= run_size(s, ra) - 2) return 0; /* adjacent in the ring */
    scan_problem(c, GV_INVALID_RING_SELF_INTERSECTION, key, ip);
    return 0;
  }
  /* a vertex touch, looked at from the segments that start there */
  if (gv_pt_eq(ip, p01) || gv_pt_eq(ip, p11)) return 0;
  gv_pt e00 = p00, e10 = p10;
  if (gv_pt_eq(ip, p00)) e00 = prev_in_run(s, ra, ka);
  if (gv_pt_eq(ip, p10)) e10 = prev_in_run(s, rb, kb);
  if (node_crossing(ip, e00, p01, e10, p11)) {
    scan_problem(c, GV_INVALID_SELF_INTERSECTION, key, ip);
    return 0;
  }
  /* touches between rings of one polygon with holes are kept */
  if (!info(c, ra)[INFO_TRACKED] || !info(c, rb)[INFO_TRACKED] || s->runs[ra].poly != s->runs[rb].poly) return 0;
  gv_valid_work *w = c->w;
  if (!vr_grow((void **)&w->events, &w->cap_events, w->nevents + 1, sizeof(vr_event))) {
    w->s.status = GV_ERR_NOMEM;
    return 1;
  }
  w->events[w->nevents].key = key;
  w->events[w->nevents++].pt = ip;
  return 0;
}

/* A cycle in the graph of touching rings (touches at distinct points)
 * disconnects the interior (JTS PolygonRing.findHoleCycleLocation). */
static int hole_cycle(vcheck *c, gv_pt *where) {
  gv_valid_work *w = c->w;
  int32_t n = w->s.nruns;
  if (!vr_grow((void **)&w->stack, &w->cap_stack, (int64_t)w->ntouch + 1, sizeof(int32_t))) {
    w->s.status = GV_ERR_NOMEM;
    return 0;
  }
  for (int32_t root = 0; root < n; root++) {
    if (!info(c, root)[INFO_TRACKED] || info(c, root)[INFO_ROOT] >= 0) continue;
    info(c, root)[INFO_ROOT] = root;
    int64_t sp = 0;
    for (int32_t t = info(c, root)[INFO_FIRST]; t >= 0; t = w->touch[t].next) {
      info(c, w->touch[t].other)[INFO_ROOT] = root;
      w->stack[sp++] = t;
    }
    while (sp > 0) {
      int32_t cur = w->stack[--sp];
      gv_pt at = w->touch[cur].pt;
      for (int32_t t = info(c, w->touch[cur].other)[INFO_FIRST]; t >= 0; t = w->touch[t].next) {
        if (gv_pt_eq(w->touch[t].pt, at)) continue;
        int32_t ring = w->touch[t].other;
        if (info(c, ring)[INFO_ROOT] == root) {
          *where = w->touch[t].pt;
          return 1;
        }
        info(c, ring)[INFO_ROOT] = root;
        if (sp >= w->cap_stack) return 0; /* cannot happen: each ring is pushed once */
        w->stack[sp++] = t;
      }
    }
  }
  return 0;
}

static int nonrepeated_at_least(const gv_array *a, int32_t k0, int32_t k1, int need) {
  int count = 0;
  for (int32_t k = k0; k < k1; k++) {
    if (k > k0 && GV_X(a, k) == GV_X(a, k - 1) && GV_Y(a, k) == GV_Y(a, k - 1)) continue;
    if (++count >= need) return 1;
  }
  return 0;
}

static int check_coords(vcheck *c, int32_t k0, int32_t k1) {
  const gv_array *a = c->a;
  for (int32_t k = k0; k < k1; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (!isfinite(x) || !isfinite(y)) return fail(c, GV_INVALID_COORDINATE, x, y);
  }
  return 0;
}

/* Polygon or multipolygon with parts [p0, p1). */
static int check_polygonal(vcheck *c, int32_t p0, int32_t p1) {
  const gv_array *a = c->a;
  /* coordinates, closure, sizes: each for all parts before the next */
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++)
      if (check_coords(c, gv_ring_begin(a, r), gv_ring_end(a, r))) return 1;
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (k1 > k0 && (GV_X(a, k0) != GV_X(a, k1 - 1) || GV_Y(a, k0) != GV_Y(a, k1 - 1)))
        return fail(c, GV_INVALID_RING_NOT_CLOSED, GV_X(a, k0), GV_Y(a, k0));
    }
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (k1 > k0 && !nonrepeated_at_least(a, k0, k1, 4)) return fail(c, GV_INVALID_TOO_FEW_POINTS, GV_X(a, k0), GV_Y(a, k0));
    }
  /* the working set: every non-empty ring; polygons with holes are tracked for touches */
  gv_valid_work *w = c->w;
  vr_set *s = &w->s;
  vr_clear(s);
  w->ntouch = 0;
  for (int32_t p = p0; p < p1; p++) {
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    if (r1 <= r0 || gv_ring_end(a, r0) <= gv_ring_begin(a, r0)) continue; /* empty polygon */
    for (int32_t r = r0; r < r1; r++) {
      if (gv_ring_end(a, r) <= gv_ring_begin(a, r)) continue;
      if (vr_add(s, a, r, p - p0, r == r0 ? -1 : r - r0 - 1) < 0) return 0;
    }
  }
  if (vr_finish(s)) return 0;
  int32_t n = s->nruns;
  if (!vr_grow((void **)&w->info, &w->cap_info, (int64_t)n * INFO_N, sizeof(int32_t))) {
    s->status = GV_ERR_NOMEM;
    return 0;
  }
  for (int32_t r = 0; r < n; r++) {
    int32_t *in = info(c, r);
    int32_t src_part = p0 + s->runs[r].poly;
    in[INFO_FIRST] = -1;
    in[INFO_ROOT] = -1;
    in[INFO_TRACKED] = gv_part_end(a, src_part) - gv_part_begin(a, src_part) > 1;
  }
  /* segment intersections: the whole scan, then the first problem in ring order */
  w->nevents = 0;
  c->scan_code = GV_VALID;
  c->double_touch = 0;
  vr_pairs(s, analyze_pair, c);
  if (s->status) return 0;
  settle_touches(c);
  if (s->status) return 0;
  if (c->scan_code && !c->double_touch) return fail(c, c->scan_code, c->scan_loc.x, c->scan_loc.y);
  /* holes inside their shell; the runs of a polygon are consecutive, shell first */
  for (int32_t r = 0, shell = -1; r < n; r++) {
    if (s->runs[r].hole < 0) {
      shell = r;
      continue;
    }
    gv_pt h0 = vr_pt(s, s->runs[r].k0);
    if (shell < 0 || !box_covers(s->runs[shell].box, s->runs[r].box) || !run_nested(s, r, shell))
      return fail(c, GV_INVALID_HOLE_OUTSIDE_SHELL, h0.x, h0.y);
  }
  /* holes not nested */
  for (int32_t r = 0, shell = -1; r < n; r++) {
    if (s->runs[r].hole < 0) {
      shell = r;
      continue;
    }
    for (int32_t q = shell + 1; q < n && s->runs[q].hole >= 0; q++) {
      if (q == r || !box_covers(s->runs[q].box, s->runs[r].box)) continue;
      if (run_nested(s, r, q)) {
        gv_pt h0 = vr_pt(s, s->runs[r].k0);
        return fail(c, GV_INVALID_NESTED_HOLES, h0.x, h0.y);
      }
    }
  }
  /* shells not nested */
  if (p1 - p0 > 1) {
    for (int32_t r = 0; r < n; r++) {
      if (s->runs[r].hole >= 0) continue;
      for (int32_t q = 0; q < n; q++) {
        if (q == r || s->runs[q].hole >= 0 || !box_covers(s->runs[q].box, s->runs[r].box)) continue;
        /* shell r against polygon q (shell q and its holes) */
        int32_t part_q = p0 + s->runs[q].poly;
        int32_t k0 = s->runs[r].k0, nested = 0;
        gv_pt at = vr_pt(s, k0);
        int loc = locate_part(c, part_q, at.x, at.y);
        if (loc == GV_LOC_INTERIOR) nested = 1;
        if (loc == GV_LOC_BOUNDARY) {
          at = vr_pt(s, k0 + 1);
          loc = locate_part(c, part_q, at.x, at.y);
          if (loc == GV_LOC_INTERIOR) nested = 1;
          if (loc == GV_LOC_BOUNDARY && run_nested(s, r, q)) {
            nested = 1;
            at = vr_pt(s, k0);
            for (int32_t h = q + 1; h < n && s->runs[h].hole >= 0; h++)
              if (box_covers(s->runs[h].box, s->runs[r].box) && run_nested(s, r, h)) {
                nested = 0;
                break;
              }
          }
        }
        if (nested) return fail(c, GV_INVALID_NESTED_SHELLS, at.x, at.y);
      }
    }
  }
  /* connected interior */
  if (c->double_touch) return fail(c, GV_INVALID_DISCONNECTED_INTERIOR, c->touch_loc.x, c->touch_loc.y);
  gv_pt where;
  if (hole_cycle(c, &where)) return fail(c, GV_INVALID_DISCONNECTED_INTERIOR, where.x, where.y);
  return 0;
}

static int check_element(void *ctx, uint8_t t, int32_t p0, int32_t p1) {
  vcheck *c = ctx;
  const gv_array *a = c->a;
  switch (GV_BASE_TYPE(t)) {
  case GV_POINT:
  case GV_MULTIPOINT:
    for (int32_t p = p0; p < p1; p++) {
      if (gv_part_end(a, p) <= gv_part_begin(a, p)) continue;
      int32_t k0 = gv_ring_begin(a, gv_part_begin(a, p)), k1 = gv_ring_end(a, gv_part_end(a, p) - 1);
      for (int32_t k = k0; k < k1; k++) {
        double x = GV_X(a, k), y = GV_Y(a, k);
        if (isnan(x) && isnan(y)) continue; /* POINT EMPTY */
        if (!isfinite(x) || !isfinite(y)) return fail(c, GV_INVALID_COORDINATE, x, y);
      }
    }
    return 0;
  case GV_LINESTRING:
  case GV_MULTILINESTRING:
    for (int32_t p = p0; p < p1; p++) {
      for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
        int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
        if (k1 <= k0) continue;
        if (check_coords(c, k0, k1)) return 1;
        if (!nonrepeated_at_least(a, k0, k1, 2)) return fail(c, GV_INVALID_TOO_FEW_POINTS, GV_X(a, k0), GV_Y(a, k0));
      }
    }
    return 0;
  case GV_POLYGON:
  case GV_MULTIPOLYGON:
    return check_polygonal(c, p0, p1) || c->w->s.status;
  default:
    return 0;
  }
}

int gv_element_valid(gv_valid_work *w, const gv_array *a, int64_t i, uint8_t t, int32_t p0, int32_t p1) {
  w->s.status = GV_OK;
  vcheck c = {w, a, GV_VALID, {NAN, NAN}, 0, {NAN, NAN}, GV_VALID, {0, 0, 0, 0, 0}, {NAN, NAN}, i, 0, NULL};
  check_element(&c, t, p0, p1);
  gv_prepared_free(c.prep);
  if (w->s.status) return -1;
  return c.code == GV_VALID;
}

gv_status gv_geom_validity(gv_valid_work *w, const gv_array *a, int64_t i, gv_validity *out) {
  out->code = GV_VALID;
  out->x = out->y = NAN;
  if (!a || i < 0 || i >= a->n) return GV_ERR_ARG;
  gv_valid_work *own = NULL;
  if (!w) {
    w = own = gv_valid_work_new();
    if (!w) return GV_ERR_NOMEM;
  }
  w->s.status = GV_OK;
  vcheck c = {w, a, GV_VALID, {NAN, NAN}, 0, {NAN, NAN}, GV_VALID, {0, 0, 0, 0, 0}, {NAN, NAN}, i, 0, NULL};
  vr_elements(a, i, check_element, &c);
  gv_prepared_free(c.prep);
  gv_status st = w->s.status;
  if (!st && c.code) out->code = c.code, out->x = c.loc.x, out->y = c.loc.y;
  gv_valid_work_free(own);
  return st;
}
