/* Geodesics on the WGS84 ellipsoid, after C. F. F. Karney, "Algorithms for
 * geodesics", J. Geodesy 87 (2013) 43-55: series in the third flattening n
 * to order 6, the inverse problem by Newton's method on the auxiliary
 * sphere (with the astroid starting guess for nearly antipodal points and
 * bisection as a safeguard), and areas from the S12 series.
 *
 * Angles are in degrees (latitudes in [-90, 90]; longitudes and azimuths
 * any finite value, azimuths measured clockwise from north), distances in
 * metres, areas in square metres. NaN or out-of-range input gives NaN
 * output. Every function is pure and reentrant, and uses only the
 * deterministic functions of algorithm/dmath.h, so that the Node addon and
 * the WebAssembly build agree to the last bit. */
#ifndef GV_GEODESIC_H
#define GV_GEODESIC_H

#include <stdint.h>

#define GV_WGS84_A 6378137.0
#define GV_WGS84_F (1 / 298.257223563)

/* Direct problem: from (lat1, lon1) along azimuth azi1 for s12 metres
 * (negative goes backwards); gives the end point and the azimuth there. */
void gv_geod_direct(double lat1, double lon1, double azi1, double s12,
                    double *lat2, double *lon2, double *azi2);

/* Inverse problem: the shortest geodesic from (lat1, lon1) to (lat2, lon2):
 * its length and its azimuths at both ends (azi2 is the forward azimuth at
 * point 2). Any of the outputs may be NULL. */
void gv_geod_inverse(double lat1, double lon1, double lat2, double lon2,
                     double *s12, double *azi1, double *azi2);

/* The inverse problem with the area term: S12 is the area between the
 * geodesic from point 1 to point 2 and the equator (counter-clockwise
 * positive), as in Karney's paper, section 6. */
void gv_geod_inverse_area(double lat1, double lon1, double lat2, double lon2,
                          double *s12, double *S12);

/* A polygon ring (or a line) given as n vertices at (x[i*stride],
 * y[i*stride]) = (lon, lat), walked as geodesics between consecutive
 * vertices; the ring is closed by the edge from the last vertex back to
 * the first (a repeated closing vertex gives a zero-length edge).
 *  - gv_geod_ring_area: the area enclosed, always >= 0 whatever the
 *    orientation: the smaller of the two regions the ring bounds on the
 *    ellipsoid. Rings around a pole and across the antimeridian are
 *    handled. NaN when a vertex is invalid.
 *  - gv_geod_line_length: the length of the open line through the n
 *    vertices (no closing edge). */
double gv_geod_ring_area(const double *x, const double *y, int64_t stride, int64_t n);
double gv_geod_line_length(const double *x, const double *y, int64_t stride, int64_t n);

/* Area of the whole ellipsoid, 4 pi c^2, in square metres. */
#define GV_WGS84_AREA 510065621724088.5

#endif
