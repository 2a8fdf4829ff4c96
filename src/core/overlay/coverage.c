/* Coverage union by cancelling shared edges (see coverage.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "algorithm/predicates.h"
#include "algorithm/segment.h"
#include "index/rtree.h"

typedef struct dseg {
  double x0, y0, x1, y1; /* interior on the left */
} dseg;

typedef struct ckey {
  double ax, ay, bx, by; /* canonical: (ax, ay) < (bx, by) */
  int32_t dir;           /* +1: the segment runs a -> b */
} ckey;

static int pt_cmp(double ax, double ay, double bx, double by) {
  if (ax != bx) return ax < bx ? -1 : 1;
  if (ay != by) return ay < by ? -1 : 1;
  return 0;
}

static int ckey_cmp(const void *pa, const void *pb) {
  const ckey *a = pa, *b = pb;
  int c = pt_cmp(a->ax, a->ay, b->ax, b->ay);
  return c ? c : pt_cmp(a->bx, a->by, b->bx, b->by);
}

/* ---- hashing of exact coordinates (-0 and 0 are one value) ------------------------------------ */

static uint64_t hbits(double v) {
  v += 0.0;
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return u;
}

static uint64_t hmix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static uint32_t hash_pt(double x, double y) { return (uint32_t)hmix(hbits(x) * 0x9e3779b97f4a7c15ULL ^ hbits(y)); }

/* Table capacity: a power of two >= 2n. */
static uint32_t table_cap(int64_t n) {
  uint32_t c = 16;
  while ((int64_t)c < 2 * n) c <<= 1;
  return c;
}

/* +1 counter-clockwise, -1 clockwise, 0 no area (exact at the lowest-leftmost vertex, the sign of
 * the area when a spike sits there). */
static int ring_sense(const gv_array *a, int32_t k0, int32_t k1) {
  int32_t n = k1 - k0;
  if (n >= 2 && GV_X(a, k0) == GV_X(a, k1 - 1) && GV_Y(a, k0) == GV_Y(a, k1 - 1)) n--;
  if (n < 3) return 0;
  int32_t m = k0;
  for (int32_t k = k0 + 1; k < k0 + n; k++)
    if (pt_cmp(GV_X(a, k), GV_Y(a, k), GV_X(a, m), GV_Y(a, m)) < 0) m = k;
  double mx = GV_X(a, m), my = GV_Y(a, m);
  int32_t p = m, q = m;
  for (int32_t s = 0; s < n; s++) {
    p = p == k0 ? k0 + n - 1 : p - 1;
    if (GV_X(a, p) != mx || GV_Y(a, p) != my) break;
  }
  for (int32_t s = 0; s < n; s++) {
    q = q == k0 + n - 1 ? k0 : q + 1;
    if (GV_X(a, q) != mx || GV_Y(a, q) != my) break;
  }
  int o = gv_orient(GV_X(a, p), GV_Y(a, p), mx, my, GV_X(a, q), GV_Y(a, q));
  if (o) return o;
  double s = 0;
  for (int32_t k = k0; k < k0 + n; k++) {
    int32_t k2 = k + 1 == k0 + n ? k0 : k + 1;
    s += (GV_X(a, k) - mx) * (GV_Y(a, k2) - my) - (GV_X(a, k2) - mx) * (GV_Y(a, k) - my);
  }
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

/* The directed segments of geometry i (interior on the left). */
static gv_status collect(const gv_array *a, int64_t i, gv_buf *out, const char **why) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  if (t != GV_POLYGON && t != GV_MULTIPOLYGON) {
    *why = "coverage union takes polygons and multipolygons only";
    return GV_ERR_ARG;
  }
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    for (int32_t r = r0; r < r1; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      for (int32_t k = k0; k < k1; k++) {
        if (!isfinite(GV_X(a, k)) || !isfinite(GV_Y(a, k))) {
          *why = "non-finite coordinate";
          return GV_ERR_ARG;
        }
      }
      int sense = ring_sense(a, k0, k1);
      if (!sense) continue;
      int fwd = (r == r0) == (sense > 0);
      int32_t nk = k1 - k0;
      int closed = GV_X(a, k0) == GV_X(a, k1 - 1) && GV_Y(a, k0) == GV_Y(a, k1 - 1);
      int32_t ns = closed ? nk - 1 : nk;
      for (int32_t s = 0; s < ns; s++) {
        int32_t u = k0 + s, v = s + 1 < nk ? k0 + s + 1 : k0;
        double x0 = GV_X(a, u), y0 = GV_Y(a, u), x1 = GV_X(a, v), y1 = GV_Y(a, v);
        if (x0 == x1 && y0 == y1) continue;
        dseg d = fwd ? (dseg){x0, y0, x1, y1} : (dseg){x1, y1, x0, y0};
        if (gv_buf_append(out, &d, sizeof d) != GV_OK) return GV_ERR_NOMEM;
      }
    }
  }
  return GV_OK;
}

/* Cancels segments equal up to direction (an open-addressing table on the
 * canonical segment); the kept ones are written back to s in first-seen
 * order (returns their count), -1 when a segment is left more than once in
 * one direction (overlapping polygons), -2 when memory ran out. */
static int64_t cancel(dseg *s, int64_t n) {
  if (n > INT32_MAX / 4) return -2;
  uint32_t cap = table_cap(n), mask = cap - 1;
  int32_t *slot = gv_malloc((size_t)cap * sizeof(int32_t));
  ckey *k = gv_malloc((size_t)n * sizeof *k + 1);
  if (!slot || !k) {
    gv_free(slot);
    gv_free(k);
    return -2;
  }
  memset(slot, 0xff, (size_t)cap * sizeof(int32_t));
  int32_t nu = 0;
  for (int64_t i = 0; i < n; i++) {
    ckey c = pt_cmp(s[i].x0, s[i].y0, s[i].x1, s[i].y1) < 0 ? (ckey){s[i].x0, s[i].y0, s[i].x1, s[i].y1, 1}
                                                             : (ckey){s[i].x1, s[i].y1, s[i].x0, s[i].y0, -1};
    uint32_t h = (hash_pt(c.ax, c.ay) * 31u + hash_pt(c.bx, c.by)) & mask;
    for (;; h = (h + 1) & mask) {
      int32_t u = slot[h];
      if (u < 0) {
        slot[h] = nu;
        k[nu++] = c;
        break;
      }
      if (ckey_cmp(&k[u], &c) == 0) {
        k[u].dir += c.dir;
        break;
      }
    }
  }
  gv_free(slot);
  int64_t m = 0;
  for (int32_t u = 0; u < nu; u++) {
    if (k[u].dir > 1 || k[u].dir < -1) {
      gv_free(k);
      return -1;
    }
    if (k[u].dir == 1) s[m++] = (dseg){k[u].ax, k[u].ay, k[u].bx, k[u].by};
    else if (k[u].dir == -1) s[m++] = (dseg){k[u].bx, k[u].by, k[u].ax, k[u].ay};
  }
  gv_free(k);
  return m;
}

/* ---- the remaining linework ------------------------------------------------------------------- */

typedef struct lw {
  const dseg *e;
  int32_t ne, nn;
  double *nx, *ny;
  int32_t *org, *dst; /* per edge */
  int32_t *off;       /* per node: its half-edges star[off[v] .. off[v + 1]) */
  int32_t *star;      /* half-edges: 2e leaves org[e], 2e + 1 leaves dst[e] (the twin) */
  int32_t *pos;       /* per half-edge: its index in star */
} lw;

static void lw_free(lw *g) {
  gv_free(g->nx);
  gv_free(g->ny);
  gv_free(g->org);
  gv_free(g->dst);
  gv_free(g->off);
  gv_free(g->star);
  gv_free(g->pos);
}

static int quadrant(double dx, double dy) {
  if (dx > 0 && dy >= 0) return 0;
  if (dx <= 0 && dy > 0) return 1;
  if (dx < 0 && dy <= 0) return 2;
  return 3;
}

typedef struct hitem {
  int32_t h, quad;
  double ox, oy, px, py;
} hitem;

static int hitem_cmp(const void *pa, const void *pb) {
  const hitem *a = pa, *b = pb;
  if (a->quad != b->quad) return a->quad < b->quad ? -1 : 1;
  int o = gv_orient(a->ox, a->oy, a->px, a->py, b->px, b->py);
  return o > 0 ? -1 : o < 0 ? 1 : 0;
}

/* Nodes and stars. Returns 1 when the linework is unusable (in and out
 * edges of a node do not pair up, or two edges leave a node in the same
 * direction), 0 when built, -1 when memory ran out. */
static int lw_build(lw *g, const dseg *e, int32_t ne) {
  memset(g, 0, sizeof *g);
  g->e = e;
  g->ne = ne;
  int32_t nh = 2 * ne;
  uint32_t cap = table_cap(nh), mask = cap - 1;
  int32_t *slot = gv_malloc((size_t)cap * sizeof(int32_t));
  g->nx = gv_malloc((size_t)nh * sizeof(double) + 1);
  g->ny = gv_malloc((size_t)nh * sizeof(double) + 1);
  g->org = gv_malloc((size_t)ne * sizeof(int32_t) + 1);
  g->dst = gv_malloc((size_t)ne * sizeof(int32_t) + 1);
  g->off = gv_calloc((size_t)nh + 2, sizeof(int32_t));
  g->star = gv_malloc((size_t)nh * sizeof(int32_t) + 1);
  g->pos = gv_malloc((size_t)nh * sizeof(int32_t) + 1);
  int32_t *bal = gv_calloc((size_t)nh + 1, sizeof(int32_t));
  if (!slot || !g->nx || !g->ny || !g->org || !g->dst || !g->off || !g->star || !g->pos || !bal) {
    gv_free(slot);
    gv_free(bal);
    return -1;
  }
  memset(slot, 0xff, (size_t)cap * sizeof(int32_t));
  int32_t nn = 0;
  for (int32_t i = 0; i < nh; i++) { /* nodes in first-seen order */
    double x = (i & 1) ? e[i >> 1].x1 : e[i >> 1].x0, y = (i & 1) ? e[i >> 1].y1 : e[i >> 1].y0;
    uint32_t h = hash_pt(x, y) & mask;
    int32_t id;
    for (;; h = (h + 1) & mask) {
      id = slot[h];
      if (id < 0) {
        id = slot[h] = nn;
        g->nx[nn] = x, g->ny[nn] = y;
        nn++;
        break;
      }
      if (g->nx[id] == x && g->ny[id] == y) break;
    }
    if (i & 1) g->dst[i >> 1] = id;
    else g->org[i >> 1] = id;
  }
  gv_free(slot);
  g->nn = nn;
  for (int32_t i = 0; i < ne; i++) {
    int32_t a = g->org[i], b = g->dst[i];
    g->off[a + 1]++;
    g->off[b + 1]++;
    bal[a]++;
    bal[b]--;
  }
  int bad = 0;
  for (int32_t v = 0; v < nn; v++) {
    if (bal[v]) bad = 1;
    g->off[v + 1] += g->off[v];
  }
  gv_free(bal);
  if (bad) return 1;
  int32_t *fill = gv_malloc((size_t)nn * sizeof(int32_t) + 1);
  if (!fill) return -1;
  memcpy(fill, g->off, (size_t)nn * sizeof(int32_t));
  for (int32_t i = 0; i < ne; i++) {
    g->star[fill[g->org[i]]++] = 2 * i;
    g->star[fill[g->dst[i]]++] = 2 * i + 1;
  }
  gv_free(fill);
  hitem *it = NULL;
  int32_t icap = 0;
  for (int32_t v = 0; v < nn && !bad; v++) {
    int32_t b = g->off[v], k = g->off[v + 1] - b;
    if (k <= 2) continue; /* one edge in, one out: no choice to make */
    if (k > icap) {
      gv_free(it);
      icap = 2 * k;
      it = gv_malloc((size_t)icap * sizeof *it);
      if (!it) return -1;
    }
    for (int32_t s = 0; s < k; s++) {
      int32_t h = g->star[b + s];
      const dseg *d = &e[h >> 1];
      double ox = (h & 1) ? d->x1 : d->x0, oy = (h & 1) ? d->y1 : d->y0;
      double px = (h & 1) ? d->x0 : d->x1, py = (h & 1) ? d->y0 : d->y1;
      it[s] = (hitem){h, quadrant(px - ox, py - oy), ox, oy, px, py};
    }
    qsort(it, (size_t)k, sizeof *it, hitem_cmp);
    for (int32_t s = 0; s < k; s++) {
      g->star[b + s] = it[s].h;
      if (s && hitem_cmp(&it[s - 1], &it[s]) == 0) bad = 1; /* collinear overlap */
    }
  }
  gv_free(it);
  for (int32_t s = 0; s < nh; s++) g->pos[g->star[s]] = s;
  return bad;
}

/* ---- rings ------------------------------------------------------------------------------------ */

typedef struct cring {
  int32_t k0, k1; /* closed coordinates [k0, k1) in rxy */
  int hole;
  int32_t parent;
  double area;
  gv_box box;
} cring;

typedef struct rings {
  gv_buf xy;   /* double pairs */
  gv_buf ring; /* cring */
} rings;

/* A simple ring of n distinct nodes, interior on the left. Returns 1 when it has no area. */
static int push_ring(const lw *g, rings *rs, const int32_t *nodes, int32_t n, gv_status *st) {
  int32_t m = 0;
  for (int32_t k = 1; k < n; k++)
    if (pt_cmp(g->nx[nodes[k]], g->ny[nodes[k]], g->nx[nodes[m]], g->ny[nodes[m]]) < 0) m = k;
  int32_t p = nodes[(m + n - 1) % n], v = nodes[m], q = nodes[(m + 1) % n];
  int turn = n < 3 ? 0 : gv_orient(g->nx[p], g->ny[p], g->nx[v], g->ny[v], g->nx[q], g->ny[q]);
  if (!turn) return 1;
  cring r;
  r.k0 = (int32_t)(rs->xy.len / (2 * sizeof(double)));
  r.k1 = r.k0 + n + 1;
  r.hole = turn < 0;
  r.parent = -1;
  r.box = (gv_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
  double *w = NULL;
  size_t need = (size_t)(n + 1) * 2 * sizeof(double);
  if (gv_buf_reserve(&rs->xy, need) != GV_OK) {
    *st = GV_ERR_NOMEM;
    return 0;
  }
  w = (double *)(rs->xy.data + rs->xy.len);
  double area = 0, x0 = g->nx[nodes[0]], y0 = g->ny[nodes[0]];
  for (int32_t k = 0; k <= n; k++) { /* written reversed: shells clockwise, holes counter-clockwise */
    int32_t id = nodes[(n - k) % n];
    double x = g->nx[id], y = g->ny[id];
    w[2 * k] = x;
    w[2 * k + 1] = y;
    r.box.minx = fmin(r.box.minx, x);
    r.box.maxx = fmax(r.box.maxx, x);
    r.box.miny = fmin(r.box.miny, y);
    r.box.maxy = fmax(r.box.maxy, y);
  }
  rs->xy.len += need;
  for (int32_t k = 1; k + 1 < n; k++) {
    int32_t a = nodes[k], c = nodes[k + 1];
    area += (g->nx[a] - x0) * (g->ny[c] - y0) - (g->nx[c] - x0) * (g->ny[a] - y0);
  }
  r.area = fabs(area) / 2;
  *st = gv_buf_append(&rs->ring, &r, sizeof r);
  return 0;
}

/* Walks the face rings. Returns 1 when the linework is inconsistent, -1 on memory. */
static int walk(const lw *g, rings *rs) {
  int32_t ne = g->ne;
  uint8_t *used = gv_calloc((size_t)ne + 1, 1);
  int32_t *stack = gv_malloc((size_t)(ne + 1) * sizeof(int32_t));
  int32_t *at = gv_malloc((size_t)(g->nn + 1) * sizeof(int32_t));
  gv_status st = GV_OK;
  int bad = 0;
  if (!used || !stack || !at) st = GV_ERR_NOMEM;
  if (at)
    for (int32_t v = 0; v < g->nn; v++) at[v] = -1;
  for (int32_t e0 = 0; e0 < ne && st == GV_OK && !bad; e0++) {
    if (used[e0]) continue;
    int32_t top = 0, e = e0;
    for (int32_t guard = 0;; guard++) {
      if (guard > ne || used[e]) {
        bad = 1;
        break;
      }
      used[e] = 1;
      int32_t v = g->org[e];
      if (at[v] >= 0) {
        int32_t j = at[v];
        bad |= push_ring(g, rs, stack + j, top - j, &st);
        if (st != GV_OK || bad) break;
        for (int32_t k = j + 1; k < top; k++) at[stack[k]] = -1;
        top = j + 1;
      } else {
        at[v] = top;
        stack[top++] = v;
      }
      int32_t w = g->dst[e], b = g->off[w], k = g->off[w + 1] - b, nxt;
      if (k == 2) {
        nxt = g->star[b] == 2 * e + 1 ? g->star[b + 1] : g->star[b];
      } else { /* the first edge clockwise from the arriving one */
        int32_t s = g->pos[2 * e + 1];
        nxt = g->star[b + ((s - b) - 1 + k) % k];
      }
      if (nxt & 1) { /* an arriving edge: the faces do not close */
        bad = 1;
        break;
      }
      e = nxt >> 1;
      if (e == e0) break;
    }
    if (st == GV_OK && !bad && top > 0) bad |= push_ring(g, rs, stack, top, &st);
    for (int32_t k = 0; k < top; k++) at[stack[k]] = -1;
  }
  gv_free(used);
  gv_free(stack);
  gv_free(at);
  return st != GV_OK ? -1 : bad;
}

/* ---- checks ----------------------------------------------------------------------------------- */

typedef struct sbox {
  double minx, maxx;
  int32_t e;
} sbox;

static int sbox_cmp(const void *pa, const void *pb) {
  const sbox *a = pa, *b = pb;
  if (a->minx != b->minx) return a->minx < b->minx ? -1 : 1;
  return a->e < b->e ? -1 : a->e > b->e;
}

/* 1 when two edges meet other than at a shared vertex, -1 on memory. */
static int crossings(const dseg *e, int32_t ne) {
  sbox *s = gv_malloc((size_t)ne * sizeof *s + 1);
  if (!s) return -1;
  for (int32_t i = 0; i < ne; i++) s[i] = (sbox){fmin(e[i].x0, e[i].x1), fmax(e[i].x0, e[i].x1), i};
  qsort(s, (size_t)ne, sizeof *s, sbox_cmp);
  int bad = 0;
  for (int32_t i = 0; i < ne && !bad; i++) {
    const dseg *p = &e[s[i].e];
    double pminy = fmin(p->y0, p->y1), pmaxy = fmax(p->y0, p->y1);
    for (int32_t j = i + 1; j < ne && s[j].minx <= s[i].maxx && !bad; j++) {
      const dseg *q = &e[s[j].e];
      if (fmax(q->y0, q->y1) < pminy || fmin(q->y0, q->y1) > pmaxy) continue;
      if (!gv_segments_meet(p->x0, p->y0, p->x1, p->y1, q->x0, q->y0, q->x1, q->y1)) continue;
      gv_pt p0 = {p->x0, p->y0}, p1 = {p->x1, p->y1}, q0 = {q->x0, q->y0}, q1 = {q->x1, q->y1};
      gv_li_result r;
      gv_segment_intersection(p0, p1, q0, q1, &r);
      if (r.n != 1 || r.proper) {
        bad = 1;
        break;
      }
      int pe = gv_pt_eq(r.p[0], p0) || gv_pt_eq(r.p[0], p1), qe = gv_pt_eq(r.p[0], q0) || gv_pt_eq(r.p[0], q1);
      if (!pe || !qe) bad = 1;
    }
  }
  gv_free(s);
  return bad;
}

typedef struct nest_ctx {
  cring *r;
  const double *xy;
  gv_array *view;
  int32_t me;
  double best;
  int32_t parent;
} nest_ctx;

static int box_in(gv_box in, gv_box out) {
  return in.minx >= out.minx && in.maxx <= out.maxx && in.miny >= out.miny && in.maxy <= out.maxy;
}

/* Whether ring t lies inside ring s (s is a polygon part of its own in the view). */
static int ring_inside(const nest_ctx *c, int32_t t, int32_t s) {
  const cring *rt = &c->r[t];
  const double *xy = c->xy;
  int loc = GV_LOC_BOUNDARY;
  for (int32_t k = rt->k0; k < rt->k1 - 1 && loc == GV_LOC_BOUNDARY; k++)
    loc = gv_locate_in_polygon(c->view, s, xy[2 * k], xy[2 * k + 1]);
  for (int32_t k = rt->k0; k < rt->k1 - 1 && loc == GV_LOC_BOUNDARY; k++)
    loc = gv_locate_in_polygon(c->view, s, (xy[2 * k] + xy[2 * k + 2]) / 2, (xy[2 * k + 1] + xy[2 * k + 3]) / 2);
  return loc == GV_LOC_INTERIOR;
}

static int nest_visit(void *ctx, uint32_t s) {
  nest_ctx *c = ctx;
  int32_t t = c->me;
  if ((int32_t)s == t || c->r[s].area >= c->best || !box_in(c->r[t].box, c->r[s].box)) return 0;
  if (ring_inside(c, t, (int32_t)s)) {
    c->best = c->r[s].area;
    c->parent = (int32_t)s;
  }
  return 0;
}

/* Gives every ring its smallest enclosing ring. 1 when the nesting is not
 * that of valid polygons (a hole outside every ring or inside a hole, a
 * shell inside a shell), -1 on memory. */
static int nest(rings *rs) {
  cring *r = (cring *)rs->ring.data;
  int32_t nr = (int32_t)(rs->ring.len / sizeof *r);
  if (nr == 0) return 0;
  if (nr == 1) return r[0].hole;
  const double *xy = (const double *)rs->xy.data;
  int32_t *roff = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  double *boxes = gv_malloc((size_t)nr * 4 * sizeof(double));
  if (!roff || !boxes) {
    gv_free(roff);
    gv_free(boxes);
    return -1;
  }
  for (int32_t k = 0; k < nr; k++) {
    roff[k] = r[k].k0;
    boxes[4 * k] = r[k].box.minx, boxes[4 * k + 1] = r[k].box.miny;
    boxes[4 * k + 2] = r[k].box.maxx, boxes[4 * k + 3] = r[k].box.maxy;
  }
  roff[nr] = r[nr - 1].k1;
  gv_array view;
  memset(&view, 0, sizeof view);
  view.n = 1;
  view.type = GV_MULTIPOLYGON;
  view.ring_off = roff;
  view.x = xy;
  view.y = xy + 1;
  view.stride = 2;
  gv_buf tb = {0};
  gv_rtree tree;
  int bad = 0;
  if (gv_rtree_build(boxes, (uint32_t)nr, 16, &tb) != GV_OK || gv_rtree_open(tb.data, tb.len, &tree) != GV_OK) bad = -1;
  for (int32_t t = 0; t < nr && !bad; t++) {
    nest_ctx c = {r, xy, &view, t, INFINITY, -1};
    gv_rtree_search(&tree, r[t].box, nest_visit, &c);
    r[t].parent = c.parent;
    if (r[t].hole ? c.parent < 0 || r[c.parent].hole : c.parent >= 0 && !r[c.parent].hole) bad = 1;
  }
  gv_buf_free(&tb);
  gv_free(roff);
  gv_free(boxes);
  return bad;
}

static gv_status write_out(rings *rs, gv_ov_out *out) {
  cring *r = (cring *)rs->ring.data;
  int32_t nr = (int32_t)(rs->ring.len / sizeof *r);
  const double *xy = (const double *)rs->xy.data;
  int32_t *first = gv_malloc((size_t)(nr + 1) * sizeof(int32_t)), *next = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  if (!first || !next) {
    gv_free(first);
    gv_free(next);
    return GV_ERR_NOMEM;
  }
  for (int32_t k = 0; k < nr; k++) first[k] = -1, next[k] = -1;
  for (int32_t k = nr - 1; k >= 0; k--) {
    if (r[k].hole) {
      next[k] = first[r[k].parent];
      first[r[k].parent] = k;
    }
  }
  gv_status st = GV_OK;
  for (int32_t s = 0; s < nr && st == GV_OK; s++) {
    if (r[s].hole) continue;
    int32_t cnt = 1;
    for (int32_t k = first[s]; k >= 0; k = next[k]) cnt++;
    st = gv_buf_append(&out->cnt, &cnt, sizeof cnt);
    for (int32_t k = s; k >= 0 && st == GV_OK; k = k == s ? first[s] : next[k]) {
      int32_t nc = r[k].k1 - r[k].k0;
      if ((st = gv_buf_append(&out->cnt, &nc, sizeof nc)) != GV_OK) break;
      st = gv_buf_append(&out->xy, xy + 2 * r[k].k0, (size_t)nc * 2 * sizeof(double));
    }
    out->npoly++;
  }
  gv_free(first);
  gv_free(next);
  return st;
}

gv_status gv_cov_union(const gv_array *a, const int64_t *idx, int64_t n, gv_ov_out *out, int *fallback,
                       const char **why) {
  memset(out, 0, sizeof *out);
  *fallback = 0;
  gv_buf segs = {0};
  gv_status st = GV_OK;
  for (int64_t m = 0; m < n && st == GV_OK; m++) {
    if (gv_is_null(a, idx[m])) continue;
    st = collect(a, idx[m], &segs, why);
  }
  int64_t ns = (int64_t)(segs.len / sizeof(dseg));
  if (st == GV_OK && ns > INT32_MAX / 4) st = GV_ERR_LIMIT, *why = "too many segments";
  int bad = 0;
  if (st == GV_OK) {
    int64_t kept = cancel((dseg *)segs.data, ns);
    if (kept == -2) st = GV_ERR_NOMEM;
    else if (kept == -1) bad = 1;
    else ns = kept;
  }
  lw g;
  memset(&g, 0, sizeof g);
  rings rs = {{0}, {0}};
  if (st == GV_OK && !bad && ns > 0) {
    const dseg *e = (const dseg *)segs.data;
    int r = lw_build(&g, e, (int32_t)ns);
    if (r == 0) r = walk(&g, &rs);
    if (r == 0) r = crossings(e, (int32_t)ns);
    if (r == 0) r = nest(&rs);
    if (r == 0) st = write_out(&rs, out);
    if (r < 0) st = GV_ERR_NOMEM;
    if (r > 0) bad = 1;
  }
  lw_free(&g);
  gv_buf_free(&rs.xy);
  gv_buf_free(&rs.ring);
  gv_buf_free(&segs);
  if (st != GV_OK || bad) gv_ov_out_free(out);
  *fallback = st == GV_OK && bad;
  return st;
}

