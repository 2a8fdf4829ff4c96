/* Segment primitives shared by relate, validity, overlay and buffer:
 * exact segment-segment intersection (JTS RobustLineIntersector semantics:
 * orientation decided exactly with gv_orient, a proper crossing point
 * computed in double-double arithmetic as GEOS computes it, and replaced
 * by the nearest endpoint when rounding left either segment's box) and
 * point-segment distance. */
#ifndef GEOVEC_SEGMENT_H
#define GEOVEC_SEGMENT_H

#include "predicates.h"

typedef struct gv_pt {
  double x, y;
} gv_pt;

typedef struct gv_li_result {
  int n;      /* 0, 1 or 2 intersection points (2: a collinear overlap) */
  int proper; /* one point, strictly inside both segments */
  gv_pt p[2];
} gv_li_result;

static inline int gv_pt_eq(gv_pt a, gv_pt b) { return a.x == b.x && a.y == b.y; }

/* Intersection of segments p1-p2 and q1-q2 (NaN-free input). */
void gv_segment_intersection(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2, gv_li_result *r);
/* Whether the closed segments p1-p2 and q1-q2 share a point: their boxes
 * meet and neither has both ends strictly on one side of the other's line
 * (collinear segments whose boxes meet then overlap, and a zero-length
 * segment is a point on the other). Exact; NaN meets nothing. */
int gv_segments_meet(double p1x, double p1y, double p2x, double p2y, double q1x, double q1y, double q2x, double q2y);
/* Distance from p to segment a-b (as JTS Distance.pointToSegment). */
double gv_point_segment_distance(gv_pt p, gv_pt a, gv_pt b);

#endif
