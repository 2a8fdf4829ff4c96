/* Shape operations (centroid, interior point, hulls, simplification,
 * normal form, linear referencing, ...): internal API used by
 * kernels/k_shape.c. Every operation reads geometry i of an array and
 * appends exactly one geometry (or a null) to a builder; semantics follow
 * GEOS 3.13. Functions return 0, or -1 when an allocation failed. */
#ifndef GEOVEC_SHAPE_H
#define GEOVEC_SHAPE_H

#include <math.h>

#include "geovec.h"
#include "algorithm/predicates.h"
#include "algorithm/segment.h"

/* ---- helpers (sh_util.c) --------------------------------------------------- */
static inline gv_pt sh_pt(const gv_array *a, int64_t k) {
  gv_pt p = {GV_X(a, k), GV_Y(a, k)};
  return p;
}
/* Appends source coordinate k of a (with its Z and M when a has them). */
static inline void sh_emit(gv_builder *b, const gv_array *a, int64_t k) {
  int64_t o = k * a->stride;
  gv_builder_coord(b, a->x[o], a->y[o], a->z ? a->z[o] : NAN, a->m ? a->m[o] : NAN);
}
/* Distance as GEOS's Coordinate::distance computes it. */
static inline double sh_dist(gv_pt p, gv_pt q) {
  double dx = p.x - q.x, dy = p.y - q.y;
  return sqrt(dx * dx + dy * dy);
}
/* JTS Orientation.isCCW of the closed ring [k0, k1) (0 when flat or too short). */
int sh_ring_is_ccw(const gv_array *a, int32_t k0, int32_t k1);
/* The same over points. */
int sh_pts_is_ccw(const gv_pt *p, int32_t n);
/* Lexicographic (x, then y) comparison, as Coordinate::compareTo. */
static inline int sh_cmp_pt(gv_pt a, gv_pt b) {
  if (a.x < b.x) return -1;
  if (a.x > b.x) return 1;
  if (a.y < b.y) return -1;
  if (a.y > b.y) return 1;
  return 0;
}
/* A growable list of points. */
typedef struct sh_pts {
  gv_pt *p;
  int32_t *src; /* source coordinate index, or -1 for a new point */
  int64_t n, cap;
} sh_pts;
int sh_pts_push(sh_pts *s, gv_pt p, int32_t src);
void sh_pts_free(sh_pts *s);
/* All non-NaN coordinates of geometry i. */
int sh_collect(const gv_array *a, int64_t i, sh_pts *s);
/* Emits the list as one ring of the current part (Z/M from the sources). */
void sh_emit_pts(gv_builder *b, const gv_array *a, const sh_pts *s);
/* A 2D point geometry (NaN x = POINT EMPTY). */
void sh_point(gv_builder *b, double x, double y);
/* Dimension of the highest-dimension non-empty component (-1 when empty). */
int sh_dimension(const gv_array *a, int64_t i);

/* The builder's current lengths, to drop what was appended after a mark. */
typedef struct sh_mark {
  size_t parts, rings, coords, toks;
} sh_mark;
sh_mark sh_mark_get(const gv_builder *b);
void sh_mark_rewind(gv_builder *b, sh_mark m);

/* ---- structural transforms (sh_map.c) --------------------------------------
 * Rebuilds geometry i member by member (the members of a collection, or
 * the geometry itself): fn appends the transformed member's parts and says
 * its type, or appends nothing and returns type GV_NULL to drop it (a
 * collection then keeps the other members). */
typedef int (*sh_member_fn)(void *ctx, const gv_array *a, uint8_t type, int32_t p0, int32_t p1,
                            int in_collection, gv_builder *b, uint8_t *out_type);
int sh_map(const gv_array *a, int64_t i, gv_builder *b, sh_member_fn fn, void *ctx);
/* The same; with prune set, nested collections left empty go too. */
int sh_map_prune(const gv_array *a, int64_t i, gv_builder *b, sh_member_fn fn, void *ctx, int prune);
/* Geometry::getDimension: the highest dimension of the components, empty
 * ones included (-1 for null and empty collections). */
int sh_dimension_all(const gv_array *a, int64_t i);
/* The result type of a member rebuilt as GEOS's GeometryTransformer does
 * (a multi geometry left with one part becomes that part, an empty member
 * of a collection goes) from its type and the parts it kept. A single
 * geometry must still have appended its one part. */
uint8_t sh_collapse(uint8_t type, int32_t kept, int in_collection);

/* ---- operations -------------------------------------------------------------- */
enum {
  SH_CENTROID = 0,
  SH_POINT_ON_SURFACE,
  SH_ENVELOPE,
  SH_CONVEX_HULL,
  SH_BOUNDARY,
  SH_REVERSE,
  SH_NORMALIZE,
  SH_REMOVE_REPEATED,   /* p[0] tolerance */
  SH_SEGMENTIZE,        /* p[0] max segment length */
  SH_ORIENT_POLYGONS,   /* p[0] exterior clockwise (0/1) */
  SH_UNIQUE_POINTS,
  SH_SIMPLIFY_DP,       /* p[0] tolerance */
  SH_SIMPLIFY_TP,       /* p[0] tolerance */
  SH_ORIENTED_ENVELOPE,
  SH_MBC,
  SH_INTERPOLATE,       /* p[0] distance, p[1] normalized */
  SH_DELAUNAY,          /* p[0] tolerance, p[1] only edges */
  SH_LINE_MERGE,        /* p[0] directed (0/1) */
  SH_CONCAVE_HULL,      /* p[0] length ratio in [0, 1], p[1] holes allowed */
  SH_OP_COUNT
};
/* Runs unary operation op on geometry i with parameters p. Returns 0, -1
 * (no memory), or 1 when the element's parameter is invalid (err set). */
int sh_unary(int op, const gv_array *a, int64_t i, const double *p, gv_builder *b);

int sh_centroid(const gv_array *a, int64_t i, gv_builder *b);
/* The centroid as a point; 0 when the geometry is empty. */
int sh_centroid_xy(const gv_array *a, int64_t i, gv_pt *out);
int sh_point_on_surface(const gv_array *a, int64_t i, gv_builder *b);
int sh_envelope(const gv_array *a, int64_t i, gv_builder *b);
int sh_convex_hull(const gv_array *a, int64_t i, gv_builder *b);
int sh_oriented_envelope(const gv_array *a, int64_t i, gv_builder *b);
int sh_mbc(const gv_array *a, int64_t i, gv_builder *b);
/* Radius of the minimum bounding circle (NaN for empty). */
double sh_mbc_radius(const gv_array *a, int64_t i, int *nomem);
int sh_boundary(const gv_array *a, int64_t i, gv_builder *b);
int sh_reverse(const gv_array *a, int64_t i, gv_builder *b);
int sh_normalize(const gv_array *a, int64_t i, gv_builder *b);
int sh_remove_repeated(const gv_array *a, int64_t i, double tol, gv_builder *b);
int sh_segmentize(const gv_array *a, int64_t i, double maxlen, gv_builder *b);
int sh_orient_polygons(const gv_array *a, int64_t i, int exterior_cw, gv_builder *b);
int sh_unique_points(const gv_array *a, int64_t i, gv_builder *b);
int sh_simplify_dp(const gv_array *a, int64_t i, double tol, gv_builder *b);
int sh_simplify_tp(const gv_array *a, int64_t i, double tol, gv_builder *b);
/* Delaunay triangles (a GeometryCollection of polygons) or edges (a
 * MultiLineString) over the vertices of geometry i (triangulate.c). */
int sh_delaunay(const gv_array *a, int64_t i, double tol, int only_edges, gv_builder *b);
/* The Delaunay triangulation of the distinct finite vertices of geometry i
 * (sorted by x, then y): nt counter-clockwise triangles, half-edge e of
 * triangle e / 3 from p[V[e]] to the next vertex of the triangle, O[e] its
 * twin (-1 on the hull); nt = 0 when the points are fewer than 3 or
 * collinear. Free with sh_tri_free. */
typedef struct sh_tri {
  gv_pt *p;
  int32_t n, nt;
  int32_t *V, *O;
} sh_tri;
int sh_triangulate(const gv_array *a, int64_t i, sh_tri *out);
void sh_tri_free(sh_tri *t);
/* Voronoi cells (a GeometryCollection of polygons) or edges (a
 * MultiLineString) of the vertices of geometry i, clipped to their envelope
 * grown as GEOS does, extended to the box extend (minx, miny, maxx, maxy;
 * NULL or NaN for none). */
int sh_voronoi(const gv_array *a, int64_t i, double tol, int only_edges, const double *extend, gv_builder *b);
/* The lines of geometry i sewn together through nodes of degree 2 (GEOS
 * LineMerger; linemerge.c): a LineString, a MultiLineString, or an empty
 * GeometryCollection. */
int sh_line_merge(const gv_array *a, int64_t i, int directed, gv_builder *b);
/* The concave hull of the vertices of geometry i (GEOS ConcaveHull by
 * edge length ratio; concave_hull.c). */
int sh_concave_hull(const gv_array *a, int64_t i, double ratio, int allow_holes, gv_builder *b);
int sh_interpolate(const gv_array *a, int64_t i, double d, int normalized, gv_builder *b);
/* Distance along the lines of geometry i to the point nearest (x, y). */
double sh_locate(const gv_array *a, int64_t i, double x, double y, int normalized);
/* Nearest points of geometries (a, i) and (b, j): 1 found, 0 (an empty
 * side), -1 no memory. */
int sh_nearest_points(const gv_array *a, int64_t i, const gv_array *b, int64_t j, gv_pt out[2]);

#endif
