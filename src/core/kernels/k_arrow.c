/* GeoArrow interop kernels for geometry collections: GeoArrow stores a
 * collection as a list of member geometries (a list over a dense union),
 * geovec as the members' parts plus a token tree (see gc_tok in geovec.h).
 * collection_members splits collections into their top-level members;
 * collect builds collections back from members and list offsets. */
#include "kernels.h"

#define MAX_TOKEN_COUNT 0xffffff

/* Extent of the token subtree at *tok: how many tokens and parts it spans.
 * -1 when the tree does not fit in [tok, tok_end) and [0, parts_left). */
static int node_extent(const gv_array *a, int32_t tok, int32_t tok_end, int64_t parts_left,
                       int depth, int32_t *ntok, int64_t *nparts) {
  if (tok >= tok_end || depth > GV_MAX_DEPTH) return -1;
  uint32_t t = (uint32_t)a->gc_tok[tok];
  uint8_t base = GV_BASE_TYPE(t & 0xff);
  int64_t count = (int64_t)(t >> 8);
  if (base >= GV_POINT && base <= GV_POLYGON) {
    *ntok = 1;
    *nparts = 1;
  } else if (base >= GV_MULTIPOINT && base <= GV_MULTIPOLYGON) {
    *ntok = 1;
    *nparts = count;
  } else if (base == GV_GEOMETRYCOLLECTION) {
    int32_t at = tok + 1;
    int64_t parts = 0;
    for (int64_t j = 0; j < count; j++) {
      int32_t k = 0;
      int64_t p = 0;
      if (node_extent(a, at, tok_end, parts_left - parts, depth + 1, &k, &p)) return -1;
      at += k;
      parts += p;
    }
    *ntok = at - tok;
    *nparts = parts;
  } else {
    return -1;
  }
  return *nparts <= parts_left ? 0 : -1;
}

/* collection_members(arr0) -> out_arr: the top-level members of every
 * collection, in order; out0: int32 offsets (n + 1) of each element's
 * members. Null elements have no members; any other non-collection element
 * is an argument error (index in the error list). */
gv_status gv_k_collection_members(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int64_t n = a->n;
  int32_t *off = gv_malloc((size_t)(n + 1) * sizeof(int32_t));
  if (!off) return GV_ERR_NOMEM;
  gv_builder b;
  gv_builder_init(&b);
  gv_status s = GV_ERR_ARG;
  off[0] = 0;
  for (int64_t i = 0; i < n; i++) {
    uint8_t t = gv_type_byte(a, i);
    int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
    if (GV_BASE_TYPE(t) == GV_NULL) {
      off[i + 1] = (int32_t)b.n;
      continue;
    }
    if (GV_BASE_TYPE(t) != GV_GEOMETRYCOLLECTION || pe < pb) {
      gv_errors_add(&c->err, i, -1, "element is not a GeometryCollection");
      goto fail;
    }
    int32_t tb = a->gc_off ? a->gc_off[i] : 0, te = a->gc_off ? a->gc_off[i + 1] : 0;
    if (te <= tb) {
      /* no tree: a flat collection of the parts, with the geometry's dims */
      for (int32_t p = pb; p < pe; p++) {
        uint8_t mt = (uint8_t)(gv_part_kind(a, t, p) | (t & (GV_HAS_Z | GV_HAS_M)));
        gv_builder_begin_geom(&b, mt);
        gv_builder_copy_parts(&b, a, mt, p, p + 1);
        gv_builder_end_geom(&b);
      }
    } else {
      uint32_t root = (uint32_t)a->gc_tok[tb];
      if (GV_BASE_TYPE(root & 0xff) != GV_GEOMETRYCOLLECTION) {
        gv_errors_add(&c->err, i, -1, "collection tree does not start with a collection");
        goto fail;
      }
      int32_t at = tb + 1, part = pb;
      for (uint32_t j = 0; j < (root >> 8); j++) {
        int32_t ntok = 0;
        int64_t nparts = 0;
        if (node_extent(a, at, te, pe - part, 0, &ntok, &nparts)) {
          gv_errors_add(&c->err, i, -1, "collection tree does not match the parts");
          goto fail;
        }
        uint8_t mt = (uint8_t)(a->gc_tok[at] & 0xff);
        gv_builder_begin_geom(&b, mt);
        gv_builder_copy_parts(&b, a, mt, part, (int32_t)(part + nparts));
        if (GV_BASE_TYPE(mt) == GV_GEOMETRYCOLLECTION) {
          for (int32_t k = at; k < at + ntok; k++) {
            uint32_t tok = (uint32_t)a->gc_tok[k];
            gv_builder_token(&b, (uint8_t)(tok & 0xff), (int32_t)(tok >> 8));
          }
        }
        gv_builder_end_geom(&b);
        at += ntok;
        part += (int32_t)nparts;
      }
    }
    if (b.n > GV_MAX_COUNT) {
      s = GV_ERR_LIMIT;
      goto fail;
    }
    off[i + 1] = (int32_t)b.n;
  }
  c->out_arr = gv_builder_finish(&b);
  if (!c->out_arr) {
    gv_free(off);
    return GV_ERR_NOMEM;
  }
  c->out[0].data = off;
  c->out[0].len = (size_t)(n + 1) * sizeof(int32_t);
  return GV_OK;
fail:
  gv_builder_free(&b);
  gv_free(off);
  return s;
}

/* collection_build(arr0 members, in0 int32 offsets (n + 1) into the members, in1
 * validity bitmap (empty = none)): num0 n, num1 validity bit offset, num2
 * dimension flags of the collections -> out_arr of n GeometryCollections
 * (null where the bitmap says so). A null member is an error. */
gv_status gv_k_collection_build(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || !(c->num[0] >= 0 && c->num[0] <= GV_MAX_COUNT) || !(c->num[1] >= 0 && c->num[1] <= GV_MAX_COUNT))
    return GV_ERR_ARG;
  int64_t n = (int64_t)c->num[0];
  int64_t voff = (int64_t)c->num[1];
  uint8_t dims = (uint8_t)((c->num[2] == c->num[2] ? (int)c->num[2] : 0) & (GV_HAS_Z | GV_HAS_M));
  if (c->in[0].len != (size_t)(n + 1) * sizeof(int32_t)) return GV_ERR_ARG;
  const int32_t *off = c->in[0].data;
  const uint8_t *valid = c->in[1].len ? c->in[1].data : NULL;
  if (valid && (size_t)((n + voff + 7) / 8) > c->in[1].len) return GV_ERR_ARG;
  for (int64_t i = 0; i <= n; i++) {
    if (off[i] < 0 || off[i] > a->n || (i && off[i] < off[i - 1])) {
      gv_errors_add(&c->err, i, -1, "collection offset %lld is negative, decreasing or past the members",
                    (long long)i);
      return GV_ERR_ARG;
    }
  }
  gv_builder b;
  gv_builder_init(&b);
  for (int64_t i = 0; i < n; i++) {
    int64_t bit = i + voff;
    if (valid && !((valid[bit >> 3] >> (bit & 7)) & 1)) {
      gv_builder_null(&b);
      continue;
    }
    if (off[i + 1] - off[i] > MAX_TOKEN_COUNT) {
      gv_errors_add(&c->err, i, -1, "collection has more than %d members", MAX_TOKEN_COUNT);
      gv_builder_free(&b);
      return GV_ERR_LIMIT;
    }
    uint8_t gt = (uint8_t)(GV_GEOMETRYCOLLECTION | dims);
    gv_builder_begin_geom(&b, gt);
    size_t root = gv_builder_token_pos(&b);
    gv_builder_token(&b, gt, off[i + 1] - off[i]);
    for (int32_t j = off[i]; j < off[i + 1]; j++) {
      uint8_t t = gv_type_byte(a, j);
      uint8_t base = GV_BASE_TYPE(t);
      if (base == GV_NULL) {
        gv_errors_add(&c->err, i, -1, "member %d of the collection is null", j - off[i]);
        gv_builder_free(&b);
        return GV_ERR_ARG;
      }
      gt |= t & (GV_HAS_Z | GV_HAS_M);
      gv_builder_set_type(&b, gt);
      int32_t pb = gv_geom_begin(a, j), pe = gv_geom_end(a, j);
      if (a->gc_off && a->gc_off[j + 1] > a->gc_off[j]) {
        for (int32_t k = a->gc_off[j]; k < a->gc_off[j + 1]; k++) {
          uint32_t tok = (uint32_t)a->gc_tok[k];
          gv_builder_token(&b, (uint8_t)(tok & 0xff), (int32_t)(tok >> 8));
        }
      } else if (base == GV_GEOMETRYCOLLECTION) {
        /* a flat collection without a tree: its parts as simple members */
        gv_builder_token(&b, t, pe - pb);
        for (int32_t p = pb; p < pe; p++)
          gv_builder_token(&b, (uint8_t)(gv_part_kind(a, t, p) | (t & (GV_HAS_Z | GV_HAS_M))), 1);
      } else {
        if (pe - pb > MAX_TOKEN_COUNT || (base < GV_MULTIPOINT && pe - pb != 1)) {
          gv_errors_add(&c->err, i, -1, "member %d of the collection has %d parts", j - off[i], pe - pb);
          gv_builder_free(&b);
          return GV_ERR_ARG;
        }
        gv_builder_token(&b, t, base >= GV_MULTIPOINT ? pe - pb : 1);
      }
      gv_builder_copy_parts(&b, a, t, pb, pe);
    }
    gv_builder_patch_token(&b, root, gt, off[i + 1] - off[i]);
    gv_builder_end_geom(&b);
  }
  c->out_arr = gv_builder_finish(&b);
  return c->out_arr ? GV_OK : GV_ERR_NOMEM;
}
