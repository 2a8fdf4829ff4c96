/* Snap-rounding's hot pixels: half-open squares [i - 1/2, i + 1/2) x
 * [j - 1/2, j + 1/2) in grid units, as in JTS and GEOS (left and bottom
 * sides in, top and right sides out), and rounding of halves upwards, as
 * GEOS's precision model rounds. A segment that only touches a pixel's open
 * side or one of its three open corners is not snapped to it, unless a
 * vertex of another segment lies within a hundredth of the grid of it. */
#include <math.h>

#include "check.h"
#include "noding/noder.h"

/* Nodes segment a (input 0) with segment b (input 1) on grid 1 and reports
 * whether a's noded edges have a vertex at (x, y). */
static int a_passes(double ax0, double ay0, double ax1, double ay1, double bx0, double by0, double bx1, double by1,
                    double x, double y) {
  gv_nseg in[2] = {{ax0, ay0, ax1, ay1, {1, 0}, 0}, {bx0, by0, bx1, by1, {0, 1}, 0}};
  gv_noding nd = {0};
  if (gv_node(in, 2, 1.0, 0, &nd) != GV_OK) return -1;
  int found = 0;
  for (int64_t k = 0; k < nd.n; k++) {
    const gv_nseg *e = &nd.seg[k];
    if (!e->lab[0]) continue;
    if ((e->x0 == x && e->y0 == y) || (e->x1 == x && e->y1 == y)) found = 1;
  }
  gv_noding_free(&nd);
  return found;
}

static void test_grid_round(void) {
  CHECK(gv_grid_round(2.5) == 3);
  CHECK(gv_grid_round(-2.5) == -2);
  CHECK(gv_grid_round(-0.5) == 0);
  CHECK(gv_grid_round(0.49999999999999994) == 0);
  CHECK(gv_grid_round(-2.5000000000000004) == -3);
  CHECK(gv_grid_round(0x1p53 + 2) == 0x1p53 + 2);
  CHECK(gv_grid_round(-1.25) == -1);
  /* an input vertex at a negative half goes to the pixel above */
  CHECK(a_passes(-2.5, 0, 3, 0, 100, 100, 101, 100, -2, 0) == 1);
  CHECK(a_passes(-2.5, 0, 3, 0, 100, 100, 101, 100, -3, 0) == 0);
}

static void test_open_corners(void) {
  /* the diagonal y = x passes through the upper-left corner of pixel (5, 4)
   * and the lower-right corner of pixel (4, 5), and through no other point
   * of either: both corners are open */
  CHECK(a_passes(0, 0, 10, 10, 5, 4, 9, 0, 5, 4) == 0);
  CHECK(a_passes(0, 0, 10, 10, 4, 5, 0, 9, 4, 5) == 0);
  /* the line x + y = 10 passes through the lower-left corner of pixel (6, 5),
   * which is in, and through the upper-right corner of pixel (4, 5), which is out */
  CHECK(a_passes(0, 10, 10, 0, 6, 5, 20, 20, 6, 5) == 1);
  CHECK(a_passes(0, 10, 10, 0, 4, 5, -20, -20, 4, 5) == 0);
  /* the same segments reversed */
  CHECK(a_passes(10, 10, 0, 0, 5, 4, 9, 0, 5, 4) == 0);
  CHECK(a_passes(10, 0, 0, 10, 6, 5, 20, 20, 6, 5) == 1);
  /* slope 1/2 through the upper-left corner of pixel (5, 4): (4.5, 4.5);
   * it runs from below-left to above-right of that corner: out */
  CHECK(a_passes(0.5, 2.5, 8.5, 6.5, 5, 4, 9, 0, 5, 4) == 0);
  /* slope 2 through the same corner: left of it the segment is at x < 4.5,
   * right of it at y > 4.5, outside the pixel on both sides: out */
  CHECK(a_passes(2.5, 0.5, 6.5, 8.5, 5, 4, 9, 0, 5, 4) == 0);
  /* slope -1/2 through the upper-left corner enters the pixel: in */
  CHECK(a_passes(0.5, 6.5, 8.5, 2.5, 5, 4, 9, 0, 5, 4) == 1);
}

static void test_open_sides(void) {
  /* a horizontal segment along the top side of pixel (5, 4) (y = 4.5) is not
   * snapped to it; along the bottom side of pixel (5, 5) it is */
  CHECK(a_passes(0.2, 4.5, 10.2, 4.5, 5, 4, 9, 0, 5, 4) == 0);
  CHECK(a_passes(0.2, 4.5, 10.2, 4.5, 5, 5, 9, 9, 5, 5) == 1);
  /* vertical, along the right side of pixel (4, 5) (x = 4.5): out; along the
   * left side of pixel (5, 5): in */
  CHECK(a_passes(4.5, 0.2, 4.5, 10.2, 4, 5, 0, 9, 4, 5) == 0);
  CHECK(a_passes(4.5, 0.2, 4.5, 10.2, 5, 5, 9, 9, 5, 5) == 1);
  /* a segment ending on the top side of a pixel, coming from above: out */
  CHECK(a_passes(5.2, 4.5, 5.3, 9.2, 5, 4, 9, 0, 5, 4) == 0);
  /* ending on its bottom side, coming from below: in (the end rounds there anyway) */
  CHECK(a_passes(5.2, 3.5, 5.3, 0.2, 5, 4, 9, 9, 5, 4) == 1);
}

static void test_near_vertex(void) {
  /* a vertex 0.001 below a segment (nearness tolerance: a hundredth of the
   * grid) is a node of it, as in JTS/GEOS: the segment along y = 3.5 (the
   * open top of pixel (2, 3)) then passes through that vertex's pixel */
  CHECK(a_passes(1.084, 3.5, 2.25, 3.5, 2.133, 0.75, 2.133, 3.499, 2, 3) == 1);
  /* 0.02 below: not near, the segment stays in row 4 */
  CHECK(a_passes(1.084, 3.5, 2.25, 3.5, 2.133, 0.75, 2.133, 3.48, 2, 3) == 0);
  /* near one of the segment's own ends: no node */
  CHECK(a_passes(1.084, 3.5, 2.25, 3.5, 1.087, 0.75, 1.087, 3.499, 1, 3) == 0);
}

int main(void) {
  RUN(test_near_vertex);
  RUN(test_grid_round);
  RUN(test_open_corners);
  RUN(test_open_sides);
  return check_report("test_noder");
}
