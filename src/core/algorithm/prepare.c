/* Prepared state: indexes built once per array and cached on it (see
 * prepared.h for the layout and why the accelerators are exact).
 *
 * gv_prepare writes a->prepared, so it must not run while other threads
 * use the same array; once built the state is read-only and shared freely.
 * The hosts call the prepare kernel synchronously before predicates. */
#include <math.h>
#include <string.h>

#include "prepared.h"

/* Raster size: about this many cells per segment, within bounds. More
 * cells send fewer points to the stripes, at one byte each. */
#define CELLS_PER_SEG 16
#define CELLS_MIN 1024
#define CELLS_MAX (1 << 20)

static void part_pip_free(gv_part_pip *pp) {
  gv_free(pp->soff);
  gv_free(pp->sseg);
  gv_free(pp->cells);
  memset(pp, 0, sizeof *pp);
}

/* Runs the statement after it for every segment k of part p (all its
 * rings), k being the coordinate index of the segment's first point. */
#define FOR_SEGMENTS(a, p, k)                                                        \
  for (int32_t r_ = gv_part_begin(a, p), r1_ = gv_part_end(a, p); r_ < r1_; r_++)    \
    for (int32_t k = gv_ring_begin(a, r_), k1_ = gv_ring_end(a, r_) - 1; k < k1_; k++)

static void seg_minmax(const gv_array *a, int32_t k, double *x0, double *y0, double *x1, double *y1) {
  double ax = GV_X(a, k), ay = GV_Y(a, k), bx = GV_X(a, k + 1), by = GV_Y(a, k + 1);
  *x0 = ax < bx ? ax : bx, *x1 = ax < bx ? bx : ax;
  *y0 = ay < by ? ay : by, *y1 = ay < by ? by : ay;
}

/* Polsby-Popper compactness 4 pi A / P^2 of part p (1 for a circle, near 0
 * for a ragged or thin outline); A is the shell's area less the holes'. */
static double compactness(const gv_array *a, int32_t p, gv_box box) {
  double area = 0, perimeter = 0;
  for (int32_t r = gv_part_begin(a, p), r0 = r, r1 = gv_part_end(a, p); r < r1; r++) {
    double twice = 0;
    for (int32_t k = gv_ring_begin(a, r), k1 = gv_ring_end(a, r) - 1; k < k1; k++) {
      /* relative to the box corner, to keep the products small */
      double x1 = GV_X(a, k) - box.minx, y1 = GV_Y(a, k) - box.miny;
      double x2 = GV_X(a, k + 1) - box.minx, y2 = GV_Y(a, k + 1) - box.miny;
      twice += x1 * y2 - x2 * y1;
      /* sqrt, not hypot (several times slower, and this is only a
       * heuristic): an overflow to infinity gives compactness 0, the floor */
      double dx = x2 - x1, dy = y2 - y1;
      perimeter += sqrt(dx * dx + dy * dy);
    }
    area += r == r0 ? fabs(twice) / 2 : -fabs(twice) / 2;
  }
  if (!(area > 0 && perimeter > 0)) return 0;
  double pp = 4 * 3.141592653589793 * area / (perimeter * perimeter);
  return pp < 1 ? pp : 1;
}

/* y-stripes, as ALGORITHMS.md describes: the stripe count grows with the
 * number of segments times the part's compactness, with a floor of 32. A
 * compact outline crosses a horizontal line about twice, so its stripes can
 * be thin and still hold few segments; a ragged one (a coastline) crosses
 * it many times, and its segments span many thin stripes, so it gets fewer.
 * STRIPES_PER_SEG was tuned on the W1 polygons: Brazil (compactness 0.18)
 * gets about half a stripe and three CSR entries per segment, and a stripe
 * scan costs it about 45 ns. */
#define STRIPES_PER_SEG 3.0
static gv_status build_stripes(const gv_array *a, int32_t p, int64_t nseg, gv_part_pip *pp) {
  double H = pp->box.maxy - pp->box.miny;
  double want = STRIPES_PER_SEG * (double)nseg * compactness(a, p, pp->box);
  if (want > 2.0 * (double)nseg) want = 2.0 * (double)nseg;
  if (want > (1 << 22)) want = 1 << 22;
  int32_t n = want < 32 ? 32 : (int32_t)want;
  double scale = H > 0 ? n / H : 0;
  if (!(scale < INFINITY) || scale == 0) n = 1, scale = 0;
  pp->nstripes = n;
  pp->sy0 = pp->box.miny;
  pp->sscale = scale;
  pp->soff = gv_calloc((size_t)n + 1, sizeof(int32_t));
  if (!pp->soff) return GV_ERR_NOMEM;
  /* count per stripe, prefix sums, then fill through a cursor per stripe */
  int64_t total = 0;
  FOR_SEGMENTS(a, p, k) {
    double x0, y0, x1, y1;
    seg_minmax(a, k, &x0, &y0, &x1, &y1);
    int32_t s0 = gv_bucket(y0, pp->sy0, scale, n), s1 = gv_bucket(y1, pp->sy0, scale, n);
    for (int32_t s = s0; s <= s1; s++) pp->soff[s + 1]++;
    total += s1 - s0 + 1;
  }
  if (total > GV_MAX_COUNT) return GV_ERR_LIMIT;
  for (int32_t s = 0; s < n; s++) pp->soff[s + 1] += pp->soff[s];
  pp->sseg = gv_malloc((size_t)total * sizeof(int32_t));
  if (!pp->sseg) return GV_ERR_NOMEM;
  int32_t *cursor = gv_malloc((size_t)n * sizeof(int32_t));
  if (!cursor) return GV_ERR_NOMEM;
  memcpy(cursor, pp->soff, (size_t)n * sizeof(int32_t));
  FOR_SEGMENTS(a, p, k) {
    double x0, y0, x1, y1;
    seg_minmax(a, k, &x0, &y0, &x1, &y1);
    int32_t s0 = gv_bucket(y0, pp->sy0, scale, n), s1 = gv_bucket(y1, pp->sy0, scale, n);
    for (int32_t s = s0; s <= s1; s++) pp->sseg[cursor[s]++] = k;
  }
  gv_free(cursor);
  pp->bytes += ((size_t)n + 1 + (size_t)total) * sizeof(int32_t);
  return GV_OK;
}

/* A point that computes to bucket i (so that it lies in the cell's
 * preimage), or NaN when rounding leaves none near the middle. */
static double representative(int32_t i, double v0, double scale, int32_t n, double lo, double hi) {
  double v = v0 + ((double)i + 0.5) / scale;
  if (!(v >= lo && v <= hi) || gv_bucket(v, v0, scale, n) != i) return NAN;
  return v;
}

/* Raster cells: every cell that some segment's box reaches (through the
 * same bucket function the lookups use) is an edge cell; every other cell
 * takes the location of a point in it, found with the stripes. A run of
 * non-edge cells along a row shares one location -- no segment separates
 * neighbours whose preimages meet no segment box -- so one test per run is
 * enough. */
static gv_status build_cells(const gv_array *a, int32_t p, int64_t nseg, gv_part_pip *pp) {
  double W = pp->box.maxx - pp->box.minx, H = pp->box.maxy - pp->box.miny;
  if (!(W > 0 && H > 0)) return GV_OK;
  double gx0 = pp->box.minx, gy0 = pp->box.miny;
  double want = (double)nseg * CELLS_PER_SEG;
  if (want < CELLS_MIN) want = CELLS_MIN;
  if (want > CELLS_MAX) want = CELLS_MAX;
  int32_t gnx, gny;
  double sx, sy;
  /* Marking costs the cells of every segment's box. Real outlines have
   * short segments (a few cells each); long ones (a star of spikes) would
   * make it quadratic: then fewer, bigger cells, and no cells at all when
   * even a small grid costs too much (the stripes still answer). */
  for (;;) {
    double nx = round(sqrt(want * W / H)), ny;
    if (nx < 1) nx = 1;
    if (nx > 4096) nx = 4096;
    ny = round(want / nx);
    if (ny < 1) ny = 1;
    if (ny > 4096) ny = 4096;
    gnx = (int32_t)nx, gny = (int32_t)ny;
    sx = gnx / W, sy = gny / H;
    if (!(sx < INFINITY && sy < INFINITY)) return GV_OK; /* a degenerate box: stripes only */
    double work = 0, budget = 4.0 * gnx * gny + 8.0 * (double)nseg;
    FOR_SEGMENTS(a, p, k) {
      double x0, y0, x1, y1;
      seg_minmax(a, k, &x0, &y0, &x1, &y1);
      work += (double)(gv_bucket(x1, gx0, sx, gnx) - gv_bucket(x0, gx0, sx, gnx) + 1) *
              (double)(gv_bucket(y1, gy0, sy, gny) - gv_bucket(y0, gy0, sy, gny) + 1);
    }
    if (work <= budget) break;
    if (want <= CELLS_MIN) return GV_OK;
    want /= 4;
  }
  uint8_t *cells = gv_calloc((size_t)gnx * (size_t)gny, 1);
  if (!cells) return GV_ERR_NOMEM;
  FOR_SEGMENTS(a, p, k) {
    double x0, y0, x1, y1;
    seg_minmax(a, k, &x0, &y0, &x1, &y1);
    int32_t i0 = gv_bucket(x0, gx0, sx, gnx), i1 = gv_bucket(x1, gx0, sx, gnx);
    int32_t j0 = gv_bucket(y0, gy0, sy, gny), j1 = gv_bucket(y1, gy0, sy, gny);
    for (int32_t j = j0; j <= j1; j++) memset(cells + (int64_t)j * gnx + i0, GV_CELL_EDGE, (size_t)(i1 - i0 + 1));
  }
  for (int32_t j = 0; j < gny; j++) {
    uint8_t *row = cells + (int64_t)j * gnx;
    double y = representative(j, gy0, sy, gny, pp->box.miny, pp->box.maxy);
    int run = -1; /* location of the current run of non-edge cells, -1 none yet */
    for (int32_t i = 0; i < gnx; i++) {
      if (row[i] == GV_CELL_EDGE) {
        run = -1;
        continue;
      }
      if (run < 0) {
        double x = representative(i, gx0, sx, gnx, pp->box.minx, pp->box.maxx);
        if (!isnan(x) && !isnan(y)) run = gv_pip_stripes(a, pp, x, y);
        if (run == GV_LOC_BOUNDARY) run = -1; /* cannot happen; be safe */
      }
      row[i] = run < 0 ? GV_CELL_EDGE : (uint8_t)run;
    }
  }
  pp->gnx = gnx, pp->gny = gny;
  pp->gx0 = gx0, pp->gy0 = gy0, pp->gsx = sx, pp->gsy = sy;
  pp->cells = cells;
  pp->bytes += (size_t)gnx * (size_t)gny;
  return GV_OK;
}

/* Accelerators for polygon part p. *built = 0 (and GV_OK) when the part
 * does not get them: too few segments or non-finite coordinates. */
static gv_status build_part(const gv_array *a, int32_t p, int with_cells, gv_part_pip *pp, int *built) {
  memset(pp, 0, sizeof *pp);
  *built = 0;
  int64_t nseg = 0;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int32_t r = gv_part_begin(a, p), r1 = gv_part_end(a, p); r < r1; r++) {
    int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
    if (k1 - k0 >= 2) nseg += k1 - k0 - 1;
    for (int32_t k = k0; k < k1; k++) {
      double x = GV_X(a, k), y = GV_Y(a, k);
      if (!(fabs(x) < INFINITY && fabs(y) < INFINITY)) return GV_OK; /* NaN or infinite */
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (nseg <= GV_INDEX_MIN_SEGS) return GV_OK;
  pp->box = (gv_box){x0, y0, x1, y1};
  pp->bytes = sizeof *pp;
  gv_status s = build_stripes(a, p, nseg, pp);
  if (!s && with_cells) s = build_cells(a, p, nseg, pp);
  if (s) {
    part_pip_free(pp);
    return s == GV_ERR_LIMIT ? GV_OK : s; /* too big to index: the part is scanned */
  }
  *built = 1;
  return GV_OK;
}

/* The box of all coordinates of part p (see gv_prepared.part_box). */
static gv_box part_box(const gv_array *a, int32_t p) {
  gv_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
  int32_t k0 = gv_ring_begin(a, r0), k1 = gv_ring_begin(a, r1);
  for (int32_t k = k0; k < k1; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (isnan(x) || isnan(y)) {
      /* an empty point keeps its part empty; elsewhere NaN means no pruning */
      if (k1 - k0 == 1) continue;
      return (gv_box){-INFINITY, -INFINITY, INFINITY, INFINITY};
    }
    if (x < b.minx) b.minx = x;
    if (x > b.maxx) b.maxx = x;
    if (y < b.miny) b.miny = y;
    if (y > b.maxy) b.maxy = y;
  }
  return b;
}

void gv_prepared_free(gv_prepared *s) {
  if (!s) return;
  for (int32_t i = 0; i < s->nring_ix; i++) gv_seg_index_free(&s->ring_ix[i]);
  for (int32_t i = 0; i < s->npart_pip; i++) part_pip_free(&s->part_pip[i]);
  gv_free(s->ring_ix);
  gv_free(s->part_pip);
  gv_free(s->ring_slot);
  gv_free(s->part_slot);
  gv_free(s->part_box);
  gv_free(s);
}

gv_status gv_prepared_build(const gv_array *a, int64_t g0, int64_t g1, int with_cells, gv_prepared **out) {
  *out = NULL;
  if (g0 < 0 || g1 < g0 || g1 > a->n) return GV_ERR_ARG;
  gv_prepared *s = gv_calloc(1, sizeof *s);
  if (!s) return GV_ERR_NOMEM;
  int32_t p0 = gv_geom_begin(a, g0), p1 = gv_geom_begin(a, g1);
  int32_t r0 = gv_part_begin(a, p0), r1 = gv_part_begin(a, p1);
  s->part0 = p0, s->nparts = p1 - p0;
  s->ring0 = r0, s->nrings = r1 - r0;
  s->ring_slot = gv_malloc((size_t)s->nrings * sizeof(int32_t));
  s->part_slot = gv_malloc((size_t)s->nparts * sizeof(int32_t));
  gv_status st = s->ring_slot && s->part_slot ? GV_OK : GV_ERR_NOMEM;
  /* rings and lines: count the big ones, then index them */
  int32_t big_rings = 0, big_parts = 0;
  for (int32_t r = r0; r < r1 && !st; r++) {
    int32_t len = gv_ring_end(a, r) - gv_ring_begin(a, r);
    s->ring_slot[r - r0] = len - 1 > GV_INDEX_MIN_SEGS ? big_rings++ : -1;
  }
  if (!st && big_rings) {
    s->ring_ix = gv_calloc((size_t)big_rings, sizeof *s->ring_ix);
    if (!s->ring_ix) st = GV_ERR_NOMEM;
  }
  for (int32_t r = r0; r < r1 && !st; r++) {
    int32_t slot = s->ring_slot[r - r0];
    if (slot < 0) continue;
    st = gv_seg_index_build(a, gv_ring_begin(a, r), gv_ring_end(a, r), &s->ring_ix[slot]);
    if (!st) s->nring_ix = slot + 1, s->bytes += gv_seg_index_bytes(&s->ring_ix[slot]);
  }
  /* boxes of all parts */
  if (!st) {
    s->part_box = gv_malloc((size_t)s->nparts * sizeof *s->part_box);
    if (!s->part_box) st = GV_ERR_NOMEM;
  }
  for (int32_t p = p0; p < p1 && !st; p++) s->part_box[p - p0] = part_box(a, p);
  /* polygon parts: the kinds come from the geometries' types */
  for (int32_t p = p0; p < p1 && s->part_slot; p++) s->part_slot[p - p0] = -1;
  if (!st && s->nparts) {
    s->part_pip = gv_calloc((size_t)s->nparts, sizeof *s->part_pip);
    if (!s->part_pip) st = GV_ERR_NOMEM;
  }
  for (int64_t g = g0; g < g1 && !st; g++) {
    uint8_t t = gv_type_byte(a, g);
    if (GV_BASE_TYPE(t) == GV_NULL) continue;
    for (int32_t p = gv_geom_begin(a, g), pe = gv_geom_end(a, g); p < pe && !st; p++) {
      if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
      int built;
      st = build_part(a, p, with_cells, &s->part_pip[big_parts], &built);
      if (!st && built) {
        s->bytes += s->part_pip[big_parts].bytes;
        s->part_slot[p - p0] = big_parts++;
        s->npart_pip = big_parts;
      }
    }
  }
  if (st) {
    gv_prepared_free(s);
    return st;
  }
  /* give back the unused tail of the part table */
  if (big_parts < s->nparts) {
    gv_part_pip *shrunk = big_parts ? gv_realloc(s->part_pip, (size_t)big_parts * sizeof *shrunk) : NULL;
    if (big_parts && shrunk) s->part_pip = shrunk;
    if (!big_parts) gv_free(s->part_pip), s->part_pip = NULL;
  }
  s->bytes += sizeof *s + ((size_t)s->nrings + (size_t)s->nparts) * sizeof(int32_t) +
              (size_t)s->nparts * sizeof(gv_box) +
              (size_t)s->nring_ix * sizeof(gv_seg_index) + (size_t)s->npart_pip * sizeof(gv_part_pip);
  *out = s;
  return GV_OK;
}

gv_status gv_prepare(gv_array *a) {
  if (!a) return GV_ERR_ARG;
  if (a->prepared) return GV_OK;
  gv_prepared *s;
  gv_status st = gv_prepared_build(a, 0, a->n, 1, &s);
  if (st) return st;
  a->prepared = s;
  return GV_OK;
}

size_t gv_prepared_bytes(const gv_array *a) { return a && a->prepared ? a->prepared->bytes : 0; }

const gv_seg_index *gv_prepared_ring_index(const gv_array *a, int32_t r) {
  const gv_prepared *s = a ? a->prepared : NULL;
  if (!s || r < s->ring0 || r - s->ring0 >= s->nrings) return NULL;
  int32_t slot = s->ring_slot[r - s->ring0];
  return slot < 0 ? NULL : &s->ring_ix[slot];
}
