/* Structural transforms: rebuild a geometry member by member, keeping the
 * tree of a GeometryCollection (see sh_map in shape.h). */
#include "shape.h"

typedef struct map_state {
  const gv_array *a;
  gv_builder *b;
  sh_member_fn fn;
  void *ctx;
  int64_t i;
  int32_t tok, tok_end, part, part_end;
  int prune;
} map_state;

/* One node of the collection tree. Returns 1 kept, 0 dropped, -1 error. */
static int node(map_state *s, int depth) {
  if (s->tok >= s->tok_end || depth > GV_MAX_DEPTH) return -1;
  uint32_t token = (uint32_t)s->a->gc_tok[s->tok++];
  uint8_t t = (uint8_t)(token & 0xff), base = GV_BASE_TYPE(t);
  int32_t count = (int32_t)(token >> 8);
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) return -1;
  if (base == GV_GEOMETRYCOLLECTION) {
    size_t pos = gv_builder_token_pos(s->b);
    gv_builder_token(s->b, t, 0);
    int32_t kept = 0;
    for (int32_t j = 0; j < count; j++) {
      int r = node(s, depth + 1);
      if (r < 0) return -1;
      kept += r;
    }
    gv_builder_patch_token(s->b, pos, t, kept);
    if (!kept && s->prune && depth > 1) {
      s->b->gc_tok.len = pos * sizeof(int32_t);
      return 0;
    }
    return 1;
  }
  int32_t nparts = base <= GV_POLYGON ? 1 : count;
  if (nparts < 0 || s->part + nparts > s->part_end) return -1;
  sh_mark m = sh_mark_get(s->b);
  uint8_t ot = GV_NULL;
  if (s->fn(s->ctx, s->a, t, s->part, s->part + nparts, 1, s->b, &ot)) return -1;
  s->part += nparts;
  if (GV_BASE_TYPE(ot) == GV_NULL) {
    sh_mark_rewind(s->b, m);
    return 0;
  }
  int32_t made = (int32_t)((s->b->part_off.len - m.parts) / sizeof(int32_t));
  gv_builder_token(s->b, ot, GV_BASE_TYPE(ot) <= GV_POLYGON ? 1 : made);
  return 1;
}

int sh_map(const gv_array *a, int64_t i, gv_builder *b, sh_member_fn fn, void *ctx) {
  return sh_map_prune(a, i, b, fn, ctx, 0);
}

int sh_dimension_all(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t);
  static const int dim[8] = {-1, 0, 1, 2, 0, 1, 2, -1};
  if (base != GV_GEOMETRYCOLLECTION) return dim[base & 7];
  if (!a->gc_off || !a->gc_tok) return -1;
  int d = -1;
  for (int32_t k = a->gc_off[i]; k < a->gc_off[i + 1]; k++) {
    int e = dim[a->gc_tok[k] & 7];
    if (e > d) d = e;
  }
  return d;
}

int sh_map_prune(const gv_array *a, int64_t i, gv_builder *b, sh_member_fn fn, void *ctx, int prune) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return 0;
  }
  gv_builder_begin_geom(b, t);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  if (GV_BASE_TYPE(t) != GV_GEOMETRYCOLLECTION) {
    uint8_t ot = GV_NULL;
    if (fn(ctx, a, t, p0, p1, 0, b, &ot)) {
      gv_builder_abort_geom(b);
      return -1;
    }
    if (GV_BASE_TYPE(ot) == GV_NULL) {
      gv_builder_abort_geom(b);
      gv_builder_null(b);
      return 0;
    }
    gv_builder_set_type(b, ot);
    gv_builder_end_geom(b);
    return 0;
  }
  if (!a->gc_off || !a->gc_tok) {
    gv_builder_abort_geom(b);
    gv_builder_null(b);
    return 0;
  }
  map_state s = {a, b, fn, ctx, i, a->gc_off[i], a->gc_off[i + 1], p0, p1, prune};
  if (node(&s, 1) < 0) {
    gv_builder_abort_geom(b);
    if (b->status) return -1;
    gv_builder_null(b); /* a malformed tree */
    return 0;
  }
  gv_builder_end_geom(b);
  return b->status ? -1 : 0;
}

uint8_t sh_collapse(uint8_t type, int32_t kept, int in_collection) {
  uint8_t base = GV_BASE_TYPE(type), dims = type & (GV_HAS_Z | GV_HAS_M);
  if (base >= GV_MULTIPOINT && base <= GV_MULTIPOLYGON) {
    if (kept == 0) return in_collection ? GV_NULL : type;
    if (kept == 1) return (uint8_t)((base - 3) | dims);
    return type;
  }
  return kept == 0 && in_collection ? GV_NULL : type;
}
