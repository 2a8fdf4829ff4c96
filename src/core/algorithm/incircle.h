/* Exact in-circle predicate (incircle.c), next to gv_orient. */
#ifndef GEOVEC_INCIRCLE_H
#define GEOVEC_INCIRCLE_H

/* +1 when d lies strictly inside the circle through a, b, c (taken
 * counter-clockwise; the sign flips when a, b, c turn clockwise), -1 when
 * outside, 0 when on it. Exact for all finite doubles. */
int gv_incircle(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy);

#endif
