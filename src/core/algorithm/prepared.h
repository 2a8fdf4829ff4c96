/* The layout of the prepared state and the point-in-polygon accelerators
 * (private to seg_index.c, prepare.c, pip.c and k_xy.c; other code goes
 * through predicates.h).
 *
 * Per polygon part with enough segments, two accelerators over all of its
 * rings (shell and holes):
 *
 *  - y-stripes: the part's y-range cut into equal stripes; a CSR lists, per
 *    stripe, the segments (by the coordinate index of their first point)
 *    whose y-range meets the stripe. A point's ray-crossing count needs only
 *    the segments of its stripe.
 *  - raster cells: a grid over the part's bounding box; each cell is
 *    EXTERIOR, INTERIOR, or "edge" (1, go to the stripes).
 *
 * Exactness of both rests on one fact: a point's stripe and cell come from
 * monotone floating-point functions of its coordinates (gv_bucket below:
 * fl(fl(v - v0) * scale), truncated and clamped), and the build uses the very
 * same functions. A segment whose x-range is [xa, xb] therefore covers, for
 * every x in it, a cell column between bucket(xa) and bucket(xb), whatever
 * the rounding; marking those columns (and rows) as "edge" leaves only cells
 * whose whole preimage -- the set of points that compute to them, a
 * rectangle -- meets no segment's box, hence holds no boundary point and has
 * one location throughout. This is the safety margin of the raster rule
 * taken to its exact limit: the "cell rectangle" is the set of points whose
 * computed index is that cell, off-by-one rounding included. */
#ifndef GEOVEC_PREPARED_H
#define GEOVEC_PREPARED_H

#include "predicates.h"

/* Rings and lines with more segments than this get a natural index, and
 * polygon parts get stripes and cells. */
#define GV_INDEX_MIN_SEGS 32

size_t gv_seg_index_bytes(const gv_seg_index *ix);

/* Cell values: a location, or GV_CELL_EDGE for "ask the stripes". */
#define GV_CELL_EDGE 1

typedef struct gv_part_pip {
  gv_box box; /* of the part */
  /* y-stripes */
  int32_t nstripes;
  double sy0, sscale;
  int32_t *soff; /* nstripes + 1 */
  int32_t *sseg; /* segment k joins coordinates k and k + 1 */
  /* raster cells, row-major; gnx == 0 when there is none */
  int32_t gnx, gny;
  double gx0, gy0, gsx, gsy;
  uint8_t *cells;
  size_t bytes;
} gv_part_pip;

/* Bucket of v in [v0, ...): fl(fl(v - v0) * scale) truncated and clamped
 * to [0, n - 1], which is monotone non-decreasing in v, so a range [va, vb]
 * of values falls in buckets [bucket(va), bucket(vb)]. Values below v0 (and
 * NaN) give 0, so lookups may compute a bucket before testing the box.
 * Branch-free (min/max instructions): points in and out of a polygon's box
 * come in random order. */
static inline int32_t gv_bucket(double v, double v0, double scale, int32_t n) {
  double t = (v - v0) * scale;
  t = t > 0 ? t : 0; /* also NaN -> 0 */
  double top = (double)(n - 1);
  t = t < top ? t : top;
  return (int32_t)t;
}

struct gv_prepared {
  size_t bytes;   /* the whole state */
  int32_t part0, nparts; /* parts covered: [part0, part0 + nparts) */
  int32_t ring0, nrings; /* rings covered */
  int32_t *ring_slot;    /* per ring: index into ring_ix, or -1 */
  gv_seg_index *ring_ix;
  int32_t nring_ix;
  int32_t *part_slot;    /* per part: index into part_pip, or -1 */
  gv_part_pip *part_pip;
  int32_t npart_pip;
  /* per part (any kind): its box; empty parts get an inverted box that
   * nothing meets, parts with NaN coordinates an infinite one */
  gv_box *part_box;
};

/* Box of part p in prepared state s, or NULL. */
static inline const gv_box *gv_part_box_of(const gv_prepared *s, int32_t p) {
  if (!s || p < s->part0 || p - s->part0 >= s->nparts) return NULL;
  return &s->part_box[p - s->part0];
}

static inline int gv_box_has(const gv_box *b, double x, double y) {
  return x >= b->minx && x <= b->maxx && y >= b->miny && y <= b->maxy;
}

/* Accelerators of part p in prepared state s, or NULL. */
static inline const gv_part_pip *gv_part_pip_of(const gv_prepared *s, int32_t p) {
  if (!s || p < s->part0 || p - s->part0 >= s->nparts) return NULL;
  int32_t k = s->part_slot[p - s->part0];
  return k < 0 ? NULL : &s->part_pip[k];
}

/* Builds a prepared state over the parts of geometries [g0, g1) of a:
 * indexes for big rings and lines, stripes and cells for big polygon parts;
 * with_cells = 0 leaves the cells out. *out is NULL on failure. */
gv_status gv_prepared_build(const gv_array *a, int64_t g0, int64_t g1, int with_cells, gv_prepared **out);

/* Location of (x, y) in polygon part p: with its accelerators when pp is
 * not NULL, a plain scan of its rings otherwise. */
int gv_pip_part(const gv_array *a, int32_t p, const gv_part_pip *pp, double x, double y);
/* The stripe scan alone (x, y inside pp->box). */
int gv_pip_stripes(const gv_array *a, const gv_part_pip *pp, double x, double y);

/* The whole lookup, for the hot loops: a box test, one cell, and the
 * stripes only for edge cells. NaN coordinates fail the box test and give
 * EXTERIOR. */
static inline int gv_pip_fast(const gv_array *a, const gv_part_pip *pp, double x, double y) {
  int inside_box = (x >= pp->box.minx) & (x <= pp->box.maxx) & (y >= pp->box.miny) & (y <= pp->box.maxy);
  if (pp->gnx) {
    int32_t i = gv_bucket(x, pp->gx0, pp->gsx, pp->gnx), j = gv_bucket(y, pp->gy0, pp->gsy, pp->gny);
    int c = pp->cells[(int64_t)j * pp->gnx + i] & -inside_box; /* outside the box: EXTERIOR */
    if (c != GV_CELL_EDGE) return c;
  } else if (!inside_box) {
    return GV_LOC_EXTERIOR;
  }
  return gv_pip_stripes(a, pp, x, y);
}

#endif
