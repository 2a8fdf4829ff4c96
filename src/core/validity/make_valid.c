/* makeValid (see make_valid.h). Every area is computed by the overlay
 * engine (noding with exact checks and snap-rounding fallback, depth
 * labelling, ring extraction), with one of two inside rules for a single
 * input: odd depth over the boundaries of GEOS's iterated BuildArea results
 * (linework, whose faces come from gv_ov_faces_build) or nonzero depth
 * (structure), so the result is valid by the same construction as every
 * overlay result. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "make_valid.h"
#include "validity/vrings.h"

/* ---- small helpers ------------------------------------------------------------------------- */

/* Coordinates [k0, k1) of a without non-finite points and consecutive
 * repeats, into pts (double pairs, reset first); returns the count. */
static int32_t clean_run(const gv_array *a, int32_t k0, int32_t k1, gv_buf *pts, gv_status *st) {
  pts->len = 0;
  int32_t n = 0;
  double last[2] = {NAN, NAN};
  for (int32_t k = k0; k < k1 && *st == GV_OK; k++) {
    double p[2] = {GV_X(a, k), GV_Y(a, k)};
    if (!isfinite(p[0]) || !isfinite(p[1])) continue;
    if (n && p[0] == last[0] && p[1] == last[1]) continue;
    *st = gv_buf_append(pts, p, sizeof p);
    last[0] = p[0], last[1] = p[1];
    n++;
  }
  return n;
}

/* Segments of a ring (n cleaned points, closed here when it is not),
 * labelled lab in slot (the other slot 0). */
static gv_status ring_segs(const double *p, int32_t n, int slot, int32_t lab, gv_buf *segs) {
  for (int32_t k = 0; k < n; k++) {
    int32_t k2 = k + 1 < n ? k + 1 : 0; /* the last one closes the ring when it is open */
    if (p[2 * k] == p[2 * k2] && p[2 * k + 1] == p[2 * k2 + 1]) continue;
    gv_nseg s = {p[2 * k], p[2 * k + 1], p[2 * k2], p[2 * k2 + 1], {0, 0}, 0};
    s.lab[slot] = lab;
    gv_status st = gv_buf_append(segs, &s, sizeof s);
    if (st != GV_OK) return st;
  }
  return GV_OK;
}

/* The rings of an overlay result's polygons as segments with the polygon's
 * interior on the left count +1 in slot (shells are clockwise and holes
 * counter-clockwise there: the interior is on the right of both). */
static gv_status out_segs(const gv_ov_out *o, int slot, gv_buf *segs) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      for (int32_t k = 0; k + 1 < nc; k++) {
        gv_nseg s = {xy[2 * k + 2], xy[2 * k + 3], xy[2 * k], xy[2 * k + 1], {0, 0}, 0};
        s.lab[slot] = 1;
        gv_status st = gv_buf_append(segs, &s, sizeof s);
        if (st != GV_OK) return st;
      }
      xy += 2 * nc;
    }
  }
  return GV_OK;
}

static gv_status areas(const gv_buf *segs, int op, gv_ov_out *out) {
  return gv_ov_areas((const gv_nseg *)segs->data, (int64_t)(segs->len / sizeof(gv_nseg)), op, 0, out);
}

/* Lines and points gathered beside the areas, appended to the result last. */
typedef struct mv_acc {
  gv_buf lcnt, lxy, pxy;
  int32_t nline, npt;
} mv_acc;

static void acc_free(mv_acc *c) {
  gv_buf_free(&c->lcnt);
  gv_buf_free(&c->lxy);
  gv_buf_free(&c->pxy);
}

static gv_status acc_line(mv_acc *c, const double *p, int32_t n) {
  gv_status st = gv_buf_append(&c->lcnt, &n, sizeof n);
  if (st == GV_OK) st = gv_buf_append(&c->lxy, p, (size_t)n * 2 * sizeof(double));
  if (st == GV_OK) c->nline++;
  return st;
}

static gv_status acc_point(mv_acc *c, double x, double y) {
  double p[2] = {x, y};
  gv_status st = gv_buf_append(&c->pxy, p, sizeof p);
  if (st == GV_OK) c->npt++;
  return st;
}

/* out (areas only) += the lines, then the points */
static gv_status acc_finish(mv_acc *c, gv_ov_out *out) {
  gv_status st = GV_OK;
  if (c->nline) {
    st = gv_buf_append(&out->cnt, c->lcnt.data, c->lcnt.len);
    if (st == GV_OK) st = gv_buf_append(&out->xy, c->lxy.data, c->lxy.len);
    out->nline += c->nline;
  }
  if (st == GV_OK && c->npt) {
    st = gv_buf_append(&out->xy, c->pxy.data, c->pxy.len);
    out->npt += c->npt;
  }
  return st;
}

typedef struct pt2 {
  double x, y;
} pt2;

static int pt_cmp(const void *pa, const void *pb) {
  const pt2 *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  return 0;
}

static int32_t pt_find(const pt2 *v, int32_t n, double x, double y) {
  int32_t lo = 0, hi = n;
  pt2 key = {x, y};
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    int c = pt_cmp(&v[mid], &key);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/* Sorted distinct endpoints of edges e[0..n). */
static pt2 *edge_nodes(const gv_nseg *e, int64_t n, int32_t *nn) {
  pt2 *v = gv_malloc((size_t)(2 * n + 1) * sizeof *v);
  if (!v) return NULL;
  for (int64_t k = 0; k < n; k++) {
    v[2 * k] = (pt2){e[k].x0, e[k].y0};
    v[2 * k + 1] = (pt2){e[k].x1, e[k].y1};
  }
  qsort(v, (size_t)(2 * n), sizeof *v, pt_cmp);
  int32_t m = 0;
  for (int64_t k = 0; k < 2 * n; k++)
    if (!m || pt_cmp(&v[m - 1], &v[k])) v[m++] = v[k];
  *nn = m;
  return v;
}

/* The edges as lines merged through nodes where exactly two of them meet,
 * except at the nodes stops[0..nstop) (sorted). */
static gv_status merge_lines(const gv_nseg *e, int32_t n, const pt2 *stops, int32_t nstop, mv_acc *c) {
  if (!n) return GV_OK;
  int32_t nn = 0;
  pt2 *v = edge_nodes(e, n, &nn);
  int32_t *end = gv_malloc((size_t)(2 * n + 1) * sizeof(int32_t));
  int32_t *off = gv_calloc((size_t)nn + 2, sizeof(int32_t));
  int32_t *adj = gv_malloc((size_t)(2 * n + 1) * sizeof(int32_t));
  int32_t *fill = gv_calloc((size_t)nn + 1, sizeof(int32_t));
  uint8_t *used = gv_calloc((size_t)n + 1, 1);
  gv_buf line = {0};
  gv_status st = GV_OK;
  if (!v || !end || !off || !adj || !fill || !used) st = GV_ERR_NOMEM;
  for (int32_t k = 0; k < n && st == GV_OK; k++) {
    end[2 * k] = pt_find(v, nn, e[k].x0, e[k].y0);
    end[2 * k + 1] = pt_find(v, nn, e[k].x1, e[k].y1);
    off[end[2 * k] + 1]++;
    off[end[2 * k + 1] + 1]++;
  }
  if (st == GV_OK) {
    for (int32_t u = 0; u < nn; u++) off[u + 1] += off[u];
    for (int32_t h = 0; h < 2 * n; h++) adj[off[end[h]] + fill[end[h]]++] = h; /* half-edge h leaves end[h] */
    /* a stop node counts as a branch: fill[u] = 1 when lines pass through u */
    for (int32_t u = 0; u < nn; u++)
      fill[u] = off[u + 1] - off[u] == 2 && (!nstop || pt_find(stops, nstop, v[u].x, v[u].y) < 0);
  }
  for (int pass = 0; pass < 2 && st == GV_OK; pass++) {
    for (int32_t k = 0; k < n && st == GV_OK; k++) {
      if (used[k]) continue;
      int32_t h = 2 * k;
      if (pass == 0) { /* start at a node lines do not pass through */
        if (fill[end[h]]) {
          h ^= 1;
          if (fill[end[h]]) continue;
        }
      }
      line.len = 0;
      int32_t cnt = 1;
      double p[2] = {v[end[h]].x, v[end[h]].y};
      st = gv_buf_append(&line, p, sizeof p);
      while (st == GV_OK) {
        used[h >> 1] = 1;
        int32_t w = end[h ^ 1];
        double q[2] = {v[w].x, v[w].y};
        if ((st = gv_buf_append(&line, q, sizeof q)) != GV_OK) break;
        cnt++;
        if (!fill[w]) break;
        int32_t nxt = -1;
        for (int32_t s = off[w]; s < off[w + 1]; s++)
          if (!used[adj[s] >> 1]) nxt = adj[s];
        if (nxt < 0) break;
        h = nxt;
      }
      if (st == GV_OK) st = acc_line(c, (const double *)line.data, cnt);
    }
  }
  gv_buf_free(&line);
  gv_free(v);
  gv_free(end);
  gv_free(off);
  gv_free(adj);
  gv_free(fill);
  gv_free(used);
  return st;
}

/* ---- linework ------------------------------------------------------------------------------- */

/* GEOS's linework method (the PostGIS algorithm): the rings are noded
 * together into edges E; then, while BuildArea(E) is not empty,
 * area = area symDifference BuildArea(E) and E = E - boundary(BuildArea(E));
 * what is left of E is returned as lines. BuildArea polygonizes E into
 * faces (dangles and cut edges left out); a face's parent is the face
 * having a hole equal to its shell, and the faces with an even number of
 * ancestors are unioned. Everything stays on the edges of the first
 * noding: BuildArea's result is a set of faces, its boundary the edges with
 * it on one side only, and the symmetric differences are the parity of the
 * number of results covering a face, i.e. the odd rule over the boundaries
 * of all of them. */

/* One BuildArea on the alive edges: its boundary edges leave alive and join
 * chain (label +1 when the area is on the left of x0,y0 -> x1,y1); *found is
 * 0 when it is empty. */
static gv_status lw_step(const gv_nseg *e, int32_t n, uint8_t *alive, gv_buf *chain, int *found) {
  gv_ov_faces f;
  *found = 0;
  gv_status st = gv_ov_faces_build(e, n, alive, &f);
  if (st != GV_OK) return st;
  int32_t nr = f.nring;
  int32_t *parent = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  uint8_t *sel = gv_calloc((size_t)nr + 1, 1);
  if (!parent || !sel) st = GV_ERR_NOMEM;
  for (int32_t r = 0; r < nr && st == GV_OK; r++) {
    parent[r] = -1;
    if (f.hole[r]) continue;
    *found = 1;
    /* the face's shell equals a hole when the twins of its half-edges are exactly that hole */
    int32_t q = f.ring[f.he[f.off[r]] ^ 1];
    if (q < 0 || !f.hole[q] || f.off[q + 1] - f.off[q] != f.off[r + 1] - f.off[r]) continue;
    int same = 1;
    for (int32_t k = f.off[r]; k < f.off[r + 1] && same; k++) same = f.ring[f.he[k] ^ 1] == q;
    if (same) parent[r] = f.shell[q];
  }
  for (int32_t r = 0; r < nr && st == GV_OK; r++) {
    if (f.hole[r]) continue;
    int32_t d = 0;
    for (int32_t p = parent[r]; p >= 0 && d <= nr; p = parent[p]) d++;
    sel[r] = (d & 1) == 0;
  }
  int removed = 0;
  for (int32_t k = 0; k < n && st == GV_OK; k++) {
    if (!alive[k] || f.ring[2 * k] < 0) continue;
    int32_t sl = f.shell[f.ring[2 * k]], sr = f.shell[f.ring[2 * k + 1]];
    int inl = sl >= 0 && sel[sl], inr = sr >= 0 && sel[sr];
    if (inl == inr) continue;
    gv_nseg s = e[k];
    s.lab[0] = inl ? 1 : -1, s.lab[1] = 0, s.line = 0;
    st = gv_buf_append(chain, &s, sizeof s);
    alive[k] = 0;
    removed = 1;
  }
  if (!removed) *found = 0; /* cannot happen: an outermost face has the outside beyond it */
  gv_free(parent);
  gv_free(sel);
  gv_ov_faces_free(&f);
  return st;
}

/* The segments of a ring (n cleaned points, closed here when it is not),
 * each x0,y0 < x1,y1 with label (0, 1): the noding sums how many ring
 * passes cover an edge. */
static gv_status ring_segs_counted(const double *p, int32_t n, gv_buf *segs) {
  for (int32_t k = 0; k < n; k++) {
    int32_t k2 = k + 1 < n ? k + 1 : 0;
    double x0 = p[2 * k], y0 = p[2 * k + 1], x1 = p[2 * k2], y1 = p[2 * k2 + 1];
    if (x0 == x1 && y0 == y1) continue;
    if (x1 < x0 || (x1 == x0 && y1 < y0)) {
      double tx = x0, ty = y0;
      x0 = x1, y0 = y1, x1 = tx, y1 = ty;
    }
    gv_nseg s = {x0, y0, x1, y1, {0, 1}, 0};
    gv_status st = gv_buf_append(segs, &s, sizeof s);
    if (st != GV_OK) return st;
  }
  return GV_OK;
}

/* The nodes where GEOS's noded linework ends a line although two edges meet
 * there: ring start points and nodes where two ring passes meet (an edge
 * covered twice), with the nodes of degree other than 2 (sorted). */
static pt2 *line_stops(const gv_nseg *e, int64_t n, pt2 *starts, int32_t nstart, int32_t *nstop) {
  *nstop = 0;
  int32_t nn = 0;
  pt2 *v = edge_nodes(e, n, &nn);
  int32_t *deg = gv_calloc((size_t)nn + 1, sizeof(int32_t)), *cov = gv_calloc((size_t)nn + 1, sizeof(int32_t));
  if (!v || !deg || !cov) {
    gv_free(v), gv_free(deg), gv_free(cov);
    return NULL;
  }
  for (int64_t k = 0; k < n; k++) {
    int32_t m = abs(e[k].lab[1]), a = pt_find(v, nn, e[k].x0, e[k].y0), b = pt_find(v, nn, e[k].x1, e[k].y1);
    deg[a]++, deg[b]++;
    cov[a] += m, cov[b] += m;
  }
  for (int32_t k = 0; k < nstart; k++) {
    int32_t a = pt_find(v, nn, starts[k].x, starts[k].y);
    if (a >= 0) deg[a] = -1;
  }
  int32_t m = 0;
  for (int32_t u = 0; u < nn; u++)
    if (deg[u] != 2 || cov[u] > 2) v[m++] = v[u];
  *nstop = m;
  gv_free(deg);
  gv_free(cov);
  return v;
}

static gv_status lw_polygonal(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, gv_ov_out *out) {
  gv_buf pts = {0}, segs = {0}, chain = {0}, left = {0}, cpts = {0}, starts = {0};
  gv_status st = GV_OK;
  for (int32_t p = p0; p < p1 && st == GV_OK; p++) {
    if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p) && st == GV_OK; r++) {
      int32_t n = clean_run(a, gv_ring_begin(a, r), gv_ring_end(a, r), &pts, &st);
      if (st != GV_OK || n == 0) continue;
      const double *q = (const double *)pts.data;
      if (n == 1 || (n == 2 && q[0] == q[2] && q[1] == q[3])) {
        st = gv_buf_append(&cpts, q, 2 * sizeof(double));
      } else {
        st = gv_buf_append(&starts, q, 2 * sizeof(double));
        if (st == GV_OK) st = ring_segs_counted(q, n, &segs);
      }
    }
  }
  gv_noding nd;
  memset(&nd, 0, sizeof nd);
  int64_t ns = (int64_t)(segs.len / sizeof(gv_nseg));
  if (st == GV_OK && ns) st = gv_node((const gv_nseg *)segs.data, ns, 0, 1, &nd);
  if (st == GV_OK && nd.n > INT32_MAX / 4) st = GV_ERR_LIMIT;
  int32_t ne = (int32_t)nd.n;
  uint8_t *alive = NULL;
  if (st == GV_OK) {
    alive = gv_malloc((size_t)ne + 1);
    if (!alive) st = GV_ERR_NOMEM;
    else memset(alive, 1, (size_t)ne);
  }
  for (int found = ne > 0; found && st == GV_OK;) st = lw_step(nd.seg, ne, alive, &chain, &found);
  if (st == GV_OK && chain.len) st = areas(&chain, GV_OV_ODD, out);
  mv_acc c;
  memset(&c, 0, sizeof c);
  for (int32_t k = 0; k < ne && st == GV_OK; k++)
    if (alive[k]) st = gv_buf_append(&left, &nd.seg[k], sizeof nd.seg[k]);
  if (st == GV_OK && left.len) {
    int32_t nstop = 0;
    pt2 *stops = line_stops(nd.seg, nd.n, (pt2 *)starts.data, (int32_t)(starts.len / sizeof(pt2)), &nstop);
    if (!stops) st = GV_ERR_NOMEM;
    else st = merge_lines((const gv_nseg *)left.data, (int32_t)(left.len / sizeof(gv_nseg)), stops, nstop, &c);
    gv_free(stops);
  }
  /* rings collapsed to a point that is no node of the linework */
  int32_t ncp = (int32_t)(cpts.len / sizeof(pt2));
  if (st == GV_OK && ncp) {
    int32_t nn = 0;
    pt2 *v = nd.n ? edge_nodes(nd.seg, nd.n, &nn) : NULL;
    pt2 *cp = (pt2 *)cpts.data;
    if (nd.n && !v) st = GV_ERR_NOMEM;
    qsort(cp, (size_t)ncp, sizeof *cp, pt_cmp);
    for (int32_t k = 0; k < ncp && st == GV_OK; k++) {
      if (k && !pt_cmp(&cp[k - 1], &cp[k])) continue;
      if (v && pt_find(v, nn, cp[k].x, cp[k].y) >= 0) continue;
      st = acc_point(&c, cp[k].x, cp[k].y);
    }
    gv_free(v);
  }
  if (st == GV_OK) st = acc_finish(&c, out);
  acc_free(&c);
  gv_free(alive);
  gv_noding_free(&nd);
  gv_buf_free(&pts);
  gv_buf_free(&segs);
  gv_buf_free(&chain);
  gv_buf_free(&left);
  gv_buf_free(&cpts);
  gv_buf_free(&starts);
  return st;
}

/* ---- structure -------------------------------------------------------------------------------- */

/* The area ring r encloses in either orientation. */
static gv_status ring_area(const gv_array *a, int32_t r, gv_buf *pts, gv_ov_out *out) {
  gv_status st = GV_OK;
  memset(out, 0, sizeof *out);
  int32_t n = clean_run(a, gv_ring_begin(a, r), gv_ring_end(a, r), pts, &st);
  if (st != GV_OK || n < 3) return st;
  gv_buf segs = {0};
  st = ring_segs((const double *)pts->data, n, 0, 1, &segs);
  if (st == GV_OK) st = areas(&segs, GV_OV_NONZERO, out);
  gv_buf_free(&segs);
  return st;
}

/* A fixed line: repeated and non-finite points removed; one point left is a
 * point when keep (always for linework), nothing otherwise. */
static gv_status fix_line(const gv_array *a, int32_t k0, int32_t k1, int keep, gv_buf *pts, mv_acc *c) {
  gv_status st = GV_OK;
  int32_t n = clean_run(a, k0, k1, pts, &st);
  if (st != GV_OK) return st;
  const double *q = (const double *)pts->data;
  if (n >= 2) return acc_line(c, q, n);
  if (n == 1 && keep) return acc_point(c, q[0], q[1]);
  return GV_OK;
}

static int nonempty(const gv_ov_out *o) { return o->npoly + o->nline + o->npt > 0; }

/* A collapsed shell of a multipolygon, kept (keep_collapsed): its cleaned
 * points as lines of input 0 in segs (with their endpoints in ends, so that
 * the union of the parts nodes and dissolves them as GEOS's union of the
 * fixed parts does), or as a point of input 0 when one point is left. */
static gv_status collapsed_to_union(const gv_array *a, int32_t r, gv_buf *pts, gv_buf *segs, gv_buf *ends) {
  gv_status st = GV_OK;
  int32_t n = clean_run(a, gv_ring_begin(a, r), gv_ring_end(a, r), pts, &st);
  if (st != GV_OK || n == 0) return st;
  const double *q = (const double *)pts->data;
  gv_ov_pt e0 = {q[0], q[1], 0, n >= 2}, e1 = {q[2 * n - 2], q[2 * n - 1], 0, 1};
  st = gv_buf_append(ends, &e0, sizeof e0);
  if (st == GV_OK && n >= 2) st = gv_buf_append(ends, &e1, sizeof e1);
  for (int32_t k = 0; k + 1 < n && st == GV_OK; k++) {
    gv_nseg s = {q[2 * k], q[2 * k + 1], q[2 * k + 2], q[2 * k + 3], {0, 0}, 1};
    st = gv_buf_append(segs, &s, sizeof s);
  }
  return st;
}

/* ends: NULL for a polygon alone (a collapsed shell kept is its ring as a
 * line, as GEOS gives it), else a multipolygon's collapsed shells go to the
 * union of its parts (see collapsed_to_union). */
static gv_status st_polygon(const gv_array *a, int32_t p, int keep, gv_buf *pts, gv_buf *all, gv_buf *ends,
                            mv_acc *c) {
  int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
  if (r0 >= r1) return GV_OK;
  gv_ov_out shell, h;
  gv_status st = ring_area(a, r0, pts, &shell);
  if (st != GV_OK) return st;
  if (!shell.npoly) {
    gv_ov_out_free(&shell);
    if (!keep) return GV_OK;
    return ends ? collapsed_to_union(a, r0, pts, all, ends) : fix_line(a, gv_ring_begin(a, r0), gv_ring_end(a, r0), 1, pts, c);
  }
  gv_buf holes = {0}, pair = {0};
  for (int32_t r = r0 + 1; r < r1 && st == GV_OK; r++) {
    if ((st = ring_area(a, r, pts, &h)) != GV_OK) break;
    if (h.npoly) {
      /* a hole that does not meet the shell is a shell of its own */
      gv_ov_out meet;
      pair.len = 0;
      st = out_segs(&shell, 0, &pair);
      if (st == GV_OK) st = out_segs(&h, 1, &pair);
      if (st == GV_OK) st = areas(&pair, GV_OV_INTERSECTION, &meet);
      if (st == GV_OK) {
        st = out_segs(&h, nonempty(&meet) ? 1 : 0, nonempty(&meet) ? &holes : all);
        gv_ov_out_free(&meet);
      }
    }
    gv_ov_out_free(&h);
  }
  if (st == GV_OK && holes.len) {
    gv_ov_out diff;
    pair.len = 0;
    st = out_segs(&shell, 0, &pair);
    if (st == GV_OK) st = gv_buf_append(&pair, holes.data, holes.len);
    if (st == GV_OK) st = areas(&pair, GV_OV_DIFFERENCE, &diff);
    if (st == GV_OK) st = out_segs(&diff, 0, all);
    gv_ov_out_free(&diff);
  } else if (st == GV_OK) {
    st = out_segs(&shell, 0, all);
  }
  gv_ov_out_free(&shell);
  gv_buf_free(&holes);
  gv_buf_free(&pair);
  return st;
}

/* ---- elements ---------------------------------------------------------------------------------- */

typedef struct mv_ctx {
  const gv_array *a;
  int64_t i;
  gv_valid_work *w;
  int method, keep;
  gv_mv_result *r;
  int32_t at;
  gv_status st;
} mv_ctx;

static int count_elem(void *ctx, uint8_t t, int32_t p0, int32_t p1) {
  (void)t, (void)p0, (void)p1;
  ((mv_ctx *)ctx)->at++;
  return 0;
}

static gv_status fix_element(mv_ctx *x, uint8_t t, int32_t p0, int32_t p1, gv_ov_out *out) {
  const gv_array *a = x->a;
  memset(out, 0, sizeof *out);
  gv_buf pts = {0}, all = {0}, ends = {0};
  mv_acc c;
  memset(&c, 0, sizeof c);
  gv_status st = GV_OK;
  uint8_t base = GV_BASE_TYPE(t);
  if ((base == GV_POLYGON || base == GV_MULTIPOLYGON) && x->method == GV_MV_LINEWORK) {
    return lw_polygonal(a, t, p0, p1, out);
  }
  int lin = x->method == GV_MV_LINEWORK;
  /* GEOS's GeometryFixer fixes a collection's members without keepCollapsed */
  int keep = x->keep && !(x->r->collection && !lin);
  for (int32_t p = p0; p < p1 && st == GV_OK; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    if (kind == GV_POINT) {
      for (int32_t r = r0; r < r1 && st == GV_OK; r++)
        for (int32_t k = gv_ring_begin(a, r); k < gv_ring_end(a, r) && st == GV_OK; k++)
          if (isfinite(GV_X(a, k)) && isfinite(GV_Y(a, k))) st = acc_point(&c, GV_X(a, k), GV_Y(a, k));
    } else if (kind == GV_LINESTRING) {
      for (int32_t r = r0; r < r1 && st == GV_OK; r++)
        st = fix_line(a, gv_ring_begin(a, r), gv_ring_end(a, r), lin || keep, &pts, &c);
    } else {
      st = st_polygon(a, p, keep, &pts, &all, base == GV_MULTIPOLYGON ? &ends : NULL, &c);
    }
  }
  if (st == GV_OK && ends.len)
    st = gv_ov_run((const gv_nseg *)all.data, (int64_t)(all.len / sizeof(gv_nseg)), (const gv_ov_pt *)ends.data,
                   (int64_t)(ends.len / sizeof(gv_ov_pt)), GV_OV_UNARY, 0, out);
  else if (st == GV_OK && all.len)
    st = areas(&all, GV_OV_UNARY, out);
  if (st == GV_OK) st = acc_finish(&c, out);
  acc_free(&c);
  gv_buf_free(&pts);
  gv_buf_free(&all);
  gv_buf_free(&ends);
  return st;
}

/* Whether parts p0..p1 of a hold no finite coordinate (an empty element). */
static int elem_empty(const gv_array *a, int32_t p0, int32_t p1) {
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++)
      for (int32_t k = gv_ring_begin(a, r); k < gv_ring_end(a, r); k++)
        if (!isnan(GV_X(a, k))) return 0;
  return 1;
}

static int each_elem(void *ctx, uint8_t t, int32_t p0, int32_t p1) {
  mv_ctx *x = ctx;
  x->r->etype[x->at] = t;
  x->r->in_empty[x->at] = (uint8_t)elem_empty(x->a, p0, p1);
  x->r->verbatim[2 * x->at] = -1;
  if (x->r->collection && x->method == GV_MV_LINEWORK) {
    /* GEOS's linework method keeps a collection's valid members as they are */
    int ok = gv_element_valid(x->w, x->a, x->i, t, p0, p1);
    if (ok < 0) return (x->st = GV_ERR_NOMEM), 1;
    if (ok) {
      x->r->verbatim[2 * x->at] = p0, x->r->verbatim[2 * x->at + 1] = p1;
      memset(&x->r->out[x->at], 0, sizeof x->r->out[x->at]);
      x->r->nout = ++x->at;
      return 0;
    }
  }
  x->st = fix_element(x, t, p0, p1, &x->r->out[x->at]);
  x->r->nout = ++x->at;
  return x->st != GV_OK;
}

gv_status gv_make_valid(gv_valid_work *w, const gv_array *a, int64_t i, int method, int keep_collapsed,
                        gv_mv_result *r) {
  memset(r, 0, sizeof *r);
  if (!a || i < 0 || i >= a->n || (method != GV_MV_LINEWORK && method != GV_MV_STRUCTURE)) return GV_ERR_ARG;
  uint8_t t = gv_type_byte(a, i);
  r->empty_type = GV_BASE_TYPE(t);
  gv_validity v;
  gv_status st = gv_geom_validity(w, a, i, &v);
  if (st != GV_OK) return st;
  if (v.code == GV_VALID) {
    r->copy = 1;
    return GV_OK;
  }
  r->collection = GV_BASE_TYPE(t) == GV_GEOMETRYCOLLECTION;
  r->nested = method == GV_MV_LINEWORK;
  gv_valid_work *own = NULL;
  if (!w && !(w = own = gv_valid_work_new())) return GV_ERR_NOMEM;
  mv_ctx x = {a, i, w, method, keep_collapsed, r, 0, GV_OK};
  vr_elements(a, i, count_elem, &x);
  r->keep_empties = r->collection && method == GV_MV_STRUCTURE;
  r->out = gv_calloc((size_t)x.at + 1, sizeof *r->out);
  r->etype = gv_calloc((size_t)x.at + 1, 1);
  r->in_empty = gv_calloc((size_t)x.at + 1, 1);
  r->verbatim = gv_calloc((size_t)x.at + 1, 2 * sizeof(int32_t));
  if (!r->out || !r->etype || !r->in_empty || !r->verbatim) {
    gv_mv_result_free(r);
    gv_valid_work_free(own);
    return GV_ERR_NOMEM;
  }
  x.at = 0;
  vr_elements(a, i, each_elem, &x);
  if (x.st != GV_OK) gv_mv_result_free(r);
  gv_valid_work_free(own);
  return x.st;
}

void gv_mv_result_free(gv_mv_result *r) {
  for (int32_t k = 0; k < r->nout; k++) gv_ov_out_free(&r->out[k]);
  gv_free(r->out);
  gv_free(r->etype);
  gv_free(r->in_empty);
  gv_free(r->verbatim);
  r->verbatim = NULL;
  r->out = NULL;
  r->etype = NULL;
  r->in_empty = NULL;
  r->nout = 0;
}

/* ---- output ---------------------------------------------------------------------------------------- */

static void put_part(gv_builder *b, uint8_t kind, const int32_t **cnt, const double **xy) {
  gv_builder_begin_part(b, kind);
  int32_t nr = kind == GV_POLYGON ? *(*cnt)++ : 1;
  for (int32_t r = 0; r < nr; r++) {
    int32_t nc = kind == GV_POINT ? 1 : *(*cnt)++;
    gv_builder_begin_ring(b);
    for (int32_t k = 0; k < nc; k++) gv_builder_coord(b, (*xy)[2 * k], (*xy)[2 * k + 1], NAN, NAN);
    *xy += 2 * nc;
  }
}

/* One element of a collection: its tokens and parts (nothing when empty). */
static void put_tree(gv_builder *b, const gv_ov_out *o, int multipoint) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  int kinds = (o->npoly > 0) + (o->nline > 0) + (o->npt > 0);
  if (kinds > 1) gv_builder_token(b, GV_GEOMETRYCOLLECTION, kinds);
  const uint8_t kk[3] = {GV_POLYGON, GV_LINESTRING, GV_POINT};
  const int32_t nk[3] = {o->npoly, o->nline, o->npt};
  for (int g = 0; g < 3; g++) {
    if (!nk[g]) continue;
    /* a MultiPoint member stays one, as GEOS's GeometryFixer keeps it */
    int multi = nk[g] > 1 || (multipoint && kinds == 1 && kk[g] == GV_POINT);
    gv_builder_token(b, multi ? (uint8_t)(kk[g] + 3) : kk[g], nk[g]);
    for (int32_t k = 0; k < nk[g]; k++) put_part(b, kk[g], &cnt, &xy);
  }
}

/* An empty member of a collection, as the readers build one. */
static void put_empty(gv_builder *b, uint8_t base) {
  int single = base == GV_POINT || base == GV_LINESTRING || base == GV_POLYGON;
  gv_builder_token(b, base, single);
  if (!single) return;
  gv_builder_begin_part(b, base);
  if (base == GV_POLYGON) return;
  gv_builder_begin_ring(b);
  if (base == GV_POINT) gv_builder_coord(b, NAN, NAN, NAN, NAN);
}

/* Whether element k of a collection is written: when its fix is not empty,
 * when it was empty in the input (GEOS keeps empty members as they are), and
 * with the structure method always (as an empty of its type). */
static int leaf_kept(const gv_mv_result *r, int32_t k) {
  return k < r->nout && (r->keep_empties || r->in_empty[k] || r->verbatim[2 * k] >= 0 || nonempty(&r->out[k]));
}

/* A member kept as it is: its parts, rings and coordinates (x, y). */
static void put_verbatim(gv_builder *b, const gv_array *a, uint8_t t, int32_t p0, int32_t p1) {
  uint8_t base = GV_BASE_TYPE(t);
  int single = base == GV_POINT || base == GV_LINESTRING || base == GV_POLYGON;
  gv_builder_token(b, base, single ? 1 : p1 - p0);
  for (int32_t p = p0; p < p1; p++) {
    gv_builder_begin_part(b, gv_part_kind(a, t, p));
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++) {
      gv_builder_begin_ring(b);
      for (int32_t k = gv_ring_begin(a, r); k < gv_ring_end(a, r); k++) gv_builder_coord(b, GV_X(a, k), GV_Y(a, k), NAN, NAN);
    }
  }
}

static void emit_leaf(const gv_mv_result *r, const gv_array *a, int32_t k, gv_builder *b) {
  if (!leaf_kept(r, k)) return;
  uint8_t base = GV_BASE_TYPE(r->etype[k]);
  if (r->verbatim[2 * k] >= 0) put_verbatim(b, a, r->etype[k], r->verbatim[2 * k], r->verbatim[2 * k + 1]);
  else if (nonempty(&r->out[k])) put_tree(b, &r->out[k], base == GV_MULTIPOINT);
  else put_empty(b, base);
}

/* Advances over one subtree of the collection tree at *tok (and its
 * elements at *leaf), as vr_elements walks it; returns whether it is written. */
static int tree_kept(const gv_mv_result *r, const gv_array *a, int32_t *tok, int32_t te, int32_t *leaf, int depth) {
  if (*tok >= te || depth > GV_MAX_DEPTH) return 0;
  uint32_t token = (uint32_t)a->gc_tok[(*tok)++];
  uint8_t base = GV_BASE_TYPE((uint8_t)(token & 0xff));
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) return 0;
  if (base != GV_GEOMETRYCOLLECTION) return leaf_kept(r, (*leaf)++);
  for (int64_t j = 0; j < (int64_t)(token >> 8); j++) tree_kept(r, a, tok, te, leaf, depth + 1);
  return 1; /* a member collection stays, as GEOS keeps it, even when nothing is left in it */
}

/* Writes one subtree: a collection with its written members, or an element's fix. */
static void emit_tree(const gv_mv_result *r, const gv_array *a, int32_t *tok, int32_t te, int32_t *leaf, gv_builder *b,
                      int depth) {
  if (*tok >= te || depth > GV_MAX_DEPTH) return;
  uint32_t token = (uint32_t)a->gc_tok[*tok];
  uint8_t base = GV_BASE_TYPE((uint8_t)(token & 0xff));
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) {
    (*tok)++;
    return;
  }
  if (base != GV_GEOMETRYCOLLECTION) {
    (*tok)++;
    emit_leaf(r, a, (*leaf)++, b);
    return;
  }
  int64_t count = (int64_t)(token >> 8);
  int32_t t2 = *tok + 1, l2 = *leaf, n = 0;
  for (int64_t j = 0; j < count; j++) n += tree_kept(r, a, &t2, te, &l2, depth + 1);
  gv_builder_token(b, GV_GEOMETRYCOLLECTION, n);
  (*tok)++;
  for (int64_t j = 0; j < count; j++) emit_tree(r, a, tok, te, leaf, b, depth + 1);
}

void gv_mv_emit(const gv_mv_result *r, const gv_array *a, int64_t i, gv_builder *b) {
  if (r->copy) {
    gv_builder_append(b, a, i);
    return;
  }
  if (!r->collection) {
    const gv_ov_out *o = &r->out[0];
    if (r->nout == 1 && r->nested && (o->npoly > 0) + (o->nline > 0) + (o->npt > 0) > 1) {
      gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
      put_tree(b, o, 0);
      gv_builder_end_geom(b);
    } else if (r->nout == 1) {
      gv_ov_out_emit(o, b, r->empty_type);
    } else { /* cannot happen: a geometry that is not a collection is one element */
      gv_ov_out none;
      memset(&none, 0, sizeof none);
      gv_ov_out_emit(&none, b, r->empty_type);
    }
    return;
  }
  gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
  if (a->gc_off && a->gc_tok) { /* the input's tree, nested collections and all, as GEOS keeps it */
    int32_t tok = a->gc_off[i], leaf = 0;
    emit_tree(r, a, &tok, a->gc_off[i + 1], &leaf, b, 1); /* depths as vr_elements counts them */
  } else {
    int32_t n = 0;
    for (int32_t k = 0; k < r->nout; k++) n += leaf_kept(r, k);
    gv_builder_token(b, GV_GEOMETRYCOLLECTION, n);
    for (int32_t k = 0; k < r->nout; k++) emit_leaf(r, a, k, b);
  }
  gv_builder_end_geom(b);
}
