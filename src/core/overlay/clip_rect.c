/* Fast exact rectangle clipping of polygons (see clip_rect.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clip_rect.h"
#include "algorithm/predicates.h"

/* Outcodes: strictly outside each side; ON: inside the closed rectangle and
 * on its boundary. */
enum { OUT_L = 1, OUT_R = 2, OUT_B = 4, OUT_T = 8, ON = 16 };

/* Edges counter-clockwise: 0 bottom (y = y0), 1 right (x = x1), 2 top
 * (y = y1), 3 left (x = x0); corner k is where edge k ends. */

typedef struct chain {
  int32_t c0, c1;   /* coordinates [c0, c1) in xy (points) */
  int32_t exit_bp;  /* index of its exit boundary point (after sorting), -1: closed ring */
  int32_t shell;    /* the first ring of its part */
  int32_t closed;   /* a ring inside the rectangle */
  int32_t done;
} chain;

typedef struct bpt {
  double s; /* position along the edge, increasing counter-clockwise */
  int32_t edge, chain, exit;
} bpt;

typedef struct cseg {
  double x0, y0, x1, y1, minx, maxx, miny, maxy;
  int32_t chain, k;
} cseg;

typedef struct oring {
  int32_t c0, c1;  /* closed coordinates [c0, c1) in rxy */
  int32_t kind;    /* 0: shell touching the boundary (or the rectangle), 1: inner shell, 2: inner hole */
  int32_t parent;  /* holes: the shell */
  double bx0, by0, bx1, by1;
} oring;

typedef struct clip {
  double x0, y0, x1, y1;
  gv_buf xy, ch, bp;
  int fail;   /* 1: not handled, -1: out of memory */
  int all_in; /* every vertex strictly inside */
} clip;

#define PT(b) ((double *)(b).data)
#define NPT(b) ((int32_t)((b).len / (2 * sizeof(double))))

static inline int code(const clip *c, double x, double y) {
  int o = (x < c->x0) | (x > c->x1) << 1 | (y < c->y0) << 2 | (y > c->y1) << 3;
  if (!o && (x == c->x0 || x == c->x1 || y == c->y0 || y == c->y1)) o = ON;
  return o;
}

/* Room for k more points in xy; 0 (out of memory) otherwise. */
static int room(clip *c, int32_t k) {
  if (c->xy.cap - c->xy.len >= (size_t)k * 2 * sizeof(double)) return 1;
  if (gv_buf_reserve(&c->xy, ((size_t)k + 64) * 2 * sizeof(double))) return c->fail = -1, 0;
  return 1;
}

static inline void push(clip *c, double x, double y) {
  double *d = (double *)(c->xy.data + c->xy.len);
  d[0] = x;
  d[1] = y;
  c->xy.len += 2 * sizeof(double);
}

static void corner(const clip *c, int k, double *x, double *y) {
  *x = (k == 0 || k == 1) ? c->x1 : c->x0;
  *y = (k == 1 || k == 2) ? c->y1 : c->y0;
}

static int corner_of(int o) {
  switch (o) {
  case OUT_B | OUT_R: return 0;
  case OUT_R | OUT_T: return 1;
  case OUT_T | OUT_L: return 2;
  case OUT_L | OUT_B: return 3;
  default: return -1;
  }
}

static int edge_of_bit(int o) { return o == OUT_B ? 0 : o == OUT_R ? 1 : o == OUT_T ? 2 : 3; }

/* The edge the segment from inside point (ax, ay) to outside point (bx, by)
 * (outcode ob) leaves through; -1 through a corner. */
static int exit_edge(const clip *c, double ax, double ay, double bx, double by, int ob) {
  int k = corner_of(ob);
  if (k < 0) return edge_of_bit(ob);
  double cx, cy;
  corner(c, k, &cx, &cy);
  int o = gv_orient(ax, ay, bx, by, cx, cy);
  return o > 0 ? k : o < 0 ? (k + 1) & 3 : -1;
}

/* The point where segment p -> q crosses edge e (known to cross its open
 * interior); its position along the edge in *s. 0 when the computed point
 * is not strictly inside the edge. */
static int on_edge(const clip *c, int e, double px, double py, double qx, double qy, double *x, double *y, double *s) {
  if (e == 0 || e == 2) {
    double yy = e == 0 ? c->y0 : c->y1;
    double xx = px + (yy - py) * (qx - px) / (qy - py);
    if (!(xx > c->x0 && xx < c->x1)) return 0;
    *x = xx, *y = yy, *s = e == 0 ? xx : -xx;
  } else {
    double xx = e == 1 ? c->x1 : c->x0;
    double yy = py + (xx - px) * (qy - py) / (qx - px);
    if (!(yy > c->y0 && yy < c->y1)) return 0;
    *x = xx, *y = yy, *s = e == 1 ? yy : -yy;
  }
  return 1;
}

static int add_bp(clip *c, int e, double s, int32_t ch, int exit) {
  bpt b = {s, e, ch, exit};
  if (gv_buf_append(&c->bp, &b, sizeof b)) return c->fail = -1, 0;
  return 1;
}

static int new_chain(clip *c, int shell, int closed) {
  chain h = {NPT(c->xy), NPT(c->xy), -1, shell, closed, 0};
  if (gv_buf_append(&c->ch, &h, sizeof h)) return c->fail = -1, -1;
  return (int)(c->ch.len / sizeof(chain)) - 1;
}

static void end_chain(clip *c, int32_t k) { ((chain *)c->ch.data)[k].c1 = NPT(c->xy); }

/* The turn of the ring at its lowest-leftmost vertex m (0..n-1), as the
 * overlay counts it (0: degenerate there). */
static int turn_at(const gv_array *a, int32_t k0, int32_t n, int32_t m) {
  double mx = GV_X(a, k0 + m), my = GV_Y(a, k0 + m);
  int32_t p = m, q = m;
  for (int32_t s = 0; s < n; s++) {
    p = p == 0 ? n - 1 : p - 1;
    if (GV_X(a, k0 + p) != mx || GV_Y(a, k0 + p) != my) break;
  }
  for (int32_t s = 0; s < n; s++) {
    q = q == n - 1 ? 0 : q + 1;
    if (GV_X(a, k0 + q) != mx || GV_Y(a, k0 + q) != my) break;
  }
  return gv_orient(GV_X(a, k0 + p), GV_Y(a, k0 + p), mx, my, GV_X(a, k0 + q), GV_Y(a, k0 + q));
}

static void reverse_pts(double *xy, int32_t c0, int32_t c1) {
  for (int32_t i = c0, j = c1 - 1; i < j; i++, j--) {
    double tx = xy[2 * i], ty = xy[2 * i + 1];
    xy[2 * i] = xy[2 * j], xy[2 * i + 1] = xy[2 * j + 1];
    xy[2 * j] = tx, xy[2 * j + 1] = ty;
  }
}

/* Walks ring [k0, k1): its pieces inside become chains, its boundary
 * points are recorded, and its depth contribution at corner (x0, y0) is
 * added to *depth. Sets c->all_in to 0 when a vertex is not strictly inside. */
static void ring_pass(clip *c, const gv_array *a, int32_t k0, int32_t k1, int shell, int *depth) {
  const double *X = a->x + (int64_t)k0 * a->stride, *Y = a->y + (int64_t)k0 * a->stride;
  const int64_t st = a->stride;
  int32_t n = k1 - k0;
  if (n >= 2 && X[0] == X[(n - 1) * st] && Y[0] == Y[(n - 1) * st]) n--;
  if (n < 3) { /* no area: the overlay skips it too */
    for (int32_t j = 0; j < k1 - k0; j++) {
      if (!(X[j * st] - X[j * st] == Y[j * st] - Y[j * st])) c->fail = 1;
      if (code(c, X[j * st], Y[j * st])) c->all_in = 0;
    }
    return;
  }
  int32_t s = -1, m = 0;
  for (int32_t j = 0; j < n; j++) {
    int o = code(c, X[j * st], Y[j * st]);
    if (o == ON) {
      c->fail = 1;
      return;
    }
    if (o) {
      s = j;
      break;
    }
  }
  size_t bp_start = c->bp.len, ch_start = c->ch.len;
  int wind = 0;
  double mx = X[0], my = Y[0];
  if (s < 0) { /* inside: a closed ring */
    int32_t h = new_chain(c, shell, 1);
    if (h < 0 || !room(c, n)) return;
    double px = X[(n - 1) * st], py = Y[(n - 1) * st];
    for (int32_t j = 0; j < n; j++) {
      double x = X[j * st], y = Y[j * st];
      if (!(x - x == y - y)) {
        c->fail = 1;
        return;
      }
      if (x < mx || (x == mx && y < my)) mx = x, my = y, m = j;
      if (x == px && y == py) continue;
      push(c, x, y);
      px = x, py = y;
    }
    end_chain(c, h);
  } else {
    c->all_in = 0;
    double ax = X[s * st], ay = Y[s * st];
    int oa = code(c, ax, ay);
    const double cx = c->x0, cy = c->y0;
    int32_t cur = -1;
    m = s, mx = ax, my = ay;
    int finite = 1;
    for (int32_t j = 1, idx = s + 1; j <= n; j++, idx++) {
      if (idx == n) idx = 0;
      double bx = X[idx * st], by = Y[idx * st];
      finite &= bx - bx == by - by;
      if (bx <= mx && (bx < mx || by < my || (by == my && idx < m))) mx = bx, my = by, m = idx;
      int ob = code(c, bx, by);
      if ((oa ^ ob) & OUT_B) { /* winding around the corner (x0, y0): crosses y = y0 (half-open) */
        int up = oa & OUT_B, o; /* o: the corner's side of a -> b */
        if (ax > cx && bx > cx) o = up ? 1 : -1;
        else if (ax < cx && bx < cx) o = up ? -1 : 1;
        else o = gv_orient(ax, ay, bx, by, cx, cy);
        if (!o || !finite) { /* the corner is on the ring */
          c->fail = 1;
          return;
        }
        if (up) wind += o > 0;
        else wind -= o < 0;
      }
      if (oa & ob) { /* outside, on one side */
      } else if ((oa | ob) & ON) {
        c->fail = 1;
        return;
      } else if (!(oa | ob)) {
        if (bx != ax || by != ay) {
          if (!room(c, 1)) return;
          push(c, bx, by);
        }
      } else if (!oa) { /* leaves */
        int e = exit_edge(c, ax, ay, bx, by, ob);
        double x, y, t;
        if (e < 0 || !on_edge(c, e, ax, ay, bx, by, &x, &y, &t) || !finite) {
          c->fail = 1;
          return;
        }
        if (!room(c, 1)) return;
        push(c, x, y);
        end_chain(c, cur);
        if (!add_bp(c, e, t, cur, 1)) return;
        cur = -1;
      } else if (!ob) { /* enters */
        int e = exit_edge(c, bx, by, ax, ay, oa);
        double x, y, t;
        if (e < 0 || !on_edge(c, e, bx, by, ax, ay, &x, &y, &t) || !finite) {
          c->fail = 1;
          return;
        }
        cur = new_chain(c, shell, 0);
        if (cur < 0 || !add_bp(c, e, t, cur, 0) || !room(c, 2)) return;
        push(c, x, y);
        push(c, bx, by);
      } else { /* may pass through */
        int o[4], pos = 0, neg = 0;
        if (!finite) {
          c->fail = 1;
          return;
        }
        for (int k = 0; k < 4; k++) {
          double qx, qy;
          corner(c, k, &qx, &qy);
          o[k] = gv_orient(ax, ay, bx, by, qx, qy);
          if (!o[k]) {
            c->fail = 1;
            return;
          }
          pos += o[k] > 0, neg += o[k] < 0;
        }
        if (pos && neg) {
          int ein = -1, eout = -1;
          for (int k = 0; k < 4; k++) {
            int prev = o[(k + 3) & 3];
            if (prev > 0 && o[k] < 0) ein = k;
            if (prev < 0 && o[k] > 0) eout = k;
          }
          double x0, y0, t0, x1, y1, t1;
          if (ein < 0 || eout < 0 || !on_edge(c, ein, ax, ay, bx, by, &x0, &y0, &t0) ||
              !on_edge(c, eout, ax, ay, bx, by, &x1, &y1, &t1)) {
            c->fail = 1;
            return;
          }
          int32_t h = new_chain(c, shell, 0);
          if (h < 0 || !add_bp(c, ein, t0, h, 0) || !add_bp(c, eout, t1, h, 1) || !room(c, 2)) return;
          push(c, x0, y0);
          push(c, x1, y1);
          end_chain(c, h);
        }
      }
      ax = bx, ay = by, oa = ob;
    }
    if (!finite) {
      c->fail = 1;
      return;
    }
  }
  int turn = turn_at(a, k0, n, m);
  if (!turn) {
    c->fail = 1;
    return;
  }
  int lab = shell ? turn : -turn;
  *depth += lab * wind;
  if (lab < 0 && c->ch.len > ch_start) { /* interior on the left of every piece */
    chain *h = (chain *)(c->ch.data + ch_start), *he = (chain *)(c->ch.data + c->ch.len);
    for (; h < he; h++) reverse_pts(PT(c->xy), h->c0, h->c1);
    if (c->bp.len > bp_start) {
      bpt *b = (bpt *)(c->bp.data + bp_start), *be = (bpt *)(c->bp.data + c->bp.len);
      for (; b < be; b++) b->exit = !b->exit;
    }
  }
}

static int bp_cmp(const void *p, const void *q) {
  const bpt *a = p, *b = q;
  if (a->edge != b->edge) return a->edge < b->edge ? -1 : 1;
  return a->s < b->s ? -1 : a->s > b->s ? 1 : 0;
}

static int seg_cmp(const void *p, const void *q) {
  const cseg *a = p, *b = q;
  return a->minx < b->minx ? -1 : a->minx > b->minx ? 1 : 0;
}

/* Closed segments pq and rs meet (exact). */
static int meet(const cseg *a, const cseg *b) {
  int o1 = gv_orient(a->x0, a->y0, a->x1, a->y1, b->x0, b->y0);
  int o2 = gv_orient(a->x0, a->y0, a->x1, a->y1, b->x1, b->y1);
  if (o1 && o1 == o2) return 0;
  int o3 = gv_orient(b->x0, b->y0, b->x1, b->y1, a->x0, a->y0);
  int o4 = gv_orient(b->x0, b->y0, b->x1, b->y1, a->x1, a->y1);
  if (o3 && o3 == o4) return 0;
  if (o1 || o2 || o3 || o4) return 1; /* proper crossing or an endpoint on the other segment */
  /* collinear: overlap of the boxes */
  return a->minx <= b->maxx && b->minx <= a->maxx && a->miny <= b->maxy && b->miny <= a->maxy;
}

/* 1 when the chains' segments are simple together: only consecutive
 * segments of one chain meet, at their shared vertex, without doubling back. */
static int simple(clip *c, gv_buf *sb) {
  const chain *ch = (const chain *)c->ch.data;
  int32_t nch = (int32_t)(c->ch.len / sizeof(chain));
  const double *xy = PT(c->xy);
  sb->len = 0;
  for (int32_t h = 0; h < nch; h++) {
    int32_t c0 = ch[h].c0, c1 = ch[h].c1, closed = ch[h].closed;
    int32_t ns = closed ? c1 - c0 : c1 - c0 - 1;
    if (closed && ns < 3) return 0;
    if (gv_buf_reserve(sb, (size_t)ns * sizeof(cseg))) return c->fail = -1, 0;
    for (int32_t k = 0; k < ns; k++) {
      int32_t i = c0 + k, j = i + 1 == c1 ? c0 : i + 1;
      cseg s = {xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], 0, 0, 0, 0, h, k};
      s.minx = fmin(s.x0, s.x1), s.maxx = fmax(s.x0, s.x1), s.miny = fmin(s.y0, s.y1), s.maxy = fmax(s.y0, s.y1);
      memcpy(sb->data + sb->len, &s, sizeof s);
      sb->len += sizeof s;
      /* the turn at j (to the next segment): no doubling back */
      if (k + 1 < ns || closed) {
        int32_t l = j + 1 == c1 ? c0 : j + 1;
        double ux = s.x1 - s.x0, uy = s.y1 - s.y0, vx = xy[2 * l] - s.x1, vy = xy[2 * l + 1] - s.y1;
        if (!gv_orient(s.x0, s.y0, s.x1, s.y1, xy[2 * l], xy[2 * l + 1]) && ux * vx + uy * vy <= 0) return 0;
      }
    }
  }
  cseg *sg = (cseg *)sb->data;
  int32_t ns = (int32_t)(sb->len / sizeof(cseg));
  if (ns > 1) qsort(sg, (size_t)ns, sizeof(cseg), seg_cmp);
  for (int32_t i = 0; i < ns; i++) {
    for (int32_t j = i + 1; j < ns && sg[j].minx <= sg[i].maxx; j++) {
      if (sg[j].miny > sg[i].maxy || sg[i].miny > sg[j].maxy) continue;
      if (sg[i].chain == sg[j].chain) {
        int32_t d = abs(sg[i].k - sg[j].k), len = ch[sg[i].chain].c1 - ch[sg[i].chain].c0;
        if (d == 1 || (ch[sg[i].chain].closed && d == len - 1)) continue; /* consecutive: checked above */
      }
      if (meet(&sg[i], &sg[j])) return 0;
    }
  }
  return 1;
}

/* Winding number of ring [c0, c1) (closed) around (px, py), a point not on it. */
static int winding(const double *xy, int32_t c0, int32_t c1, double px, double py) {
  int w = 0;
  for (int32_t k = c0; k + 1 < c1; k++) {
    double ax = xy[2 * k], ay = xy[2 * k + 1], bx = xy[2 * k + 2], by = xy[2 * k + 3];
    if (ay <= py) {
      if (by > py && gv_orient(ax, ay, bx, by, px, py) > 0) w++;
    } else if (by <= py && gv_orient(ax, ay, bx, by, px, py) < 0) {
      w--;
    }
  }
  return w;
}

static int inside_ring(const double *xy, const oring *r, double px, double py) {
  if (px < r->bx0 || px > r->bx1 || py < r->by0 || py > r->by1) return 0;
  return winding(xy, r->c0, r->c1, px, py) != 0;
}

static int add_ring(gv_buf *rings, gv_buf *rxy, int32_t c0, int kind) {
  oring r = {c0, NPT(*rxy), kind, -1, INFINITY, INFINITY, -INFINITY, -INFINITY};
  const double *xy = PT(*rxy);
  for (int32_t k = c0; k < r.c1; k++) {
    if (xy[2 * k] < r.bx0) r.bx0 = xy[2 * k];
    if (xy[2 * k] > r.bx1) r.bx1 = xy[2 * k];
    if (xy[2 * k + 1] < r.by0) r.by0 = xy[2 * k + 1];
    if (xy[2 * k + 1] > r.by1) r.by1 = xy[2 * k + 1];
  }
  return gv_buf_append(rings, &r, sizeof r) == GV_OK;
}

static int rpush(gv_buf *rxy, double x, double y) {
  double p[2] = {x, y};
  return gv_buf_append(rxy, p, sizeof p) == GV_OK;
}

/* Builds the output rings and checks the depths; 1 when certified. */
static int assemble(clip *c, int depth, gv_buf *rings, gv_buf *rxy) {
  chain *ch = (chain *)c->ch.data;
  int32_t nch = (int32_t)(c->ch.len / sizeof(chain));
  bpt *bp = (bpt *)c->bp.data;
  int32_t nb = (int32_t)(c->bp.len / sizeof(bpt));
  const double *xy = PT(c->xy);
  /* boundary faces */
  for (int32_t i = 0; i < nb; i++) {
    if (bp[i].exit != ((i & 1) == (depth == 1))) return 0;
    if (i && bp[i].edge == bp[i - 1].edge && bp[i].s == bp[i - 1].s) return 0;
    if (bp[i].exit) ch[bp[i].chain].exit_bp = i;
  }
  for (int32_t h = 0; h < nch; h++) {
    if (ch[h].closed || ch[h].done) continue;
    if (ch[h].exit_bp < 0) return 0;
    int32_t r0 = NPT(*rxy), g = h;
    do {
      ch[g].done = 1;
      for (int32_t k = ch[g].c0; k < ch[g].c1; k++)
        if (!rpush(rxy, xy[2 * k], xy[2 * k + 1])) return c->fail = -1, 0;
      int32_t i = ch[g].exit_bp, j = i + 1 == nb ? 0 : i + 1;
      if (bp[j].exit) return 0;
      if (bp[j].edge != bp[i].edge || bp[j].s < bp[i].s) {
        int e = bp[i].edge;
        do {
          double x, y;
          corner(c, e, &x, &y);
          if (!rpush(rxy, x, y)) return c->fail = -1, 0;
          e = (e + 1) & 3;
        } while (e != bp[j].edge);
      }
      g = bp[j].chain;
    } while (g != h);
    if (!rpush(rxy, PT(*rxy)[2 * r0], PT(*rxy)[2 * r0 + 1]) || !add_ring(rings, rxy, r0, 0)) return c->fail = -1, 0;
  }
  if (nb == 0 && depth == 1) { /* the rectangle is inside */
    int32_t r0 = NPT(*rxy);
    for (int k = 3; k < 8; k++) {
      double x, y;
      corner(c, k & 3, &x, &y);
      if (!rpush(rxy, x, y)) return c->fail = -1, 0;
    }
    if (!add_ring(rings, rxy, r0, 0)) return c->fail = -1, 0;
  }
  int32_t nlinked = (int32_t)(rings->len / sizeof(oring));
  for (int32_t h = 0; h < nch; h++) {
    if (!ch[h].closed) continue;
    int32_t r0 = NPT(*rxy);
    for (int32_t k = ch[h].c0; k < ch[h].c1; k++)
      if (!rpush(rxy, xy[2 * k], xy[2 * k + 1])) return c->fail = -1, 0;
    if (!rpush(rxy, xy[2 * ch[h].c0], xy[2 * ch[h].c0 + 1]) || !add_ring(rings, rxy, r0, ch[h].shell ? 1 : 2))
      return c->fail = -1, 0;
  }
  /* rings inside: the ring that immediately encloses each gives its depth */
  oring *rg = (oring *)rings->data;
  int32_t nr = (int32_t)(rings->len / sizeof(oring));
  const double *r = PT(*rxy);
  for (int32_t q = nlinked; q < nr; q++) {
    double px = r[2 * rg[q].c0], py = r[2 * rg[q].c0 + 1];
    int32_t best = -1;
    for (int32_t e = 0; e < nr; e++) {
      if (e == q || !inside_ring(r, &rg[e], px, py)) continue;
      if (best < 0 || inside_ring(r, &rg[best], r[2 * rg[e].c0], r[2 * rg[e].c0 + 1])) best = e;
    }
    int out = best < 0 ? 0 : rg[best].kind == 2 ? 0 : 1;
    if (out != (rg[q].kind == 1 ? 0 : 1)) return 0;
    rg[q].parent = best;
  }
  return 1;
}

static int emit(gv_buf *rings, gv_buf *rxy, gv_ov_out *out) {
  const oring *rg = (const oring *)rings->data;
  int32_t nr = (int32_t)(rings->len / sizeof(oring));
  const double *r = PT(*rxy);
  for (int32_t s = 0; s < nr; s++) {
    if (rg[s].kind == 2) continue;
    int32_t nring = 1;
    for (int32_t h = 0; h < nr; h++) nring += rg[h].kind == 2 && rg[h].parent == s;
    if (gv_buf_append(&out->cnt, &nring, sizeof nring)) return 0;
    for (int32_t h = -1; h < nr; h++) {
      int32_t k = h < 0 ? s : h;
      if (h >= 0 && !(rg[h].kind == 2 && rg[h].parent == s)) continue;
      int32_t nc = rg[k].c1 - rg[k].c0;
      if (gv_buf_append(&out->cnt, &nc, sizeof nc) || gv_buf_reserve(&out->xy, (size_t)nc * 2 * sizeof(double)))
        return 0;
      double *d = (double *)(out->xy.data + out->xy.len);
      for (int32_t i = 0; i < nc; i++) { /* reversed: shells clockwise, holes counter-clockwise */
        d[2 * i] = r[2 * (rg[k].c1 - 1 - i)];
        d[2 * i + 1] = r[2 * (rg[k].c1 - 1 - i) + 1];
      }
      out->xy.len += (size_t)nc * 2 * sizeof(double);
    }
    out->npoly++;
  }
  return 1;
}

int gv_clip_rect_polygonal(const gv_array *a, int64_t i, const double rect[4], gv_ov_out *out) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  if (t != GV_POLYGON && t != GV_MULTIPOLYGON) return GV_CLIP_NOT_HANDLED;
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  for (int32_t p = p0; p < p1; p++)
    if (gv_part_kind(a, t, p) != GV_POLYGON) return GV_CLIP_NOT_HANDLED;
  if (!(rect[0] < rect[2] && rect[1] < rect[3])) return GV_CLIP_NOT_HANDLED; /* no area: as the overlay says */
  int64_t nv = 0;
  for (int32_t p = p0; p < p1; p++)
    for (int32_t rr = gv_part_begin(a, p); rr < gv_part_end(a, p); rr++) nv += gv_ring_end(a, rr) - gv_ring_begin(a, rr);
  if (!nv) return GV_CLIP_NOT_HANDLED; /* empty */
  clip c = {rect[0], rect[1], rect[2], rect[3], {0}, {0}, {0}, 0, 1};
  gv_buf segs = {0}, rings = {0}, rxy = {0};
  int depth = 0, ok = 0;
  for (int32_t p = p0; p < p1 && !c.fail; p++) {
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    for (int32_t rr = r0; rr < r1 && !c.fail; rr++) ring_pass(&c, a, gv_ring_begin(a, rr), gv_ring_end(a, rr), rr == r0, &depth);
  }
  if (!c.fail && c.all_in) {
    gv_buf_free(&c.xy);
    gv_buf_free(&c.ch);
    gv_buf_free(&c.bp);
    return GV_CLIP_COPY; /* strictly inside: the polygon itself, as GEOSClipByRect gives it */
  }
  if (!c.fail && (depth == 0 || depth == 1)) {
    if (c.bp.len) qsort(c.bp.data, c.bp.len / sizeof(bpt), sizeof(bpt), bp_cmp);
    ok = simple(&c, &segs) && assemble(&c, depth, &rings, &rxy);
  }
  if (ok && !emit(&rings, &rxy, out)) c.fail = -1;
  gv_buf_free(&c.xy);
  gv_buf_free(&c.ch);
  gv_buf_free(&c.bp);
  gv_buf_free(&segs);
  gv_buf_free(&rings);
  gv_buf_free(&rxy);
  if (c.fail < 0 || !ok) gv_ov_out_free(out);
  return c.fail < 0 ? GV_CLIP_NOMEM : ok ? GV_CLIP_DONE : GV_CLIP_NOT_HANDLED;
}
