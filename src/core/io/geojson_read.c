/* GeoJSON reader (RFC 7946 over strict RFC 8259 JSON), appending to a
 * builder in one pass over the bytes.
 *
 * Accepted documents: a FeatureCollection, a Feature, a Geometry, or a JSON
 * array whose items are any of those (or null, which gives a null element,
 * so that the writer's output for a whole array reads back). Each Feature
 * and each bare Geometry is one output element, in document order.
 *
 * Members may come in any order. The common order ("type" first) is parsed
 * in place; when "coordinates", "geometries", "geometry" or "features" come
 * before "type", their value is skipped (and validated) first, its byte range
 * remembered, and parsed from there once the object's end is reached.
 *
 * Errors come in two kinds:
 *  - GeoJSON errors in valid JSON (unknown type, unclosed ring, positions of
 *    different sizes, a missing member, ...) are "bad": with on_invalid_null
 *    the feature or geometry becomes null (a Feature keeps its properties and
 *    id) and parsing goes on after it;
 *  - JSON syntax errors, and errors at the FeatureCollection level (no
 *    "features", "features" not an array), "stop" the whole parse with
 *    GV_ERR_PARSE in both modes: we cannot tell where the next feature starts.
 * Messages carry the element index (the output position of the feature being
 * read) and the byte offset in the document.
 *
 * Coordinates go through a fixed nesting per geometry type (loops, no
 * recursion); only GeometryCollections recurse, at most GV_MAX_DEPTH deep,
 * and skipped values use json_scan's iterative skipper. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "geovec.h"
#include "json_scan.h"

/* Results of the parse functions. */
enum { R_OK = 0, R_BAD = 1, R_STOP = 2, R_NOMEM = 3 };

/* Object kinds: the geometry type codes 1..7, and these two. */
enum { K_NONE = 0, K_FEATURE = 8, K_FEATURECOLLECTION = 9 };

/* Where an object sits: decides which kinds it may have and what becomes of it. */
enum {
  CTX_TOP,      /* the document or an item of a top-level array: emits elements */
  CTX_FEATURES, /* an item of "features": a Feature */
  CTX_FEATGEOM, /* the "geometry" of a Feature: the element's geometry */
  CTX_GCCHILD,  /* a member of "geometries": a subtree of a collection */
};

/* Collection counts live in tokens next to an 8-bit type byte. */
#define MAX_TOKEN_COUNT 0xffffff

static const char *const kind_names[] = {"",
                                         "Point",
                                         "LineString",
                                         "Polygon",
                                         "MultiPoint",
                                         "MultiLineString",
                                         "MultiPolygon",
                                         "GeometryCollection",
                                         "Feature",
                                         "FeatureCollection"};

enum { KEY_OTHER, KEY_TYPE, KEY_COORDINATES, KEY_GEOMETRIES, KEY_GEOMETRY, KEY_FEATURES,
       KEY_PROPERTIES, KEY_ID, NKEYS };
static const char *const key_names[NKEYS] = {"",         "type",     "coordinates", "geometries",
                                             "geometry", "features", "properties",  "id"};

typedef struct gj {
  gv_json j;
  gv_builder b;
  gv_errors *err;
  gv_buf *props;
  int null_on_invalid;
  int building; /* gv_builder_begin_geom was called for the element being read */
  int ncoord;   /* numbers per position of the geometry being read; -1 = none yet */
} gj;

/* A member's value as a byte range of the document; start < 0 = absent. */
typedef struct span {
  int64_t start, end;
} span;

/* ---- errors ---------------------------------------------------------------- */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static int report(gj *p, int result, size_t off, const char *fmt, ...) {
  char msg[320];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (p->err) gv_errors_add(p->err, p->b.n, (int64_t)off, "%s", msg);
  return result;
}

/* A syntax error found by the scanner (message already in p->j). */
static int syntax(gj *p) { return report(p, R_STOP, p->j.err_off, "%s", p->j.msg); }

static int syntax_expected(gj *p, const char *what) {
  gv_json_expected(&p->j, what);
  return syntax(p);
}

/* Something else than `what` at the current position: valid JSON of the
 * wrong kind is a GeoJSON error, anything else a syntax error. */
static int want(gj *p, const char *what) {
  if (p->j.pos < p->j.len && gv_json_value_start(p->j.s[p->j.pos]))
    return report(p, R_BAD, p->j.pos, "expected %s", what);
  return syntax_expected(p, what);
}

static int skip(gj *p) { return gv_json_skip(&p->j) ? syntax(p) : R_OK; }

/* ---- where a position or ring is, for messages ------------------------------- */
typedef struct loc {
  uint8_t kind; /* the geometry type being read */
  int64_t part, ring;
} loc;

/* Names a position (idx >= 0) or the ring / line holding it (idx < 0). */
static const char *where(char *buf, size_t cap, const loc *w, int64_t idx) {
  long long i = (long long)idx, r = (long long)w->ring, k = (long long)w->part;
  switch (w->kind) {
  case GV_POINT: snprintf(buf, cap, "position of Point"); break;
  case GV_LINESTRING:
    if (idx >= 0) snprintf(buf, cap, "position %lld of LineString", i);
    else snprintf(buf, cap, "LineString");
    break;
  case GV_MULTIPOINT: snprintf(buf, cap, "point %lld of MultiPoint", i); break;
  case GV_POLYGON:
    if (idx >= 0) snprintf(buf, cap, "position %lld of ring %lld of Polygon", i, r);
    else snprintf(buf, cap, "ring %lld of Polygon", r);
    break;
  case GV_MULTILINESTRING:
    if (idx >= 0) snprintf(buf, cap, "position %lld of line %lld of MultiLineString", i, k);
    else snprintf(buf, cap, "line %lld of MultiLineString", k);
    break;
  default:
    if (idx >= 0)
      snprintf(buf, cap, "position %lld of ring %lld of polygon %lld of MultiPolygon", i, r, k);
    else snprintf(buf, cap, "ring %lld of polygon %lld of MultiPolygon", r, k);
    break;
  }
  return buf;
}

/* ---- positions -------------------------------------------------------------- */
/* No number where one was expected, at p->j.pos. */
static int number_error(gj *p, const loc *w, int64_t idx) {
  size_t i = p->j.pos;
  char at[96];
  if (i < p->j.len) {
    uint8_t c = p->j.s[i];
    if (c == '-' || (c >= '0' && c <= '9')) return report(p, R_STOP, i, "invalid number");
    if (gv_json_value_start(c))
      return report(p, R_BAD, i, "expected a number in %s", where(at, sizeof at, w, idx));
  }
  return syntax_expected(p, "a number");
}

/* A position at p->j.pos (a '[' the caller has seen): up to 4 numbers into
 * v, their count into *n (5 stands for "more than 4"). */
static int parse_position(gj *p, double v[4], int *n, const loc *w, int64_t idx) {
  const uint8_t *s = p->j.s;
  size_t len = p->j.len, i = p->j.pos + 1;
  int k = 0;
  while (i < len && gv_json_is_ws(s[i])) i++;
  if (i < len && s[i] == ']') {
    p->j.pos = i + 1;
    *n = 0;
    return R_OK;
  }
  for (;;) {
    double d;
    size_t used = i < len ? gv_parse_double((const char *)s + i, len - i, 1, &d) : 0;
    if (!used) {
      p->j.pos = i;
      return number_error(p, w, idx);
    }
    if (!isfinite(d)) {
      char at[96];
      return report(p, R_BAD, i, "number out of range in %s", where(at, sizeof at, w, idx));
    }
    if (k < 4) v[k] = d;
    if (k < 5) k++;
    i += used;
    while (i < len && gv_json_is_ws(s[i])) i++;
    if (i < len && s[i] == ',') {
      i++;
      while (i < len && gv_json_is_ws(s[i])) i++;
      continue;
    }
    if (i < len && s[i] == ']') break;
    p->j.pos = i;
    return syntax_expected(p, "',' or ']' in position");
  }
  p->j.pos = i + 1;
  *n = k;
  return R_OK;
}

static uint8_t dims_of(int ncoord) {
  return ncoord == 3 ? GV_HAS_Z : ncoord == 4 ? (GV_HAS_Z | GV_HAS_M) : 0;
}

/* Appends a position of n numbers found at off. The first position of a
 * geometry fixes the count for the rest of it. */
static int add_position(gj *p, const double *v, int n, const loc *w, int64_t idx, size_t off) {
  if (n != p->ncoord) {
    char at[96];
    if (n < 2)
      return report(p, R_BAD, off, "%s has %d number%s, at least 2 required",
                    where(at, sizeof at, w, idx), n, n == 1 ? "" : "s");
    if (n > 4) return report(p, R_BAD, off, "%s has more than 4 numbers", where(at, sizeof at, w, idx));
    if (p->ncoord >= 0)
      return report(p, R_BAD, off, "%s has %d numbers but the first position has %d",
                    where(at, sizeof at, w, idx), n, p->ncoord);
    p->ncoord = n;
    if (n > 2 && gv_builder_dims(&p->b, dims_of(n))) return R_NOMEM;
  }
  gv_builder_coord(&p->b, v[0], v[1], n > 2 ? v[2] : NAN, n > 3 ? v[3] : NAN);
  return R_OK;
}

/* An array of positions: a LineString, a ring, a line of a MultiLineString,
 * or the points of a MultiPoint (each its own part; [] is an empty point).
 * `what` names the array for messages; *count gets its length. */
static int parse_positions(gj *p, const loc *w, const char *what, int multipoint, int64_t *count) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  if (j->pos >= j->len || s[j->pos] != '[') return want(p, what);
  j->pos++;
  gv_json_ws(j);
  int64_t k = 0;
  if (j->pos < j->len && s[j->pos] == ']') {
    j->pos++;
    *count = 0;
    return R_OK;
  }
  for (;;) {
    size_t off = j->pos;
    double v[4];
    int n, r;
    if (off >= j->len || s[off] != '[') return want(p, "a position (an array of numbers)");
    if ((r = parse_position(p, v, &n, w, k))) return r;
    if (multipoint) {
      gv_builder_begin_part(&p->b, GV_POINT);
      gv_builder_begin_ring(&p->b);
      if (n == 0) gv_builder_coord(&p->b, NAN, NAN, NAN, NAN);
      else if ((r = add_position(p, v, n, w, k, off))) return r;
    } else if (n == p->ncoord) {
      gv_builder_coord(&p->b, v[0], v[1], n > 2 ? v[2] : NAN, n > 3 ? v[3] : NAN);
    } else if ((r = add_position(p, v, n, w, k, off))) {
      return r;
    }
    k++;
    gv_json_ws(j);
    if (j->pos < j->len && s[j->pos] == ',') {
      j->pos++;
      gv_json_ws(j);
      continue;
    }
    if (j->pos < j->len && s[j->pos] == ']') break;
    return syntax_expected(p, "',' or ']' after position");
  }
  j->pos++;
  *count = k;
  return R_OK;
}

/* The rings of one polygon (its part already begun). */
static int parse_rings(gj *p, loc *w, const char *what) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  if (j->pos >= j->len || s[j->pos] != '[') return want(p, what);
  j->pos++;
  gv_json_ws(j);
  if (j->pos < j->len && s[j->pos] == ']') {
    j->pos++;
    return R_OK;
  }
  for (w->ring = 0;; w->ring++) {
    size_t off = j->pos;
    int64_t n;
    int r;
    char at[96];
    gv_builder_begin_ring(&p->b);
    if ((r = parse_positions(p, w, "a ring (an array of positions)", 0, &n))) return r;
    if (n < 4)
      return report(p, R_BAD, off, "%s has %lld position%s, at least 4 required",
                    where(at, sizeof at, w, -1), (long long)n, n == 1 ? "" : "s");
    if (p->b.status) return R_NOMEM;
    const double *c = (const double *)p->b.coords.data;
    int64_t stride = p->b.stride, last = gv_builder_ncoords(&p->b) - 1, first = last - (n - 1);
    if (c[first * stride] != c[last * stride] || c[first * stride + 1] != c[last * stride + 1])
      return report(p, R_BAD, off, "%s is not closed", where(at, sizeof at, w, -1));
    gv_json_ws(j);
    if (j->pos < j->len && s[j->pos] == ',') {
      j->pos++;
      gv_json_ws(j);
      continue;
    }
    if (j->pos < j->len && s[j->pos] == ']') break;
    return syntax_expected(p, "',' or ']' after ring");
  }
  j->pos++;
  return R_OK;
}

/* The parts of a MultiLineString or MultiPolygon; *count gets how many. */
static int parse_parts(gj *p, loc *w, int64_t *count) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  int lines = w->kind == GV_MULTILINESTRING;
  if (j->pos >= j->len || s[j->pos] != '[')
    return want(p, lines ? "an array of lines" : "an array of polygons");
  j->pos++;
  gv_json_ws(j);
  *count = 0;
  if (j->pos < j->len && s[j->pos] == ']') {
    j->pos++;
    return R_OK;
  }
  for (w->part = 0;; w->part++) {
    size_t off = j->pos;
    int r;
    if (lines) {
      int64_t n;
      char at[96];
      gv_builder_begin_part(&p->b, GV_LINESTRING);
      gv_builder_begin_ring(&p->b);
      if ((r = parse_positions(p, w, "a line (an array of positions)", 0, &n))) return r;
      if (n == 1)
        return report(p, R_BAD, off, "%s has 1 position, 0 or at least 2 required",
                      where(at, sizeof at, w, -1));
    } else {
      gv_builder_begin_part(&p->b, GV_POLYGON);
      w->ring = 0;
      if ((r = parse_rings(p, w, "a polygon (an array of rings)"))) return r;
    }
    gv_json_ws(j);
    if (j->pos < j->len && s[j->pos] == ',') {
      j->pos++;
      gv_json_ws(j);
      continue;
    }
    if (j->pos < j->len && s[j->pos] == ']') break;
    return syntax_expected(p, lines ? "',' or ']' after line" : "',' or ']' after polygon");
  }
  j->pos++;
  *count = w->part + 1;
  return R_OK;
}

/* The "coordinates" of a geometry of the given kind (not a collection), at
 * p->j.pos. An element-level geometry begins the builder's geometry; a
 * collection member writes its token. *type_out gets the type byte. */
static int build_coords(gj *p, uint8_t kind, int element, uint8_t *type_out) {
  gv_builder *b = &p->b;
  gv_json *j = &p->j;
  size_t tok = 0, off = j->pos;
  if (element) {
    gv_builder_begin_geom(b, kind);
    p->building = 1;
  } else {
    tok = gv_builder_token_pos(b);
    gv_builder_token(b, kind, 0);
  }
  p->ncoord = -1;
  loc w = {kind, 0, 0};
  int64_t count = 1, n;
  int r;
  switch (kind) {
  case GV_POINT: {
    double v[4];
    int nn;
    gv_builder_begin_part(b, GV_POINT);
    gv_builder_begin_ring(b);
    if (off >= j->len || j->s[off] != '[') return want(p, "a position (an array of numbers)");
    if ((r = parse_position(p, v, &nn, &w, 0))) return r;
    if (nn == 0) gv_builder_coord(b, NAN, NAN, NAN, NAN); /* POINT EMPTY */
    else if ((r = add_position(p, v, nn, &w, 0, off))) return r;
    break;
  }
  case GV_LINESTRING:
    gv_builder_begin_part(b, GV_LINESTRING);
    gv_builder_begin_ring(b);
    if ((r = parse_positions(p, &w, "an array of positions", 0, &n))) return r;
    if (n == 1) return report(p, R_BAD, off, "LineString has 1 position, 0 or at least 2 required");
    break;
  case GV_MULTIPOINT:
    if ((r = parse_positions(p, &w, "an array of positions", 1, &count))) return r;
    break;
  case GV_POLYGON:
    gv_builder_begin_part(b, GV_POLYGON);
    if ((r = parse_rings(p, &w, "an array of rings"))) return r;
    break;
  default: /* GV_MULTILINESTRING, GV_MULTIPOLYGON */
    if ((r = parse_parts(p, &w, &count))) return r;
    break;
  }
  if (b->status) return R_NOMEM;
  uint8_t t = (uint8_t)(kind | dims_of(p->ncoord));
  if (element) {
    gv_builder_set_type(b, t);
  } else {
    if (count > MAX_TOKEN_COUNT)
      return report(p, R_BAD, off, "%s in a GeometryCollection has %lld parts (at most %d)",
                    kind_names[kind], (long long)count, MAX_TOKEN_COUNT);
    gv_builder_patch_token(b, tok, t, (int32_t)count);
  }
  *type_out = t;
  return R_OK;
}

static int parse_object(gj *p, int ctx, int depth, uint8_t *type_out);

/* The "geometries" of a collection at p->j.pos; `depth` counts the
 * collections around this one. */
static int build_collection(gj *p, int element, int depth, uint8_t *type_out) {
  gv_builder *b = &p->b;
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  size_t off = j->pos;
  if (depth >= GV_MAX_DEPTH)
    return report(p, R_BAD, off, "GeometryCollection nested deeper than %d levels", GV_MAX_DEPTH);
  if (element) {
    gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
    p->building = 1;
  }
  size_t tok = gv_builder_token_pos(b);
  gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
  if (off >= j->len || s[off] != '[') return want(p, "an array of geometries");
  j->pos++;
  gv_json_ws(j);
  int64_t count = 0;
  uint8_t dims = 0;
  if (j->pos < j->len && s[j->pos] == ']') {
    j->pos++;
  } else {
    for (;;) {
      uint8_t t;
      int r;
      if (j->pos >= j->len || s[j->pos] != '{') return want(p, "a geometry object");
      if ((r = parse_object(p, CTX_GCCHILD, depth + 1, &t))) return r;
      dims |= t & (GV_HAS_Z | GV_HAS_M);
      count++;
      gv_json_ws(j);
      if (j->pos < j->len && s[j->pos] == ',') {
        j->pos++;
        gv_json_ws(j);
        continue;
      }
      if (j->pos < j->len && s[j->pos] == ']') break;
      return syntax_expected(p, "',' or ']' after geometry");
    }
    j->pos++;
  }
  if (count > MAX_TOKEN_COUNT)
    return report(p, R_BAD, off, "GeometryCollection has %lld members (at most %d)",
                  (long long)count, MAX_TOKEN_COUNT);
  uint8_t t = (uint8_t)(GV_GEOMETRYCOLLECTION | dims);
  gv_builder_patch_token(b, tok, t, (int32_t)count);
  if (element) gv_builder_set_type(b, t);
  if (b->status) return R_NOMEM;
  *type_out = t;
  return R_OK;
}

/* ---- features --------------------------------------------------------------- */
/* Appends the element: the geometry being built, or a null. */
static int emit(gj *p, int has_geom, const span *props, const span *id) {
  if (has_geom) {
    gv_builder_end_geom(&p->b);
    p->building = 0;
  } else {
    gv_builder_null(&p->b);
  }
  if (p->b.status) return R_NOMEM;
  if (p->props) {
    int64_t v[4] = {props ? props->start : -1, props ? props->end : -1, id ? id->start : -1,
                    id ? id->end : -1};
    if (gv_buf_append(p->props, v, sizeof v)) return R_NOMEM;
  }
  return R_OK;
}

enum { G_ABSENT, G_NULL, G_BUILT, G_FAILED };

/* A Feature's "geometry" value: an object or null. A bad geometry becomes
 * null (with on_invalid_null) while the feature goes on. */
static int feature_geometry(gj *p, int *state) {
  gv_json *j = &p->j;
  size_t start = j->pos;
  int r;
  if (j->len - start >= 4 && memcmp(j->s + start, "null", 4) == 0) {
    j->pos += 4;
    *state = G_NULL;
    return R_OK;
  }
  if (start < j->len && j->s[start] == '{') {
    uint8_t t;
    r = parse_object(p, CTX_FEATGEOM, 0, &t);
    if (r == R_OK) {
      *state = G_BUILT;
      return R_OK;
    }
  } else {
    r = want(p, "a geometry object or null");
  }
  if (r != R_BAD || !p->null_on_invalid) return r;
  if (p->building) {
    gv_builder_abort_geom(&p->b);
    p->building = 0;
  }
  j->pos = start;
  if (gv_json_skip(j)) return syntax(p);
  *state = G_FAILED;
  return R_OK;
}

static int parse_item(gj *p, int ctx);

/* The "features" array of a FeatureCollection. */
static int parse_features(gj *p) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  if (j->pos >= j->len || s[j->pos] != '[') return want(p, "an array of features");
  j->pos++;
  gv_json_ws(j);
  if (j->pos < j->len && s[j->pos] == ']') {
    j->pos++;
    return R_OK;
  }
  for (;;) {
    int r = parse_item(p, CTX_FEATURES);
    if (r) return r;
    gv_json_ws(j);
    if (j->pos < j->len && s[j->pos] == ',') {
      j->pos++;
      gv_json_ws(j);
      continue;
    }
    if (j->pos < j->len && s[j->pos] == ']') break;
    return syntax_expected(p, "',' or ']' after feature");
  }
  j->pos++;
  return R_OK;
}

/* ---- objects ------------------------------------------------------------------ */
static int classify_key(const uint8_t *raw, size_t n, int escaped) {
  char buf[16];
  const char *k = (const char *)raw;
  if (escaped) {
    int m = gv_json_short_ascii(raw, n, buf, sizeof buf);
    if (m < 0) return KEY_OTHER;
    k = buf;
    n = (size_t)m;
  }
  for (int i = 1; i < NKEYS; i++)
    if (strlen(key_names[i]) == n && memcmp(key_names[i], k, n) == 0) return i;
  return KEY_OTHER;
}

/* The "type" member's value at p->j.pos: sets *kind, checked against ctx. */
static int read_type(gj *p, int ctx, int *kind) {
  gv_json *j = &p->j;
  size_t start = j->pos;
  int escaped;
  char buf[24];
  if (start >= j->len || j->s[start] != '"') return want(p, "a string for \"type\"");
  if (gv_json_string(j, &escaped)) return syntax(p);
  const uint8_t *raw = j->s + start + 1;
  size_t n = j->pos - start - 2;
  const char *name = (const char *)raw;
  size_t nn = n;
  if (escaped) {
    int m = gv_json_short_ascii(raw, n, buf, sizeof buf);
    name = buf;
    nn = m < 0 ? 0 : (size_t)m;
  }
  int k = K_NONE;
  for (int i = 1; i <= K_FEATURECOLLECTION; i++)
    if (strlen(kind_names[i]) == nn && memcmp(kind_names[i], name, nn) == 0) k = i;
  int shown = n > 60 ? 60 : (int)n;
  const char *more = n > 60 ? "..." : "";
  if (ctx == CTX_FEATURES && k != K_FEATURE)
    return report(p, R_BAD, start, "expected a Feature in \"features\", got \"%.*s%s\"", shown,
                  (const char *)raw, more);
  if (k == K_NONE)
    return report(p, R_BAD, start, "unknown geometry type \"%.*s%s\"", shown, (const char *)raw,
                  more);
  if ((ctx == CTX_FEATGEOM || ctx == CTX_GCCHILD) && k > GV_GEOMETRYCOLLECTION)
    return report(p, R_BAD, start, "expected a geometry, got \"%s\"", kind_names[k]);
  *kind = k;
  return R_OK;
}

/* The value of a payload member, once the object's kind is known. */
static int parse_payload(gj *p, int kind, int ctx, int depth, uint8_t *t, int *geom_state) {
  int element = ctx == CTX_TOP || ctx == CTX_FEATGEOM;
  if (kind == GV_GEOMETRYCOLLECTION) return build_collection(p, element, depth, t);
  if (kind < GV_GEOMETRYCOLLECTION) return build_coords(p, (uint8_t)kind, element, t);
  if (kind == K_FEATURE) return feature_geometry(p, geom_state);
  return parse_features(p);
}

/* The member that carries an object's content, by kind. */
static int payload_key(int kind) {
  if (kind == GV_GEOMETRYCOLLECTION) return KEY_GEOMETRIES;
  if (kind < GV_GEOMETRYCOLLECTION) return KEY_COORDINATES;
  if (kind == K_FEATURE) return KEY_GEOMETRY;
  return KEY_FEATURES;
}

/* One object at p->j.pos ('{'), whatever its kind; what it produces depends
 * on ctx (see the CTX_ values). *type_out gets a geometry's type byte. */
static int parse_object(gj *p, int ctx, int depth, uint8_t *type_out) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  size_t start = j->pos;
  span m[NKEYS];
  for (int i = 0; i < NKEYS; i++) m[i].start = m[i].end = -1;
  int kind = K_NONE, done = 0, geom_state = G_ABSENT, r = R_OK;
  uint8_t t = 0;
  j->pos++;
  gv_json_ws(j);
  if (j->pos < j->len && s[j->pos] == '}') {
    j->pos++;
  } else {
    for (;;) {
      size_t key_off = j->pos;
      int escaped;
      if (key_off >= j->len || s[key_off] != '"') {
        r = syntax_expected(p, "a member name");
        goto out;
      }
      if (gv_json_string(j, &escaped)) {
        r = syntax(p);
        goto out;
      }
      int key = classify_key(s + key_off + 1, j->pos - key_off - 2, escaped);
      gv_json_ws(j);
      if (j->pos >= j->len || s[j->pos] != ':') {
        r = syntax_expected(p, "':' after member name");
        goto out;
      }
      j->pos++;
      gv_json_ws(j);
      size_t vstart = j->pos;
      if (key != KEY_OTHER && m[key].start >= 0) {
        r = report(p, R_BAD, key_off, "duplicate \"%s\" member", key_names[key]);
        goto out;
      }
      if (key == KEY_TYPE) r = read_type(p, ctx, &kind);
      else if (kind != K_NONE && key == payload_key(kind)) {
        r = parse_payload(p, kind, ctx, depth, &t, &geom_state);
        done = 1;
      } else r = skip(p); /* remembered below if it matters */
      if (r) goto out;
      if (key != KEY_OTHER) {
        m[key].start = (int64_t)vstart;
        m[key].end = (int64_t)j->pos;
      }
      gv_json_ws(j);
      if (j->pos < j->len && s[j->pos] == ',') {
        j->pos++;
        gv_json_ws(j);
        continue;
      }
      if (j->pos < j->len && s[j->pos] == '}') break;
      r = syntax_expected(p, "',' or '}' after member value");
      goto out;
    }
    j->pos++;
  }
  if (kind == K_NONE) {
    r = report(p, R_BAD, start, "object has no \"type\" member");
    goto out;
  }
  if (!done) { /* the payload came before "type": parse it from its range */
    const span *pay = &m[payload_key(kind)];
    if (pay->start < 0) {
      r = report(p, R_BAD, start, "%s has no \"%s\" member", kind_names[kind],
                 key_names[payload_key(kind)]);
      goto out;
    }
    size_t end = j->pos;
    j->pos = (size_t)pay->start;
    r = parse_payload(p, kind, ctx, depth, &t, &geom_state);
    if (r) goto out;
    j->pos = end;
  }
  if (kind == K_FEATURE) r = emit(p, geom_state == G_BUILT, &m[KEY_PROPERTIES], &m[KEY_ID]);
  else if (kind <= GV_GEOMETRYCOLLECTION && ctx == CTX_TOP) r = emit(p, 1, NULL, NULL);
  *type_out = t;
out:
  /* A FeatureCollection that is itself wrong cannot become one null. */
  if (r == R_BAD && kind == K_FEATURECOLLECTION) r = R_STOP;
  return r;
}

/* An item of the top level or of "features". A bad one becomes a null
 * element (with on_invalid_null) once its extent is known from a skip. */
static int parse_item(gj *p, int ctx) {
  gv_json *j = &p->j;
  size_t start = j->pos;
  int r;
  uint8_t t;
  if (start < j->len && j->s[start] == '{') {
    r = parse_object(p, ctx, 0, &t);
  } else if (ctx == CTX_TOP && j->len - start >= 4 && memcmp(j->s + start, "null", 4) == 0) {
    j->pos += 4;
    return emit(p, 0, NULL, NULL);
  } else {
    r = want(p, ctx == CTX_FEATURES ? "a Feature object" : "a GeoJSON object");
  }
  if (r != R_BAD || !p->null_on_invalid) return r;
  if (p->building) {
    gv_builder_abort_geom(&p->b);
    p->building = 0;
  }
  j->pos = start;
  if (gv_json_skip(j)) return syntax(p);
  return emit(p, 0, NULL, NULL);
}

static int parse_document(gj *p) {
  gv_json *j = &p->j;
  const uint8_t *s = j->s;
  int r = R_OK;
  if (j->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) j->pos = 3; /* UTF-8 BOM */
  gv_json_ws(j);
  if (j->pos < j->len && s[j->pos] == '[') {
    j->pos++;
    gv_json_ws(j);
    if (j->pos < j->len && s[j->pos] == ']') {
      j->pos++;
    } else {
      for (;;) {
        if ((r = parse_item(p, CTX_TOP))) return r;
        gv_json_ws(j);
        if (j->pos < j->len && s[j->pos] == ',') {
          j->pos++;
          gv_json_ws(j);
          continue;
        }
        if (j->pos < j->len && s[j->pos] == ']') break;
        return syntax_expected(p, "',' or ']' after array item");
      }
      j->pos++;
    }
  } else if (j->pos < j->len && s[j->pos] == '{') {
    if ((r = parse_item(p, CTX_TOP))) return r;
  } else {
    return syntax_expected(p, "a GeoJSON object or array");
  }
  gv_json_ws(j);
  if (j->pos != j->len) return report(p, R_STOP, j->pos, "unexpected data after the document");
  return R_OK;
}

gv_status gv_parse_geojson(const uint8_t *data, size_t len, const gv_parse_opts *opts,
                           gv_array **out, gv_buf *props, gv_errors *err) {
  if (!out) return GV_ERR_ARG;
  *out = NULL;
  if (!data && len) return GV_ERR_ARG;
  gj p;
  memset(&p, 0, sizeof p);
  p.j.s = data;
  p.j.len = len;
  p.err = err;
  p.props = props;
  p.null_on_invalid = opts && opts->on_invalid_null;
  gv_builder_init(&p.b);
  size_t props_len = props ? props->len : 0;
  int r = parse_document(&p);
  gv_status st = GV_OK;
  if (r == R_NOMEM) st = p.b.status ? p.b.status : GV_ERR_NOMEM;
  else if (r) st = GV_ERR_PARSE;
  if (st) {
    gv_builder_free(&p.b);
    if (props) props->len = props_len;
    return st;
  }
  *out = gv_builder_finish(&p.b);
  return *out ? GV_OK : GV_ERR_NOMEM;
}
