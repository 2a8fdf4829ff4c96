/* Constructors: line strings and multipoints from coordinates and
 * offsets, polygons from shells and holes, boxes, and one multi geometry
 * (or collection) per group of geometries. */
#include <math.h>
#include <string.h>

#include "coords.h"

gv_status gv_collect(const gv_array *a, const int32_t *group, int64_t ngroups, gv_builder *b, gv_errors *err) {
  /* members per group, in order: a counting sort */
  int64_t *start = gv_calloc((size_t)ngroups + 2, sizeof(int64_t));
  int64_t *order = gv_malloc(((size_t)a->n + 1) * sizeof(int64_t));
  if (!start || !order) {
    gv_free(start);
    gv_free(order);
    return GV_ERR_NOMEM;
  }
  for (int64_t i = 0; i < a->n; i++) {
    if (group[i] < -1 || group[i] >= ngroups) {
      gv_errors_add(err, i, -1, "group %d is outside 0..%lld", group[i], (long long)ngroups - 1);
      gv_free(start);
      gv_free(order);
      return GV_ERR_ARG;
    }
    if (group[i] >= 0 && !gv_is_null(a, i)) start[group[i] + 1]++;
  }
  for (int64_t g = 0; g < ngroups; g++) start[g + 1] += start[g];
  for (int64_t i = 0; i < a->n; i++)
    if (group[i] >= 0 && !gv_is_null(a, i)) order[start[group[i]]++] = i;
  for (int64_t g = ngroups; g > 0; g--) start[g] = start[g - 1];
  start[0] = 0;
  for (int64_t g = 0; g < ngroups; g++) {
    int64_t m0 = start[g], m1 = start[g + 1];
    uint8_t dims = 0, kind = 0;
    int mixed = 0;
    for (int64_t m = m0; m < m1; m++) {
      uint8_t t = gv_type_byte(a, order[m]);
      dims |= t & (GV_HAS_Z | GV_HAS_M);
      uint8_t base = GV_BASE_TYPE(t);
      if (base > GV_POLYGON) mixed = 1;
      else if (!kind) kind = base;
      else if (kind != base) mixed = 1;
    }
    if (m1 == m0) mixed = 1;
    uint8_t out = (uint8_t)((mixed ? GV_GEOMETRYCOLLECTION : kind + 3) | dims);
    gv_builder_begin_geom(b, out);
    if (mixed) gv_builder_token(b, out, (int32_t)(m1 - m0));
    for (int64_t m = m0; m < m1; m++) {
      int64_t i = order[m];
      uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t);
      int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
      gv_append_parts(b, a, t, out, p0, p1);
      if (!mixed) continue;
      if (base == GV_GEOMETRYCOLLECTION && a->gc_off) {
        for (int32_t k = a->gc_off[i]; k < a->gc_off[i + 1]; k++) {
          uint32_t tok = (uint32_t)a->gc_tok[k];
          gv_builder_token(b, (uint8_t)(tok & 0xff), (int32_t)(tok >> 8));
        }
      } else {
        gv_builder_token(b, t, base <= GV_POLYGON ? 1 : p1 - p0);
      }
    }
    gv_builder_end_geom(b);
  }
  gv_free(start);
  gv_free(order);
  return b->status;
}

gv_status gv_from_coords(const double *xy, int64_t ncoords, int width, const int32_t *off, int64_t n, int type,
                         gv_builder *b, gv_errors *err) {
  if (off[0] != 0 || off[n] != ncoords) {
    gv_errors_add(err, -1, -1, "offsets must start at 0 and end at the number of coordinates (%lld), not %d .. %d",
                  (long long)ncoords, off[0], off[n]);
    return GV_ERR_ARG;
  }
  for (int64_t g = 0; g < n; g++) {
    if (off[g + 1] < off[g]) {
      gv_errors_add(err, g, -1, "offsets must not decrease (%d after %d)", off[g + 1], off[g]);
      return GV_ERR_ARG;
    }
    if (type == GV_LINESTRING && off[g + 1] - off[g] == 1) {
      gv_errors_add(err, g, -1, "line string %lld has 1 coordinate; a line string needs 0 or at least 2", (long long)g);
      return GV_ERR_ARG;
    }
  }
  uint8_t t = (uint8_t)(type | (width == 3 ? GV_HAS_Z : 0));
  for (int64_t g = 0; g < n; g++) {
    gv_builder_begin_geom(b, t);
    if (type == GV_LINESTRING) {
      gv_builder_begin_part(b, GV_LINESTRING);
      gv_builder_begin_ring(b);
    }
    for (int32_t k = off[g]; k < off[g + 1]; k++) {
      const double *c = xy + (int64_t)k * width;
      if (type != GV_LINESTRING) {
        gv_builder_begin_part(b, GV_POINT);
        gv_builder_begin_ring(b);
      }
      gv_builder_coord(b, c[0], c[1], width == 3 ? c[2] : NAN, NAN);
    }
    gv_builder_end_geom(b);
  }
  return b->status;
}

static int closed_ring_ok(const gv_array *a, int64_t i, gv_errors *err, const char *what) {
  int32_t r = gv_part_begin(a, gv_geom_begin(a, i));
  int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
  if (e == k) return 1;
  if (e - k < 4 || GV_X(a, k) != GV_X(a, e - 1) || GV_Y(a, k) != GV_Y(a, e - 1)) {
    gv_errors_add(err, i, -1, "%s %lld is not a closed ring of at least 4 coordinates", what, (long long)i);
    return 0;
  }
  return 1;
}

gv_status gv_polygons(const gv_array *shells, const gv_array *holes, const int32_t *owner, gv_builder *b, gv_errors *err) {
  for (int64_t i = 0; i < shells->n; i++) {
    uint8_t base = GV_BASE_TYPE(gv_type_byte(shells, i));
    if (base != GV_NULL && base != GV_LINESTRING) {
      gv_errors_add(err, i, -1, "shell %lld is not a line string", (long long)i);
      return GV_ERR_ARG;
    }
    if (base == GV_LINESTRING && !closed_ring_ok(shells, i, err, "shell")) return GV_ERR_ARG;
  }
  int64_t nh = holes ? holes->n : 0;
  int64_t *start = gv_calloc((size_t)shells->n + 2, sizeof(int64_t));
  int64_t *order = gv_malloc(((size_t)nh + 1) * sizeof(int64_t));
  if (!start || !order) {
    gv_free(start);
    gv_free(order);
    return GV_ERR_NOMEM;
  }
  gv_status s = GV_OK;
  for (int64_t h = 0; h < nh && !s; h++) {
    uint8_t base = GV_BASE_TYPE(gv_type_byte(holes, h));
    if (owner[h] < 0 || owner[h] >= shells->n) {
      gv_errors_add(err, h, -1, "hole %lld belongs to shell %d, outside 0..%lld", (long long)h, owner[h], (long long)shells->n - 1);
      s = GV_ERR_ARG;
    } else if (base != GV_LINESTRING) {
      gv_errors_add(err, h, -1, "hole %lld is not a line string", (long long)h);
      s = GV_ERR_ARG;
    } else if (!closed_ring_ok(holes, h, err, "hole")) {
      s = GV_ERR_ARG;
    } else if (gv_is_null(shells, owner[h]) || gv_ring_end(shells, gv_part_begin(shells, gv_geom_begin(shells, owner[h]))) ==
                                                   gv_ring_begin(shells, gv_part_begin(shells, gv_geom_begin(shells, owner[h])))) {
      gv_errors_add(err, h, -1, "hole %lld belongs to shell %d, which is null or empty", (long long)h, owner[h]);
      s = GV_ERR_ARG;
    } else {
      start[owner[h] + 1]++;
    }
  }
  if (!s) {
    for (int64_t g = 0; g < shells->n; g++) start[g + 1] += start[g];
    for (int64_t h = 0; h < nh; h++) order[start[owner[h]]++] = h;
    for (int64_t g = shells->n; g > 0; g--) start[g] = start[g - 1];
    start[0] = 0;
    for (int64_t g = 0; g < shells->n; g++) {
      uint8_t t = gv_type_byte(shells, g);
      if (GV_BASE_TYPE(t) == GV_NULL) {
        gv_builder_null(b);
        continue;
      }
      uint8_t dims = t & (GV_HAS_Z | GV_HAS_M);
      for (int64_t m = start[g]; m < start[g + 1]; m++) dims |= gv_type_byte(holes, order[m]) & (GV_HAS_Z | GV_HAS_M);
      uint8_t out = (uint8_t)(GV_POLYGON | dims);
      gv_builder_begin_geom(b, out);
      gv_builder_begin_part(b, GV_POLYGON);
      int32_t r = gv_part_begin(shells, gv_geom_begin(shells, g));
      const gv_array *src = shells;
      for (int64_t m = start[g] - 1; m < start[g + 1]; m++) {
        if (m >= start[g]) {
          src = holes;
          r = gv_part_begin(holes, gv_geom_begin(holes, order[m]));
        }
        int32_t k = gv_ring_begin(src, r), e = gv_ring_end(src, r);
        if (k == e) break; /* an empty shell: POLYGON EMPTY */
        uint8_t st = m < start[g] ? t : gv_type_byte(holes, order[m]);
        int has_z = (st & GV_HAS_Z) && src->z, has_m = (st & GV_HAS_M) && src->m;
        gv_builder_begin_ring(b);
        for (; k < e; k++) {
          int64_t o = (int64_t)k * src->stride;
          gv_builder_coord(b, src->x[o], src->y[o], has_z ? src->z[o] : NAN, has_m ? src->m[o] : NAN);
        }
      }
      gv_builder_end_geom(b);
    }
    s = b->status;
  }
  gv_free(start);
  gv_free(order);
  return s;
}

void gv_box_polygon(gv_builder *b, double x0, double y0, double x1, double y1, int ccw) {
  if (isnan(x0) || isnan(y0) || isnan(x1) || isnan(y1)) {
    gv_builder_null(b);
    return;
  }
  gv_builder_begin_geom(b, GV_POLYGON);
  gv_builder_begin_part(b, GV_POLYGON);
  gv_builder_begin_ring(b);
  /* Shapely's order: from (xmax, ymin), counter-clockwise (or clockwise) */
  if (ccw) {
    gv_builder_coord(b, x1, y0, NAN, NAN);
    gv_builder_coord(b, x1, y1, NAN, NAN);
    gv_builder_coord(b, x0, y1, NAN, NAN);
    gv_builder_coord(b, x0, y0, NAN, NAN);
  } else {
    gv_builder_coord(b, x1, y0, NAN, NAN);
    gv_builder_coord(b, x0, y0, NAN, NAN);
    gv_builder_coord(b, x0, y1, NAN, NAN);
    gv_builder_coord(b, x1, y1, NAN, NAN);
  }
  gv_builder_coord(b, x1, y0, NAN, NAN);
  gv_builder_end_geom(b);
}
