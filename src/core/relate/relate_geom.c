/* One input of the relate engine: its elements, dimensions and envelope
 * (RelateGeometry), and the point locator (RelatePointLocator, with the
 * mod-2 LinearBoundary). The arena that holds the evaluation's memory is
 * here too. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "algorithm/prepared.h"
#include "relate.h"

/* ---- arena ------------------------------------------------------------------ */

struct rl_block {
  rl_block *next;
  size_t used, cap;
  max_align_t data[];
};

void rl_arena_init(rl_arena *ar, void *buf, size_t cap) {
  memset(ar, 0, sizeof *ar);
  ar->first = buf;
  ar->first_cap = cap;
}

void *rl_alloc(rl_arena *ar, size_t n) {
  if (ar->failed) return NULL;
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  if (n == 0) n = sizeof(max_align_t);
  if (ar->first && ar->first_cap - ar->first_used >= n) {
    void *p = ar->first + ar->first_used;
    ar->first_used += n;
    return p;
  }
  rl_block *b = ar->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = 16384;
    while (cap < n) {
      if (cap > ((size_t)-1) / 4) {
        ar->failed = 1;
        return NULL;
      }
      cap *= 2;
    }
    b = gv_malloc(sizeof(rl_block) + cap);
    if (!b) {
      ar->failed = 1;
      return NULL;
    }
    b->next = ar->head;
    b->used = 0;
    b->cap = cap;
    ar->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void rl_arena_free(rl_arena *ar) {
  rl_block *b = ar->head;
  while (b) {
    rl_block *next = b->next;
    gv_free(b);
    b = next;
  }
  ar->head = NULL;
}

int rl_reserve(rl_arena *ar, void **data, int32_t *cap, int32_t need, size_t size) {
  if (need <= *cap) return 0;
  int64_t c = *cap ? *cap : 8;
  while (c < need) c *= 2;
  if (c > INT32_MAX || (size_t)c > ((size_t)-1) / size) {
    ar->failed = 1;
    return -1;
  }
  void *p = rl_alloc(ar, (size_t)c * size);
  if (!p) return -1;
  if (*cap) memcpy(p, *data, (size_t)*cap * size);
  *data = p;
  *cap = (int32_t)c;
  return 0;
}

/* ---- DimensionLocation ------------------------------------------------------ */

int rl_dl_location(int dl) {
  switch (dl) {
  case RL_DL_POINT_INTERIOR: case RL_DL_LINE_INTERIOR: case RL_DL_AREA_INTERIOR: return RL_I;
  case RL_DL_LINE_BOUNDARY: case RL_DL_AREA_BOUNDARY: return RL_B;
  default: return RL_E;
  }
}

/* The dimension of the element a location was found on; a point in the
 * exterior takes the given dimension (the other input's). */
int rl_dl_dimension(int dl, int exterior_dim) {
  switch (dl) {
  case RL_DL_POINT_INTERIOR: return RL_DIM_P;
  case RL_DL_LINE_INTERIOR: case RL_DL_LINE_BOUNDARY: return RL_DIM_L;
  case RL_DL_AREA_INTERIOR: case RL_DL_AREA_BOUNDARY: return RL_DIM_A;
  default: return exterior_dim;
  }
}

static int area_dl(int loc) { return loc == RL_I ? RL_DL_AREA_INTERIOR : loc == RL_B ? RL_DL_AREA_BOUNDARY : RL_DL_EXTERIOR; }
static int line_dl(int loc) { return loc == RL_I ? RL_DL_LINE_INTERIOR : loc == RL_B ? RL_DL_LINE_BOUNDARY : RL_DL_EXTERIOR; }

/* ---- elements ------------------------------------------------------------------ */

/* The box of coordinates [k0, k1), NaN skipped. Two coordinates a step,
 * each into its own box, and min / max without branches: the loop is
 * bound by its dependency chains otherwise. */
static gv_box run_box(const gv_array *a, int32_t k0, int32_t k1) {
  gv_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY}, c = b;
  int32_t k = k0;
  for (; k + 1 < k1; k += 2) {
    double x = GV_X(a, k), y = GV_Y(a, k), u = GV_X(a, k + 1), v = GV_Y(a, k + 1);
    b.minx = x < b.minx ? x : b.minx;
    b.maxx = x > b.maxx ? x : b.maxx;
    b.miny = y < b.miny ? y : b.miny;
    b.maxy = y > b.maxy ? y : b.maxy;
    c.minx = u < c.minx ? u : c.minx;
    c.maxx = u > c.maxx ? u : c.maxx;
    c.miny = v < c.miny ? v : c.miny;
    c.maxy = v > c.maxy ? v : c.maxy;
  }
  if (k < k1) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    b.minx = x < b.minx ? x : b.minx;
    b.maxx = x > b.maxx ? x : b.maxx;
    b.miny = y < b.miny ? y : b.miny;
    b.maxy = y > b.maxy ? y : b.maxy;
  }
  b.minx = c.minx < b.minx ? c.minx : b.minx;
  b.maxx = c.maxx > b.maxx ? c.maxx : b.maxx;
  b.miny = c.miny < b.miny ? c.miny : b.miny;
  b.maxy = c.maxy > b.maxy ? c.maxy : b.maxy;
  return b;
}

static void box_add(gv_box *b, gv_box c) {
  if (c.minx < b->minx) b->minx = c.minx;
  if (c.miny < b->miny) b->miny = c.miny;
  if (c.maxx > b->maxx) b->maxx = c.maxx;
  if (c.maxy > b->maxy) b->maxy = c.maxy;
}

static int box_covers_pt(gv_box b, double x, double y) {
  return x >= b.minx && x <= b.maxx && y >= b.miny && y <= b.maxy;
}

static void elem_describe(const gv_array *a, rl_elem *e) {
  int32_t r0 = gv_part_begin(a, e->part), r1 = gv_part_end(a, e->part);
  e->empty = 1;
  if (r1 <= r0) return;
  int32_t k0 = gv_ring_begin(a, r0), k1 = gv_ring_end(a, r0);
  switch (e->kind) {
  case GV_POINT:
    if (k1 > k0 && !isnan(GV_X(a, k0)) && !isnan(GV_Y(a, k0))) {
      e->empty = 0;
      e->env = (gv_box){GV_X(a, k0), GV_Y(a, k0), GV_X(a, k0), GV_Y(a, k0)};
    }
    break;
  case GV_LINESTRING:
  case GV_POLYGON: /* a polygon's envelope is its shell's */
    if (k1 > k0) {
      e->empty = 0;
      /* a prepared ring's index holds its box already */
      const gv_seg_index *ix = gv_prepared_ring_index(a, r0);
      e->env = ix && ix->nlevels ? ix->boxes[ix->level_start[ix->nlevels - 1]] : run_box(a, k0, k1);
    }
    break;
  }
}

static int kind_dim(uint8_t base) {
  switch (base) {
  case GV_POINT: case GV_MULTIPOINT: return RL_DIM_P;
  case GV_LINESTRING: case GV_MULTILINESTRING: return RL_DIM_L;
  case GV_POLYGON: case GV_MULTIPOLYGON: return RL_DIM_A;
  default: return RL_DIM_F;
  }
}

/* A polygonal unit over elements [first, end) when one of them is non-empty. */
static void add_unit(rl_geom *g, int32_t first, int32_t end) {
  int any = 0;
  for (int32_t e = first; e < end; e++) any |= g->elem[e].kind == GV_POLYGON && !g->elem[e].empty;
  if (!any) return;
  for (int32_t e = first; e < end; e++)
    if (g->elem[e].kind == GV_POLYGON) g->elem[e].unit = g->nunit;
  g->unit[g->nunit].first = first;
  g->unit[g->nunit].end = end;
  g->nunit++;
}

/* Collections: the token tree tells which polygons form a MultiPolygon
 * member (one polygonal unit) and GEOS's getDimension(), which counts
 * empty members by their type. Returns 0 when the tree does not match the
 * parts (then every polygon is its own unit). */
static int collection_units(rl_geom *g, int *dim) {
  const gv_array *a = g->a;
  if (!a->gc_off || !a->gc_tok) return 0;
  int32_t tb = a->gc_off[g->i], te = a->gc_off[g->i + 1];
  int32_t e = 0;
  *dim = RL_DIM_F;
  for (int pass = 0; pass < 2; pass++) {
    e = 0;
    for (int32_t k = tb; k < te; k++) {
      uint32_t tok = (uint32_t)a->gc_tok[k];
      uint8_t base = GV_BASE_TYPE(tok & 0xff);
      int32_t count;
      switch (base) {
      case GV_POINT: case GV_LINESTRING: case GV_POLYGON: count = 1; break;
      case GV_MULTIPOINT: case GV_MULTILINESTRING: case GV_MULTIPOLYGON: count = (int32_t)(tok >> 8); break;
      case GV_GEOMETRYCOLLECTION: count = 0; break;
      default: return 0;
      }
      if (count < 0 || count > g->nelem - e) return 0;
      if (base != GV_GEOMETRYCOLLECTION) {
        if (kind_dim(base) > *dim) *dim = kind_dim(base);
        if (pass == 1 && (base == GV_POLYGON || base == GV_MULTIPOLYGON)) add_unit(g, e, e + count);
        if (pass == 0) {
          uint8_t want = base == GV_POINT || base == GV_MULTIPOINT ? GV_POINT
                         : base == GV_LINESTRING || base == GV_MULTILINESTRING ? GV_LINESTRING
                                                                              : GV_POLYGON;
          for (int32_t p = e; p < e + count; p++)
            if (g->elem[p].kind != want) return 0;
        }
      }
      e += count;
    }
    if (e != g->nelem) return 0;
  }
  return 1;
}

static int line_zero_length(const gv_array *a, const rl_elem *e) {
  if (e->empty) return 1;
  int32_t r = gv_part_begin(a, e->part);
  int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  if (k1 - k0 < 2) return 1;
  double x0 = GV_X(a, k0), y0 = GV_Y(a, k0);
  for (int32_t k = k0 + 1; k < k1; k++)
    if (GV_X(a, k) != x0 || GV_Y(a, k) != y0) return 0;
  return 1;
}

gv_status rl_geom_init(rl_geom *g, const gv_array *a, int64_t i, rl_arena *ar) {
  memset(g, 0, sizeof *g);
  g->holes_inside = -1;
  g->a = a;
  g->i = i;
  g->ar = ar;
  uint8_t t = gv_type_byte(a, i);
  g->type = GV_BASE_TYPE(t);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  g->nelem = p1 - p0;
  g->elem = rl_alloc(ar, (size_t)(g->nelem > 0 ? g->nelem : 1) * sizeof(rl_elem));
  g->unit = rl_alloc(ar, (size_t)(g->nelem > 0 ? g->nelem : 1) * sizeof(rl_unit));
  if (!g->elem || !g->unit) return GV_ERR_NOMEM;
  g->empty = 1;
  for (int32_t e = 0; e < g->nelem; e++) {
    rl_elem *el = &g->elem[e];
    el->part = p0 + e;
    el->kind = gv_part_kind(a, t, p0 + e);
    el->unit = -1;
    elem_describe(a, el);
    if (!el->empty) {
      if (g->empty) g->env = el->env;
      else box_add(&g->env, el->env);
      g->empty = 0;
    }
  }
  g->has_env = !g->empty;
  g->ncoords = gv_ring_begin(a, gv_part_begin(a, p1)) - gv_ring_begin(a, gv_part_begin(a, p0));
  if (g->nelem > 0) {
    g->ring0 = gv_part_begin(a, p0);
    g->nrings = gv_part_begin(a, p1) - g->ring0;
    g->rings = rl_alloc(ar, (size_t)(g->nrings > 0 ? g->nrings : 1) * sizeof(rl_ring));
    if (!g->rings) return GV_ERR_NOMEM;
    memset(g->rings, 0, (size_t)(g->nrings > 0 ? g->nrings : 1) * sizeof(rl_ring));
    /* a line's or a shell's envelope is its element's */
    for (int32_t e = 0; e < g->nelem; e++) {
      const rl_elem *el = &g->elem[e];
      if (el->empty || el->kind == GV_POINT) continue;
      rl_ring *rg = &g->rings[gv_part_begin(a, el->part) - g->ring0];
      rg->env = el->env;
      rg->env_ready = 1;
    }
  }

  /* dimension as GEOS getDimension() reports it, then polygonal units */
  if (g->type == GV_GEOMETRYCOLLECTION) {
    int dim;
    if (a->gc_off && a->gc_tok && a->gc_off[i + 1] > a->gc_off[i]) g->nchildren = (int32_t)((uint32_t)a->gc_tok[a->gc_off[i]] >> 8);
    else g->nchildren = g->nelem;
    if (!collection_units(g, &dim)) {
      g->nunit = 0;
      dim = RL_DIM_F;
      for (int32_t e = 0; e < g->nelem; e++) {
        g->elem[e].unit = -1;
        int d = g->elem[e].kind == GV_POINT ? RL_DIM_P : g->elem[e].kind == GV_LINESTRING ? RL_DIM_L : RL_DIM_A;
        if (d > dim) dim = d;
      }
      for (int32_t e = 0; e < g->nelem; e++)
        if (g->elem[e].kind == GV_POLYGON) add_unit(g, e, e + 1);
    }
    g->dim = dim;
  } else {
    g->dim = kind_dim(g->type);
    if (g->type == GV_POLYGON || g->type == GV_MULTIPOLYGON) add_unit(g, 0, g->nelem);
  }

  /* isLineZeroLen is decided on the dimension before analyzeDimensions */
  if (g->dim == RL_DIM_L) {
    g->zero_len = 1;
    for (int32_t e = 0; e < g->nelem && g->zero_len; e++)
      if (g->elem[e].kind == GV_LINESTRING && !line_zero_length(a, &g->elem[e])) g->zero_len = 0;
  }

  /* analyzeDimensions */
  if (!g->empty) {
    switch (g->type) {
    case GV_POINT: case GV_MULTIPOINT: g->has_points = 1; g->dim = RL_DIM_P; break;
    case GV_LINESTRING: case GV_MULTILINESTRING: g->has_lines = 1; g->dim = RL_DIM_L; break;
    case GV_POLYGON: case GV_MULTIPOLYGON: g->has_areas = 1; g->dim = RL_DIM_A; break;
    default:
      for (int32_t e = 0; e < g->nelem; e++) {
        if (g->elem[e].empty) continue;
        switch (g->elem[e].kind) {
        case GV_POINT: g->has_points = 1; if (g->dim < RL_DIM_P) g->dim = RL_DIM_P; break;
        case GV_LINESTRING: g->has_lines = 1; if (g->dim < RL_DIM_L) g->dim = RL_DIM_L; break;
        default: g->has_areas = 1; if (g->dim < RL_DIM_A) g->dim = RL_DIM_A; break;
        }
      }
    }
  }
  return GV_OK;
}

static int ccw_at(const gv_array *a, int32_t k0, int32_t npts, int32_t hi, int32_t lo_prev);

/* Everything about a run of coordinates [k0, k1) in one pass: its box
 * (unless the caller has it), whether two consecutive coordinates repeat,
 * and the highest point reached by a rising segment, which decides the
 * orientation (rl_ring_is_ccw). The branches are almost never taken. */
static void ring_scan(const gv_array *a, int32_t k0, int32_t k1, int want_env, rl_ring *rg) {
  int32_t npts = k1 - k0 - 1;
  double px = GV_X(a, k0), py = GV_Y(a, k0), hi_y = py;
  double minx = px, miny = py, maxx = px, maxy = py;
  int32_t hi = 0, lo_prev = -1;
  int rep = 0;
  for (int32_t i = 1; i <= npts; i++) {
    double x = GV_X(a, k0 + i), y = GV_Y(a, k0 + i);
    rep |= (x == px) & (y == py);
    /* the rarely true test first: "y > py" alone is a coin toss */
    if (y >= hi_y && y > py) {
      hi = i;
      hi_y = y;
      lo_prev = i - 1;
    }
    if (want_env) {
      minx = x < minx ? x : minx;
      maxx = x > maxx ? x : maxx;
      miny = y < miny ? y : miny;
      maxy = y > maxy ? y : maxy;
    }
    px = x, py = y;
  }
  if (want_env) rg->env = (gv_box){minx, miny, maxx, maxy};
  rg->repeats = (uint8_t)rep;
  rg->ccw = (uint8_t)(npts >= 3 && hi > 0 ? ccw_at(a, k0, npts, hi, lo_prev) : 0);
}

/* The writable slot of ring r: a frozen geometry's rings are shared, so
 * the first write copies them into this evaluation's arena. */
static rl_ring *ring_slot(rl_geom *g, int32_t r) {
  if (g->frozen && !g->rings_own) {
    size_t n = (size_t)(g->nrings > 0 ? g->nrings : 1);
    rl_ring *copy = rl_alloc(g->ar, n * sizeof(rl_ring));
    if (!copy) return NULL;
    memcpy(copy, g->rings, n * sizeof(rl_ring));
    g->rings = copy;
    g->rings_own = 1;
  }
  return &g->rings[r - g->ring0];
}

static gv_box ring_env(const gv_array *a, int32_t r, int32_t k0, int32_t k1) {
  const gv_seg_index *ix = gv_prepared_ring_index(a, r);
  if (ix && ix->nlevels > 0) return ix->boxes[ix->level_start[ix->nlevels - 1]];
  return run_box(a, k0, k1);
}

gv_box rl_geom_ring_env(rl_geom *g, int32_t r) {
  const rl_ring *rg = &g->rings[r - g->ring0];
  if (rg->env_ready) return rg->env;
  const gv_array *a = g->a;
  gv_box env = ring_env(a, r, gv_ring_begin(a, r), gv_ring_end(a, r));
  rl_ring *w = ring_slot(g, r);
  if (w) w->env = env, w->env_ready = 1;
  return env;
}

const rl_ring *rl_geom_ring(rl_geom *g, int32_t r) {
  static const rl_ring none = {{0, 0, -1, -1}, 1, 1, 0, 0}; /* after an allocation failure */
  if (g->rings[r - g->ring0].ready) return &g->rings[r - g->ring0];
  rl_ring *rg = ring_slot(g, r);
  if (!rg) return &none;
  const gv_array *a = g->a;
  int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  if (k1 <= k0) {
    rg->env = run_box(a, k0, k1);
    rg->repeats = rg->ccw = 0;
  } else {
    int have_env = rg->env_ready;
    if (!have_env) {
      const gv_seg_index *ix = gv_prepared_ring_index(a, r);
      have_env = ix && ix->nlevels > 0;
      if (have_env) rg->env = ix->boxes[ix->level_start[ix->nlevels - 1]];
    }
    ring_scan(a, k0, k1, !have_env, rg);
  }
  rg->env_ready = rg->ready = 1;
  return rg;
}

int rl_geom_holes_inside(rl_geom *g) {
  if (g->holes_inside >= 0) return g->holes_inside;
  const gv_array *a = g->a;
  int inside = 1;
  for (int32_t e = 0; e < g->nelem && inside; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_POLYGON || el->empty) continue;
    int32_t r0 = gv_part_begin(a, el->part), r1 = gv_part_end(a, el->part);
    for (int32_t r = r0 + 1; r < r1 && inside; r++) {
      if (gv_ring_end(a, r) <= gv_ring_begin(a, r)) continue;
      gv_box h = rl_geom_ring_env(g, r);
      inside = h.minx >= el->env.minx && h.maxx <= el->env.maxx && h.miny >= el->env.miny && h.maxy <= el->env.maxy;
    }
  }
  g->holes_inside = inside;
  return inside;
}

static int locator_init(rl_geom *g);

gv_status rl_geom_freeze(rl_geom *g, int topo) {
  if (locator_init(g)) return GV_ERR_NOMEM;
  for (int32_t r = g->ring0; r < g->ring0 + g->nrings; r++) {
    if (topo) rl_geom_ring(g, r);
    else rl_geom_ring_env(g, r);
  }
  rl_geom_holes_inside(g);
  if (g->ar->failed) return GV_ERR_NOMEM;
  g->frozen = 1;
  return GV_OK;
}

int rl_geom_dim_real(const rl_geom *g) {
  if (g->empty) return RL_DIM_F;
  if (g->dim == RL_DIM_L && g->zero_len) return RL_DIM_P;
  if (g->has_areas) return RL_DIM_A;
  if (g->has_lines) return RL_DIM_L;
  return RL_DIM_P;
}

int rl_geom_has_dim(const rl_geom *g, int dim) {
  switch (dim) {
  case RL_DIM_P: return g->has_points;
  case RL_DIM_L: return g->has_lines;
  case RL_DIM_A: return g->has_areas;
  default: return 0;
  }
}

int rl_geom_has_edges(const rl_geom *g) { return g->has_lines || g->has_areas; }

/* RelateGeometry.isSelfNodingRequired: lines and collections may cross
 * themselves; points and polygonal geometries (and a collection with one
 * member holding areas) are taken not to. */
int rl_geom_self_noding(const rl_geom *g) {
  if (g->type == GV_POINT || g->type == GV_MULTIPOINT || g->type == GV_POLYGON || g->type == GV_MULTIPOLYGON)
    return 0;
  if (g->has_areas && g->type == GV_GEOMETRYCOLLECTION && g->nchildren == 1) return 0;
  return 1;
}

/* ---- point locator ------------------------------------------------------------- */

static int cmp_xy(const void *pa, const void *pb) {
  const double *a = pa, *b = pb;
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  if (a[1] < b[1]) return -1;
  if (a[1] > b[1]) return 1;
  return 0;
}

/* Index of (x, y) in sorted pairs, or -1. */
static int32_t find_xy(const double *v, int32_t n, double x, double y) {
  int32_t lo = 0, hi = n;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    const double *m = v + 2 * (int64_t)mid;
    if (m[0] < x || (m[0] == x && m[1] < y)) lo = mid + 1;
    else hi = mid;
  }
  if (lo < n && v[2 * (int64_t)lo] == x && v[2 * (int64_t)lo + 1] == y) return lo;
  return -1;
}

/* Sorting with -0.0 next to 0.0: they are the same point. */
static double norm0(double v) { return v == 0 ? 0.0 : v; }

static int locator_init(rl_geom *g) {
  if (g->loc_ready) return 0;
  const gv_array *a = g->a;
  int32_t npts = 0, nlines = 0;
  for (int32_t e = 0; e < g->nelem; e++) {
    if (g->elem[e].empty) continue;
    if (g->elem[e].kind == GV_POINT) npts++;
    if (g->elem[e].kind == GV_LINESTRING) nlines++;
  }
  g->pts = rl_alloc(g->ar, (size_t)(npts ? npts : 1) * 2 * sizeof(double));
  g->ends = rl_alloc(g->ar, (size_t)(nlines ? nlines : 1) * 4 * sizeof(double));
  g->deg = rl_alloc(g->ar, (size_t)(nlines ? nlines : 1) * 2 * sizeof(int32_t));
  if (!g->pts || !g->ends || !g->deg) return -1;
  int32_t np = 0, ne = 0;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->empty) continue;
    int32_t r = gv_part_begin(a, el->part);
    int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
    if (el->kind == GV_POINT) {
      g->pts[2 * np] = norm0(GV_X(a, k0));
      g->pts[2 * np + 1] = norm0(GV_Y(a, k0));
      np++;
    } else if (el->kind == GV_LINESTRING) {
      g->ends[2 * ne] = norm0(GV_X(a, k0));
      g->ends[2 * ne + 1] = norm0(GV_Y(a, k0));
      ne++;
      g->ends[2 * ne] = norm0(GV_X(a, k1 - 1));
      g->ends[2 * ne + 1] = norm0(GV_Y(a, k1 - 1));
      ne++;
    }
  }
  qsort(g->pts, (size_t)np, 2 * sizeof(double), cmp_xy);
  qsort(g->ends, (size_t)ne, 2 * sizeof(double), cmp_xy);
  /* collapse equal ends, counting them */
  int32_t u = 0;
  for (int32_t k = 0; k < ne; k++) {
    if (u > 0 && cmp_xy(g->ends + 2 * (u - 1), g->ends + 2 * k) == 0) {
      g->deg[u - 1]++;
      continue;
    }
    g->ends[2 * u] = g->ends[2 * k];
    g->ends[2 * u + 1] = g->ends[2 * k + 1];
    g->deg[u] = 1;
    u++;
  }
  g->npts = np;
  g->nends = u;
  g->has_lines_nonempty = nlines > 0;
  for (int32_t k = 0; k < u; k++) g->has_bdy |= g->deg[k] & 1;
  g->loc_ready = 1;
  return 0;
}

/* hasBoundary: a line end of odd degree exists. (GEOS dereferences a null
 * boundary when the geometry has no non-empty line; that reads as false.) */
int rl_geom_has_boundary(rl_geom *g) {
  if (locator_init(g)) return 0;
  return g->has_bdy;
}

static int line_boundary(const rl_geom *g, double x, double y) {
  int32_t k = find_xy(g->ends, g->nends, norm0(x), norm0(y));
  return k >= 0 && (g->deg[k] & 1);
}

static int loc_from_gv(int l) {
  return l == GV_LOC_INTERIOR ? RL_I : l == GV_LOC_BOUNDARY ? RL_B : RL_E;
}

/* A large unprepared geometry that is asked about many points gets the
 * point-in-polygon accelerators of a prepared one, for this evaluation:
 * building them costs a few scans of its rings. */
#define TMP_INDEX_MIN_COORDS 128
#define TMP_INDEX_MIN_QUERIES 8

static void maybe_index(rl_geom *g) {
  if (g->tmp_prep || g->a->prepared || g->ncoords < TMP_INDEX_MIN_COORDS) return;
  if (++g->pip_queries < TMP_INDEX_MIN_QUERIES) return;
  if (gv_prepared_build(g->a, g->i, g->i + 1, 0, &g->tmp_prep) != GV_OK) {
    g->tmp_prep = NULL;
    g->ncoords = 0; /* do not try again */
    return;
  }
  g->view = *g->a;
  g->view.prepared = g->tmp_prep;
  g->a = &g->view;
}

void rl_geom_release(rl_geom *g) {
  if (g->tmp_prep) gv_prepared_free(g->tmp_prep);
  g->tmp_prep = NULL;
}

/* SimplePointInAreaLocator over one polygonal unit: the first polygon that
 * does not have the point in its exterior decides. */
static int locate_in_unit(rl_geom *g, const rl_unit *u, double x, double y) {
  for (int32_t e = u->first; e < u->end; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_POLYGON || el->empty || !box_covers_pt(el->env, x, y)) continue;
    maybe_index(g);
    int l = loc_from_gv(gv_locate_in_polygon(g->a, el->part, x, y));
    if (l != RL_E) return l;
  }
  return RL_E;
}

static int locate_on_polygons(rl_geom *g, double x, double y, int is_node, int32_t parent) {
  int nbdy = 0;
  for (int32_t u = 0; u < g->nunit; u++) {
    int l = is_node && u == parent ? RL_B : locate_in_unit(g, &g->unit[u], x, y);
    if (l == RL_I) return RL_I;
    if (l == RL_B) nbdy++;
  }
  if (nbdy == 1) return RL_B;
  if (nbdy > 1) return rl_adjacent_edge_locate(g, x, y);
  return RL_E;
}

static int locate_on_lines(rl_geom *g, double x, double y, int is_node) {
  if (line_boundary(g, x, y)) return RL_B;
  if (is_node) return RL_I;
  const gv_array *a = g->a;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->kind != GV_LINESTRING || el->empty || !box_covers_pt(el->env, x, y)) continue;
    if (gv_point_on_line(a, gv_part_begin(a, el->part), x, y)) return RL_I;
  }
  return RL_E;
}

static int locate_impl(rl_geom *g, double x, double y, int is_node, int32_t parent) {
  if (g->empty) return RL_DL_EXTERIOR;
  /* in a polygonal geometry a node is on the boundary */
  if (is_node && (g->type == GV_POLYGON || g->type == GV_MULTIPOLYGON)) return RL_DL_AREA_BOUNDARY;
  if (locator_init(g)) return RL_DL_EXTERIOR;
  if (g->nunit > 0) {
    int l = locate_on_polygons(g, x, y, is_node, parent);
    if (l != RL_E) return area_dl(l);
  }
  if (g->has_lines_nonempty) {
    int l = locate_on_lines(g, x, y, is_node);
    if (l != RL_E) return line_dl(l);
  }
  if (g->npts && find_xy(g->pts, g->npts, norm0(x), norm0(y)) >= 0) return RL_DL_POINT_INTERIOR;
  return RL_DL_EXTERIOR;
}

int rl_locate_with_dim(rl_geom *g, double x, double y) { return locate_impl(g, x, y, 0, -1); }

int rl_locate_node_with_dim(rl_geom *g, double x, double y, int32_t parent) {
  return locate_impl(g, x, y, 1, parent);
}

int rl_locate_node(rl_geom *g, double x, double y, int32_t parent) {
  return rl_dl_location(locate_impl(g, x, y, 1, parent));
}

int rl_is_node_in_area(rl_geom *g, double x, double y, int32_t parent) {
  return locate_impl(g, x, y, 1, parent) == RL_DL_AREA_INTERIOR;
}

/* A line end: in a collection it may lie in a polygon element (then it is
 * not a line end at all); otherwise boundary by the mod-2 rule. */
int rl_locate_line_end_with_dim(rl_geom *g, double x, double y) {
  if (locator_init(g)) return RL_DL_LINE_INTERIOR;
  if (g->nunit > 0) {
    int l = locate_on_polygons(g, x, y, 0, -1);
    if (l != RL_E) return area_dl(l);
  }
  return line_boundary(g, x, y) ? RL_DL_LINE_BOUNDARY : RL_DL_LINE_INTERIOR;
}

/* ---- ring orientation ------------------------------------------------------------ */

/* Orientation.isCCW as GEOS computes it: the first highest point reached by
 * a rising segment; a pointed cap is decided by orientation, a flat cap by
 * the direction of its top segment; flat or degenerate rings are not CCW. */
int rl_ring_is_ccw(const gv_array *a, int32_t k0, int32_t k1) {
  int32_t npts = k1 - k0 - 1;
  if (npts < 3) return 0;
  int32_t hi = 0, lo_prev = -1;
  double prev_y = GV_Y(a, k0), hi_y = prev_y;
  for (int32_t i = 1; i <= npts; i++) {
    double py = GV_Y(a, k0 + i);
    if (py > prev_y && py >= hi_y) {
      hi = i;
      hi_y = py;
      lo_prev = i - 1;
    }
    prev_y = py;
  }
  if (hi == 0) return 0;
  return ccw_at(a, k0, npts, hi, lo_prev);
}

/* The rest of rl_ring_is_ccw, from the highest point hi (reached from
 * lo_prev) of a ring of npts + 1 coordinates. */
static int ccw_at(const gv_array *a, int32_t k0, int32_t npts, int32_t hi, int32_t lo_prev) {
  double hi_y = GV_Y(a, k0 + hi);
  int32_t down_low = hi;
  do {
    down_low = (down_low + 1) % npts;
  } while (down_low != hi && GV_Y(a, k0 + down_low) == hi_y);
  int32_t down_hi = down_low > 0 ? down_low - 1 : npts - 1;
  double hx = GV_X(a, k0 + hi), hy = hi_y;
  double dhx = GV_X(a, k0 + down_hi), dhy = GV_Y(a, k0 + down_hi);
  double ulx = GV_X(a, k0 + lo_prev), uly = GV_Y(a, k0 + lo_prev);
  double dlx = GV_X(a, k0 + down_low), dly = GV_Y(a, k0 + down_low);
  if (hx == dhx && hy == dhy) {
    if ((ulx == hx && uly == hy) || (dlx == hx && dly == hy) || (ulx == dlx && uly == dly)) return 0;
    return gv_orient(ulx, uly, hx, hy, dlx, dly) > 0;
  }
  return dhx - hx < 0;
}
