/* Deterministic elementary functions: sin, cos and atan2 in radians and in
 * degrees, written with + - * / and sqrt only, so that the Node addon and
 * the WebAssembly build (whose libm differ in the last bit) give identical
 * results. Accuracy is about one unit in the last place.
 *
 * The degree versions reduce the argument exactly (fmod is exact), so
 * gv_sincosd(90) is exactly (1, 0) and gv_atan2d(1, 0) exactly 90. */
#ifndef GV_DMATH_H
#define GV_DMATH_H

/* sin and cos of x radians (NaN for infinite or NaN x). */
void gv_sincos(double x, double *s, double *c);
/* sin and cos of x degrees. */
void gv_sincosd(double x, double *s, double *c);
/* atan2(y, x) in radians, (-pi, pi]. */
double gv_atan2(double y, double x);
/* atan2(y, x) in degrees, (-180, 180]. */
double gv_atan2d(double y, double x);
/* x reduced to (-180, 180] degrees (exact). */
double gv_angnormalize(double x);

#endif
