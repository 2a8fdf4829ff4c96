/* The DE-9IM relate engine (private to relate*.c and k_predicate.c).
 *
 * It follows the algorithm and the semantics of JTS / GEOS RelateNG
 * (GEOS 3.13 is the reference: results must agree with it bit for bit):
 *
 *   1. envelope short-cuts and dimension rules decide many predicates at once;
 *   2. every point, line end and one vertex per polygon ring of each input is
 *      located in the other input (the RelateNG point locator, relate_geom.c);
 *   3. the edges of both inputs are intersected segment by segment with exact
 *      orientation tests (relate_edges.c); every intersection becomes a node
 *      with the "sections" of the edges through it;
 *   4. the topology around each node is rebuilt from the cyclic order of the
 *      incident edges (relate_node.c), which fills in the matrix;
 *   5. the predicate watches every matrix update and stops as soon as its
 *      value is known (relate_topo.c).
 *
 * Locations and dimensions use GEOS's numbering inside the engine so that
 * the rules read like their sources: INTERIOR 0, BOUNDARY 1, EXTERIOR 2;
 * dimension F = -1, P = 0, L = 1, A = 2. */
#ifndef GEOVEC_RELATE_H
#define GEOVEC_RELATE_H

#include "algorithm/predicates.h"

/* ---- memory: one arena per evaluation ------------------------------------ */
typedef struct rl_block rl_block;
typedef struct rl_arena {
  rl_block *head;
  int failed; /* an allocation failed: the evaluation gives up */
  /* An optional first block owned by the caller (a buffer on its stack):
   * most evaluations of small geometries then never call malloc. */
  unsigned char *first;
  size_t first_used, first_cap;
} rl_arena;
/* An arena whose first allocations come from buf (cap bytes, aligned). */
void rl_arena_init(rl_arena *ar, void *buf, size_t cap);
void *rl_alloc(rl_arena *ar, size_t n);
void rl_arena_free(rl_arena *ar);
/* Makes room for `need` elements of `size` bytes in *data (capacity *cap);
 * 0 on success. Old blocks stay in the arena until it is freed. */
int rl_reserve(rl_arena *ar, void **data, int32_t *cap, int32_t need, size_t size);

/* ---- locations, dimensions, DimensionLocation ------------------------------ */
enum { RL_I = 0, RL_B = 1, RL_E = 2, RL_NONE = 3 };
enum { RL_DIM_F = -1, RL_DIM_P = 0, RL_DIM_L = 1, RL_DIM_A = 2, RL_DIM_UNKNOWN = -3 };
/* A location together with the dimension of the element it was found on. */
enum {
  RL_DL_EXTERIOR = RL_E,
  RL_DL_POINT_INTERIOR = 103,
  RL_DL_LINE_INTERIOR = 110,
  RL_DL_LINE_BOUNDARY = 111,
  RL_DL_AREA_INTERIOR = 120,
  RL_DL_AREA_BOUNDARY = 121,
};
int rl_dl_location(int dl);
int rl_dl_dimension(int dl, int exterior_dim);

/* ---- one input geometry (relate_geom.c) ------------------------------------ */
typedef struct rl_elem {
  int32_t part;  /* part index in the array */
  uint8_t kind;  /* GV_POINT, GV_LINESTRING, GV_POLYGON */
  uint8_t empty;
  int32_t unit;  /* polygons: their polygonal element (see rl_unit), else -1 */
  gv_box env;    /* valid when !empty (a polygon's is its shell's) */
} rl_elem;

/* A polygonal element of the point locator: a Polygon, or a whole
 * MultiPolygon (RelatePointLocator keeps MultiPolygons whole, also inside
 * collections). Its polygons are the elements in [first, end). */
typedef struct rl_unit {
  int32_t first, end; /* element range */
} rl_unit;

/* What the edge stage needs to know about a ring or line, computed once. */
typedef struct rl_ring {
  gv_box env;
  uint8_t env_ready; /* env is set */
  uint8_t ready;     /* ccw and repeats are set too */
  uint8_t ccw, repeats;
} rl_ring;

/* Bytes of stack an evaluation gives its arena before it mallocs. */
#define RL_STACK_ARENA 8192

typedef struct rl_geom {
  const gv_array *a;
  int64_t i;
  rl_arena *ar;
  uint8_t type;     /* base type */
  int empty;
  int dim;          /* GEOS getDimension() after RelateGeometry.analyzeDimensions */
  int has_points, has_lines, has_areas;
  int zero_len;     /* isLineZeroLen */
  int32_t nchildren; /* a collection's members */
  int has_env;
  gv_box env;
  int32_t nelem;
  rl_elem *elem;
  int32_t nunit;
  rl_unit *unit;
  /* locator data, built lazily */
  int loc_ready;
  int32_t npts;
  double *pts;      /* sorted x, y pairs of the non-empty points */
  int32_t nends;
  double *ends;     /* sorted x, y pairs of distinct line ends */
  int32_t *deg;     /* how many line ends are at each */
  int has_bdy;      /* some line end has an odd degree */
  int has_lines_nonempty;
  /* rings (and line runs) of the geometry: rings[r - ring0] */
  int32_t ring0, nrings;
  rl_ring *rings;
  /* Set by rl_geom_freeze: rings is shared with other evaluations and must
   * not be written; what it lacks goes to a private copy (rings_own). */
  uint8_t frozen, rings_own;
  /* Many point-in-polygon queries on a large unprepared geometry build it a
   * private prepared state; `a` then points to view, a copy of the array
   * that carries it. Freed by rl_geom_release. */
  int64_t ncoords;
  /* every hole's envelope lies in its shell's: 1 yes, 0 no, -1 not known yet */
  int holes_inside;
  int32_t pip_queries;
  struct gv_prepared *tmp_prep;
  gv_array view;
} rl_geom;

/* Returns GV_ERR_NOMEM (arena failure) or GV_OK. */
gv_status rl_geom_init(rl_geom *g, const gv_array *a, int64_t i, rl_arena *ar);
/* Builds what is otherwise built lazily, so that copies of g may be used
 * by several threads at once (each with its own arena): the point locator
 * and every ring's envelope, and with `topo` every ring's orientation and
 * repeated points too (what the edge stage needs unless it only looks for
 * a shared point, see relate_edges.c). */
gv_status rl_geom_freeze(rl_geom *g, int topo);
void rl_geom_release(rl_geom *g);
/* Ring r of g (lazily computed). */
const rl_ring *rl_geom_ring(rl_geom *g, int32_t r);
/* The envelope of ring r alone (from its index when it has one). */
gv_box rl_geom_ring_env(rl_geom *g, int32_t r);
int rl_geom_dim_real(const rl_geom *g);
int rl_geom_has_dim(const rl_geom *g, int dim);
int rl_geom_has_edges(const rl_geom *g);
int rl_geom_self_noding(const rl_geom *g);
int rl_geom_has_boundary(rl_geom *g);
/* Whether every hole's envelope lies inside its shell's envelope (true of
 * valid polygons), so that all of g's rings lie in g's envelope. */
int rl_geom_holes_inside(rl_geom *g);

/* RelatePointLocator. parent is a unit index or -1 (none). */
int rl_locate_with_dim(rl_geom *g, double x, double y);
int rl_locate_node_with_dim(rl_geom *g, double x, double y, int32_t parent);
int rl_locate_line_end_with_dim(rl_geom *g, double x, double y);
int rl_locate_node(rl_geom *g, double x, double y, int32_t parent);
int rl_is_node_in_area(rl_geom *g, double x, double y, int32_t parent);

/* The orientation test of GEOS's Orientation.isCCW (highest point, then its
 * neighbours), on raw ring coordinates [k0, k1). */
int rl_ring_is_ccw(const gv_array *a, int32_t k0, int32_t k1);

/* ---- node sections and nodes (relate_node.c) -------------------------------- */
typedef struct rl_section {
  uint8_t is_a, dim, at_vertex, has_v0, has_v1;
  int32_t id, ring_id, poly; /* poly: unit index or -1 */
  int32_t next;              /* the node's next section (topology computer) */
  double v0x, v0y, nx, ny, v1x, v1y;
} rl_section;

/* The edges around one node, in counter-clockwise order. */
typedef struct rl_edge {
  double dx, dy;      /* the direction point */
  int32_t serial;     /* creation order, to find an edge again after inserts */
  int8_t dim[2];      /* [0] geometry A, [1] geometry B; RL_DIM_UNKNOWN */
  int8_t loc[2][3];   /* [geometry][ON, LEFT, RIGHT]; RL_NONE when unknown */
} rl_edge;
enum { RL_ON = 0, RL_LEFT = 1, RL_RIGHT = 2 };

typedef struct rl_node {
  double x, y;
  int32_t n, cap, serial;
  rl_edge *e;
} rl_node;

/* Orders directions around (ox, oy) counter-clockwise from the positive
 * x axis: quadrant, then exact orientation (PolygonNodeTopology). */
int rl_compare_angle(double ox, double oy, double px, double py, double qx, double qy);
int rl_is_crossing(double nx, double ny, double a0x, double a0y, double a1x, double a1y, double b0x,
                   double b0y, double b1x, double b1y);
/* Builds node (at s[0]'s point) from sections s[0..n) (sorted in place). */
int rl_node_build(rl_arena *ar, rl_node *node, rl_section *s, int32_t n);
void rl_node_finish(rl_node *node, int area_interior_a, int area_interior_b);
int rl_node_has_exterior_edge(const rl_node *node, int is_a);

/* AdjacentEdgeLocator: INTERIOR or BOUNDARY of the union of g's polygons
 * at a point on several polygon boundaries. */
int rl_adjacent_edge_locate(rl_geom *g, double x, double y);

/* ---- the predicate and the matrix (relate_topo.c) -------------------------- */
#define RL_PRED_MATRIX GV_PRED_COUNT
typedef struct rl_pred {
  int kind;       /* GV_PRED_* or RL_PRED_MATRIX */
  int value;      /* -1 unknown, 0, 1 */
  int dim_a, dim_b;
  int8_t im[3][3];
} rl_pred;

void rl_pred_start(rl_pred *p, int kind);
int rl_pred_require_self_noding(const rl_pred *p);
int rl_pred_require_interaction(const rl_pred *p);
int rl_pred_require_covers(const rl_pred *p, int is_a);
int rl_pred_require_exterior_check(const rl_pred *p, int is_a);
void rl_pred_init_dims(rl_pred *p, int dim_a, int dim_b);
void rl_pred_init_env(rl_pred *p, int has_a, gv_box a, int has_b, gv_box b);
void rl_pred_update(rl_pred *p, int loc_a, int loc_b, int dim);
void rl_pred_finish(rl_pred *p);
static inline int rl_pred_known(const rl_pred *p) { return p->value >= 0; }

/* A node of the topology computer: its point and its chain of sections. */
typedef struct rl_nodesec {
  double x, y;
  int32_t first, last, count;
  uint8_t has_a, has_b;
} rl_nodesec;

/* TopologyComputer: the state of one evaluation. */
typedef struct rl_topo {
  rl_pred *pred;
  rl_geom *ga, *gb;
  rl_arena *ar;
  /* nodes: an open-addressing hash from point to node index */
  int32_t nnodes, node_cap;
  rl_nodesec *nodes;
  int32_t *hash;
  int32_t hash_cap;
  /* sections, chained per node */
  int32_t nsec, sec_cap;
  rl_section *sec;
} rl_topo;

void rl_topo_init(rl_topo *t, rl_pred *pred, rl_geom *ga, rl_geom *gb, rl_arena *ar);
void rl_topo_update(rl_topo *t, int loc_a, int loc_b, int dim);
void rl_topo_update_ab(rl_topo *t, int is_ab, int loc1, int loc2, int dim);
int rl_topo_dim(const rl_topo *t, int is_a);
void rl_topo_add_point_on_geometry(rl_topo *t, int is_a, int loc_target, int dim_target);
void rl_topo_add_line_end(rl_topo *t, int is_line_a, int loc_line_end, int loc_target, int dim_target);
void rl_topo_add_area_vertex(rl_topo *t, int is_area_a, int loc_area, int loc_target, int dim_target);
/* Records an intersection of two sections (copied). */
void rl_topo_add_intersection(rl_topo *t, const rl_section *a, const rl_section *b);
void rl_topo_evaluate_nodes(rl_topo *t);

/* ---- edges (relate_edges.c) -------------------------------------------------- */
/* Intersects the edges of both inputs (RelateNG.computeAtEdges). */
void rl_compute_at_edges(rl_topo *t);

/* Segment meeting and intersection: algorithm/segment.h. */

/* ---- fast paths ------------------------------------------------------------------- */
/* relate_sketch.c: 1 when the shells of polygonal a[i] and b[j] (both with
 * thousands of coordinates) provably share a point -- found by reading a
 * sketch of each and checking the runs of segments under crossing sketch
 * chords exactly -- so that intersects is 1 and disjoint 0 (see the file
 * for why GEOS agrees). 0 when the search gave up: nothing is known. */
int rl_sketch_meet(const gv_array *a, int64_t i, const gv_array *b, int64_t j);

/* ---- entry (relate.c) --------------------------------------------------------- */
/* Evaluates predicate `kind` (GV_PRED_* or RL_PRED_MATRIX) for a[i], b[j];
 * the matrix goes to im when not NULL. Returns 0/1, or -1 when memory ran
 * out. Null geometries give 0 (and an all-F matrix). */
int rl_evaluate(const gv_array *a, int64_t i, const gv_array *b, int64_t j, int kind, char im[9]);

/* One geometry evaluated against many: analysed once (and indexed when it
 * is large and its array is not prepared), then shared read-only. */
typedef struct rl_shared {
  gv_array view;        /* the array, with a private prepared state when built */
  struct gv_prepared *own_prepared;
  rl_arena ar;
  rl_geom g;
  int ok;
  /* the raster of the geometry when it is one prepared polygon, for
   * rl_shared_prefetch */
  const struct gv_part_pip *cells;
  /* rl_shared_fast_intersects applies (relate_prepared.c) */
  int fast;
  const struct gv_part_pip *fast_pp;
} rl_shared;
/* topo: what rl_geom_freeze's argument says; without it evaluations that
 * need it still work, each computing it for itself. */
gv_status rl_shared_init(rl_shared *s, const gv_array *a, int64_t j, int64_t uses, int topo);
void rl_shared_free(rl_shared *s);
/* Asks the memory system early for what evaluating a[i] against s will
 * read first: the raster cells of a small polygon's first vertices in a
 * prepared polygon. A hint only; the pair loops call it a few pairs ahead,
 * so that these scattered reads overlap instead of waiting one by one. */
void rl_shared_prefetch(const rl_shared *s, const gv_array *a, int64_t i);

/* relate_prepared.c: intersects of a small Polygon / MultiPolygon a[i]
 * against a shared geometry that is one prepared polygon, as RelateNG
 * answers it: 1 or 0, or -1 when the engine must decide. Set up by
 * rl_shared_fast_init (called by rl_shared_init). */
void rl_shared_fast_init(rl_shared *s);
int rl_shared_fast_intersects(const rl_shared *s, const gv_array *a, int64_t i);
/* Evaluates a[i] against the shared geometry (shared_is_b: as b, else as a). */
int rl_evaluate_shared(const gv_array *a, int64_t i, const rl_shared *s, int shared_is_b, int kind, char im[9]);

#endif
