/* Topology at one node: the edges of both inputs around an intersection
 * point in counter-clockwise order, each labelled with the location of its
 * left side, right side and the edge itself in A and in B (RelateNode,
 * RelateEdge, NodeSections, PolygonNodeConverter, AdjacentEdgeLocator).
 *
 * Directions are ordered exactly: by quadrant (the signs of coordinate
 * differences are exact), then by gv_orient; never by an angle. */
#include <stdlib.h>
#include <string.h>

#include "relate.h"

/* ---- angles (PolygonNodeTopology) -------------------------------------------- */

static int quadrant(double ox, double oy, double px, double py) {
  double dx = px - ox, dy = py - oy;
  if (dx >= 0) return dy >= 0 ? 0 : 3;
  return dy >= 0 ? 1 : 2;
}

int rl_compare_angle(double ox, double oy, double px, double py, double qx, double qy) {
  int qp = quadrant(ox, oy, px, py), qq = quadrant(ox, oy, qx, qy);
  if (qp > qq) return 1;
  if (qp < qq) return -1;
  return gv_orient(ox, oy, qx, qy, px, py); /* P after Q when P is counter-clockwise of Q */
}

static int angle_greater(double ox, double oy, double px, double py, double qx, double qy) {
  return rl_compare_angle(ox, oy, px, py, qx, qy) > 0;
}

/* Where p lies against the angle from e0 to e1 (counter-clockwise, not
 * containing the positive x axis): 1 inside, -1 outside, 0 collinear with
 * one of them. */
static int compare_between(double ox, double oy, double px, double py, double e0x, double e0y, double e1x,
                           double e1y) {
  int c0 = rl_compare_angle(ox, oy, px, py, e0x, e0y);
  if (c0 == 0) return 0;
  int c1 = rl_compare_angle(ox, oy, px, py, e1x, e1y);
  if (c1 == 0) return 0;
  return c0 > 0 && c1 < 0 ? 1 : -1;
}

/* Whether the edge pair b crosses the edge pair a at the node: one of b's
 * edges inside the angle a spans and the other outside; edges collinear
 * with a's do not cross. */
int rl_is_crossing(double nx, double ny, double a0x, double a0y, double a1x, double a1y, double b0x,
                   double b0y, double b1x, double b1y) {
  double lox = a0x, loy = a0y, hix = a1x, hiy = a1y;
  if (angle_greater(nx, ny, lox, loy, hix, hiy)) {
    lox = a1x, loy = a1y, hix = a0x, hiy = a0y;
  }
  int c0 = compare_between(nx, ny, b0x, b0y, lox, loy, hix, hiy);
  if (c0 == 0) return 0;
  int c1 = compare_between(nx, ny, b1x, b1y, lox, loy, hix, hiy);
  if (c1 == 0) return 0;
  return c0 != c1;
}

/* ---- section order (NodeSection.compareTo) ---------------------------------------- */

static int cmp_int(int a, int b) { return a < b ? -1 : a > b; }

static int cmp_vertex(int has_a, double ax, double ay, int has_b, double bx, double by) {
  if (!has_a) return has_b ? -1 : 0;
  if (!has_b) return 1;
  if (ax < bx) return -1;
  if (ax > bx) return 1;
  if (ay < by) return -1;
  if (ay > by) return 1;
  return 0;
}

static int section_cmp(const rl_section *a, const rl_section *b) {
  if (a->is_a != b->is_a) return a->is_a ? -1 : 1;
  int c = cmp_int(a->dim, b->dim);
  if (!c) c = cmp_int(a->id, b->id);
  if (!c) c = cmp_int(a->ring_id, b->ring_id);
  if (!c) c = cmp_vertex(a->has_v0, a->v0x, a->v0y, b->has_v0, b->v0x, b->v0y);
  if (!c) c = cmp_vertex(a->has_v1, a->v1x, a->v1y, b->has_v1, b->v1x, b->v1y);
  return c;
}

static int section_qsort_cmp(const void *a, const void *b) { return section_cmp(a, b); }

/* ---- edges -------------------------------------------------------------------------------- */

static int32_t next_index(const rl_node *n, int32_t i) { return i < 0 || i >= n->n - 1 ? 0 : i + 1; }
static int32_t prev_index(const rl_node *n, int32_t i) { return i > 0 ? i - 1 : n->n - 1; }

static void edge_set_area_interior(rl_edge *e, int g) {
  e->loc[g][RL_LEFT] = e->loc[g][RL_RIGHT] = e->loc[g][RL_ON] = RL_I;
}

static void edge_set_locations(rl_edge *e, int g, int dim, int forward) {
  e->dim[g] = (int8_t)dim;
  if (dim == RL_DIM_A) {
    e->loc[g][RL_ON] = RL_B;
    e->loc[g][RL_LEFT] = forward ? RL_E : RL_I;
    e->loc[g][RL_RIGHT] = forward ? RL_I : RL_E;
  } else {
    e->loc[g][RL_ON] = RL_I;
    e->loc[g][RL_LEFT] = e->loc[g][RL_RIGHT] = RL_E;
  }
}

/* RelateEdge.merge: area edges override line edges; an interior side stays
 * interior. */
static void edge_merge(rl_edge *e, int g, int dim, int forward) {
  int on = RL_I, left = RL_E, right = RL_E;
  if (dim == RL_DIM_A) {
    on = RL_B;
    left = forward ? RL_E : RL_I;
    right = forward ? RL_I : RL_E;
  }
  if (e->dim[g] == RL_DIM_UNKNOWN) {
    e->dim[g] = (int8_t)dim;
    e->loc[g][RL_ON] = (int8_t)on;
    e->loc[g][RL_LEFT] = (int8_t)left;
    e->loc[g][RL_RIGHT] = (int8_t)right;
    return;
  }
  if (on == RL_B && e->dim[g] == RL_DIM_L) {
    e->dim[g] = RL_DIM_A;
    e->loc[g][RL_ON] = RL_B;
  }
  if (e->loc[g][RL_LEFT] != RL_I) e->loc[g][RL_LEFT] = (int8_t)left;
  if (e->loc[g][RL_RIGHT] != RL_I) e->loc[g][RL_RIGHT] = (int8_t)right;
}

/* Adds (or merges into) the edge towards (dx, dy); returns its serial, or
 * -1 for a missing or zero-length direction. */
static int32_t add_edge(rl_arena *ar, rl_node *n, int g, int has, double dx, double dy, int dim, int forward) {
  if (!has || (dx == n->x && dy == n->y)) return -1;
  int32_t at = n->n;
  for (int32_t i = 0; i < n->n; i++) {
    int c = rl_compare_angle(n->x, n->y, n->e[i].dx, n->e[i].dy, dx, dy);
    if (c == 0) {
      edge_merge(&n->e[i], g, dim, forward);
      return n->e[i].serial;
    }
    if (c > 0) {
      at = i;
      break;
    }
  }
  if (rl_reserve(ar, (void **)&n->e, &n->cap, n->n + 1, sizeof(rl_edge))) return -1;
  memmove(n->e + at + 1, n->e + at, (size_t)(n->n - at) * sizeof(rl_edge));
  n->n++;
  rl_edge *e = &n->e[at];
  memset(e, 0, sizeof *e);
  e->dx = dx;
  e->dy = dy;
  e->serial = n->serial++;
  e->dim[0] = e->dim[1] = RL_DIM_UNKNOWN;
  for (int k = 0; k < 3; k++) e->loc[0][k] = e->loc[1][k] = RL_NONE;
  edge_set_locations(e, g, dim, forward);
  return e->serial;
}

static int32_t index_of(const rl_node *n, int32_t serial) {
  if (serial < 0) return -1;
  for (int32_t i = 0; i < n->n; i++)
    if (n->e[i].serial == serial) return i;
  return -1;
}

/* RelateNode.addEdges for one section. Area sections assume the shell is
 * clockwise: the edge back to v0 has the interior on its left, the edge on
 * to v1 on its right, and the edges between them (counter-clockwise) lie
 * inside the area. */
static void add_section_edges(rl_arena *ar, rl_node *n, const rl_section *s) {
  int g = s->is_a ? 0 : 1;
  if (s->dim != RL_DIM_A) {
    add_edge(ar, n, g, s->has_v0, s->v0x, s->v0y, RL_DIM_L, 0);
    add_edge(ar, n, g, s->has_v1, s->v1x, s->v1y, RL_DIM_L, 0);
    return;
  }
  int32_t e0 = add_edge(ar, n, g, s->has_v0, s->v0x, s->v0y, RL_DIM_A, 0);
  int32_t e1 = add_edge(ar, n, g, s->has_v1, s->v1x, s->v1y, RL_DIM_A, 1);
  int32_t i0 = index_of(n, e0), i1 = index_of(n, e1);
  /* GEOS would hang or read out of bounds without both edges; such
   * sections (zero-length) cannot arise from de-duplicated rings. */
  if (i0 < 0 || i1 < 0) return;
  for (int32_t i = next_index(n, i0); i != i1; i = next_index(n, i)) edge_set_area_interior(&n->e[i], g);
  if (n->e[prev_index(n, i0)].loc[g][RL_LEFT] == RL_I) edge_set_area_interior(&n->e[i0], g);
  if (n->e[next_index(n, i1)].loc[g][RL_RIGHT] == RL_I) edge_set_area_interior(&n->e[i1], g);
}

/* ---- PolygonNodeConverter ---------------------------------------------------------------- */

/* The sections of one polygon are sorted by the angle of their first edge
 * with the steps of libc++'s std::sort for short ranges (GEOS is built
 * with it), so that sections of equal angle end up in the same order. */
static int ang_less(const rl_section *a, const rl_section *b) {
  return rl_compare_angle(a->nx, a->ny, a->v0x, a->v0y, b->v0x, b->v0y) < 0;
}

static void swap_p(const rl_section **a, const rl_section **b) {
  const rl_section *t = *a;
  *a = *b;
  *b = t;
}

static void sort3(const rl_section **x, const rl_section **y, const rl_section **z) {
  if (!ang_less(*y, *x)) {
    if (!ang_less(*z, *y)) return;
    swap_p(y, z);
    if (ang_less(*y, *x)) swap_p(x, y);
    return;
  }
  if (ang_less(*z, *y)) {
    swap_p(x, z);
    return;
  }
  swap_p(x, y);
  if (ang_less(*z, *y)) swap_p(y, z);
}

static void sort4(const rl_section **v) {
  sort3(v, v + 1, v + 2);
  if (ang_less(v[3], v[2])) {
    swap_p(v + 2, v + 3);
    if (ang_less(v[2], v[1])) {
      swap_p(v + 1, v + 2);
      if (ang_less(v[1], v[0])) swap_p(v, v + 1);
    }
  }
}

static void sort5(const rl_section **v) {
  sort4(v);
  if (ang_less(v[4], v[3])) {
    swap_p(v + 3, v + 4);
    if (ang_less(v[3], v[2])) {
      swap_p(v + 2, v + 3);
      if (ang_less(v[2], v[1])) {
        swap_p(v + 1, v + 2);
        if (ang_less(v[1], v[0])) swap_p(v, v + 1);
      }
    }
  }
}

static void geos_angle_sort(const rl_section **v, int32_t n) {
  switch (n) {
  case 0: case 1: return;
  case 2: if (ang_less(v[1], v[0])) swap_p(v, v + 1); return;
  case 3: sort3(v, v + 1, v + 2); return;
  case 4: sort4(v); return;
  case 5: sort5(v); return;
  }
  /* insertion sort (libc++ below 30 elements; more sections of one polygon
   * at one node do not occur in practice) */
  for (int32_t i = 1; i < n; i++) {
    if (!ang_less(v[i], v[i - 1])) continue;
    const rl_section *t = v[i];
    int32_t j = i;
    do {
      v[j] = v[j - 1];
      j--;
    } while (j > 0 && ang_less(t, v[j - 1]));
    v[j] = t;
  }
}

static rl_section make_section(const rl_section *ns, int has0, double v0x, double v0y, int has1, double v1x,
                               double v1y) {
  rl_section s = *ns;
  s.dim = RL_DIM_A;
  s.ring_id = 0;
  s.has_v0 = (uint8_t)has0, s.v0x = v0x, s.v0y = v0y;
  s.has_v1 = (uint8_t)has1, s.v1x = v1x, s.v1y = v1y;
  return s;
}

/* Turns the sections of one polygon at a node (shell and holes touching
 * there) into sections of maximal rings: each shell wedge is cut by the
 * holes that follow it around the node. Writes to out (room for n). */
static int32_t convert_polygon_sections(const rl_section **v, int32_t n, rl_section *out) {
  geos_angle_sort(v, n);
  /* extractUnique: drops sections equal to the last kept one */
  int32_t m = 1;
  for (int32_t i = 1; i < n; i++)
    if (section_cmp(v[m - 1], v[i]) != 0) v[m++] = v[i];
  if (m == 1) {
    out[0] = *v[0];
    return 1;
  }
  int32_t shell = -1;
  for (int32_t i = 0; i < m && shell < 0; i++)
    if (v[i]->ring_id == 0) shell = i;
  int32_t k = 0;
  if (shell < 0) {
    /* only holes: each hole's wedge closes on the next hole */
    for (int32_t i = 0; i < m; i++) {
      int32_t nx = i + 1 >= m ? 0 : i + 1;
      out[k++] = make_section(v[0], v[i]->has_v0, v[i]->v0x, v[i]->v0y, v[nx]->has_v1, v[nx]->v1x, v[nx]->v1y);
    }
    return k;
  }
  int32_t s = shell;
  do {
    const rl_section *sh = v[s];
    int hin = sh->has_v0;
    double inx = sh->v0x, iny = sh->v0y;
    int32_t i = s + 1 >= m ? 0 : s + 1;
    while (v[i]->ring_id != 0) {
      const rl_section *hole = v[i];
      if (k < n) out[k++] = make_section(sh, hin, inx, iny, hole->has_v1, hole->v1x, hole->v1y);
      hin = hole->has_v0, inx = hole->v0x, iny = hole->v0y;
      i = i + 1 >= m ? 0 : i + 1;
    }
    if (k < n) out[k++] = make_section(sh, hin, inx, iny, sh->has_v1, sh->v1x, sh->v1y);
    s = i;
  } while (s != shell);
  return k;
}

/* NodeSections.createNode. */
int rl_node_build(rl_arena *ar, rl_node *node, rl_section *s, int32_t n) {
  memset(node, 0, sizeof *node);
  if (n <= 0) return 0;
  node->x = s[0].nx;
  node->y = s[0].ny;
  qsort(s, (size_t)n, sizeof *s, section_qsort_cmp);
  int32_t i = 0;
  while (i < n) {
    const rl_section *ns = &s[i];
    if (ns->dim == RL_DIM_A && i < n - 1 && ns->is_a == s[i + 1].is_a && ns->id == s[i + 1].id) {
      int32_t j = i;
      while (j < n && s[j].is_a == ns->is_a && s[j].id == ns->id) j++;
      int32_t m = j - i;
      const rl_section **v = rl_alloc(ar, (size_t)m * sizeof *v);
      rl_section *conv = rl_alloc(ar, (size_t)m * sizeof *conv);
      if (!v || !conv) return -1;
      for (int32_t k = 0; k < m; k++) v[k] = &s[i + k];
      int32_t c = convert_polygon_sections(v, m, conv);
      for (int32_t k = 0; k < c; k++) add_section_edges(ar, node, &conv[k]);
      i = j;
    } else {
      add_section_edges(ar, node, ns);
      i++;
    }
  }
  return ar->failed ? -1 : 0;
}

/* Fills in the locations an input does not know at this node: all interior
 * when the node lies inside one of its areas, else each unknown edge takes
 * the location of the side facing it (walking counter-clockwise). */
static void finish_geom(rl_node *n, int g, int area_interior) {
  if (n->n == 0) return;
  if (area_interior) {
    for (int32_t i = 0; i < n->n; i++) edge_set_area_interior(&n->e[i], g);
    return;
  }
  int32_t start = -1;
  for (int32_t i = 0; i < n->n && start < 0; i++)
    if (n->e[i].dim[g] != RL_DIM_UNKNOWN) start = i;
  if (start < 0) return; /* only nodes where both inputs meet are finished */
  int cur = n->e[start].loc[g][RL_LEFT];
  for (int32_t i = next_index(n, start); i != start; i = next_index(n, i)) {
    rl_edge *e = &n->e[i];
    for (int k = 0; k < 3; k++)
      if (e->loc[g][k] == RL_NONE) e->loc[g][k] = (int8_t)cur;
    cur = e->loc[g][RL_LEFT];
  }
}

void rl_node_finish(rl_node *node, int area_interior_a, int area_interior_b) {
  finish_geom(node, 0, area_interior_a);
  finish_geom(node, 1, area_interior_b);
}

int rl_node_has_exterior_edge(const rl_node *node, int is_a) {
  int g = is_a ? 0 : 1;
  for (int32_t i = 0; i < node->n; i++)
    if (node->e[i].loc[g][RL_LEFT] == RL_E || node->e[i].loc[g][RL_RIGHT] == RL_E) return 1;
  return 0;
}

/* ---- AdjacentEdgeLocator -------------------------------------------------------------------- */

typedef struct sec_list {
  rl_section *s;
  int32_t n, cap;
} sec_list;

static int on_segment(double x, double y, double x0, double y0, double x1, double y1) {
  if (!(x >= (x0 < x1 ? x0 : x1) && x <= (x0 < x1 ? x1 : x0) && y >= (y0 < y1 ? y0 : y1) &&
        y <= (y0 < y1 ? y1 : y0)))
    return 0;
  if (x == x0 && y == y0) return 1;
  return gv_orient(x0, y0, x1, y1, x, y) == 0;
}

/* Sections of one ring through (x, y), the ring read clockwise for a shell
 * and counter-clockwise for a hole. */
static int ring_sections(rl_geom *g, sec_list *l, int32_t r, int shell, double x, double y) {
  const gv_array *a = g->a;
  rl_arena *ar = g->ar;
  int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  int32_t n = k1 - k0;
  if (n < 4) return 0;
  int flip = shell == rl_geom_ring(g, r)->ccw;
#define RX(i) GV_X(a, flip ? k0 + n - 1 - (i) : k0 + (i))
#define RY(i) GV_Y(a, flip ? k0 + n - 1 - (i) : k0 + (i))
  for (int32_t i = 0; i < n - 1; i++) {
    double x0 = RX(i), y0 = RY(i), xn = RX(i + 1), yn = RY(i + 1);
    double px, py;
    if (x == xn && y == yn) continue;
    if (x == x0 && y == y0) {
      int32_t ip = i > 0 ? i - 1 : n - 2;
      px = RX(ip), py = RY(ip);
    } else if (on_segment(x, y, x0, y0, xn, yn)) {
      px = x0, py = y0;
    } else {
      continue;
    }
    if (rl_reserve(ar, (void **)&l->s, &l->cap, l->n + 1, sizeof(rl_section))) return -1;
    rl_section *s = &l->s[l->n++];
    memset(s, 0, sizeof *s);
    s->is_a = 1, s->dim = RL_DIM_A, s->id = 1, s->ring_id = 0, s->poly = -1, s->at_vertex = 0;
    s->has_v0 = 1, s->v0x = px, s->v0y = py;
    s->nx = x, s->ny = y;
    s->has_v1 = 1, s->v1x = xn, s->v1y = yn;
  }
#undef RX
#undef RY
  return 0;
}

/* Whether the polygons of g whose boundaries pass through (x, y) close up
 * around it (INTERIOR) or leave a gap (BOUNDARY). */
int rl_adjacent_edge_locate(rl_geom *g, double x, double y) {
  const gv_array *a = g->a;
  sec_list l = {0};
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_POLYGON || el->empty) continue;
    int32_t r0 = gv_part_begin(a, el->part), r1 = gv_part_end(a, el->part);
    for (int32_t r = r0; r < r1; r++)
      if (ring_sections(g, &l, r, r == r0, x, y)) return RL_B;
  }
  rl_node node;
  if (rl_node_build(g->ar, &node, l.s, l.n)) return RL_B;
  return rl_node_has_exterior_edge(&node, 1) ? RL_B : RL_I;
}
