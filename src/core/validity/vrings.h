/* Working set of the validity and simplicity checks (private to
 * src/core/validity): the rings or lines of one geometry component copied
 * with repeated points removed (as GEOS's noders see them), each with its
 * box; an enumeration of the pairs of segments whose boxes meet (monotone
 * chains swept by their boxes' x, then halved against each other, as
 * JTS's MonotoneChain overlap search); and a walk over
 * the elements of a geometry (a GeometryCollection's leaves in order). */
#ifndef GEOVEC_VRINGS_H
#define GEOVEC_VRINGS_H

#include "algorithm/segment.h"

typedef struct vr_run {
  int32_t k0, k1;  /* coordinates [k0, k1) of the set's view, repeated points removed */
  int32_t src;     /* the ring in the source array */
  int32_t poly;    /* the polygon (index among the set's polygons), or -1 */
  int32_t hole;    /* 0-based hole number, -1 for a shell or a line */
  gv_box box;
} vr_run;

typedef struct vr_set {
  double *xy; /* interleaved coordinates */
  int64_t nxy, cap_xy;
  vr_run *runs;
  int32_t nruns, cap_runs;
  struct vr_seg *segs; /* vr_pairs' sweep: segments and their order */
  int64_t cap_segs;
  struct vr_key *keys;
  int64_t cap_keys;
  gv_array view;  /* x/y over xy, stride 2: what the segment index reads */
  gv_status status; /* sticky allocation failure */
} vr_set;

void vr_init(vr_set *s);
void vr_free(vr_set *s);
/* Forgets the runs, keeps the memory. */
void vr_clear(vr_set *s);
/* Appends ring r of array a without consecutive repeated points; returns
 * the run's index, or -1 on allocation failure. */
int32_t vr_add(vr_set *s, const gv_array *a, int32_t r, int32_t poly, int32_t hole);
/* Computes the runs' boxes and the view; call after the last vr_add. */
gv_status vr_finish(vr_set *s);

static inline gv_pt vr_pt(const vr_set *s, int32_t k) {
  gv_pt p = {s->xy[2 * (int64_t)k], s->xy[2 * (int64_t)k + 1]};
  return p;
}

/* Calls fn(ctx, ra, ka, rb, kb) once for every pair of distinct segments
 * whose boxes meet (segment k joins coordinates k and k + 1 of the view):
 * within a run with kb > ka, across runs with ra != rb, in no particular
 * (but a deterministic) order. Stops at the first nonzero return and
 * returns it. Left out are pairs that can only meet at a shared vertex of
 * consecutive segments, which neither the validity nor the simplicity
 * rules object to: consecutive segments of a run (and the last and first
 * of a closed run) that are not collinear, and any two segments of one
 * monotone chain (a stretch of a run whose segment directions lie in one
 * quadrant: non-consecutive ones cannot meet at all, consecutive ones only
 * at their shared point). */
typedef int (*vr_pair_fn)(void *ctx, int32_t ra, int32_t ka, int32_t rb, int32_t kb);
int vr_pairs(vr_set *s, vr_pair_fn fn, void *ctx);

/* Location of (x, y) relative to the area of run r alone (a closed ring):
 * GV_LOC_EXTERIOR, GV_LOC_BOUNDARY or GV_LOC_INTERIOR. */
int vr_locate_in_run(const vr_set *s, int32_t r, double x, double y);

/* Calls fn(ctx, type_byte, p0, p1) for each element of geometry i that is
 * not a collection, in order: the geometry itself when it is not a
 * collection, else the leaves of its collection tree (a multi geometry is
 * one element with its parts [p0, p1)). Stops at the first nonzero return
 * and returns it; nulls call nothing. */
typedef int (*vr_elem_fn)(void *ctx, uint8_t type_byte, int32_t p0, int32_t p1);
int vr_elements(const gv_array *a, int64_t i, vr_elem_fn fn, void *ctx);

/* Grows *p (capacity *cap elements of elem bytes) to hold need elements;
 * 0 on allocation failure. */
int vr_grow(void **p, int64_t *cap, int64_t need, size_t elem);

/* The scratch memory behind gv_valid_work (valid.h, simple.h). */
typedef struct vr_touch {
  int32_t other; /* the run touched */
  int32_t next;  /* next touch of the same run, or -1 */
  gv_pt pt;
} vr_touch;

struct gv_valid_work {
  vr_set s;
  vr_touch *touch;
  int64_t ntouch, cap_touch;
  int32_t *info; /* per run: first touch, touch-set root, tracked */
  int64_t cap_info;
  int32_t *stack;
  int64_t cap_stack;
  gv_pt *pts;
  int64_t cap_pts;
  struct vr_event *events; /* valid.c: touches between rings */
  int64_t nevents, cap_events;
};

#endif
