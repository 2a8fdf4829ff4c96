/* Kernels: coordinates against geometries (containsXY / intersectsXY),
 * and preparing arrays. */
#include <math.h>

#include "kernels.h"
#include "algorithm/prepared.h"

typedef struct xy_job {
  const gv_array *a;
  const double *xs, *ys;
  uint8_t *out;
  int which;      /* 0 contains (INTERIOR), 1 intersects (not EXTERIOR) */
  int64_t single; /* the geometry for every point, or -1 for pairwise */
  /* one polygonal geometry: its parts and their accelerators (or NULL) */
  int32_t p0, p1;
  const gv_part_pip *const *pips;
  const gv_box *boxes; /* of parts p0.. (NULL without prepared state) */
} xy_job;

static inline uint8_t verdict(int which, int loc) {
  return which == 0 ? loc == GV_LOC_INTERIOR : loc != GV_LOC_EXTERIOR;
}

/* Any geometry, pairwise or single: the general point locator. */
static void xy_generic(void *ctx, int64_t begin, int64_t end) {
  const xy_job *j = ctx;
  for (int64_t i = begin; i < end; i++) {
    int64_t g = j->single >= 0 ? j->single : i;
    j->out[i] = verdict(j->which, gv_locate_point(j->a, g, j->xs[i], j->ys[i]));
  }
}

/* One prepared polygon part against every point: a box test and a cell
 * lookup for most points, the stripes for the rest. No calls through
 * pointers, no allocation. */
static void xy_one_part(void *ctx, int64_t begin, int64_t end) {
  const xy_job *j = ctx;
  const gv_part_pip *pp = j->pips[0];
  const gv_array *a = j->a;
  const double *xs = j->xs, *ys = j->ys;
  uint8_t *out = j->out;
  /* verdict as a lookup by location: contains wants INTERIOR, intersects
   * anything but EXTERIOR */
  const uint8_t want[3] = {0, (uint8_t)(j->which != 0), 1};
  for (int64_t i = begin; i < end; i++) out[i] = want[gv_pip_fast(a, pp, xs[i], ys[i])];
}

/* One polygonal geometry of several parts (or unprepared parts): the union
 * of the parts' locations. */
static void xy_parts(void *ctx, int64_t begin, int64_t end) {
  const xy_job *j = ctx;
  for (int64_t i = begin; i < end; i++) {
    double x = j->xs[i], y = j->ys[i];
    int loc = GV_LOC_EXTERIOR;
    if (!isnan(x) && !isnan(y)) {
      for (int32_t p = j->p0; p < j->p1; p++) {
        const gv_part_pip *pp = j->pips[p - j->p0];
        int l;
        if (pp) l = gv_pip_fast(j->a, pp, x, y);
        else if (j->boxes && !gv_box_has(&j->boxes[p - j->p0], x, y)) l = GV_LOC_EXTERIOR;
        else l = gv_pip_part(j->a, p, NULL, x, y);
        if (l > loc) loc = l;
        if (loc == GV_LOC_INTERIOR) break;
      }
    }
    j->out[i] = verdict(j->which, loc);
  }
}

/* Temporary accelerators for one unprepared geometry, built once per call:
 * indexes and stripes cost about as much to build as a few dozen plain
 * scans of the rings, so they pay from TEMP_MIN_POINTS points on; the cells
 * cost about 30 ns per segment more and save some 30-50 ns on nearly every
 * point, so they pay once the points outnumber the segments. */
#define TEMP_MIN_POINTS 64

static int64_t geometry_segments(const gv_array *a, int32_t p0, int32_t p1) {
  int64_t n = 0;
  for (int32_t r = gv_part_begin(a, p0), r1 = gv_part_begin(a, p1); r < r1; r++) {
    int32_t len = gv_ring_end(a, r) - gv_ring_begin(a, r);
    if (len > 1) n += len - 1;
  }
  return n;
}

/* xy_predicate(arr0; in0 xs, in1 ys (float64); num0 which: 0 contains,
 * 1 intersects; num1 mode: 0 geometry i with point i, 1 geometry num2
 * with every point) -> out0 uint8 per point. NaN coordinates give 0. */
gv_status gv_k_xy_predicate(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (c->in[0].len != c->in[1].len || c->in[0].len % sizeof(double)) {
    gv_errors_add(&c->err, -1, -1, "xs and ys must be float64 arrays of the same length");
    return GV_ERR_ARG;
  }
  int64_t n = (int64_t)(c->in[0].len / sizeof(double));
  int which = (int)c->num[0], mode = (int)c->num[1];
  int64_t single = -1;
  if (which != 0 && which != 1) return GV_ERR_ARG;
  if (mode == 0) {
    if (a->n != n) {
      gv_errors_add(&c->err, -1, -1, "%lld geometries and %lld points do not pair up", (long long)a->n,
                    (long long)n);
      return GV_ERR_ARG;
    }
  } else if (mode == 1) {
    double s = c->num[2];
    if (!(s >= 0 && s < (double)a->n) || s != floor(s)) {
      gv_errors_add(&c->err, -1, -1, "geometry index %g is outside the array (%lld)", s, (long long)a->n);
      return GV_ERR_ARG;
    }
    single = (int64_t)s;
  } else {
    return GV_ERR_ARG;
  }
  c->out[0].data = gv_malloc((size_t)n);
  c->out[0].len = (size_t)n;
  if (!c->out[0].data) return GV_ERR_NOMEM;
  xy_job j = {a, c->in[0].data, c->in[1].data, c->out[0].data, which, single, 0, 0, NULL, NULL};
  if (single < 0 || n == 0) {
    gv_parallel_for(n, 4096, xy_generic, &j);
    return GV_OK;
  }
  /* One geometry against every point. Not prepared and many points: its
   * accelerators are built for this call, held by a borrowing copy of the
   * array header (nothing in it is freed), and dropped at the end. */
  j.p0 = gv_geom_begin(a, single), j.p1 = gv_geom_end(a, single);
  uint8_t base = GV_BASE_TYPE(gv_type_byte(a, single));
  gv_array view;
  gv_prepared *temp = NULL;
  if (!a->prepared && n >= TEMP_MIN_POINTS && base != GV_NULL) {
    int64_t nseg = geometry_segments(a, j.p0, j.p1);
    if (nseg > GV_INDEX_MIN_SEGS) {
      gv_status s = gv_prepared_build(a, single, single + 1, n >= nseg, &temp);
      if (s) return s;
      view = *a;
      view.prepared = temp;
      j.a = &view;
    }
  }
  int32_t np = j.p1 - j.p0;
  const gv_part_pip **pips = NULL;
  if (base == GV_POLYGON || base == GV_MULTIPOLYGON) {
    /* polygons: the parts' accelerators straight from the loop */
    const gv_prepared *prep = j.a->prepared;
    pips = gv_malloc((size_t)(np > 0 ? np : 1) * sizeof *pips);
    if (!pips) {
      gv_prepared_free(temp);
      return GV_ERR_NOMEM;
    }
    for (int32_t p = j.p0; p < j.p1; p++) pips[p - j.p0] = gv_part_pip_of(prep, p);
    j.pips = pips;
    j.boxes = np > 0 ? gv_part_box_of(prep, j.p0) : NULL;
    gv_parallel_for(n, 4096, np == 1 && pips[0] ? xy_one_part : xy_parts, &j);
  } else {
    gv_parallel_for(n, 4096, xy_generic, &j);
  }
  gv_free(pips);
  gv_prepared_free(temp);
  return GV_OK;
}

/* prepare(arr0) -> out_num0: bytes of the prepared state. Builds the state
 * once (later calls return at once). It sets arr0's `prepared` field, so it
 * must not run while other calls use the same array: the hosts call it
 * synchronously before predicates run on the array. */
gv_status gv_k_prepare(gv_call *c) {
  gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  gv_status s = gv_prepare(a);
  c->out_num[0] = (double)gv_prepared_bytes(a);
  return s;
}

/* prepared_info(arr0) -> out_num: [prepared 0/1, prepared bytes, total
 * bytes = the array's buffers + prepared] */
gv_status gv_k_prepared_info(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  size_t p = gv_prepared_bytes(a);
  c->out_num[0] = a->prepared != NULL;
  c->out_num[1] = (double)p;
  c->out_num[2] = (double)(gv_array_bytes(a) + p);
  return GV_OK;
}
