/* Point location in whole geometries, with the semantics of JTS / GEOS
 * RelateNG's RelatePointLocator (the reference for every rule below):
 *
 *  - Empty and null geometries: EXTERIOR.
 *  - Points: INTERIOR when equal to one of the points, else EXTERIOR
 *    (points have no boundary).
 *  - Lines (LinearBoundary with the OGC mod-2 BoundaryNodeRule): count the
 *    line ends equal to the point over every non-empty line of the geometry
 *    (a closed line counts its start and its end, so twice); an odd count is
 *    BOUNDARY. Otherwise a point on any line is INTERIOR.
 *  - Polygons and MultiPolygons: one polygonal element; the point's location
 *    in the union of its parts (valid parts meet only at points). Within a
 *    part, parity over all its rings (pip.c), as JTS's
 *    IndexedPointInAreaLocator. For valid input this is what both of JTS's
 *    area locators answer; parts that overlap (invalid) count as their
 *    union here, where JTS's answers differ between its two locators.
 *  - GeometryCollections: the union of the elements, checked in order of
 *    dimension (RelatePointLocator.computeDimLocation): polygonal elements
 *    first (INTERIOR of any wins; on the boundary of exactly one it is
 *    BOUNDARY; on the boundary of several, AdjacentEdgeLocator decides
 *    whether the polygons' wedges around the point close up to INTERIOR),
 *    then the lines (mod-2 over all the collection's lines), then points.
 *    So a line end inside a polygon element is INTERIOR, and one on a
 *    polygon's boundary is BOUNDARY. Polygon and MultiPolygon members are
 *    polygonal elements; Multi(Point|LineString) members contribute their
 *    parts (RelatePointLocator.extractElements). */
#include <math.h>

#include "predicates.h"

/* ---- points and lines ---- */

static int on_points(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, double x, double y) {
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) != GV_POINT) continue;
    int32_t r = gv_part_begin(a, p);
    for (int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r); k < e; k++)
      if (GV_X(a, k) == x && GV_Y(a, k) == y) return 1;
  }
  return 0;
}

static int locate_lines(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, double x, double y) {
  int ends = 0, any = 0;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) != GV_LINESTRING) continue;
    int32_t r = gv_part_begin(a, p);
    if (gv_part_end(a, p) <= r) continue;
    int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
    if (k1 - k0 < 1) continue; /* empty line */
    any = 1;
    ends += GV_X(a, k0) == x && GV_Y(a, k0) == y;
    ends += GV_X(a, k1 - 1) == x && GV_Y(a, k1 - 1) == y;
  }
  if (!any) return GV_LOC_EXTERIOR;
  if (ends & 1) return GV_LOC_BOUNDARY;
  if (ends) return GV_LOC_INTERIOR; /* an even number of ends: on a line, not its boundary */
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) != GV_LINESTRING) continue;
    int32_t r = gv_part_begin(a, p);
    if (gv_part_end(a, p) > r && gv_point_on_line(a, r, x, y)) return GV_LOC_INTERIOR;
  }
  return GV_LOC_EXTERIOR;
}

/* Location in the union of the polygon parts in [p0, p1). */
static int locate_polygons(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, double x, double y) {
  int loc = GV_LOC_EXTERIOR;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
    int l = gv_locate_in_polygon(a, p, x, y);
    if (l == GV_LOC_INTERIOR) return l;
    if (l == GV_LOC_BOUNDARY) loc = l;
  }
  return loc;
}

/* ---- AdjacentEdgeLocator: a point on the boundaries of several polygons ----
 * Every ring through the point contributes a "section": the directions to
 * the previous and the next vertex, oriented so that the polygon's interior
 * is the wedge swept counter-clockwise from the first to the second (JTS
 * orients shells clockwise and holes counter-clockwise for this). The point
 * is INTERIOR of the union when the wedges cover every direction around it,
 * BOUNDARY otherwise (RelateNode.hasExteriorEdge). A section whose two
 * directions coincide counts as covering everything, as RelateNode's edge
 * merging does. Directions are compared exactly: by quadrant (signs of
 * coordinate differences are exact), then by gv_orient. */

typedef struct dir {
  double x, y; /* the far point; the direction is from the node to it */
} dir;

static int quadrant(double px, double py, dir d) {
  int east = d.x >= px, north = d.y >= py;
  return north ? (east ? 0 : 1) : (east ? 3 : 2);
}

/* Compares the angles of a and b from the positive x axis, counter-clockwise. */
static int angle_cmp(double px, double py, dir a, dir b) {
  int qa = quadrant(px, py, a), qb = quadrant(px, py, b);
  if (qa != qb) return qa < qb ? -1 : 1;
  return -gv_orient(px, py, a.x, a.y, b.x, b.y); /* b left of a: a first */
}

/* Angle of d counter-clockwise from s, as an orderable key: directions at
 * or after s in absolute order come first. */
static int rel_cmp(double px, double py, dir s, dir a, dir b) {
  int ka = angle_cmp(px, py, a, s) < 0, kb = angle_cmp(px, py, b, s) < 0;
  if (ka != kb) return ka < kb ? -1 : 1;
  return angle_cmp(px, py, a, b);
}

typedef struct section {
  dir in, out; /* the wedge sweeps counter-clockwise from in to out */
} section;

/* Whether the side of direction e just counter-clockwise of it (side > 0)
 * or just clockwise (side < 0) lies inside the wedge of s. */
static int wedge_covers_side(double px, double py, const section *s, dir e, int side) {
  if (angle_cmp(px, py, s->in, s->out) == 0) return 1; /* degenerate: covers all */
  int c = rel_cmp(px, py, s->in, e, s->out); /* e against the wedge's end, seen from its start */
  if (side > 0) return c < 0; /* e in [in, out) */
  return c <= 0 && angle_cmp(px, py, e, s->in) != 0; /* e in (in, out] */
}

/* Orientation of ring [k0, k1): 1 counter-clockwise, -1 clockwise, 0 degenerate.
 * Uses the lowest (then leftmost) vertex, a corner of the convex hull, and
 * its nearest distinct neighbours; a flat corner falls back to the area sign. */
static int ring_orientation(const gv_array *a, int32_t k0, int32_t k1) {
  int32_t n = k1 - k0 - 1; /* distinct positions; the last repeats the first */
  if (n < 3) return 0;
  int32_t m = k0;
  for (int32_t k = k0 + 1; k < k0 + n; k++) {
    double y = GV_Y(a, k), my = GV_Y(a, m);
    if (y < my || (y == my && GV_X(a, k) < GV_X(a, m))) m = k;
  }
  double mx = GV_X(a, m), my = GV_Y(a, m);
  int32_t i = m, j = m;
  for (int32_t s = 0; s < n; s++) {
    i = i == k0 ? k0 + n - 1 : i - 1;
    if (GV_X(a, i) != mx || GV_Y(a, i) != my) break;
  }
  for (int32_t s = 0; s < n; s++) {
    j = j == k0 + n - 1 ? k0 : j + 1;
    if (GV_X(a, j) != mx || GV_Y(a, j) != my) break;
  }
  int o = gv_orient(GV_X(a, i), GV_Y(a, i), mx, my, GV_X(a, j), GV_Y(a, j));
  if (o) return o;
  double area = 0;
  for (int32_t k = k0; k + 1 < k1; k++)
    area += (GV_X(a, k) - mx) * (GV_Y(a, k + 1) - my) - (GV_X(a, k + 1) - mx) * (GV_Y(a, k) - my);
  return area > 0 ? 1 : area < 0 ? -1 : 0;
}

static int on_segment(double x1, double y1, double x2, double y2, double x, double y) {
  if (!((x1 <= x && x <= x2) || (x2 <= x && x <= x1))) return 0;
  if (!((y1 <= y && y <= y2) || (y2 <= y && y <= y1))) return 0;
  return gv_orient(x1, y1, x2, y2, x, y) == 0;
}

/* Sections of ring [k0, k1) at (x, y) (AdjacentEdgeLocator.addSections):
 * at a vertex, its neighbours; inside a segment, the segment's ends. Writes
 * up to cap, returns the count found. */
static int ring_sections(const gv_array *a, int32_t k0, int32_t k1, int cw_wanted, double x, double y,
                         section *out, int count, int cap) {
  if (k1 - k0 < 4) return count;
  int orient = ring_orientation(a, k0, k1);
  /* reverse the ring's direction when it is not the wanted one */
  int reverse = cw_wanted ? orient > 0 : orient < 0;
  for (int32_t k = k0; k + 1 < k1; k++) {
    double x0 = GV_X(a, k), y0 = GV_Y(a, k), xn = GV_X(a, k + 1), yn = GV_Y(a, k + 1);
    dir prev, next;
    if (xn == x && yn == y) continue; /* the segment's end belongs to the next one */
    if (x0 == x && y0 == y) {
      int32_t kp = k > k0 ? k - 1 : k1 - 2;
      prev = (dir){GV_X(a, kp), GV_Y(a, kp)};
      next = (dir){xn, yn};
    } else if (on_segment(x0, y0, xn, yn, x, y)) {
      prev = (dir){x0, y0};
      next = (dir){xn, yn};
    } else {
      continue;
    }
    if (count < cap) out[count] = reverse ? (section){next, prev} : (section){prev, next};
    count++;
  }
  return count;
}

static int adjacent_sections(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, double x, double y,
                             section *out, int cap) {
  int count = 0;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    for (int32_t r = r0; r < r1; r++)
      count = ring_sections(a, gv_ring_begin(a, r), gv_ring_end(a, r), r == r0, x, y, out, count, cap);
  }
  return count;
}

static int adjacent_edge_locate(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, double x, double y) {
  section local[32], *s = local;
  int n = adjacent_sections(a, t, p0, p1, x, y, local, 32);
  if (n > 32) {
    s = gv_malloc((size_t)n * sizeof *s);
    if (!s) return GV_LOC_BOUNDARY;
    adjacent_sections(a, t, p0, p1, x, y, s, n);
  }
  int loc = n ? GV_LOC_INTERIOR : GV_LOC_BOUNDARY;
  /* every edge direction must have both of its sides inside some wedge */
  for (int i = 0; i < 2 * n && loc == GV_LOC_INTERIOR; i++) {
    dir e = i & 1 ? s[i >> 1].out : s[i >> 1].in;
    for (int side = -1; side <= 1; side += 2) {
      int covered = 0;
      for (int j = 0; j < n && !covered; j++) covered = wedge_covers_side(x, y, &s[j], e, side);
      if (!covered) {
        loc = GV_LOC_BOUNDARY;
        break;
      }
    }
  }
  if (s != local) gv_free(s);
  return loc;
}

/* ---- collections ---- */

/* Parts that a collection token covers: a simple member one, a multi
 * member its count, a nested collection none (its members follow); -1 for
 * a token that cannot occur. */
static int32_t token_parts(uint32_t tok) {
  switch (GV_BASE_TYPE(tok & 0xff)) {
  case GV_POINT: case GV_LINESTRING: case GV_POLYGON: return 1;
  case GV_MULTIPOINT: case GV_MULTILINESTRING: case GV_MULTIPOLYGON: return (int32_t)(tok >> 8);
  case GV_GEOMETRYCOLLECTION: return 0;
  default: return -1;
  }
}

/* Polygonal elements of collection i: each Polygon or MultiPolygon member
 * (from the token tree) is one element. Returns INTERIOR when the point is
 * in one's interior, else EXTERIOR with the number of elements whose
 * boundary holds the point in *nbdy. Without a usable tree every polygon
 * part is its own element. */
static int collection_polygons(const gv_array *a, int64_t i, uint8_t t, int32_t p0, int32_t p1, double x,
                               double y, int *nbdy) {
  int32_t tb = 0, te = 0, part = p0;
  *nbdy = 0;
  if (a->gc_off && a->gc_tok) tb = a->gc_off[i], te = a->gc_off[i + 1];
  int tree_ok = te > tb;
  for (int32_t k = tb; k < te && tree_ok; k++) {
    int32_t count = token_parts((uint32_t)a->gc_tok[k]);
    if (count < 0 || count > p1 - part) tree_ok = 0;
    else part += count;
  }
  if (!tree_ok || part != p1) {
    for (int32_t p = p0; p < p1; p++) {
      if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
      int l = gv_locate_in_polygon(a, p, x, y);
      if (l == GV_LOC_INTERIOR) return l;
      *nbdy += l == GV_LOC_BOUNDARY;
    }
    return GV_LOC_EXTERIOR;
  }
  part = p0;
  for (int32_t k = tb; k < te; k++) {
    uint32_t tok = (uint32_t)a->gc_tok[k];
    uint8_t base = GV_BASE_TYPE(tok & 0xff);
    int32_t count = token_parts(tok);
    if (base == GV_POLYGON || base == GV_MULTIPOLYGON) {
      int l = locate_polygons(a, t, part, part + count, x, y);
      if (l == GV_LOC_INTERIOR) return l;
      *nbdy += l == GV_LOC_BOUNDARY;
    }
    part += count;
  }
  return GV_LOC_EXTERIOR;
}

static int locate_collection(const gv_array *a, int64_t i, uint8_t t, int32_t p0, int32_t p1, double x,
                             double y) {
  int nbdy;
  if (collection_polygons(a, i, t, p0, p1, x, y, &nbdy) == GV_LOC_INTERIOR) return GV_LOC_INTERIOR;
  if (nbdy == 1) return GV_LOC_BOUNDARY;
  if (nbdy > 1) return adjacent_edge_locate(a, t, p0, p1, x, y);
  int l = locate_lines(a, t, p0, p1, x, y);
  if (l != GV_LOC_EXTERIOR) return l;
  return on_points(a, t, p0, p1, x, y) ? GV_LOC_INTERIOR : GV_LOC_EXTERIOR;
}

int gv_locate_point(const gv_array *a, int64_t i, double x, double y) {
  if (!a || i < 0 || i >= a->n || isnan(x) || isnan(y)) return GV_LOC_EXTERIOR;
  uint8_t t = gv_type_byte(a, i);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  switch (GV_BASE_TYPE(t)) {
  case GV_POINT:
  case GV_MULTIPOINT:
    return on_points(a, t, p0, p1, x, y) ? GV_LOC_INTERIOR : GV_LOC_EXTERIOR;
  case GV_LINESTRING:
  case GV_MULTILINESTRING:
    return locate_lines(a, t, p0, p1, x, y);
  case GV_POLYGON:
  case GV_MULTIPOLYGON:
    return locate_polygons(a, t, p0, p1, x, y);
  case GV_GEOMETRYCOLLECTION:
    return locate_collection(a, i, t, p0, p1, x, y);
  default:
    return GV_LOC_EXTERIOR;
  }
}
