/* The matrix and what each observation adds to it (TopologyComputer), and
 * the predicates that watch the matrix and stop the evaluation as soon as
 * their value is known (RelatePredicate, IMPredicate, BasicPredicate). */
#include <string.h>

#include "relate.h"

/* ---- predicates ------------------------------------------------------------------ */

static int is_im(const rl_pred *p) { return p->kind != GV_PRED_INTERSECTS && p->kind != GV_PRED_DISJOINT; }

void rl_pred_start(rl_pred *p, int kind) {
  memset(p, 0, sizeof *p);
  p->kind = kind;
  p->value = -1;
  p->dim_a = p->dim_b = RL_DIM_UNKNOWN;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) p->im[i][j] = RL_DIM_F;
  p->im[RL_E][RL_E] = RL_DIM_A; /* the exteriors always meet in an area */
}

static void set_value(rl_pred *p, int v) {
  if (p->value < 0) p->value = v ? 1 : 0;
}

static void require(rl_pred *p, int cond) {
  if (!cond) set_value(p, 0);
}

int rl_pred_require_self_noding(const rl_pred *p) { return is_im(p); }

int rl_pred_require_interaction(const rl_pred *p) {
  return p->kind != GV_PRED_DISJOINT && p->kind != GV_PRED_EQUALS && p->kind != RL_PRED_MATRIX;
}

int rl_pred_require_covers(const rl_pred *p, int is_a) {
  switch (p->kind) {
  case GV_PRED_CONTAINS: case GV_PRED_COVERS: return is_a;
  case GV_PRED_WITHIN: case GV_PRED_COVERED_BY: return !is_a;
  default: return 0;
  }
}

int rl_pred_require_exterior_check(const rl_pred *p, int is_a) {
  switch (p->kind) {
  case GV_PRED_INTERSECTS: case GV_PRED_DISJOINT: return 0;
  case GV_PRED_CONTAINS: case GV_PRED_COVERS: return !is_a;
  case GV_PRED_WITHIN: case GV_PRED_COVERED_BY: return is_a;
  default: return 1;
  }
}

/* Points may be covered by zero-length lines. */
static int dims_compatible_with_covers(int d0, int d1) {
  if (d0 == RL_DIM_P && d1 == RL_DIM_L) return 1;
  return d0 >= d1;
}

void rl_pred_init_dims(rl_pred *p, int dim_a, int dim_b) {
  if (!is_im(p)) return;
  p->dim_a = dim_a;
  p->dim_b = dim_b;
  switch (p->kind) {
  case GV_PRED_CONTAINS: case GV_PRED_COVERS: require(p, dims_compatible_with_covers(dim_a, dim_b)); break;
  case GV_PRED_WITHIN: case GV_PRED_COVERED_BY: require(p, dims_compatible_with_covers(dim_b, dim_a)); break;
  case GV_PRED_CROSSES:
    require(p, !((dim_a == RL_DIM_P && dim_b == RL_DIM_P) || (dim_a == RL_DIM_A && dim_b == RL_DIM_A)));
    break;
  case GV_PRED_OVERLAPS: require(p, dim_a == dim_b); break;
  case GV_PRED_TOUCHES: require(p, !(dim_a == RL_DIM_P && dim_b == RL_DIM_P)); break;
  default: break;
  }
}

/* Envelope relations as GEOS defines them for null (empty) envelopes. */
static int env_intersects(int ha, gv_box a, int hb, gv_box b) { return ha && hb && gv_box_intersects(a, b); }
static int env_covers(int ha, gv_box a, int hb, gv_box b) {
  return ha && hb && b.minx >= a.minx && b.maxx <= a.maxx && b.miny >= a.miny && b.maxy <= a.maxy;
}
static int env_equals(int ha, gv_box a, int hb, gv_box b) {
  if (!ha) return !hb;
  return hb && a.minx == b.minx && a.maxx == b.maxx && a.miny == b.miny && a.maxy == b.maxy;
}

void rl_pred_init_env(rl_pred *p, int ha, gv_box a, int hb, gv_box b) {
  switch (p->kind) {
  case GV_PRED_INTERSECTS: require(p, env_intersects(ha, a, hb, b)); break;
  case GV_PRED_DISJOINT: if (!env_intersects(ha, a, hb, b)) set_value(p, 1); break;
  case GV_PRED_CONTAINS: case GV_PRED_COVERS: require(p, env_covers(ha, a, hb, b)); break;
  case GV_PRED_WITHIN: case GV_PRED_COVERED_BY: require(p, env_covers(hb, b, ha, a)); break;
  case GV_PRED_EQUALS:
    if (!ha && !hb) set_value(p, 1); /* EMPTY equals EMPTY, whatever the dimensions */
    require(p, env_equals(ha, a, hb, b));
    break;
  default: break;
  }
}

static int meets(const rl_pred *p, int la, int lb) { return p->im[la][lb] >= RL_DIM_P; }

static int is_determined(const rl_pred *p) {
  switch (p->kind) {
  case GV_PRED_CONTAINS: case GV_PRED_COVERS: return meets(p, RL_E, RL_I) || meets(p, RL_E, RL_B);
  case GV_PRED_WITHIN: case GV_PRED_COVERED_BY: return meets(p, RL_I, RL_E) || meets(p, RL_B, RL_E);
  case GV_PRED_CROSSES:
    if (p->dim_a == RL_DIM_L && p->dim_b == RL_DIM_L) return p->im[RL_I][RL_I] > RL_DIM_P;
    if (p->dim_a < p->dim_b) return meets(p, RL_I, RL_I) && meets(p, RL_I, RL_E);
    if (p->dim_a > p->dim_b) return meets(p, RL_I, RL_I) && meets(p, RL_E, RL_I);
    return 0;
  case GV_PRED_EQUALS:
    return meets(p, RL_I, RL_E) || meets(p, RL_B, RL_E) || meets(p, RL_E, RL_I) || meets(p, RL_E, RL_B);
  case GV_PRED_OVERLAPS:
    if (p->dim_a == RL_DIM_A || p->dim_a == RL_DIM_P)
      return meets(p, RL_I, RL_I) && meets(p, RL_I, RL_E) && meets(p, RL_E, RL_I);
    if (p->dim_a == RL_DIM_L)
      return p->im[RL_I][RL_I] == RL_DIM_L && meets(p, RL_I, RL_E) && meets(p, RL_E, RL_I);
    return 0;
  case GV_PRED_TOUCHES: return meets(p, RL_I, RL_I);
  default: return 0;
  }
}

/* The IntersectionMatrix tests (isContains, isCrosses(dimA, dimB), ...). */
static int value_im(const rl_pred *p) {
  const int8_t(*m)[3] = p->im;
  int any_ib = m[RL_I][RL_I] >= 0 || m[RL_I][RL_B] >= 0 || m[RL_B][RL_I] >= 0 || m[RL_B][RL_B] >= 0;
  int da = p->dim_a, db = p->dim_b;
  switch (p->kind) {
  case GV_PRED_CONTAINS: return m[RL_I][RL_I] >= 0 && m[RL_E][RL_I] == RL_DIM_F && m[RL_E][RL_B] == RL_DIM_F;
  case GV_PRED_WITHIN: return m[RL_I][RL_I] >= 0 && m[RL_I][RL_E] == RL_DIM_F && m[RL_B][RL_E] == RL_DIM_F;
  case GV_PRED_COVERS: return any_ib && m[RL_E][RL_I] == RL_DIM_F && m[RL_E][RL_B] == RL_DIM_F;
  case GV_PRED_COVERED_BY: return any_ib && m[RL_I][RL_E] == RL_DIM_F && m[RL_B][RL_E] == RL_DIM_F;
  case GV_PRED_CROSSES:
    if ((da == RL_DIM_P && db == RL_DIM_L) || (da == RL_DIM_P && db == RL_DIM_A) || (da == RL_DIM_L && db == RL_DIM_A))
      return m[RL_I][RL_I] >= 0 && m[RL_I][RL_E] >= 0;
    if ((da == RL_DIM_L && db == RL_DIM_P) || (da == RL_DIM_A && db == RL_DIM_P) || (da == RL_DIM_A && db == RL_DIM_L))
      return m[RL_I][RL_I] >= 0 && m[RL_E][RL_I] >= 0;
    if (da == RL_DIM_L && db == RL_DIM_L) return m[RL_I][RL_I] == RL_DIM_P;
    return 0;
  case GV_PRED_EQUALS:
    return da == db && m[RL_I][RL_I] >= 0 && m[RL_I][RL_E] == RL_DIM_F && m[RL_B][RL_E] == RL_DIM_F &&
           m[RL_E][RL_I] == RL_DIM_F && m[RL_E][RL_B] == RL_DIM_F;
  case GV_PRED_OVERLAPS:
    if ((da == RL_DIM_P && db == RL_DIM_P) || (da == RL_DIM_A && db == RL_DIM_A))
      return m[RL_I][RL_I] >= 0 && m[RL_I][RL_E] >= 0 && m[RL_E][RL_I] >= 0;
    if (da == RL_DIM_L && db == RL_DIM_L) return m[RL_I][RL_I] == RL_DIM_L && m[RL_I][RL_E] >= 0 && m[RL_E][RL_I] >= 0;
    return 0;
  case GV_PRED_TOUCHES: {
    int lo = da < db ? da : db, hi = da < db ? db : da;
    if ((lo == RL_DIM_A && hi == RL_DIM_A) || (lo == RL_DIM_L && hi == RL_DIM_L) || (lo == RL_DIM_L && hi == RL_DIM_A) ||
        (lo == RL_DIM_P && hi == RL_DIM_A) || (lo == RL_DIM_P && hi == RL_DIM_L))
      return m[RL_I][RL_I] == RL_DIM_F && (m[RL_I][RL_B] >= 0 || m[RL_B][RL_I] >= 0 || m[RL_B][RL_B] >= 0);
    return 0;
  }
  default: return 0;
  }
}

void rl_pred_update(rl_pred *p, int la, int lb, int dim) {
  if (la < 0 || la > 2 || lb < 0 || lb > 2) return;
  switch (p->kind) {
  case GV_PRED_INTERSECTS: if (la != RL_E && lb != RL_E) set_value(p, 1); return;
  case GV_PRED_DISJOINT: if (la != RL_E && lb != RL_E) set_value(p, 0); return;
  default:
    if (dim <= p->im[la][lb]) return;
    p->im[la][lb] = (int8_t)dim;
    if (is_determined(p)) set_value(p, value_im(p));
  }
}

void rl_pred_finish(rl_pred *p) {
  switch (p->kind) {
  case GV_PRED_INTERSECTS: set_value(p, 0); return;
  case GV_PRED_DISJOINT: set_value(p, 1); return;
  default: set_value(p, value_im(p));
  }
}

/* ---- the topology computer ----------------------------------------------------------- */

void rl_topo_init(rl_topo *t, rl_pred *pred, rl_geom *ga, rl_geom *gb, rl_arena *ar) {
  memset(t, 0, sizeof *t);
  t->pred = pred;
  t->ga = ga;
  t->gb = gb;
  t->ar = ar;
}

void rl_topo_update(rl_topo *t, int la, int lb, int dim) { rl_pred_update(t->pred, la, lb, dim); }

/* loc1 belongs to A when is_ab, else to B. */
void rl_topo_update_ab(rl_topo *t, int is_ab, int loc1, int loc2, int dim) {
  if (is_ab) rl_pred_update(t->pred, loc1, loc2, dim);
  else rl_pred_update(t->pred, loc2, loc1, dim);
}

int rl_topo_dim(const rl_topo *t, int is_a) { return is_a ? t->ga->dim : t->gb->dim; }

void rl_topo_add_point_on_geometry(rl_topo *t, int is_a, int loc_target, int dim_target) {
  rl_topo_update_ab(t, is_a, RL_I, loc_target, RL_DIM_P);
  if (dim_target == RL_DIM_A) {
    /* an area around the point reaches into the point's exterior */
    rl_topo_update_ab(t, is_a, RL_E, RL_I, RL_DIM_A);
    rl_topo_update_ab(t, is_a, RL_E, RL_B, RL_DIM_L);
  }
  /* (GEOS throws for a target of unknown dimension, an empty collection;
   * the entries above are the answer it would have reached.) */
}

void rl_topo_add_line_end(rl_topo *t, int is_line_a, int loc_end, int loc_target, int dim_target) {
  switch (dim_target) {
  case RL_DIM_P:
    rl_topo_update_ab(t, is_line_a, loc_end, loc_target, RL_DIM_P);
    return;
  case RL_DIM_L:
    rl_topo_update_ab(t, is_line_a, loc_end, loc_target, RL_DIM_P);
    /* a line end outside the target takes some of the line with it */
    if (loc_target == RL_E) rl_topo_update_ab(t, is_line_a, RL_I, RL_E, RL_DIM_L);
    return;
  case RL_DIM_A:
    if (loc_target == RL_B) {
      rl_topo_update_ab(t, is_line_a, loc_end, loc_target, RL_DIM_P);
    } else {
      rl_topo_update_ab(t, is_line_a, RL_I, loc_target, RL_DIM_L);
      rl_topo_update_ab(t, is_line_a, loc_end, loc_target, RL_DIM_P);
      rl_topo_update_ab(t, is_line_a, RL_E, loc_target, RL_DIM_A);
    }
    return;
  default:
    return;
  }
}

void rl_topo_add_area_vertex(rl_topo *t, int is_area_a, int loc_area, int loc_target, int dim_target) {
  if (loc_target == RL_E) {
    rl_topo_update_ab(t, is_area_a, RL_I, RL_E, RL_DIM_A);
    /* a boundary vertex has the area's boundary and exterior nearby */
    if (loc_area == RL_B) {
      rl_topo_update_ab(t, is_area_a, RL_B, RL_E, RL_DIM_L);
      rl_topo_update_ab(t, is_area_a, RL_E, RL_E, RL_DIM_A);
    }
    return;
  }
  switch (dim_target) {
  case RL_DIM_P:
    rl_topo_update_ab(t, is_area_a, loc_area, RL_I, RL_DIM_P);
    rl_topo_update_ab(t, is_area_a, RL_I, RL_E, RL_DIM_A);
    if (loc_area == RL_B) {
      rl_topo_update_ab(t, is_area_a, RL_B, RL_E, RL_DIM_L);
      rl_topo_update_ab(t, is_area_a, RL_E, RL_E, RL_DIM_A);
    }
    return;
  case RL_DIM_L:
    /* the rest is decided at the nodes */
    rl_topo_update_ab(t, is_area_a, loc_area, loc_target, RL_DIM_P);
    if (loc_area == RL_I) rl_topo_update_ab(t, is_area_a, RL_I, RL_E, RL_DIM_A);
    return;
  case RL_DIM_A:
    if (loc_target == RL_B) {
      if (loc_area == RL_B) {
        rl_topo_update_ab(t, is_area_a, RL_B, RL_B, RL_DIM_P);
      } else {
        rl_topo_update_ab(t, is_area_a, RL_I, RL_I, RL_DIM_A);
        rl_topo_update_ab(t, is_area_a, RL_I, RL_B, RL_DIM_L);
        rl_topo_update_ab(t, is_area_a, RL_I, RL_E, RL_DIM_A);
      }
    } else {
      rl_topo_update_ab(t, is_area_a, RL_I, loc_target, RL_DIM_A);
      if (loc_area == RL_B) {
        rl_topo_update_ab(t, is_area_a, RL_B, loc_target, RL_DIM_L);
        rl_topo_update_ab(t, is_area_a, RL_E, loc_target, RL_DIM_A);
      }
    }
    return;
  default:
    return;
  }
}

/* ---- nodes ------------------------------------------------------------------------------ */

static uint32_t hash_xy(double x, double y) {
  uint64_t bx, by;
  x = x == 0 ? 0.0 : x; /* -0.0 is the same point */
  y = y == 0 ? 0.0 : y;
  memcpy(&bx, &x, 8);
  memcpy(&by, &y, 8);
  uint64_t h = bx * 0x9E3779B97F4A7C15ull ^ (by + 0x632BE59BD9B4E019ull + (bx << 6) + (bx >> 2));
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return (uint32_t)h;
}

static int grow_hash(rl_topo *t) {
  int32_t cap = t->hash_cap ? t->hash_cap * 2 : 64;
  int32_t *h = rl_alloc(t->ar, (size_t)cap * sizeof *h);
  if (!h) return -1;
  for (int32_t k = 0; k < cap; k++) h[k] = -1;
  for (int32_t n = 0; n < t->nnodes; n++) {
    uint32_t k = hash_xy(t->nodes[n].x, t->nodes[n].y) & (uint32_t)(cap - 1);
    while (h[k] >= 0) k = (k + 1) & (uint32_t)(cap - 1);
    h[k] = n;
  }
  t->hash = h;
  t->hash_cap = cap;
  return 0;
}

static int32_t node_for(rl_topo *t, double x, double y) {
  if ((t->nnodes + 1) * 2 > t->hash_cap && grow_hash(t)) return -1;
  uint32_t mask = (uint32_t)(t->hash_cap - 1), k = hash_xy(x, y) & mask;
  while (t->hash[k] >= 0) {
    rl_nodesec *n = &t->nodes[t->hash[k]];
    if (n->x == x && n->y == y) return t->hash[k];
    k = (k + 1) & mask;
  }
  if (rl_reserve(t->ar, (void **)&t->nodes, &t->node_cap, t->nnodes + 1, sizeof(rl_nodesec))) return -1;
  rl_nodesec *n = &t->nodes[t->nnodes];
  memset(n, 0, sizeof *n);
  n->x = x;
  n->y = y;
  n->first = n->last = -1;
  t->hash[k] = t->nnodes;
  return t->nnodes++;
}

static void add_section(rl_topo *t, int32_t node, const rl_section *s) {
  if (rl_reserve(t->ar, (void **)&t->sec, &t->sec_cap, t->nsec + 1, sizeof(rl_section))) return;
  int32_t k = t->nsec++;
  t->sec[k] = *s;
  t->sec[k].next = -1;
  rl_nodesec *n = &t->nodes[node];
  if (n->last >= 0) t->sec[n->last].next = k;
  else n->first = k;
  n->last = k;
  n->count++;
  if (s->is_a) n->has_a = 1;
  else n->has_b = 1;
}

void rl_topo_add_intersection(rl_topo *t, const rl_section *a, const rl_section *b) {
  int32_t node = node_for(t, a->nx, a->ny);
  if (node < 0) return;
  add_section(t, node, a);
  add_section(t, node, b);
  if (a->is_a == b->is_a) return;
  /* area edges that cross at the node put the interiors together */
  if (a->dim == RL_DIM_A && b->dim == RL_DIM_A) {
    int proper = !a->at_vertex && !b->at_vertex;
    if (proper || rl_is_crossing(a->nx, a->ny, a->v0x, a->v0y, a->v1x, a->v1y, b->v0x, b->v0y, b->v1x, b->v1y))
      rl_topo_update(t, RL_I, RL_I, RL_DIM_A);
  }
  int la = rl_locate_node(t->ga, a->nx, a->ny, a->poly);
  int lb = rl_locate_node(t->gb, a->nx, a->ny, b->poly);
  rl_topo_update(t, la, lb, RL_DIM_P);
}

static int32_t first_polygonal(const rl_section *s, int32_t n, int is_a) {
  for (int32_t k = 0; k < n; k++)
    if (s[k].is_a == is_a && s[k].poly >= 0) return s[k].poly;
  return -1;
}

static void evaluate_node(rl_topo *t, rl_nodesec *ns) {
  rl_section *s = rl_alloc(t->ar, (size_t)ns->count * sizeof *s);
  if (!s) return;
  int32_t n = 0;
  for (int32_t k = ns->first; k >= 0; k = t->sec[k].next) s[n++] = t->sec[k];
  rl_node node;
  if (rl_node_build(t->ar, &node, s, n)) return;
  /* a node may also lie inside an area of an overlapping collection */
  int ia = rl_is_node_in_area(t->ga, ns->x, ns->y, first_polygonal(s, n, 1));
  int ib = rl_is_node_in_area(t->gb, ns->x, ns->y, first_polygonal(s, n, 0));
  rl_node_finish(&node, ia, ib);
  int area_area = t->ga->dim == RL_DIM_A && t->gb->dim == RL_DIM_A;
  for (int32_t k = 0; k < node.n; k++) {
    const rl_edge *e = &node.e[k];
    if (area_area) {
      rl_topo_update(t, e->loc[0][RL_LEFT], e->loc[1][RL_LEFT], RL_DIM_A);
      rl_topo_update(t, e->loc[0][RL_RIGHT], e->loc[1][RL_RIGHT], RL_DIM_A);
    }
    rl_topo_update(t, e->loc[0][RL_ON], e->loc[1][RL_ON], RL_DIM_L);
  }
}

void rl_topo_evaluate_nodes(rl_topo *t) {
  for (int32_t k = 0; k < t->nnodes; k++) {
    rl_nodesec *ns = &t->nodes[k];
    if (!ns->has_a || !ns->has_b) continue;
    evaluate_node(t, ns);
    if (rl_pred_known(t->pred) || t->ar->failed) return;
  }
}
