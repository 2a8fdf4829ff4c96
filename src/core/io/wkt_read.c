/* WKT reader: OGC / ISO well-known text, as GEOS and PostGIS read it, plus
 * EWKT's "SRID=n;" prefix. One pass over each element's text, appending to
 * the builder as it goes; nothing is allocated per token.
 *
 * Grammar (keywords case-insensitive; space, tab, CR and LF between tokens):
 *
 *   element    := ["SRID" "=" int ";"] geometry
 *   geometry   := type [dims] ("EMPTY" | "(" body ")")
 *   type       := POINT | LINESTRING | POLYGON | MULTIPOINT | MULTILINESTRING
 *               | MULTIPOLYGON | GEOMETRYCOLLECTION | LINEARRING, optionally
 *                 with the dimension glued on ("POINTZ", "POINTZM")
 *   dims       := "Z" | "M" | "ZM"
 *   coord      := number number [number [number]]
 *   point      := coord                        (one)
 *   linestring := coord ("," coord)*           (0 = EMPTY, or >= 2 coordinates)
 *   linearring := a linestring of 0 or >= 3 coordinates, closed; read as a
 *                 LineString, as GEOS reads it (the JTS and GEOS suites use it)
 *   polygon    := "(" ring ")" ("," "(" ring ")")*  (rings closed, >= 4 coords)
 *   multipoint := member ("," member)*, member = "EMPTY" | "(" coord ")" | coord
 *   multiline  := ("EMPTY" | "(" linestring ")") ("," ...)*
 *   multipoly  := ("EMPTY" | "(" polygon ")") ("," ...)*
 *   collection := geometry ("," geometry)*
 *
 * Dimensions: a tag fixes the numbers per coordinate (Z, M: 3; ZM: 4).
 * Untagged text takes them from the first coordinate (2 XY, 3 XYZ, 4 XYZM)
 * and every other coordinate of the geometry must agree. Inside a
 * collection each member has its own dimensions (as the array's tokens
 * do); an untagged member of a collection tagged M reads 3 numbers as XYM,
 * as PostGIS does. A collection's type byte is its tag plus the union of
 * its members' dimensions.
 *
 * Rejected, each with a message naming the reason and the byte offset in
 * the element: unknown types (TRIANGLE, curves, ...), open LINEARRINGs, NaN or
 * infinite numbers (text or overflow), numbers glued to other text, a
 * coordinate with a different count of numbers than its geometry's, a line
 * string of one coordinate, rings that are open, EMPTY or shorter than 4
 * coordinates, collections nested deeper than GV_MAX_DEPTH, unbalanced
 * parentheses, truncated text and anything but blanks after the geometry.
 * "SRID=n;" is allowed only at the start of an element. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "geovec.h"

/* Collection tokens keep counts in 24 bits next to the type byte. */
#define MAX_TOKEN_COUNT 0xffffff

typedef struct wkt_reader {
  const uint8_t *s; /* the element's text */
  size_t len, pos;
  gv_builder *b;
  gv_errors *err;
  int64_t index;
  /* Room left under GV_MAX_COUNT in each builder level, so that no int32
   * offset can wrap while a huge element is being read. */
  int64_t coords_left, rings_left, parts_left, toks_left;
  gv_status status; /* why reading stopped: PARSE, NOMEM or LIMIT */
} wkt_reader;

/* Dimensions of the geometry being read. */
typedef struct wkt_dims {
  uint8_t dims;   /* GV_HAS_Z | GV_HAS_M */
  uint8_t width;  /* numbers per coordinate; 0 until the first coordinate */
  uint8_t m3;     /* an untagged 3-number coordinate is XYM */
  uint8_t tagged; /* width came from a Z / M / ZM tag */
} wkt_dims;

static int is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alpha(uint8_t c) { return (uint8_t)((c | 0x20) - 'a') < 26; }
static int starts_number(uint8_t c) {
  return (uint8_t)(c - '0') < 10 || c == '-' || c == '+' || c == '.';
}

static inline void skip_ws(wkt_reader *r) {
  while (r->pos < r->len && is_ws(r->s[r->pos])) r->pos++;
}

/* The next non-blank byte, or -1 at the end. */
static inline int peek(wkt_reader *r) {
  skip_ws(r);
  return r->pos < r->len ? r->s[r->pos] : -1;
}

static size_t word_len(const wkt_reader *r, size_t at) {
  size_t e = at;
  while (e < r->len && is_alpha(r->s[e])) e++;
  return e - at;
}

/* Whether the n letters at w spell kw (upper case) in any case. */
static int word_is(const uint8_t *w, size_t n, const char *kw) {
  for (size_t i = 0; i < n; i++)
    if (!kw[i] || (w[i] & 0xdf) != (uint8_t)kw[i]) return 0;
  return kw[n] == 0;
}

/* ---- errors ---------------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail_at(wkt_reader *r, gv_status why, size_t at, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  gv_errors_add(r->err, r->index, (int64_t)at, "%s", msg);
  r->status = why;
  return -1;
}
#define FAIL(r, at, ...) fail_at(r, GV_ERR_PARSE, at, __VA_ARGS__)
#define OFF(at) ((long long)(at))

static int fail_nomem(wkt_reader *r) {
  r->status = GV_ERR_NOMEM;
  return -1;
}

static int fail_limit(wkt_reader *r, const char *what) {
  return fail_at(r, GV_ERR_LIMIT, r->pos, "more than %d %s at offset %lld", GV_MAX_COUNT, what,
                 OFF(r->pos));
}

/* Whether c continues a quoted run: a word, or a token up to a delimiter. */
static int in_run(uint8_t c, int letters_only) {
  return letters_only ? is_alpha(c) : !(is_ws(c) || c == ',' || c == '(' || c == ')');
}

/* Quotes up to 24 bytes of the run at `at`, with bytes that are not
 * printable ASCII shown as '?'; buf holds at least 32 bytes. */
static void quote_run(const wkt_reader *r, size_t at, int letters_only, char *buf) {
  size_t k = 0, i = at;
  buf[k++] = '\'';
  while (i < r->len && k < 25 && in_run(r->s[i], letters_only)) {
    uint8_t c = r->s[i++];
    buf[k++] = c > 0x20 && c < 0x7f ? (char)c : '?';
  }
  if (i < r->len && in_run(r->s[i], letters_only)) {
    memcpy(buf + k, "...", 3);
    k += 3;
  }
  buf[k++] = '\'';
  buf[k] = 0;
}

/* What is at `at`, for "found ..." in messages. */
static const char *describe(const wkt_reader *r, size_t at, char *buf, size_t cap) {
  if (at >= r->len) return "end of input";
  uint8_t c = r->s[at];
  if (is_alpha(c)) quote_run(r, at, 1, buf);
  else if (c > 0x20 && c < 0x7f) snprintf(buf, cap, "'%c'", c);
  else snprintf(buf, cap, "byte 0x%02x", c);
  return buf;
}

/* "expected <what> at offset N, found X" at the next non-blank byte. */
static int fail_expected(wkt_reader *r, const char *what) {
  skip_ws(r);
  if (r->pos >= r->len) return FAIL(r, r->pos, "unexpected end of input, expected %s", what);
  char found[48];
  return FAIL(r, r->pos, "expected %s at offset %lld, found %s", what, OFF(r->pos),
              describe(r, r->pos, found, sizeof found));
}

static int expect(wkt_reader *r, int c, const char *what) {
  if (peek(r) != c) return fail_expected(r, what);
  r->pos++;
  return 0;
}

/* After a list item: ',' continues (returns 1), ')' ends (returns 0). */
static int next_item(wkt_reader *r) {
  int c = peek(r);
  if (c == ',' || c == ')') {
    r->pos++;
    return c == ',';
  }
  fail_expected(r, "',' or ')'");
  return -1;
}

/* Consumes the keyword EMPTY if it is next. */
static int take_empty(wkt_reader *r) {
  skip_ws(r);
  if (r->pos < r->len && (r->s[r->pos] | 0x20) == 'e' && word_len(r, r->pos) == 5 &&
      word_is(r->s + r->pos, 5, "EMPTY")) {
    r->pos += 5;
    return 1;
  }
  return 0;
}

/* ---- numbers and coordinates ----------------------------------------------- */

/* "NaN", "Inf" or "Infinity" (any case) at i. */
static int nonfinite_word(const wkt_reader *r, size_t i) {
  size_t wn = i < r->len ? word_len(r, i) : 0;
  return wn && (word_is(r->s + i, wn, "NAN") || word_is(r->s + i, wn, "INF") ||
                word_is(r->s + i, wn, "INFINITY"));
}

static int read_number(wkt_reader *r, double *v) {
  size_t at = r->pos;
  size_t k = gv_parse_double((const char *)r->s + at, r->len - at, 0, v);
  char text[48];
  if (k == 0) {
    size_t i = at + (at < r->len && (r->s[at] == '-' || r->s[at] == '+'));
    if (nonfinite_word(r, i)) {
      quote_run(r, at, 0, text);
      return FAIL(r, at, "NaN and infinite coordinates are not allowed: %s at offset %lld", text,
                  OFF(at));
    }
    if (at < r->len && starts_number(r->s[at])) {
      quote_run(r, at, 0, text);
      return FAIL(r, at, "invalid number %s at offset %lld", text, OFF(at));
    }
    return fail_expected(r, "a number");
  }
  r->pos = at + k;
  if (r->pos < r->len) {
    uint8_t c = r->s[r->pos];
    /* glued on: "1.2.3", "2x", "1-2" (other bytes are left to the caller) */
    if (starts_number(c) || is_alpha(c) || c >= 0x80) {
      quote_run(r, at, 0, text);
      return FAIL(r, at, "invalid number %s at offset %lld", text, OFF(at));
    }
  }
  if (isnan(*v)) return fail_nomem(r); /* only the parser's allocation failure gives NaN */
  if (!isfinite(*v)) {
    quote_run(r, at, 0, text);
    return FAIL(r, at, "number %s at offset %lld is out of range", text, OFF(at));
  }
  return 0;
}

/* Reads "x y [z [m]]" and appends it; stops at the ',' or ')' that must
 * follow (without consuming it). */
static int read_coord(wkt_reader *r, wkt_dims *d, double *x, double *y) {
  double v[4];
  int n = 0;
  skip_ws(r);
  size_t at = r->pos;
  for (;;) {
    if (read_number(r, &v[n++])) return -1;
    int c = peek(r);
    if (c == ',' || c == ')') {
      if (n >= 2) break;
      return FAIL(r, at, "coordinate at offset %lld has 1 number, expected 2 to 4", OFF(at));
    }
    /* a NaN or Infinity word goes to read_number, which names it */
    if (c < 0 || !(starts_number((uint8_t)c) || nonfinite_word(r, r->pos)))
      return fail_expected(r, n < 2 ? "a number" : "',' or ')'");
    if (n == 4)
      return FAIL(r, at, "coordinate at offset %lld has more than 4 numbers", OFF(at));
  }
  if (!d->width) {
    d->width = (uint8_t)n;
    d->dims = n == 2 ? 0 : n == 4 ? GV_HAS_Z | GV_HAS_M : d->m3 ? GV_HAS_M : GV_HAS_Z;
    if (d->dims && gv_builder_dims(r->b, d->dims)) return fail_nomem(r);
  } else if (n != d->width) {
    return FAIL(r, at, "coordinate at offset %lld has %d numbers, expected %d %s", OFF(at), n,
                d->width, d->tagged ? "as the dimension tag says" : "like the first coordinate");
  }
  double z = NAN, m = NAN;
  if (d->dims & GV_HAS_Z) {
    z = v[2];
    if (d->dims & GV_HAS_M) m = v[3];
  } else if (d->dims & GV_HAS_M) {
    m = v[2];
  }
  if (--r->coords_left < 0) return fail_limit(r, "coordinates");
  gv_builder_coord(r->b, v[0], v[1], z, m);
  *x = v[0];
  *y = v[1];
  return 0;
}

/* Reads "c, c, ...)" (the '(' already read) into a new ring. */
static int read_ring_coords(wkt_reader *r, wkt_dims *d, int64_t *count, double first[2],
                            double last[2]) {
  if (--r->rings_left < 0) return fail_limit(r, "rings");
  gv_builder_begin_ring(r->b);
  int64_t k = 0;
  double x = 0, y = 0;
  for (;;) {
    if (read_coord(r, d, &x, &y)) return -1;
    if (k++ == 0) first[0] = x, first[1] = y;
    if (r->s[r->pos++] == ')') break; /* read_coord stopped at ',' or ')' */
  }
  last[0] = x, last[1] = y;
  *count = k;
  return 0;
}

static int begin_part(wkt_reader *r, uint8_t kind) {
  if (--r->parts_left < 0) return fail_limit(r, "parts");
  gv_builder_begin_part(r->b, kind);
  return 0;
}

/* ---- simple geometries and their multi forms --------------------------------- */

/* A point's body after its '(' (or its EMPTY). */
static int read_point(wkt_reader *r, wkt_dims *d, int empty) {
  if (begin_part(r, GV_POINT)) return -1;
  if (--r->rings_left < 0) return fail_limit(r, "rings");
  gv_builder_begin_ring(r->b);
  if (empty) {
    if (--r->coords_left < 0) return fail_limit(r, "coordinates");
    gv_builder_coord(r->b, NAN, NAN, NAN, NAN);
    return 0;
  }
  double x, y;
  return read_coord(r, d, &x, &y);
}

/* A line string's body after its '(' (or its EMPTY); member is its index
 * in a multilinestring, -1 alone. */
static int read_linestring(wkt_reader *r, wkt_dims *d, int empty, int64_t member) {
  size_t at = r->pos - 1;
  if (begin_part(r, GV_LINESTRING)) return -1;
  if (empty) {
    if (--r->rings_left < 0) return fail_limit(r, "rings");
    gv_builder_begin_ring(r->b);
    return 0;
  }
  int64_t count;
  double first[2], last[2];
  if (read_ring_coords(r, d, &count, first, last)) return -1;
  if (count == 1) {
    if (member < 0)
      return FAIL(r, at, "linestring at offset %lld has 1 coordinate, expected 0 or at least 2",
                  OFF(at));
    return FAIL(r, at, "linestring %lld at offset %lld has 1 coordinate, expected 0 or at least 2",
                (long long)member, OFF(at));
  }
  return 0;
}

/* A polygon's rings after its '(' (or its EMPTY); poly is its index in a
 * multipolygon (0 alone). */
static int read_polygon(wkt_reader *r, wkt_dims *d, int empty, int64_t poly) {
  if (begin_part(r, GV_POLYGON)) return -1;
  if (empty) return 0;
  for (int64_t ring = 0;; ring++) {
    skip_ws(r);
    size_t at = r->pos;
    if (take_empty(r))
      return FAIL(r, at,
                  "ring %lld of polygon %lld at offset %lld is EMPTY; a ring needs at least 4 "
                  "coordinates",
                  (long long)ring, (long long)poly, OFF(at));
    if (expect(r, '(', "'('")) return -1;
    int64_t count;
    double first[2], last[2];
    if (read_ring_coords(r, d, &count, first, last)) return -1;
    if (count < 4)
      return FAIL(r, at,
                  "ring %lld of polygon %lld at offset %lld has %lld coordinates, at least 4 are "
                  "required",
                  (long long)ring, (long long)poly, OFF(at), (long long)count);
    if (first[0] != last[0] || first[1] != last[1])
      return FAIL(r, at, "ring %lld of polygon %lld at offset %lld is not closed", (long long)ring,
                  (long long)poly, OFF(at));
    int more = next_item(r);
    if (more <= 0) return more;
  }
}

/* Members of a multi geometry after its '('; *count gets their number. */
static int read_members(wkt_reader *r, wkt_dims *d, uint8_t base, int64_t *count) {
  for (int64_t k = 0;; k++) {
    *count = k + 1;
    int empty = take_empty(r);
    int paren = !empty && peek(r) == '(';
    if (paren) r->pos++;
    int rc;
    if (base == GV_MULTIPOINT) {
      /* both "MULTIPOINT (1 2, 3 4)" and "MULTIPOINT ((1 2), (3 4))" */
      rc = read_point(r, d, empty) || (paren && expect(r, ')', "')'"));
    } else if (!empty && !paren) {
      rc = fail_expected(r, "'EMPTY' or '('");
    } else if (base == GV_MULTILINESTRING) {
      rc = read_linestring(r, d, empty, k);
    } else {
      rc = read_polygon(r, d, empty, k);
    }
    if (rc) return -1;
    int more = next_item(r);
    if (more <= 0) return more;
  }
}

/* ---- geometries ---------------------------------------------------------------- */

static const struct {
  const char *name;
  uint8_t len, type;
} type_names[] = {
    {"POINT", 5, GV_POINT},
    {"LINESTRING", 10, GV_LINESTRING},
    {"POLYGON", 7, GV_POLYGON},
    {"MULTIPOINT", 10, GV_MULTIPOINT},
    {"MULTILINESTRING", 15, GV_MULTILINESTRING},
    {"MULTIPOLYGON", 12, GV_MULTIPOLYGON},
    {"GEOMETRYCOLLECTION", 18, GV_GEOMETRYCOLLECTION},
};

/* A dimension tag word: GV_HAS_Z / GV_HAS_M, or -1 if w is not one. */
static int tag_dims(const uint8_t *w, size_t n) {
  if (word_is(w, n, "Z")) return GV_HAS_Z;
  if (word_is(w, n, "M")) return GV_HAS_M;
  if (word_is(w, n, "ZM")) return GV_HAS_Z | GV_HAS_M;
  return -1;
}

/* A LINEARRING's body after its '(' (or its EMPTY): read as GEOS 3.13 reads
 * it, a closed line string of 0 or at least 3 coordinates (GEOS builds the
 * 3-coordinate "A B A" ring, which is invalid but well formed). */
static int read_linearring(wkt_reader *r, wkt_dims *d, int empty) {
  size_t at = r->pos - 1;
  if (begin_part(r, GV_LINESTRING)) return -1;
  if (empty) {
    if (--r->rings_left < 0) return fail_limit(r, "rings");
    gv_builder_begin_ring(r->b);
    return 0;
  }
  int64_t count;
  double first[2], last[2];
  if (read_ring_coords(r, d, &count, first, last)) return -1;
  if (count < 3)
    return FAIL(r, at, "linearring at offset %lld has %lld coordinates, expected 0 or at least 3",
                OFF(at), (long long)count);
  if (first[0] != last[0] || first[1] != last[1])
    return FAIL(r, at, "linearring at offset %lld is not closed", OFF(at));
  return 0;
}

/* Reads the type keyword and its optional tag; *tag is -1 when untagged.
 * LINEARRING gives GV_LINESTRING with *ring set. */
static int read_type(wkt_reader *r, uint8_t *base, int *tag, int *ring) {
  skip_ws(r);
  size_t at = r->pos, n = word_len(r, at);
  const uint8_t *w = r->s + at;
  if (n == 0) return fail_expected(r, "a geometry type");
  *tag = -1;
  *base = 0;
  *ring = 0;
  for (size_t i = 0; i < sizeof type_names / sizeof type_names[0] && !*base; i++) {
    size_t k = type_names[i].len;
    if (n >= k && n <= k + 2 && word_is(w, k, type_names[i].name) &&
        (n == k || (*tag = tag_dims(w + k, n - k)) >= 0))
      *base = type_names[i].type;
  }
  if (!*base && n >= 10 && n <= 12 && word_is(w, 10, "LINEARRING") &&
      (n == 10 || (*tag = tag_dims(w + 10, n - 10)) >= 0)) {
    *base = GV_LINESTRING;
    *ring = 1;
  }
  char word[48];
  if (!*base) {
    quote_run(r, at, 1, word);
    return FAIL(r, at, "unknown geometry type %s at offset %lld", word, OFF(at));
  }
  r->pos = at + n;
  skip_ws(r);
  size_t tn = word_len(r, r->pos);
  int t = tn ? tag_dims(r->s + r->pos, tn) : -1;
  if (t >= 0) {
    if (*tag >= 0)
      return FAIL(r, r->pos, "second dimension tag %s at offset %lld",
                  describe(r, r->pos, word, sizeof word), OFF(r->pos));
    *tag = t;
    r->pos += tn;
  }
  return 0;
}

/* One geometry. depth counts the collections around it plus one;
 * in_collection says it is a collection member and gets a token. *type_out
 * receives its type byte. */
static int read_geometry(wkt_reader *r, int depth, int in_collection, int m3, uint8_t *type_out) {
  gv_builder *b = r->b;
  size_t at;
  skip_ws(r);
  at = r->pos;
  uint8_t base = 0;
  int tag = -1, ring = 0;
  if (read_type(r, &base, &tag, &ring)) return -1;
  wkt_dims d = {0, 0, (uint8_t)m3, 0};
  if (tag >= 0) {
    d.dims = (uint8_t)tag;
    d.width = (uint8_t)(2 + !!(tag & GV_HAS_Z) + !!(tag & GV_HAS_M));
    d.tagged = 1;
    if (d.dims && gv_builder_dims(b, d.dims)) return fail_nomem(r);
  }
  if (base == GV_GEOMETRYCOLLECTION && depth > GV_MAX_DEPTH)
    return FAIL(r, at, "geometry collections nested deeper than %d levels at offset %lld",
                GV_MAX_DEPTH, OFF(at));
  int has_token = in_collection || base == GV_GEOMETRYCOLLECTION;
  size_t tok = gv_builder_token_pos(b);
  if (has_token) {
    if (--r->toks_left < 0) return fail_limit(r, "collection tokens");
    gv_builder_token(b, base, 0); /* patched below, once dims and count are known */
  }
  int empty = take_empty(r);
  if (!empty && expect(r, '(', tag >= 0 ? "'EMPTY' or '('" : "'Z', 'M', 'ZM', 'EMPTY' or '('"))
    return -1;
  int64_t count = 1;
  int rc;
  switch (base) {
  case GV_POINT:
    rc = read_point(r, &d, empty) || (!empty && expect(r, ')', "')'"));
    break;
  case GV_LINESTRING:
    rc = ring ? read_linearring(r, &d, empty) : read_linestring(r, &d, empty, -1);
    break;
  case GV_POLYGON:
    rc = read_polygon(r, &d, empty, 0);
    break;
  case GV_GEOMETRYCOLLECTION: {
    /* members inherit an M tag's reading of 3 numbers; dims are their union */
    int member_m3 = d.tagged ? d.dims == GV_HAS_M : m3;
    count = 0;
    rc = 0;
    while (!empty) {
      uint8_t t = 0;
      if (read_geometry(r, depth + 1, 1, member_m3, &t)) return -1;
      d.dims |= t & (GV_HAS_Z | GV_HAS_M);
      count++;
      int more = next_item(r);
      if (more < 0) return -1;
      if (!more) break;
    }
    break;
  }
  default:
    count = 0;
    rc = empty ? 0 : read_members(r, &d, base, &count);
    break;
  }
  if (rc) return -1;
  uint8_t type = (uint8_t)(base | d.dims);
  if (has_token) {
    if (count > MAX_TOKEN_COUNT)
      return FAIL(r, at, "%s at offset %lld has %lld members, at most %d fit in a collection",
                  type_names[base - 1].name, OFF(at), (long long)count, MAX_TOKEN_COUNT);
    gv_builder_patch_token(b, tok, type, (int32_t)count);
  }
  *type_out = type;
  return 0;
}

/* "SRID=n;" */
static int read_srid(wkt_reader *r, int32_t *srid) {
  r->pos += 4;
  if (expect(r, '=', "'='")) return -1;
  skip_ws(r);
  size_t at = r->pos;
  int neg = 0;
  if (r->pos < r->len && (r->s[r->pos] == '-' || r->s[r->pos] == '+')) neg = r->s[r->pos++] == '-';
  int64_t v = 0;
  size_t digits = 0;
  while (r->pos < r->len && (uint8_t)(r->s[r->pos] - '0') < 10) {
    if (v <= INT32_MAX) v = v * 10 + (r->s[r->pos] - '0');
    r->pos++, digits++;
  }
  if (!digits) {
    r->pos = at;
    return fail_expected(r, "an SRID number");
  }
  if (neg) v = -v;
  if (v > INT32_MAX || v < INT32_MIN)
    return FAIL(r, at, "SRID at offset %lld does not fit in 32 bits", OFF(at));
  *srid = (int32_t)v;
  return expect(r, ';', "';'");
}

/* One element: an optional SRID, one geometry, then nothing but blanks. */
static int read_element(wkt_reader *r) {
  int32_t srid = 0;
  skip_ws(r);
  if (r->pos + 4 <= r->len && word_is(r->s + r->pos, 4, "SRID") && word_len(r, r->pos) == 4 &&
      read_srid(r, &srid))
    return -1;
  uint8_t type = 0;
  if (read_geometry(r, 1, 0, 0, &type)) return -1;
  skip_ws(r);
  if (r->pos < r->len) {
    char found[48];
    return FAIL(r, r->pos, "unexpected %s after the geometry at offset %lld",
                describe(r, r->pos, found, sizeof found), OFF(r->pos));
  }
  gv_builder_set_type(r->b, type);
  gv_builder_set_srid(r->b, srid);
  return 0;
}

static int64_t room(size_t used_bytes, size_t item) {
  return (int64_t)GV_MAX_COUNT - (int64_t)(used_bytes / item);
}

gv_status gv_parse_wkt(const uint8_t *data, const int64_t *offsets, int64_t n,
                       const gv_parse_opts *opts, gv_array **out, gv_errors *err) {
  if (!out) return GV_ERR_ARG;
  *out = NULL;
  if (n < 0 || (n > 0 && !offsets)) return GV_ERR_ARG;
  for (int64_t i = 0; i < n; i++) {
    if (offsets[i] < 0 || offsets[i + 1] < offsets[i] || (offsets[i + 1] > offsets[i] && !data))
      return GV_ERR_ARG;
  }
  gv_errors scratch = {{0}, 0};
  if (!err) err = &scratch;
  int null_on_error = opts && opts->on_invalid_null;
  gv_builder b;
  gv_builder_init(&b);
  gv_status st = GV_OK;
  for (int64_t i = 0; i < n && !st; i++) {
    size_t len = (size_t)(offsets[i + 1] - offsets[i]);
    if (opts && opts->validity && !((opts->validity[i >> 3] >> (i & 7)) & 1)) {
      gv_builder_null(&b);
    } else if (len == 0) {
      gv_errors_add(err, i, 0, "empty WKT (an empty string) is not a geometry; give a null element as null");
      if (!null_on_error) st = GV_ERR_PARSE;
      else gv_builder_null(&b);
    } else {
      wkt_reader r = {data + offsets[i], len, 0, &b, err, i, 0, 0, 0, 0, GV_OK};
      r.coords_left = GV_MAX_COUNT - gv_builder_ncoords(&b);
      r.rings_left = room(b.ring_off.len, sizeof(int32_t));
      r.parts_left = room(b.part_off.len, sizeof(int32_t));
      r.toks_left = room(b.gc_tok.len, sizeof(int32_t));
      gv_builder_begin_geom(&b, GV_NULL);
      if (read_element(&r) == 0 && !b.status) {
        gv_builder_end_geom(&b);
      } else {
        gv_builder_abort_geom(&b);
        if (b.status) break; /* out of memory, reported as such */
        if (r.status != GV_ERR_PARSE) st = r.status;
        else if (!null_on_error) st = GV_ERR_PARSE;
        else gv_builder_null(&b);
      }
    }
    if (b.status) break;
  }
  if (!st) st = b.status;
  gv_errors_free(&scratch);
  if (st) {
    gv_builder_free(&b);
    return st;
  }
  *out = gv_builder_finish(&b);
  return *out ? GV_OK : GV_ERR_NOMEM;
}
