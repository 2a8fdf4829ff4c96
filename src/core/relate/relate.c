/* The relate engine's driver (RelateNG.evaluate): envelope and dimension
 * short-cuts, points and line ends and area vertices located in the other
 * input, then the edges; and the public entry points of predicates.h. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "algorithm/prepared.h"
#include "relate.h"

/* ---- points, line ends, area vertices ---------------------------------------------- */

static void point_of(const gv_array *a, const rl_elem *e, double *x, double *y) {
  int32_t k = gv_ring_begin(a, gv_part_begin(a, e->part));
  *x = GV_X(a, k);
  *y = GV_Y(a, k);
}

static void compute_point(rl_topo *t, int is_a, double x, double y, rl_geom *target) {
  int dl = rl_locate_with_dim(target, x, y);
  rl_topo_add_point_on_geometry(t, is_a, rl_dl_location(dl), rl_dl_dimension(dl, rl_topo_dim(t, !is_a)));
}

/* The points of g that no line or area of g covers ("effective points"). */
static int compute_points(rl_topo *t, rl_geom *g, int is_a, rl_geom *target) {
  if (!g->has_points) return 0;
  int all = rl_geom_dim_real(g) <= RL_DIM_P;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_POINT || el->empty) continue;
    double x, y;
    point_of(g->a, el, &x, &y);
    if (!all && rl_dl_dimension(rl_locate_with_dim(g, x, y), RL_DIM_F) != RL_DIM_P) continue;
    compute_point(t, is_a, x, y, target);
    if (rl_pred_known(t->pred)) return 1;
  }
  return 0;
}

/* Locates one line end of g in the target and records it. Returns the
 * end's location in g (RL_I or RL_B by the mod-2 rule) when the end lies in
 * the target's exterior, else RL_NONE. An end outside the target's
 * envelope (far) is in its exterior without being located. */
static int compute_line_end(rl_topo *t, rl_geom *g, int is_a, double x, double y, rl_geom *target, int far) {
  int dl_end = rl_locate_line_end_with_dim(g, x, y);
  /* a line end inside an area of its own collection is no line end */
  if (rl_dl_dimension(dl_end, rl_topo_dim(t, is_a)) != RL_DIM_L) return RL_NONE;
  int dl = far ? RL_DL_EXTERIOR : rl_locate_with_dim(target, x, y);
  int loc = rl_dl_location(dl);
  int loc_end = rl_dl_location(dl_end);
  rl_topo_add_line_end(t, is_a, loc_end, loc, rl_dl_dimension(dl, rl_topo_dim(t, !is_a)));
  return loc == RL_E ? loc_end : RL_NONE;
}

static int env_disjoint(const rl_elem *e, const rl_geom *target) {
  return !target->has_env || !gv_box_intersects(e->env, target->env);
}

/* Every line end of g located in the target. A line far from the target
 * (envelopes disjoint) can only add "its end's location x exterior" to
 * the matrix, and whether that end is interior or boundary depends on
 * every part of g (the mod-2 rule: an end shared by an even number of
 * parts is interior). So far lines are skipped only once an interior end
 * and a boundary end have both been seen in the target's exterior, never
 * after the first exterior end alone (JTS issue 1175: the boundary of
 * MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (-1 0, 0 0)) is (-1 0) and
 * (2 0), and listing (0 0, 1 0) first showed only interior ends). */
static int compute_line_ends(rl_topo *t, rl_geom *g, int is_a, rl_geom *target) {
  if (!g->has_lines) return 0;
  const gv_array *a = g->a;
  int ext_i = 0, ext_b = 0; /* an interior / a boundary end seen in the target's exterior */
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_LINESTRING || el->empty) continue;
    int far = env_disjoint(el, target);
    if (far && ext_i && ext_b) continue;
    int32_t r = gv_part_begin(a, el->part);
    int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
    int l = compute_line_end(t, g, is_a, GV_X(a, k0), GV_Y(a, k0), target, far);
    ext_i |= l == RL_I, ext_b |= l == RL_B;
    if (rl_pred_known(t->pred)) return 1;
    int closed = GV_X(a, k0) == GV_X(a, k1 - 1) && GV_Y(a, k0) == GV_Y(a, k1 - 1);
    if (!closed) {
      l = compute_line_end(t, g, is_a, GV_X(a, k1 - 1), GV_Y(a, k1 - 1), target, far);
      ext_i |= l == RL_I, ext_b |= l == RL_B;
      if (rl_pred_known(t->pred)) return 1;
    }
  }
  return 0;
}

static int compute_ring_vertex(rl_topo *t, rl_geom *g, int is_a, int32_t r, rl_geom *target) {
  const gv_array *a = g->a;
  int32_t k = gv_ring_begin(a, r);
  double x = GV_X(a, k), y = GV_Y(a, k);
  int loc_area = rl_locate_node(g, x, y, -1);
  int dl = rl_locate_with_dim(target, x, y);
  int loc = rl_dl_location(dl);
  rl_topo_add_area_vertex(t, is_a, loc_area, loc, rl_dl_dimension(dl, rl_topo_dim(t, !is_a)));
  return loc == RL_E;
}

/* One vertex of every ring: decides containment when no edges cross. */
static void compute_area_vertices(rl_topo *t, rl_geom *g, int is_a, rl_geom *target) {
  if (!g->has_areas) return;
  /* points are handled from the other side */
  if (target->dim < RL_DIM_L) return;
  const gv_array *a = g->a;
  int exterior = 0;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_POLYGON || el->empty) continue;
    if (exterior && env_disjoint(el, target)) continue;
    int32_t r0 = gv_part_begin(a, el->part), r1 = gv_part_end(a, el->part);
    for (int32_t r = r0; r < r1; r++) {
      if (gv_ring_end(a, r) <= gv_ring_begin(a, r)) continue;
      exterior |= compute_ring_vertex(t, g, is_a, r, target);
      if (rl_pred_known(t->pred)) return;
    }
  }
}

static void compute_at_points(rl_topo *t, rl_geom *g, int is_a, rl_geom *target) {
  if (compute_points(t, g, is_a, target)) return;
  /* only areas of the target, or predicates that care about the target's
   * exterior, need the line ends and area vertices; crossings of lines are
   * found by the edge intersection anyway */
  if (!target->has_areas && !rl_pred_require_exterior_check(t->pred, is_a)) return;
  if (compute_line_ends(t, g, is_a, target)) return;
  compute_area_vertices(t, g, is_a, target);
}

/* ---- point / point ---------------------------------------------------------------------- */

static int cmp_xy(const void *pa, const void *pb) {
  const double *a = pa, *b = pb;
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  if (a[1] < b[1]) return -1;
  if (a[1] > b[1]) return 1;
  return 0;
}

/* One coordinate per non-empty point and line (the only elements of a
 * geometry of real dimension P), distinct. Returns the count, -1 on failure. */
static int32_t unique_points(rl_geom *g, double **out) {
  double *v = rl_alloc(g->ar, (size_t)(g->nelem ? g->nelem : 1) * 2 * sizeof(double));
  if (!v) return -1;
  int32_t n = 0;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->empty || el->kind == GV_POLYGON) continue;
    double x, y;
    point_of(g->a, el, &x, &y);
    v[2 * n] = x == 0 ? 0.0 : x;
    v[2 * n + 1] = y == 0 ? 0.0 : y;
    n++;
  }
  qsort(v, (size_t)n, 2 * sizeof(double), cmp_xy);
  int32_t u = 0;
  for (int32_t k = 0; k < n; k++)
    if (u == 0 || cmp_xy(v + 2 * (u - 1), v + 2 * k) != 0) v[2 * u] = v[2 * k], v[2 * u + 1] = v[2 * k + 1], u++;
  *out = v;
  return u;
}

static void compute_pp(rl_topo *t) {
  double *pa, *pb;
  int32_t na = unique_points(t->ga, &pa), nb = unique_points(t->gb, &pb);
  if (na < 0 || nb < 0) return;
  int32_t found = 0;
  for (int32_t k = 0; k < nb; k++) {
    if (bsearch(pb + 2 * k, pa, (size_t)na, 2 * sizeof(double), cmp_xy)) {
      found++;
      rl_topo_update(t, RL_I, RL_I, RL_DIM_P);
    } else {
      rl_topo_update(t, RL_E, RL_I, RL_DIM_P);
    }
    if (rl_pred_known(t->pred)) return;
  }
  if (found < na) rl_topo_update(t, RL_I, RL_E, RL_DIM_P);
}

/* ---- a priori exterior entries (TopologyComputer.initExteriorDims) ------------------------ */

static void init_exterior_empty(rl_topo *t, int is_a) {
  rl_geom *g = is_a ? t->ga : t->gb;
  switch (g->dim) {
  case RL_DIM_P:
    rl_topo_update_ab(t, is_a, RL_I, RL_E, RL_DIM_P);
    break;
  case RL_DIM_L:
    if (rl_geom_has_boundary(g)) rl_topo_update_ab(t, is_a, RL_B, RL_E, RL_DIM_P);
    rl_topo_update_ab(t, is_a, RL_I, RL_E, RL_DIM_L);
    break;
  case RL_DIM_A:
    rl_topo_update_ab(t, is_a, RL_B, RL_E, RL_DIM_L);
    rl_topo_update_ab(t, is_a, RL_I, RL_E, RL_DIM_A);
    break;
  }
}

static void init_exterior_dims(rl_topo *t, int da, int db) {
  if (da == RL_DIM_P && db == RL_DIM_L) {
    rl_topo_update(t, RL_E, RL_I, RL_DIM_L);
  } else if (da == RL_DIM_L && db == RL_DIM_P) {
    rl_topo_update(t, RL_I, RL_E, RL_DIM_L);
  } else if (da == RL_DIM_P && db == RL_DIM_A) {
    rl_topo_update(t, RL_E, RL_I, RL_DIM_A);
    rl_topo_update(t, RL_E, RL_B, RL_DIM_L);
  } else if (da == RL_DIM_A && db == RL_DIM_P) {
    rl_topo_update(t, RL_I, RL_E, RL_DIM_A);
    rl_topo_update(t, RL_B, RL_E, RL_DIM_L);
  } else if (da == RL_DIM_L && db == RL_DIM_A) {
    rl_topo_update(t, RL_E, RL_I, RL_DIM_A);
  } else if (da == RL_DIM_A && db == RL_DIM_L) {
    rl_topo_update(t, RL_I, RL_E, RL_DIM_A);
  } else if (da == RL_DIM_F || db == RL_DIM_F) {
    if (da != RL_DIM_F) init_exterior_empty(t, 1);
    if (db != RL_DIM_F) init_exterior_empty(t, 0);
  }
}

/* ---- intersects between areas ------------------------------------------------------------ */

static int polygonal_type(const rl_geom *g) { return g->type == GV_POLYGON || g->type == GV_MULTIPOLYGON; }

/* Shell vertices located per evaluation, at most. */
#define SHELL_VERTICES_MAX 256

/* intersects / disjoint of two Polygons or MultiPolygons, one of them
 * prepared (so that locating a point in it costs a raster lookup): every
 * shell vertex of the other is located in it, and one inside or on it
 * decides. RelateNG locates only the first vertex of each ring, but it
 * reaches the same answer: if the shell meets no ring of the prepared
 * geometry, every vertex of the shell has the location of the first (the
 * location changes only across a ring), and if it meets one, the meeting
 * point lies in both envelopes -- the shell's envelope is inside its
 * geometry's, and every ring of the prepared geometry lies in its envelope
 * when its holes lie inside their shells' envelopes (checked) -- so both
 * rings are extracted, the point becomes a node, and a node of an area is
 * on its boundary: intersects. Returns 1 when it decided. */
static int shell_vertices_meet(rl_topo *t, rl_geom *big, rl_geom *small, int small_is_a) {
  if (!big->a->prepared || small->ncoords > SHELL_VERTICES_MAX || !rl_geom_holes_inside(big)) return 0;
  const gv_array *a = small->a;
  for (int32_t e = 0; e < small->nelem; e++) {
    const rl_elem *el = &small->elem[e];
    if (el->kind != GV_POLYGON || el->empty || !gv_box_intersects(el->env, big->env)) continue;
    int32_t r = gv_part_begin(a, el->part);
    int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
    for (int32_t k = k0; k < k1 - 1; k++) {
      int loc = rl_dl_location(rl_locate_with_dim(big, GV_X(a, k), GV_Y(a, k)));
      if (loc == RL_E) continue;
      rl_topo_update_ab(t, small_is_a, RL_B, loc, RL_DIM_P);
      return 1;
    }
  }
  return 0;
}

static int area_intersects_fast(rl_topo *t, rl_geom *ga, rl_geom *gb) {
  int kind = t->pred->kind;
  if (kind != GV_PRED_INTERSECTS && kind != GV_PRED_DISJOINT) return 0;
  if (!polygonal_type(ga) || !polygonal_type(gb)) return 0;
  if (ga->ncoords >= gb->ncoords) return shell_vertices_meet(t, ga, gb, 0);
  return shell_vertices_meet(t, gb, ga, 1);
}

/* ---- evaluation --------------------------------------------------------------------------- */

static int env_covers(const rl_geom *a, const rl_geom *b) {
  return a->has_env && b->has_env && b->env.minx >= a->env.minx && b->env.maxx <= a->env.maxx &&
         b->env.miny >= a->env.miny && b->env.maxy <= a->env.maxy;
}

/* RelateNG.hasRequiredEnvelopeInteraction */
static int envelopes_allow(const rl_pred *p, const rl_geom *ga, const rl_geom *gb) {
  int interacts = 0;
  if (rl_pred_require_covers(p, 1)) {
    if (!env_covers(ga, gb)) return 0;
    interacts = 1;
  } else if (rl_pred_require_covers(p, 0)) {
    if (!env_covers(gb, ga)) return 0;
    interacts = 1;
  }
  if (!interacts && rl_pred_require_interaction(p) &&
      !(ga->has_env && gb->has_env && gv_box_intersects(ga->env, gb->env)))
    return 0;
  return 1;
}

static void evaluate(rl_pred *p, rl_geom *ga, rl_geom *gb, rl_arena *ar) {
  if (!envelopes_allow(p, ga, gb)) {
    p->value = 0;
    return;
  }
  int da = rl_geom_dim_real(ga), db = rl_geom_dim_real(gb);
  rl_pred_init_dims(p, da, db);
  if (rl_pred_known(p)) return;
  rl_pred_init_env(p, ga->has_env, ga->env, gb->has_env, gb->env);
  if (rl_pred_known(p)) return;
  rl_topo t;
  rl_topo_init(&t, p, ga, gb, ar);
  init_exterior_dims(&t, da, db);
  if (da == RL_DIM_P && db == RL_DIM_P) {
    compute_pp(&t);
    rl_pred_finish(p);
    return;
  }
  if (area_intersects_fast(&t, ga, gb)) return;
  /* points first: they are cheap against an indexed target */
  compute_at_points(&t, gb, 0, ga);
  if (rl_pred_known(p) || ar->failed) return;
  compute_at_points(&t, ga, 1, gb);
  if (rl_pred_known(p) || ar->failed) return;
  if (rl_geom_has_edges(ga) && rl_geom_has_edges(gb)) rl_compute_at_edges(&t);
  rl_pred_finish(p);
}

/* Runs predicate `kind` on two analysed inputs; returns its value, or -1
 * when memory ran out. */
static int evaluate_geoms(rl_geom *ga, rl_geom *gb, rl_arena *ar, int kind, char im[9]) {
  rl_pred p;
  rl_pred_start(&p, kind);
  evaluate(&p, ga, gb, ar);
  if (ar->failed) return -1;
  rl_pred_finish(&p);
  if (im)
    for (int k = 0; k < 9; k++) {
      int d = p.im[k / 3][k % 3];
      im[k] = d < 0 ? 'F' : (char)('0' + d);
    }
  return p.value;
}

static int is_null(const gv_array *a, int64_t i) { return !a || i < 0 || i >= a->n || gv_is_null(a, i); }

int rl_evaluate(const gv_array *a, int64_t i, const gv_array *b, int64_t j, int kind, char im[9]) {
  if (im) memset(im, 'F', 9);
  if (is_null(a, i) || is_null(b, j)) return 0;
  /* two large areas whose outlines cross: usually proven without reading either whole */
  if (!im && (kind == GV_PRED_INTERSECTS || kind == GV_PRED_DISJOINT) && rl_sketch_meet(a, i, b, j))
    return kind == GV_PRED_INTERSECTS;
  max_align_t buf[RL_STACK_ARENA / sizeof(max_align_t)];
  rl_arena ar;
  rl_arena_init(&ar, buf, sizeof buf);
  rl_geom ga, gb;
  int result = -1;
  memset(&ga, 0, sizeof ga);
  memset(&gb, 0, sizeof gb);
  if (rl_geom_init(&ga, a, i, &ar) == GV_OK && rl_geom_init(&gb, b, j, &ar) == GV_OK)
    result = evaluate_geoms(&ga, &gb, &ar, kind, im);
  rl_geom_release(&ga);
  rl_geom_release(&gb);
  rl_arena_free(&ar);
  return result;
}

/* ---- one geometry against many ---------------------------------------------------------- */

/* A geometry met by this many others, with at least this many coordinates,
 * gets point-in-polygon accelerators and segment indexes of its own when
 * its array is not prepared: building them costs about one pass. */
#define SHARED_INDEX_MIN_USES 16
#define SHARED_INDEX_MIN_COORDS 64
#define SHARED_CELLS_MIN_USES 1024

gv_status rl_shared_init(rl_shared *s, const gv_array *a, int64_t j, int64_t uses, int topo) {
  memset(s, 0, sizeof *s);
  if (is_null(a, j)) return GV_OK; /* every pair gives 0 */
  s->view = *a; /* a read-only copy of the array's description, never released */
  if (!a->prepared && uses >= SHARED_INDEX_MIN_USES) {
    int64_t k0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, j)));
    int64_t k1 = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, j)));
    if (k1 - k0 >= SHARED_INDEX_MIN_COORDS) {
      gv_status st = gv_prepared_build(a, j, j + 1, uses >= SHARED_CELLS_MIN_USES, &s->own_prepared);
      if (st == GV_ERR_NOMEM) return st;
      s->view.prepared = s->own_prepared; /* NULL (no index) on other failures */
    }
  }
  if (rl_geom_init(&s->g, &s->view, j, &s->ar) != GV_OK || rl_geom_freeze(&s->g, topo) != GV_OK) {
    rl_shared_free(s);
    return GV_ERR_NOMEM;
  }
  s->ok = 1;
  if (s->g.nelem == 1 && s->g.elem[0].kind == GV_POLYGON) {
    const gv_part_pip *pp = gv_part_pip_of(s->view.prepared, s->g.elem[0].part);
    if (pp && pp->gnx) s->cells = pp;
  }
  rl_shared_fast_init(s);
  return GV_OK;
}

/* Vertices whose raster cells rl_shared_prefetch asks for. */
#define PREFETCH_VERTICES 4

void rl_shared_prefetch(const rl_shared *s, const gv_array *a, int64_t i) {
  const gv_part_pip *pp = s->cells;
  if (!pp || i < 0 || i >= a->n) return;
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  if (t != GV_POLYGON && t != GV_MULTIPOLYGON) return;
  int32_t p = gv_geom_begin(a, i);
  if (p >= gv_geom_end(a, i) || gv_part_end(a, p) <= gv_part_begin(a, p)) return;
  int32_t r = gv_part_begin(a, p), k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  if (k1 - k0 > PREFETCH_VERTICES + 1) k1 = k0 + PREFETCH_VERTICES + 1;
  for (int32_t k = k0; k < k1 - 1; k++) {
    int32_t ci = gv_bucket(GV_X(a, k), pp->gx0, pp->gsx, pp->gnx), cj = gv_bucket(GV_Y(a, k), pp->gy0, pp->gsy, pp->gny);
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(pp->cells + (int64_t)cj * pp->gnx + ci);
#endif
  }
}

void rl_shared_free(rl_shared *s) {
  rl_geom_release(&s->g);
  rl_arena_free(&s->ar);
  if (s->own_prepared) gv_prepared_free(s->own_prepared);
  s->own_prepared = NULL;
  s->ok = 0;
}

int rl_evaluate_shared(const gv_array *a, int64_t i, const rl_shared *s, int shared_is_b, int kind, char im[9]) {
  if (im) memset(im, 'F', 9);
  if (!s->ok || is_null(a, i)) return 0;
  if (!im && (kind == GV_PRED_INTERSECTS || kind == GV_PRED_DISJOINT)) {
    int meet = rl_shared_fast_intersects(s, a, i);
    if (meet >= 0) return kind == GV_PRED_INTERSECTS ? meet : !meet;
  }
  max_align_t buf[RL_STACK_ARENA / sizeof(max_align_t)];
  rl_arena ar;
  rl_arena_init(&ar, buf, sizeof buf);
  rl_geom g, sg = s->g; /* the copy allocates in this evaluation's arena */
  sg.ar = &ar;
  memset(&g, 0, sizeof g);
  int result = -1;
  if (rl_geom_init(&g, a, i, &ar) == GV_OK)
    result = shared_is_b ? evaluate_geoms(&g, &sg, &ar, kind, im) : evaluate_geoms(&sg, &g, &ar, kind, im);
  rl_geom_release(&g);
  rl_geom_release(&sg);
  rl_arena_free(&ar);
  return result;
}

int gv_predicate(const gv_array *a, int64_t i, const gv_array *b, int64_t j, int pred) {
  if (pred < 0 || pred >= GV_PRED_COUNT) return 0;
  return rl_evaluate(a, i, b, j, pred, NULL) == 1;
}

void gv_relate_matrix(const gv_array *a, int64_t i, const gv_array *b, int64_t j, char out[9]) {
  rl_evaluate(a, i, b, j, RL_PRED_MATRIX, out);
}
