/* A sublinear search for a point shared by the boundaries of two large
 * polygonal geometries, for intersects and disjoint.
 *
 * Any exact index or envelope of a large unprepared polygon needs a pass
 * over all of its coordinates, and for polygons of tens of thousands of
 * vertices that pass, not the search, is the cost: 40,000 coordinates are
 * 640 KB, which main memory delivers in about 75 us on one core. Yet two
 * overlapping polygons whose outlines cross can be shown to intersect by a
 * single pair of crossing segments. So before anything reads a whole
 * geometry, this search reads a sketch of each -- every (n/m)-th vertex,
 * m = a few hundred -- finds where the two sketch outlines cross (a small
 * grid over the sketch chords), and looks for an exact crossing of the real
 * segments only in the runs of coordinates under two crossing chords, which
 * are contiguous and cheap to read. An exact crossing found there is a
 * proof; finding none proves nothing, and the caller goes on with the full
 * evaluation, so the answer never depends on the heuristic.
 *
 * Why a shared shell point decides the predicate exactly as GEOS RelateNG
 * does: a point on a shell of each input lies in both inputs' envelopes
 * (an envelope is the union of the shells' envelopes) and in the envelopes
 * of both shells, so RelateNG extracts both rings and its edge intersector
 * finds the point; the point becomes a node, and a node of a Polygon or
 * MultiPolygon is located on its boundary, which updates the matrix with
 * (BOUNDARY, BOUNDARY): intersects is true. Holes are left out because an
 * (invalid) hole may reach outside its shell's envelope, where RelateNG
 * would not look. */
#include <math.h>

#include "relate.h"
#include "algorithm/segment.h"

/* Both geometries need this many coordinates: below it the full
 * evaluation is cheap enough. */
#define SK_MIN_COORDS 2048
/* Samples per geometry: about n / SK_RUN, within bounds. Each sample costs
 * a cache miss; each chord's run of coordinates is what a candidate reads. */
#define SK_RUN 384
#define SK_MIN_SAMPLES 32
#define SK_MAX_SAMPLES 512
/* The chord grid: SK_GRID x SK_GRID cells over the samples' box, at most
 * SK_MAX_ENTRIES (chord, cell) entries, else the sketch is too coarse to
 * help and the search gives up. */
#define SK_GRID 16
#define SK_MAX_ENTRIES 4096
/* Candidate chord pairs verified before giving up. */
#define SK_MAX_TRIES 32
/* Segments per box when a run is checked against another. */
#define SK_CHUNK 8
/* Segments of each run checked around a chord crossing first. */
#define SK_WINDOW 48

typedef struct sk_side {
  const gv_array *a;
  int32_t p0, p1; /* parts */
  int32_t r0, r1; /* rings */
  int64_t k0, n;  /* coordinates */
  int m;          /* chords; samples 0..m */
  int64_t at[SK_MAX_SAMPLES + 1];
  double x[SK_MAX_SAMPLES + 1], y[SK_MAX_SAMPLES + 1];
} sk_side;

static int polygonal(const gv_array *a, int64_t i) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  return t == GV_POLYGON || t == GV_MULTIPOLYGON;
}

/* Reads the sketch of geometry i: m + 1 samples from the first to the last
 * coordinate, evenly spaced by index. Returns 0 when it is too small. */
static int sketch(sk_side *s, const gv_array *a, int64_t i) {
  s->a = a;
  s->p0 = gv_geom_begin(a, i), s->p1 = gv_geom_end(a, i);
  s->r0 = gv_part_begin(a, s->p0), s->r1 = gv_part_begin(a, s->p1);
  s->k0 = gv_ring_begin(a, s->r0);
  s->n = gv_ring_begin(a, s->r1) - s->k0;
  if (s->n < SK_MIN_COORDS) return 0;
  int64_t m = s->n / SK_RUN;
  s->m = (int)(m < SK_MIN_SAMPLES ? SK_MIN_SAMPLES : m > SK_MAX_SAMPLES ? SK_MAX_SAMPLES : m);
  for (int t = 0; t <= s->m; t++) s->at[t] = s->k0 + (s->n - 1) * t / s->m;
  /* independent loads: the misses overlap */
  for (int t = 0; t <= s->m; t++) {
    s->x[t] = GV_X(a, s->at[t]);
    s->y[t] = GV_Y(a, s->at[t]);
  }
  return 1;
}

/* ---- exact check of two runs of segments ----------------------------------------------- */

/* The ring of [r0, r1) holding coordinate k (ring_off is sorted). */
static int32_t ring_of(const gv_array *a, int32_t r0, int32_t r1, int64_t k) {
  int32_t lo = r0, hi = r1 - 1;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo + 1) / 2;
    if (gv_ring_begin(a, mid) <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/* Whether ring r is the shell of its polygon part. */
static int is_shell(const sk_side *s, int32_t r) {
  int32_t lo = s->p0, hi = s->p1 - 1;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo + 1) / 2;
    if (gv_part_begin(s->a, mid) <= r) lo = mid;
    else hi = mid - 1;
  }
  return gv_part_begin(s->a, lo) == r;
}

/* The segments of chord t that belong to one shell: [*s0, *s1) (segment k
 * joins coordinates k and k + 1). Returns 0 when there are none. */
static int chord_segments(const sk_side *s, int t, int64_t *s0, int64_t *s1) {
  int64_t k = s->at[t], end = s->at[t + 1];
  int32_t r = ring_of(s->a, s->r0, s->r1, k);
  if (!is_shell(s, r)) return 0;
  int64_t last = gv_ring_end(s->a, r) - 1; /* the ring's last segment starts before it */
  if (end > last) end = last;
  *s0 = k, *s1 = end;
  return end > k;
}

static gv_box seg_box(const gv_array *a, int64_t k) {
  double x1 = GV_X(a, k), y1 = GV_Y(a, k), x2 = GV_X(a, k + 1), y2 = GV_Y(a, k + 1);
  return (gv_box){x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1};
}

static int segments_meet(const gv_array *a, int64_t j, const gv_array *b, int64_t k) {
  return gv_segments_meet(GV_X(a, j), GV_Y(a, j), GV_X(a, j + 1), GV_Y(a, j + 1), GV_X(b, k), GV_Y(b, k),
                          GV_X(b, k + 1), GV_Y(b, k + 1));
}

/* Runs longer than this are cut (only their start is checked). */
#define SK_MAX_RUN 1024
#define SK_GROUP (SK_CHUNK * SK_CHUNK) /* segments per box of the upper level */
#define SK_MAX_CHUNKS (SK_MAX_RUN / SK_CHUNK)
#define SK_MAX_GROUPS (SK_MAX_RUN / SK_GROUP)

/* A run of segments with two levels of boxes: one per SK_CHUNK segments,
 * one per SK_CHUNK chunks. */
typedef struct sk_run {
  const gv_array *a;
  int64_t s0, s1;
  int nchunks, ngroups;
  gv_box chunk[SK_MAX_CHUNKS], group[SK_MAX_GROUPS];
} sk_run;

static inline int boxes_meet(const gv_box *p, const gv_box *q) {
  /* no short-circuit: the outcomes are unpredictable */
  return (p->minx <= q->maxx) & (q->minx <= p->maxx) & (p->miny <= q->maxy) & (q->miny <= p->maxy);
}

static void run_build(sk_run *r, const gv_array *a, int64_t s0, int64_t s1) {
  if (s1 - s0 > SK_MAX_RUN) s1 = s0 + SK_MAX_RUN;
  r->a = a, r->s0 = s0, r->s1 = s1;
  r->nchunks = (int)((s1 - s0 + SK_CHUNK - 1) / SK_CHUNK);
  r->ngroups = (r->nchunks + SK_CHUNK - 1) / SK_CHUNK;
  /* coordinates s0 .. s1 (the last segment's end included) */
  double x = GV_X(a, s0), y = GV_Y(a, s0);
  for (int c = 0; c < r->nchunks; c++) {
    int64_t e = s0 + (int64_t)(c + 1) * SK_CHUNK;
    if (e > s1) e = s1;
    gv_box b = {x, y, x, y};
    for (int64_t k = s0 + (int64_t)c * SK_CHUNK + 1; k <= e; k++) {
      x = GV_X(a, k), y = GV_Y(a, k);
      b.minx = x < b.minx ? x : b.minx;
      b.miny = y < b.miny ? y : b.miny;
      b.maxx = x > b.maxx ? x : b.maxx;
      b.maxy = y > b.maxy ? y : b.maxy;
    }
    r->chunk[c] = b;
  }
  for (int g = 0; g < r->ngroups; g++) {
    int c1 = (g + 1) * SK_CHUNK < r->nchunks ? (g + 1) * SK_CHUNK : r->nchunks;
    gv_box b = r->chunk[g * SK_CHUNK];
    for (int c = g * SK_CHUNK + 1; c < c1; c++) {
      const gv_box *q = &r->chunk[c];
      b.minx = q->minx < b.minx ? q->minx : b.minx;
      b.miny = q->miny < b.miny ? q->miny : b.miny;
      b.maxx = q->maxx > b.maxx ? q->maxx : b.maxx;
      b.maxy = q->maxy > b.maxy ? q->maxy : b.maxy;
    }
    r->group[g] = b;
  }
}

/* Chunk c of p against chunk d of q, segment by segment. */
static int chunks_meet(const sk_run *p, int c, const sk_run *q, int d) {
  int64_t j0 = p->s0 + (int64_t)c * SK_CHUNK, j1 = j0 + SK_CHUNK < p->s1 ? j0 + SK_CHUNK : p->s1;
  int64_t k0 = q->s0 + (int64_t)d * SK_CHUNK, k1 = k0 + SK_CHUNK < q->s1 ? k0 + SK_CHUNK : q->s1;
  for (int64_t j = j0; j < j1; j++) {
    gv_box sj = seg_box(p->a, j);
    if (!boxes_meet(&sj, &q->chunk[d])) continue;
    for (int64_t k = k0; k < k1; k++) {
      gv_box sk = seg_box(q->a, k);
      if (boxes_meet(&sj, &sk) && segments_meet(p->a, j, q->a, k)) return 1;
    }
  }
  return 0;
}

/* Whether some segment of run p meets some segment of run q. */
static int runs_meet(const sk_run *p, const sk_run *q) {
  for (int g = 0; g < p->ngroups; g++)
    for (int h = 0; h < q->ngroups; h++) {
      if (!boxes_meet(&p->group[g], &q->group[h])) continue;
      int c1 = (g + 1) * SK_CHUNK < p->nchunks ? (g + 1) * SK_CHUNK : p->nchunks;
      int d1 = (h + 1) * SK_CHUNK < q->nchunks ? (h + 1) * SK_CHUNK : q->nchunks;
      for (int c = g * SK_CHUNK; c < c1; c++) {
        if (!boxes_meet(&p->chunk[c], &q->group[h])) continue;
        for (int d = h * SK_CHUNK; d < d1; d++)
          if (boxes_meet(&p->chunk[c], &q->chunk[d]) && chunks_meet(p, c, q, d)) return 1;
      }
    }
  return 0;
}

/* ---- windows: the few segments under a chord crossing ------------------------------------- */

/* The window of SK_WINDOW segments of [s0, s1) centred where the chord
 * from coordinate s0 to s1 is crossed, at fraction f of its length (the
 * index is proportional to it only roughly: a hint). */
static void window_of(int64_t s0, int64_t s1, double f, int64_t *w0, int64_t *w1) {
  if (!(f >= 0)) f = 0; /* also NaN */
  if (f > 1) f = 1;
  int64_t mid = s0 + (int64_t)(f * (double)(s1 - s0));
  int64_t lo = mid - SK_WINDOW / 2, hi = lo + SK_WINDOW;
  if (lo < s0) lo = s0, hi = s0 + SK_WINDOW;
  if (hi > s1) hi = s1, lo = s1 - SK_WINDOW > s0 ? s1 - SK_WINDOW : s0;
  *w0 = lo, *w1 = hi;
}

/* ---- candidates: crossing chords ---------------------------------------------------------- */

typedef struct sk_grid {
  double x0, y0, sx, sy;
} sk_grid;

static int cell(double v, double v0, double scale) {
  double t = (v - v0) * scale;
  t = t > 0 ? t : 0; /* also NaN */
  t = t < SK_GRID - 1 ? t : SK_GRID - 1;
  return (int)t;
}

static gv_box chord_box(const sk_side *s, int t) {
  double x1 = s->x[t], y1 = s->y[t], x2 = s->x[t + 1], y2 = s->y[t + 1];
  return (gv_box){x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1};
}

/* Chords cross or touch, in plain floating point: only a hint. */
static int chords_cross(const sk_side *p, int t, const sk_side *q, int u) {
  double ax = p->x[t], ay = p->y[t], bx = p->x[t + 1], by = p->y[t + 1];
  double cx = q->x[u], cy = q->y[u], dx = q->x[u + 1], dy = q->y[u + 1];
  double d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  double d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  double d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  return !((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0) || (d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0));
}

/* chords_cross, and where: the fractions of each chord's length at which
 * their lines meet (0.5 for parallel chords that touch). */
static int chords_cross_at(const sk_side *p, int t, const sk_side *q, int u, double *fs, double *fr) {
  if (!chords_cross(p, t, q, u)) return 0;
  double ax = p->x[t], ay = p->y[t], ex = p->x[t + 1] - ax, ey = p->y[t + 1] - ay;
  double cx = q->x[u], cy = q->y[u], fx = q->x[u + 1] - cx, fy = q->y[u + 1] - cy;
  double den = ex * fy - ey * fx;
  *fs = *fr = 0.5;
  if (den != 0) {
    *fs = ((cx - ax) * fy - (cy - ay) * fx) / den;
    *fr = ((cx - ax) * ey - (cy - ay) * ex) / den;
  }
  return 1;
}

typedef struct sk_cand {
  uint16_t t, u;
} sk_cand;

/* Crossing chord pairs looked at. */
#define SK_MAX_CANDS 256

/* The run of chord t of s, built once (*have remembers which chord it
 * holds: candidates come grouped by a's chord). Returns 0 when the chord
 * has no shell segments. */
static int chord_run(const sk_side *s, int t, sk_run *r, int *have) {
  if (*have == t) return r->s1 > r->s0;
  *have = t;
  int64_t s0, s1;
  if (!chord_segments(s, t, &s0, &s1)) {
    r->s0 = r->s1 = 0;
    return 0;
  }
  run_build(r, s->a, s0, s1);
  return 1;
}

int rl_sketch_meet(const gv_array *a, int64_t i, const gv_array *b, int64_t j) {
  if (!polygonal(a, i) || !polygonal(b, j)) return 0;
  sk_side sa, sb;
  if (!sketch(&sa, a, i) || !sketch(&sb, b, j)) return 0;
  /* the grid spans both sketches */
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int k = 0; k < 2; k++) {
    const sk_side *s = k ? &sb : &sa;
    for (int t = 0; t <= s->m; t++) {
      if (s->x[t] < x0) x0 = s->x[t];
      if (s->x[t] > x1) x1 = s->x[t];
      if (s->y[t] < y0) y0 = s->y[t];
      if (s->y[t] > y1) y1 = s->y[t];
    }
  }
  sk_grid g = {x0, y0, SK_GRID / (x1 - x0), SK_GRID / (y1 - y0)};
  if (!(g.sx < INFINITY && g.sy < INFINITY && g.sx > 0 && g.sy > 0)) return 0; /* flat, or NaN */

  /* b's chords per cell (counting sort) */
  uint16_t start[SK_GRID * SK_GRID + 1];
  uint16_t entry[SK_MAX_ENTRIES];
  for (int c = 0; c <= SK_GRID * SK_GRID; c++) start[c] = 0;
  int total = 0;
  uint8_t span[SK_MAX_SAMPLES][4]; /* each chord's cells: x0, x1, y0, y1 */
  for (int u = 0; u < sb.m; u++) {
    gv_box q = chord_box(&sb, u);
    int cx0 = cell(q.minx, g.x0, g.sx), cx1 = cell(q.maxx, g.x0, g.sx);
    int cy0 = cell(q.miny, g.y0, g.sy), cy1 = cell(q.maxy, g.y0, g.sy);
    span[u][0] = (uint8_t)cx0, span[u][1] = (uint8_t)cx1, span[u][2] = (uint8_t)cy0, span[u][3] = (uint8_t)cy1;
    total += (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
    if (total > SK_MAX_ENTRIES) return 0;
    for (int cy = cy0; cy <= cy1; cy++)
      for (int cx = cx0; cx <= cx1; cx++) start[cy * SK_GRID + cx + 1]++;
  }
  for (int c = 0; c < SK_GRID * SK_GRID; c++) start[c + 1] = (uint16_t)(start[c + 1] + start[c]);
  uint16_t fill[SK_GRID * SK_GRID];
  for (int c = 0; c < SK_GRID * SK_GRID; c++) fill[c] = start[c];
  for (int u = 0; u < sb.m; u++)
    for (int cy = span[u][2]; cy <= span[u][3]; cy++)
      for (int cx = span[u][0]; cx <= span[u][1]; cx++) entry[fill[cy * SK_GRID + cx]++] = (uint16_t)u;

  /* a's chords against them; a pair sharing several cells is taken in the
   * cell of the lower-left corner of its boxes' overlap only. For each
   * crossing pair, first the windows of SK_WINDOW segments under the
   * crossing (where the outlines most often cross too); the crossing pairs
   * are kept, and when no window held a shared point, their whole runs
   * are checked. */
  sk_cand cand[SK_MAX_CANDS];
  int ncand = 0;
  for (int t = 0; t < sa.m && ncand < SK_MAX_CANDS; t++) {
    gv_box p = chord_box(&sa, t);
    int cx0 = cell(p.minx, g.x0, g.sx), cx1 = cell(p.maxx, g.x0, g.sx);
    int cy0 = cell(p.miny, g.y0, g.sy), cy1 = cell(p.maxy, g.y0, g.sy);
    int64_t a0 = 0, a1 = 0;
    int a_known = 0; /* a0, a1 are set: 1, or -1 when chord t has no shell segments */
    for (int cy = cy0; cy <= cy1; cy++)
      for (int cx = cx0; cx <= cx1; cx++) {
        int c = cy * SK_GRID + cx;
        for (int e = start[c]; e < start[c + 1] && ncand < SK_MAX_CANDS; e++) {
          int u = entry[e];
          gv_box q = chord_box(&sb, u);
          if (!gv_box_intersects(p, q)) continue;
          double ox = p.minx > q.minx ? p.minx : q.minx, oy = p.miny > q.miny ? p.miny : q.miny;
          if (cell(ox, g.x0, g.sx) != cx || cell(oy, g.y0, g.sy) != cy) continue;
          double fs, fr;
          if (!chords_cross_at(&sa, t, &sb, u, &fs, &fr)) continue;
          if (!a_known) a_known = chord_segments(&sa, t, &a0, &a1) ? 1 : -1;
          if (a_known < 0) break;
          int64_t b0, b1, wa0, wa1, wb0, wb1;
          if (!chord_segments(&sb, u, &b0, &b1)) continue;
          cand[ncand].t = (uint16_t)t, cand[ncand].u = (uint16_t)u;
          ncand++;
          window_of(a0, a1, fs, &wa0, &wa1);
          window_of(b0, b1, fr, &wb0, &wb1);
          sk_run wa, wb;
          run_build(&wa, a, wa0, wa1);
          run_build(&wb, b, wb0, wb1);
          if (runs_meet(&wa, &wb)) return 1;
        }
      }
  }
  int have_a = -1, have_b = -1;
  sk_run ra, rb;
  for (int k = 0; k < ncand && k < SK_MAX_TRIES; k++)
    if (chord_run(&sa, cand[k].t, &ra, &have_a) && chord_run(&sb, cand[k].u, &rb, &have_b) && runs_meet(&ra, &rb))
      return 1;
  return 0;
}
