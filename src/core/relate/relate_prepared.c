/* intersects and disjoint of small polygons against one prepared polygon
 * (a polygon broadcast against an array, as in a spatial filter by
 * boxes), without the general engine: per pair a few raster lookups, one
 * index search per small segment, and no allocation.
 *
 * The answer is RelateNG's, step for step. RelateNG (relate.c) decides
 * intersects between two Polygons / MultiPolygons from three kinds of
 * observation, any of which makes it true:
 *   1. the first vertex of a ring of one input lies inside or on the other;
 *   2. two extracted rings share a point (it becomes a node, and a node of
 *      an area lies on its boundary);
 *   3. as 1., the other way round.
 * Here, with both inputs' holes inside their shells' envelopes (checked):
 *  - every vertex of the small polygon's shells is located (not only the
 *    first): if the shell meets no ring of the big polygon, all its
 *    vertices share the first one's location, and if it meets one, 2.
 *    holds -- so one vertex inside or on is enough either way;
 *  - every ring of the small polygon is searched for a shared point with
 *    every ring of the big one: all rings lie in their inputs' envelopes,
 *    so a shared point lies in both and RelateNG extracts both rings;
 *  - the first vertex of each ring of the big polygon outside the small
 *    polygon's envelope is in its exterior; one inside the envelope sends
 *    the pair to the engine (the answer would need the point locator).
 * Locations in the big polygon come from its raster cells and stripes
 * (gv_pip_fast), which is what the engine's point locator uses for it. */
#include "algorithm/prepared.h"
#include "relate.h"
#include "algorithm/segment.h"

/* Small polygons have at most this many coordinates. */
#define SMALL_MAX_COORDS 256

static int polygonal(uint8_t t) { return GV_BASE_TYPE(t) == GV_POLYGON || GV_BASE_TYPE(t) == GV_MULTIPOLYGON; }

static gv_box run_box(const gv_array *a, int32_t k0, int32_t k1) {
  gv_box b = {GV_X(a, k0), GV_Y(a, k0), GV_X(a, k0), GV_Y(a, k0)};
  for (int32_t k = k0 + 1; k < k1; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    b.minx = x < b.minx ? x : b.minx;
    b.maxx = x > b.maxx ? x : b.maxx;
    b.miny = y < b.miny ? y : b.miny;
    b.maxy = y > b.maxy ? y : b.maxy;
  }
  return b;
}

static int box_covers(gv_box outer, gv_box inner) {
  return inner.minx >= outer.minx && inner.maxx <= outer.maxx && inner.miny >= outer.miny && inner.maxy <= outer.maxy;
}

void rl_shared_fast_init(rl_shared *s) {
  rl_geom *g = &s->g;
  s->fast = 0;
  if (!s->ok || g->empty || (g->type != GV_POLYGON && g->type != GV_MULTIPOLYGON) || g->nelem != 1) return;
  if (!rl_geom_holes_inside(g)) return;
  const gv_part_pip *pp = gv_part_pip_of(g->a->prepared, g->elem[0].part);
  if (!pp) return;
  s->fast_pp = pp;
  s->fast = 1;
}

typedef struct meet_ctx {
  const gv_array *big;
  double x1, y1, x2, y2;
} meet_ctx;

static int meet_visit(void *ctx, int32_t k) {
  const meet_ctx *m = ctx;
  const gv_array *a = m->big;
  return gv_segments_meet(m->x1, m->y1, m->x2, m->y2, GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1));
}

/* Whether segment (x1, y1)-(x2, y2) shares a point with ring r of big. */
static int segment_meets_ring(const gv_array *big, int32_t r, gv_box rbox, double x1, double y1, double x2, double y2) {
  gv_box q = {x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1};
  if (!gv_box_intersects(q, rbox)) return 0;
  meet_ctx m = {big, x1, y1, x2, y2};
  const gv_seg_index *ix = gv_prepared_ring_index(big, r);
  if (ix) return gv_seg_index_query(big, ix, q, meet_visit, &m);
  for (int32_t k = gv_ring_begin(big, r), k1 = gv_ring_end(big, r) - 1; k < k1; k++)
    if (meet_visit(&m, k)) return 1;
  return 0;
}

int rl_shared_fast_intersects(const rl_shared *s, const gv_array *a, int64_t i) {
  if (!s->fast || !polygonal(gv_type_byte(a, i))) return -1;
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  int32_t r0 = gv_part_begin(a, p0), r1 = gv_part_begin(a, p1);
  int32_t k0 = gv_ring_begin(a, r0), k1 = gv_ring_begin(a, r1);
  if (p1 <= p0 || k1 - k0 > SMALL_MAX_COORDS) return -1;
  /* every ring a proper one, holes inside their shells' envelopes */
  gv_box env = {0, 0, 0, 0};
  for (int32_t p = p0; p < p1; p++) {
    int32_t q0 = gv_part_begin(a, p), q1 = gv_part_end(a, p);
    if (q1 <= q0) return -1;
    gv_box shell = {0, 0, 0, 0};
    for (int32_t r = q0; r < q1; r++) {
      int32_t b = gv_ring_begin(a, r), e = gv_ring_end(a, r);
      if (e - b < 4) return -1;
      gv_box rb = run_box(a, b, e);
      if (r == q0) shell = rb;
      else if (!box_covers(shell, rb)) return -1;
    }
    if (p == p0) env = shell;
    else {
      env.minx = shell.minx < env.minx ? shell.minx : env.minx;
      env.miny = shell.miny < env.miny ? shell.miny : env.miny;
      env.maxx = shell.maxx > env.maxx ? shell.maxx : env.maxx;
      env.maxy = shell.maxy > env.maxy ? shell.maxy : env.maxy;
    }
  }
  const rl_geom *g = &s->g;
  const gv_array *big = g->a;
  if (!gv_box_intersects(env, g->env)) return 0;
  /* vertices: all of every shell, the first of every hole */
  const gv_part_pip *pp = s->fast_pp;
  for (int32_t p = p0; p < p1; p++) {
    int32_t q0 = gv_part_begin(a, p), q1 = gv_part_end(a, p);
    for (int32_t r = q0; r < q1; r++) {
      int32_t b = gv_ring_begin(a, r), e = r == q0 ? gv_ring_end(a, r) - 1 : b + 1;
      for (int32_t k = b; k < e; k++)
        if (gv_pip_fast(big, pp, GV_X(a, k), GV_Y(a, k)) != GV_LOC_EXTERIOR) return 1;
    }
  }
  /* shared points of the boundaries */
  int32_t br0 = gv_part_begin(big, g->elem[0].part), br1 = gv_part_end(big, g->elem[0].part);
  for (int32_t br = br0; br < br1; br++) {
    if (gv_ring_end(big, br) - gv_ring_begin(big, br) < 2) continue;
    gv_box rbox = g->rings[br - g->ring0].env_ready ? g->rings[br - g->ring0].env : run_box(big, gv_ring_begin(big, br), gv_ring_end(big, br));
    if (!gv_box_intersects(rbox, env)) continue;
    for (int32_t r = r0; r < r1; r++)
      for (int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r) - 1; k < e; k++)
        if (segment_meets_ring(big, br, rbox, GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1))) return 1;
  }
  /* the big polygon's rings: first vertices outside the envelope are outside */
  for (int32_t br = br0; br < br1; br++) {
    int32_t k = gv_ring_begin(big, br);
    if (gv_ring_end(big, br) <= k) continue;
    double x = GV_X(big, k), y = GV_Y(big, k);
    if (x >= env.minx && x <= env.maxx && y >= env.miny && y <= env.maxy) return -1;
  }
  return 0;
}
