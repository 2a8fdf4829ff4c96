/* Point in polygon and point on line: exact boundaries, holes, horizontal
 * edges and vertices at the ray's height, near-collinear points, and
 * prepared against unprepared location. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"
#include "algorithm/predicates.h"

enum { E = GV_LOC_EXTERIOR, B = GV_LOC_BOUNDARY, I = GV_LOC_INTERIOR };

static gv_array *wkt(const char *text) {
  gv_array *a = NULL;
  gv_errors err = {0};
  int64_t off[2] = {0, (int64_t)strlen(text)};
  gv_parse_opts o = {0};
  gv_status s = gv_parse_wkt((const uint8_t *)text, off, 1, &o, &a, &err);
  if (s != GV_OK) fprintf(stderr, "parse of %s failed: %.*s\n", text, (int)err.text.len, (const char *)err.text.data);
  CHECK(s == GV_OK && a);
  gv_errors_free(&err);
  return a;
}

/* A prepared twin of the array last passed to loc(): a borrowing copy
 * that owns nothing and holds the prepared state. */
static const gv_array *twin_of;
static gv_array *twin;

static void drop_twin(void) {
  gv_array_release(twin);
  twin = NULL;
  twin_of = NULL;
}

/* Location in part 0, checked unprepared and prepared (both must agree). */
static int loc(gv_array *a, double x, double y) {
  if (twin_of != a) {
    drop_twin();
    twin = gv_array_new();
    *twin = *a;
    twin->refcount = 1;
    for (size_t i = 0; i < sizeof twin->owned / sizeof twin->owned[0]; i++) twin->owned[i] = NULL;
    twin->host_free = NULL;
    twin->prepared = NULL;
    CHECK(gv_prepare(twin) == GV_OK);
    CHECK(gv_prepare(twin) == GV_OK); /* idempotent */
    twin_of = a;
  }
  int l0 = gv_locate_in_polygon(a, 0, x, y);
  int l1 = gv_locate_in_polygon(twin, 0, x, y);
  if (l0 != l1) fprintf(stderr, "prepared %d != unprepared %d at (%.17g, %.17g)\n", l1, l0, x, y);
  CHECK(l0 == l1);
  return l0;
}

/* Releases an array checked with loc(). */
static void done(gv_array *a) {
  if (twin_of == a) drop_twin();
  gv_array_release(a);
}

static void test_square(void) {
  gv_array *a = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
  CHECK(loc(a, 5, 5) == I);
  CHECK(loc(a, 0, 0) == B);
  CHECK(loc(a, 10, 10) == B);
  CHECK(loc(a, 10, 0) == B);
  CHECK(loc(a, 0, 10) == B);
  CHECK(loc(a, 5, 0) == B);
  CHECK(loc(a, 5, 10) == B);
  CHECK(loc(a, 0, 5) == B);
  CHECK(loc(a, 10, 5) == B);
  CHECK(loc(a, -1, 5) == E);
  CHECK(loc(a, 11, 5) == E);
  CHECK(loc(a, 5, -1e-300) == E);
  CHECK(loc(a, 5, 1e-300) == I);
  CHECK(loc(a, nextafter(10, 11), 5) == E);
  CHECK(loc(a, nextafter(10, 0), 5) == I);
  /* on the lines of the edges, outside the square */
  CHECK(loc(a, -5, 0) == E);
  CHECK(loc(a, 15, 0) == E);
  CHECK(loc(a, -5, 10) == E);
  CHECK(loc(a, 15, 10) == E);
  CHECK(loc(a, 0, -3) == E);
  CHECK(loc(a, 10, 13) == E);
  CHECK(loc(a, NAN, 5) == E);
  CHECK(loc(a, 5, NAN) == E);
  CHECK(loc(a, INFINITY, 5) == E);
  CHECK(loc(a, -INFINITY, 5) == E);
  done(a);
  /* the same square clockwise */
  a = wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))");
  CHECK(loc(a, 5, 5) == I);
  CHECK(loc(a, 0, 7) == B);
  CHECK(loc(a, 12, 7) == E);
  done(a);
}

static void test_holes(void) {
  gv_array *a = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2), (6 6, 6 8, 8 8, 8 6, 6 6))");
  CHECK(loc(a, 1, 1) == I);
  CHECK(loc(a, 3, 3) == E);
  CHECK(loc(a, 7, 7) == E);
  CHECK(loc(a, 2, 3) == B);
  CHECK(loc(a, 4, 4) == B);
  CHECK(loc(a, 6, 7) == B);
  CHECK(loc(a, 8, 8) == B);
  CHECK(loc(a, 5, 3) == I);
  CHECK(loc(a, 5, 7) == I);
  CHECK(loc(a, 1, 7) == I); /* the ray passes through the hole */
  CHECK(loc(a, 1, 2) == I); /* the ray runs along the hole's bottom edge */
  CHECK(loc(a, 1, 6) == I); /* and along the other hole's bottom edge */
  CHECK(loc(a, 1, 8) == I);
  done(a);
  /* a hole touching the shell at a vertex */
  a = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 5, 3 3, 3 7, 0 5))");
  CHECK(loc(a, 0, 5) == B);
  CHECK(loc(a, 1, 5) == E);
  CHECK(loc(a, 5, 5) == I);
  CHECK(loc(a, -1, 5) == E);
  done(a);
}

/* Vertices and horizontal edges at the height of the ray. */
static void test_ray_through_vertices(void) {
  /* a zigzag top: vertices at y = 5 on both sides of the point */
  gv_array *a = wkt("POLYGON ((0 0, 20 0, 20 5, 16 10, 12 5, 8 10, 4 5, 0 10, 0 0))");
  for (double x = -1; x <= 21; x += 0.5) {
    int want = x < 0 || x > 20 ? E : x == 0 || x == 20 || x == 4 || x == 12 ? B : I;
    CHECK(loc(a, x, 5) == want);
  }
  CHECK(loc(a, 8, 10) == B);
  CHECK(loc(a, 8, 9) == I);
  CHECK(loc(a, 6, 9) == E);
  done(a);
  /* horizontal edges at the point's height, and a spike down to it */
  a = wkt("POLYGON ((0 0, 10 0, 10 4, 8 4, 8 6, 6 6, 6 4, 4 4, 5 2, 3 4, 0 4, 0 0))");
  CHECK(loc(a, 1, 4) == B);
  CHECK(loc(a, 3, 4) == B);
  CHECK(loc(a, 3.5, 4) == E);
  CHECK(loc(a, 4, 4) == B);
  CHECK(loc(a, 5, 4) == B);
  CHECK(loc(a, 6, 4) == B);
  CHECK(loc(a, 7, 4) == I);
  CHECK(loc(a, 9, 4) == B);
  CHECK(loc(a, 11, 4) == E);
  CHECK(loc(a, -1, 4) == E);
  CHECK(loc(a, 5, 2) == B);
  CHECK(loc(a, 5, 1.5) == I);
  CHECK(loc(a, 7, 6) == B);
  CHECK(loc(a, 5, 6) == E);
  CHECK(loc(a, 9, 6) == E);
  done(a);
  /* a vertex touching the ray from below only and from above only */
  a = wkt("POLYGON ((0 0, 4 0, 5 3, 6 0, 10 0, 10 10, 6 10, 5 3.0000000000000004, 4 10, 0 10, 0 0))");
  CHECK(loc(a, 2, 3) == I);
  CHECK(loc(a, 5, 3) == B);
  CHECK(loc(a, 8, 3) == I);
  CHECK(loc(a, 5, 2) == E);
  CHECK(loc(a, 5, 3.0000000000000004) == B);
  CHECK(loc(a, 5, 5) == E);
  done(a);
}

/* Points exactly on a segment whose coordinates are not short decimals, and
 * points one ulp off it, where a naive determinant rounds to zero. */
static void test_exact_edges(void) {
  gv_array *a = wkt("POLYGON ((0 0, 0.3 0, 0.3 0.9, 0 0))");
  double x1 = 0.3, y1 = 0.9;
  CHECK(loc(a, x1, y1) == B);
  for (int k = 2; k <= 64; k *= 2) {
    double x = x1 / k, y = y1 / k; /* exact: powers of two */
    CHECK(loc(a, x, y) == B);
    CHECK(loc(a, x, nextafter(y, 1)) == E);
    CHECK(loc(a, x, nextafter(y, 0)) == I);
    CHECK(loc(a, nextafter(x, 0), y) == E);
    CHECK(loc(a, nextafter(x, 1), y) == I);
  }
  /* 0.1 + 0.2 is not 0.3: a point with that x beside the edge x = 0.3 */
  CHECK(loc(a, 0.1 + 0.2, 0.5) == E);
  CHECK(loc(a, 0.3, 0.5) == B);
  CHECK(loc(a, 0.1 + 0.2, 0) == E);
  CHECK(loc(a, 0.3, 0) == B);
  done(a);
}

/* Exact orientation of c against a->b on doubles in [1/16, 2), by scaling
 * to integers (ulp 2^-56 at most) and 128-bit arithmetic. */
static int orient_ref(double ax, double ay, double bx, double by, double cx, double cy) {
  const double s = 0x1p60;
  __int128 Ax = (__int128)(ax * s), Ay = (__int128)(ay * s), Bx = (__int128)(bx * s), By = (__int128)(by * s);
  __int128 Cx = (__int128)(cx * s), Cy = (__int128)(cy * s);
  /* differences are < 2^61, products < 2^122 */
  __int128 d = (Bx - Ax) * (Cy - Ay) - (By - Ay) * (Cx - Ax);
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next_rand(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return rng;
}

/* Points near the diagonal of a triangle: the location must follow the
 * exact orientation, never a rounded one. The diagonal runs from A to 4A,
 * so 2A lies exactly on it; points are 2A or points of the diagonal
 * computed in floating point, nudged by up to two ulps each way. */
static void test_near_collinear(void) {
  double ax = 0.1, ay = 0.3, bx = 4 * ax, by = 4 * ay, cx = bx, cy = ay;
  gv_array *a = wkt("POLYGON ((0.1 0.3, 0.4 0.3, 0.4 1.2, 0.1 0.3))");
  int side_c = orient_ref(ax, ay, bx, by, cx, cy);
  int bad = 0, on = 0;
  for (int n = 0; n < 20000; n++) {
    double x = 2 * ax, y = 2 * ay;
    if (n % 4) {
      double t = 0.1 + 0.8 * (double)(next_rand() >> 11) / 9007199254740992.0;
      x = ax + t * (bx - ax), y = ay + t * (by - ay);
    }
    int dx = (int)(next_rand() % 5) - 2, dy = (int)(next_rand() % 5) - 2;
    for (; dx > 0; dx--) x = nextafter(x, 2);
    for (; dx < 0; dx++) x = nextafter(x, 0);
    for (; dy > 0; dy--) y = nextafter(y, 2);
    for (; dy < 0; dy++) y = nextafter(y, 0);
    int o = orient_ref(ax, ay, bx, by, x, y);
    int want = o == 0 ? B : o == side_c ? I : E;
    on += o == 0;
    if (loc(a, x, y) != want) bad++;
  }
  CHECK(bad == 0);
  CHECK(on > 100);
  done(a);
}

static void test_point_on_line(void) {
  gv_array *a = wkt("LINESTRING (0 0, 0.3 0.9, 1 0.9, 1 0.9, 2 0)");
  int32_t r = 0;
  CHECK(gv_point_on_line(a, r, 0, 0));
  CHECK(gv_point_on_line(a, r, 0.15, 0.45));
  CHECK(!gv_point_on_line(a, r, 0.15, nextafter(0.45, 1)));
  CHECK(gv_point_on_line(a, r, 0.3, 0.9));
  CHECK(gv_point_on_line(a, r, 0.65, 0.9));
  CHECK(gv_point_on_line(a, r, 1, 0.9));
  CHECK(gv_point_on_line(a, r, 1.5, 0.45));
  CHECK(gv_point_on_line(a, r, 2, 0));
  CHECK(!gv_point_on_line(a, r, 2.5, -0.45)); /* on the line's extension */
  CHECK(!gv_point_on_line(a, r, -0.1, -0.3));
  CHECK(!gv_point_on_line(a, r, NAN, 0));
  gv_array_release(a);
  a = wkt("LINESTRING EMPTY");
  CHECK(!gv_point_on_line(a, 0, 0, 0));
  gv_array_release(a);
}

/* A large ring (a star with many spikes) so that indexes and raster cells
 * are built: prepared and unprepared must agree on random points, vertices
 * and edge midpoints. */
static void test_large_ring(void) {
  gv_buf t = {0};
  const char *head = "POLYGON ((";
  gv_buf_append(&t, head, strlen(head));
  int n = 3000;
  double xs[3001], ys[3001];
  for (int k = 0; k < n; k++) {
    double ang = 2 * 3.141592653589793 * k / n;
    double rad = k % 2 ? 100 : 60 + (k % 7);
    /* round to 1/64 so that midpoints of edges are representable */
    xs[k] = round(rad * cos(ang) * 64) / 64;
    ys[k] = round(rad * sin(ang) * 64) / 64;
  }
  xs[n] = xs[0], ys[n] = ys[0];
  char buf[80];
  for (int k = 0; k <= n; k++) {
    int len = snprintf(buf, sizeof buf, "%s%.17g %.17g", k ? ", " : "", xs[k], ys[k]);
    gv_buf_append(&t, buf, (size_t)len);
  }
  gv_buf_append(&t, "), (-10 -10, 10 -10, 10 10, -10 10, -10 -10))", 46);
  gv_buf_append(&t, "", 1);
  gv_array *a = wkt((const char *)t.data);
  gv_buf_free(&t);
  int bad = 0;
  for (int k = 0; k < n; k++) {
    if (loc(a, xs[k], ys[k]) != B) bad++;
    double mx = (xs[k] + xs[k + 1]) / 2, my = (ys[k] + ys[k + 1]) / 2;
    if (loc(a, mx, my) != B) bad++;
  }
  CHECK(bad == 0);
  for (int k = 0; k < 20000; k++) {
    double x = -110 + 220 * (double)(next_rand() >> 11) / 9007199254740992.0;
    double y = -110 + 220 * (double)(next_rand() >> 11) / 9007199254740992.0;
    loc(a, x, y); /* loc checks that both agree */
  }
  CHECK(loc(a, 0, 0) == E);
  CHECK(loc(a, 10, 0) == B);
  CHECK(loc(a, 30, 0) == I);
  CHECK(loc(a, 0, 200) == E);
  done(a);
}

/* A star of long spikes: every segment's box covers much of the grid, so
 * the cells must shrink or go (the build stays near-linear), and the
 * answers stay exact. */
static void test_spiky_star(void) {
  gv_buf t = {0};
  const char *head = "POLYGON ((";
  gv_buf_append(&t, head, strlen(head));
  int n = 4000;
  char buf[80];
  for (int k = 0; k <= n; k++) {
    double ang = 2 * 3.141592653589793 * (k % n) / n, rad = k % 2 ? 100 : 1;
    int len = snprintf(buf, sizeof buf, "%s%.17g %.17g", k ? ", " : "", rad * cos(ang), rad * sin(ang));
    gv_buf_append(&t, buf, (size_t)len);
  }
  gv_buf_append(&t, "))", 3);
  gv_array *a = wkt((const char *)t.data);
  gv_buf_free(&t);
  for (int k = 0; k < 5000; k++) {
    double x = -110 + 220 * (double)(next_rand() >> 11) / 9007199254740992.0;
    double y = -110 + 220 * (double)(next_rand() >> 11) / 9007199254740992.0;
    loc(a, x, y);
  }
  CHECK(loc(a, 0, 0) == I);
  CHECK(loc(a, 1, 0) == B);
  CHECK(loc(a, 100, 0) == E);
  CHECK(loc(a, 1000, 0) == E);
  done(a);
}

/* Random rings on an integer grid (self-intersecting ones included: the
 * parity rule is defined for any closed rings), queried on a half-integer
 * grid so that points fall on vertices, edges and horizontal edges all the
 * time. The reference is an independent integer implementation of the
 * same rule (coordinates doubled, exact 64-bit arithmetic). */
static int ref_locate(const int64_t (*v)[2], const int *ring_len, int nrings, int64_t qx, int64_t qy) {
  int parity = 0, at = 0;
  for (int r = 0; r < nrings; r++) {
    for (int k = 0; k < ring_len[r]; k++) {
      const int64_t *a = v[at + k], *b = v[at + (k + 1) % ring_len[r]];
      int64_t cross = (b[0] - a[0]) * (qy - a[1]) - (b[1] - a[1]) * (qx - a[0]);
      int64_t lox = a[0] < b[0] ? a[0] : b[0], hix = a[0] < b[0] ? b[0] : a[0];
      int64_t loy = a[1] < b[1] ? a[1] : b[1], hiy = a[1] < b[1] ? b[1] : a[1];
      if (cross == 0 && lox <= qx && qx <= hix && loy <= qy && qy <= hiy) return B;
      if ((a[1] > qy) != (b[1] > qy)) {
        /* x of the crossing > qx, with the division cleared: sign by direction */
        int64_t num = (qy - a[1]) * (b[0] - a[0]) - (qx - a[0]) * (b[1] - a[1]);
        if ((num > 0) == (b[1] > a[1])) parity ^= 1;
      }
    }
    at += ring_len[r];
  }
  return parity ? I : E;
}

static void test_random_grid_rings(void) {
  int bad = 0, kinds[3] = {0, 0, 0};
  for (int t = 0; t < 60; t++) {
    int64_t v[400][2];
    int ring_len[3], nrings = 1 + (int)(next_rand() % 3), nv = 0;
    gv_builder bld;
    gv_builder_init(&bld);
    gv_builder_begin_geom(&bld, GV_POLYGON);
    gv_builder_begin_part(&bld, GV_POLYGON);
    for (int r = 0; r < nrings; r++) {
      int n = r == 0 ? 40 + (int)(next_rand() % 160) : 4 + (int)(next_rand() % 30);
      double cx = 32, cy = 32, rmax = r == 0 ? 32 : 10;
      gv_builder_begin_ring(&bld);
      for (int k = 0; k < n; k++) {
        double ang = 2 * 3.141592653589793 * (k + 0.5 * (double)(next_rand() % 100) / 100) / n;
        double rad = rmax * (0.2 + 0.8 * (double)(next_rand() % 1000) / 1000);
        int64_t x = (int64_t)round(cx + rad * cos(ang)), y = (int64_t)round(cy + rad * sin(ang));
        if (next_rand() % 4 == 0 && k > 0) y = v[nv + k - 1][1]; /* horizontal edges */
        v[nv + k][0] = x, v[nv + k][1] = y;
        gv_builder_coord(&bld, (double)x, (double)y, NAN, NAN);
      }
      gv_builder_coord(&bld, (double)v[nv][0], (double)v[nv][1], NAN, NAN);
      ring_len[r] = n;
      nv += n;
    }
    gv_builder_end_geom(&bld);
    gv_array *a = gv_builder_finish(&bld);
    gv_builder_free(&bld);
    CHECK(a != NULL);
    if (!a) continue;
    /* in doubled coordinates, v and queries are integers */
    int64_t v2[400][2];
    for (int k = 0; k < nv; k++) v2[k][0] = 2 * v[k][0], v2[k][1] = 2 * v[k][1];
    for (int64_t qy = -2; qy <= 130; qy++) {
      for (int64_t qx = -2; qx <= 130; qx++) {
        int want = ref_locate((const int64_t (*)[2])v2, ring_len, nrings, qx, qy);
        kinds[want]++;
        if (loc(a, (double)qx / 2, (double)qy / 2) != want) bad++;
      }
    }
    done(a);
  }
  CHECK(bad == 0);
  CHECK(kinds[B] > 1000 && kinds[I] > 1000 && kinds[E] > 1000);
}

/* ---- the kernels ---- */

static int kernel_id(const char *name) {
  for (int k = 0; k < gv_kernel_count; k++)
    if (strcmp(gv_kernels[k].name, name) == 0) return k;
  return -1;
}

/* xy_predicate over n points; returns the status, output in out (n bytes). */
static gv_status xy(gv_array *a, const double *xs, const double *ys, size_t nx, size_t ny, int which, int mode,
                    double single, uint8_t *out) {
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  c.in[0].data = (void *)xs, c.in[0].len = nx * sizeof(double);
  c.in[1].data = (void *)ys, c.in[1].len = ny * sizeof(double);
  c.num[0] = which, c.num[1] = mode, c.num[2] = single;
  gv_status s = gv_invoke(kernel_id("xy_predicate"), &c);
  if (s == GV_OK && out) memcpy(out, c.out[0].data, nx);
  gv_call_dispose(&c);
  return s;
}

static void test_kernels(void) {
  /* a shell with a vertex every quarter unit (160 segments, so it gets
   * stripes and cells), a hole, and a second part */
  gv_buf t = {0};
  const char *head = "MULTIPOLYGON (((";
  gv_buf_append(&t, head, strlen(head));
  char buf[64];
  for (int k = 0; k <= 160; k++) {
    int side = k / 40 % 4, step = k % 40;
    double x = side == 0 ? step / 4.0 : side == 1 ? 10 : side == 2 ? 10 - step / 4.0 : 0;
    double y = side == 0 ? 0 : side == 1 ? step / 4.0 : side == 2 ? 10 : 10 - step / 4.0;
    if (k == 160) x = 0, y = 0;
    int len = snprintf(buf, sizeof buf, "%s%g %g", k ? ", " : "", x, y);
    gv_buf_append(&t, buf, (size_t)len);
  }
  const char *tail = "), (4 4, 6 4, 6 6, 4 6, 4 4)), ((20 0, 30 0, 30 10, 20 10, 20 0)))";
  gv_buf_append(&t, tail, strlen(tail) + 1);
  gv_array *a = wkt((const char *)t.data);
  gv_buf_free(&t);
  /* a grid of points, every one on a quarter unit: many on edges */
  enum { N = 140 * 48 };
  static double xs[N], ys[N];
  static uint8_t got[N];
  for (int i = 0; i < N; i++) xs[i] = (i % 140) / 4.0 - 2, ys[i] = (i / 140) / 4.0 - 1;
  xs[7] = NAN, ys[9] = NAN;
  /* the reference: the point locator on the unprepared array */
  static uint8_t ref[2][N];
  for (int i = 0; i < N; i++) {
    int l = gv_locate_point(a, 0, xs[i], ys[i]);
    ref[0][i] = l == I, ref[1][i] = l != E;
  }
  for (int which = 0; which < 2; which++) {
    /* few points: plain scans; many: temporary stripes (and cells) */
    static const int counts[] = {40, 100, N};
    for (int m = 0; m < 3; m++) {
      int n = counts[m];
      CHECK(xy(a, xs, ys, (size_t)n, (size_t)n, which, 1, 0, got) == GV_OK);
      int bad = 0;
      for (int i = 0; i < n; i++) bad += got[i] != ref[which][i];
      CHECK(bad == 0);
      CHECK(got[7] == 0 && got[9] == 0);
    }
  }
  /* prepared, through the kernel */
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  CHECK(gv_invoke(kernel_id("prepared_info"), &c) == GV_OK);
  CHECK(c.out_num[0] == 0 && c.out_num[1] == 0 && c.out_num[2] > 0);
  double plain_bytes = c.out_num[2];
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  CHECK(gv_invoke(kernel_id("prepare"), &c) == GV_OK);
  CHECK(c.out_num[0] > 0);
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  CHECK(gv_invoke(kernel_id("prepared_info"), &c) == GV_OK);
  CHECK(c.out_num[0] == 1 && c.out_num[1] > 0 && c.out_num[2] == plain_bytes + c.out_num[1]);
  for (int which = 0; which < 2; which++) {
    CHECK(xy(a, xs, ys, N, N, which, 1, 0, got) == GV_OK);
    int bad = 0;
    for (int i = 0; i < N; i++) bad += got[i] != ref[which][i];
    CHECK(bad == 0);
  }
  /* pairwise, and argument errors */
  const char *texts[] = {"POLYGON ((0 0, 1 0, 1 1, 0 0))", "POINT (2 2)", "LINESTRING (0 0, 5 0)"};
  gv_array *b = NULL;
  {
    gv_buf data = {0};
    int64_t off[4] = {0};
    for (int i = 0; i < 3; i++) gv_buf_append(&data, texts[i], strlen(texts[i])), off[i + 1] = (int64_t)data.len;
    gv_errors err = {0};
    gv_parse_opts o = {0};
    CHECK(gv_parse_wkt(data.data, off, 3, &o, &b, &err) == GV_OK);
    gv_errors_free(&err);
    gv_buf_free(&data);
  }
  double px[3] = {0.75, 2, 5}, py[3] = {0.25, 2, 0};
  uint8_t r3[3];
  CHECK(xy(b, px, py, 3, 3, 0, 0, 0, r3) == GV_OK);
  CHECK(r3[0] == 1 && r3[1] == 1 && r3[2] == 0);
  CHECK(xy(b, px, py, 3, 3, 1, 0, 0, r3) == GV_OK);
  CHECK(r3[0] == 1 && r3[1] == 1 && r3[2] == 1);
  CHECK(xy(b, px, py, 3, 2, 0, 0, 0, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 2, 2, 0, 0, 0, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 3, 3, 0, 1, 3, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 3, 3, 0, 1, -1, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 3, 3, 0, 1, 0.5, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 3, 3, 2, 0, 0, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 3, 3, 0, 2, 0, NULL) == GV_ERR_ARG);
  CHECK(xy(b, px, py, 0, 0, 0, 1, 2, NULL) == GV_OK);
  gv_array_release(b);
  gv_array_release(a);
}

int main(void) {
  RUN(test_square);
  RUN(test_holes);
  RUN(test_ray_through_vertices);
  RUN(test_exact_edges);
  RUN(test_near_collinear);
  RUN(test_point_on_line);
  RUN(test_large_ring);
  RUN(test_spiky_star);
  RUN(test_random_grid_rings);
  RUN(test_kernels);
  return check_report("test_pip");
}
