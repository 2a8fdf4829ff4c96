/* geovec core: columnar geometry arrays in the GeoArrow layout.
 *
 * This header is the whole contract between the core and its two hosts
 * (the Node-API addon and the WebAssembly module). It includes nothing from
 * Node or WASM; everything here is plain C11.
 *
 * The data model
 * --------------
 * A gv_array holds n geometries in four nested levels:
 *
 *     geometry --geom_off--> parts --part_off--> rings --ring_off--> coords
 *
 * Every geometry is a list of *parts*; every part is one simple geometry
 * (a point, a line string or a polygon); a part is a list of rings (a line
 * string or a point has exactly one "ring", a polygon has 0..k rings, the
 * first being the shell); a ring is a run of coordinates.
 *
 *   Point            1 part, 1 ring, 1 coordinate (NaN x and y = POINT EMPTY,
 *                    as in WKB and GeoArrow)
 *   LineString       1 part, 1 ring, 0..k coordinates (0 = empty)
 *   Polygon          1 part, 0..k rings (0 = empty)
 *   MultiPoint       0..k point parts
 *   MultiLineString  0..k line parts
 *   MultiPolygon     0..k polygon parts
 *   GeometryCollection  0..k parts of any kind, in depth-first order; the
 *                    tree (nested multi geometries and collections) is kept
 *                    in gc_tok so that writers can reproduce it exactly.
 *
 * Because a polygon array has one part per geometry, a line array one ring
 * per part, and so on, these offsets are exactly GeoArrow's with identity
 * levels inserted. An identity level is stored as NULL (off[i] == i), so a
 * homogeneous array *is* its GeoArrow buffers and can be shared without
 * copying in both directions.
 *
 * Coordinates are addressed through four base pointers and a stride (in
 * doubles): interleaved xyxy... has y = x + 1 and stride 2; separated
 * columns have stride 1. Kernels read coordinates only through GV_X/GV_Y.
 */
#ifndef GEOVEC_H
#define GEOVEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- geometry type codes (the OGC / WKB codes) ------------------------ */
enum {
  GV_NULL = 0,
  GV_POINT = 1,
  GV_LINESTRING = 2,
  GV_POLYGON = 3,
  GV_MULTIPOINT = 4,
  GV_MULTILINESTRING = 5,
  GV_MULTIPOLYGON = 6,
  GV_GEOMETRYCOLLECTION = 7,
};
/* A type byte is a type code plus dimension flags. */
#define GV_HAS_Z 0x10
#define GV_HAS_M 0x20
#define GV_TYPE_MASK 0x0f
#define GV_BASE_TYPE(t) ((t) & GV_TYPE_MASK)

/* Limits; parsers reject input beyond them with a clear error. */
#define GV_MAX_DEPTH 64          /* nesting of GeometryCollections */
#define GV_MAX_COUNT 0x7ffffff0  /* any one offset level (int32 offsets) */

/* ---- status codes -------------------------------------------------------- */
typedef enum gv_status {
  GV_OK = 0,
  GV_ERR_PARSE = 1,   /* at least one element failed to parse */
  GV_ERR_NOMEM = 2,   /* an allocation failed */
  GV_ERR_ARG = 3,     /* a caller error: bad lengths, bad handle, ... */
  GV_ERR_LIMIT = 4,   /* input exceeds a documented limit */
} gv_status;

/* ---- the array ------------------------------------------------------------ */
typedef struct gv_array {
  int64_t n; /* number of geometries */

  /* Per-geometry type bytes (type code | GV_HAS_Z | GV_HAS_M; 0 = null).
   * When NULL, every geometry has type `type` and nulls come from `validity`. */
  const uint8_t *types;
  uint8_t type;  /* array-level type byte when types == NULL */
  uint8_t dims;  /* GV_HAS_Z / GV_HAS_M: which coordinate columns exist */

  /* Arrow-style validity bitmap (bit i set = valid), starting at bit
   * validity_offset; NULL = no nulls except those marked in `types`. */
  const uint8_t *validity;
  int64_t validity_offset;

  const int32_t *geom_off; /* n+1 entries into parts; NULL = identity */
  const int32_t *part_off; /* entries into rings;    NULL = identity */
  const int32_t *ring_off; /* entries into coords;   NULL = identity */

  /* Part kinds (GV_POINT, GV_LINESTRING, GV_POLYGON). NULL when every
   * part's kind follows from its geometry's type (no collections). */
  const uint8_t *part_type;

  /* Collection trees: gc_off (n+1 entries, into gc_tok) is NULL when the
   * array holds no collection. Tokens are written depth-first; each is
   * (count << 8) | type byte. A multi geometry's count is its number of
   * parts, a collection's its number of children, a simple geometry's 1. */
  const int32_t *gc_off;
  const int32_t *gc_tok;

  /* Coordinates: x of coordinate i is x[i * stride]. z and m are NULL when
   * the column does not exist. */
  const double *x, *y, *z, *m;
  int32_t stride;

  /* EWKB SRIDs, one per geometry (0 = none); NULL if no input had one. */
  const int32_t *srid;

  /* Memory this array owns and frees (parsers' output). Arrays that borrow
   * host memory (Arrow, typed arrays) leave these NULL. */
  void *owned[12];
  int refcount;
  /* A host hook run when the array is freed, e.g. to drop the host's hold
   * on the buffers this array borrows. */
  void (*host_free)(void *host);
  void *host;
  /* Indexes built by gv_prepare (see predicates.h); NULL until then. */
  struct gv_prepared *prepared;
} gv_array;

#define GV_X(a, i) ((a)->x[(int64_t)(i) * (a)->stride])
#define GV_Y(a, i) ((a)->y[(int64_t)(i) * (a)->stride])

static inline int32_t gv_off(const int32_t *off, int64_t i) {
  return off ? off[i] : (int32_t)i;
}
static inline uint8_t gv_type_byte(const gv_array *a, int64_t i) {
  if (a->types) return a->types[i];
  if (a->validity) {
    int64_t b = i + a->validity_offset;
    if (!((a->validity[b >> 3] >> (b & 7)) & 1)) return GV_NULL;
  }
  return a->type;
}
static inline int gv_is_null(const gv_array *a, int64_t i) {
  return GV_BASE_TYPE(gv_type_byte(a, i)) == GV_NULL;
}
/* Parts of geometry i are [gv_geom_begin, gv_geom_end). */
static inline int32_t gv_geom_begin(const gv_array *a, int64_t i) { return gv_off(a->geom_off, i); }
static inline int32_t gv_geom_end(const gv_array *a, int64_t i) { return gv_off(a->geom_off, i + 1); }
static inline int32_t gv_part_begin(const gv_array *a, int64_t p) { return gv_off(a->part_off, p); }
static inline int32_t gv_part_end(const gv_array *a, int64_t p) { return gv_off(a->part_off, p + 1); }
static inline int32_t gv_ring_begin(const gv_array *a, int64_t r) { return gv_off(a->ring_off, r); }
static inline int32_t gv_ring_end(const gv_array *a, int64_t r) { return gv_off(a->ring_off, r + 1); }

/* Kind of part p of geometry of type byte t. */
static inline uint8_t gv_part_kind(const gv_array *a, uint8_t t, int64_t p) {
  if (a->part_type) return a->part_type[p];
  switch (GV_BASE_TYPE(t)) {
  case GV_POINT: case GV_MULTIPOINT: return GV_POINT;
  case GV_LINESTRING: case GV_MULTILINESTRING: return GV_LINESTRING;
  default: return GV_POLYGON;
  }
}

/* Lifetime: arrays are reference counted so that buffers handed to the
 * host (external ArrayBuffers) can outlive the host's handle. */
gv_array *gv_array_new(void);
void gv_array_retain(gv_array *a);
void gv_array_release(gv_array *a);
/* Hand a malloc'd block to the array, to be freed with it. */
gv_status gv_array_adopt(gv_array *a, void *block);
/* Bytes of the array's own buffers, owned or borrowed (not its indexes). */
size_t gv_array_bytes(const gv_array *a);

/* Bounds [minx, miny, maxx, maxy] of geometry i; NaN for null and empty. */
void gv_geom_bounds(const gv_array *a, int64_t i, double b[4]);

/* ---- memory ---------------------------------------------------------------- */
void *gv_malloc(size_t n);
void *gv_calloc(size_t n, size_t size);
void *gv_realloc(void *p, size_t n);
void gv_free(void *p);

/* ---- growable buffers ------------------------------------------------------ */
typedef struct gv_buf {
  uint8_t *data;
  size_t len; /* bytes used */
  size_t cap; /* bytes allocated */
} gv_buf;

gv_status gv_buf_reserve(gv_buf *b, size_t extra);
gv_status gv_buf_append(gv_buf *b, const void *src, size_t n);
void gv_buf_free(gv_buf *b);
/* Transfers ownership of the bytes to the caller; b is reset. */
void *gv_buf_take(gv_buf *b);

/* ---- errors ----------------------------------------------------------------- */
/* Per-element errors, collected as text: one line per error,
 * "index\toffset\tmessage\n", at most GV_MAX_ERRORS lines (the count keeps
 * going). The host turns the first line into an exception, or the indexes
 * into nulls. */
#define GV_MAX_ERRORS 1000
typedef struct gv_errors {
  gv_buf text;
  int64_t count;
} gv_errors;
void gv_errors_add(gv_errors *e, int64_t index, int64_t offset, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void gv_errors_free(gv_errors *e);

/* ---- the builder ------------------------------------------------------------- */
/* Parsers append geometries to a builder, then gv_builder_finish turns it
 * into an array. A geometry is appended in these steps:
 *   gv_builder_begin_geom(b, type_byte)
 *     for each part:  gv_builder_begin_part(b, kind)
 *       for each ring: gv_builder_begin_ring(b); gv_builder_coord(b, ...)...
 *   gv_builder_end_geom(b)
 * and a failed geometry is dropped with gv_builder_abort_geom (the caller
 * then appends a null or stops). Collections also record their tree with
 * gv_builder_token. */
typedef struct gv_builder {
  int64_t n;
  gv_buf types;     /* uint8 */
  gv_buf geom_off;  /* int32, n+1 */
  gv_buf part_off;  /* int32 */
  gv_buf part_type; /* uint8 */
  gv_buf ring_off;  /* int32 */
  gv_buf coords;    /* double, interleaved, `stride` per coordinate */
  gv_buf gc_off;    /* int32, filled lazily once a collection appears */
  gv_buf gc_tok;    /* int32 */
  gv_buf srid;      /* int32, filled lazily once an SRID appears */
  int32_t stride;   /* 2, 3 or 4: grows (re-striding) when Z or M appears */
  uint8_t dims;     /* union of dimension flags seen */
  int has_gc, has_srid;
  uint8_t cur_type; /* the geometry being appended */
  int32_t cur_srid;
  /* where the current geometry started, for abort */
  size_t mark_parts, mark_rings, mark_coords, mark_tok;
  gv_status status; /* sticky: the first allocation failure */
} gv_builder;

void gv_builder_init(gv_builder *b);
void gv_builder_free(gv_builder *b);
/* Makes sure every coordinate has slots for the given dimension flags. */
gv_status gv_builder_dims(gv_builder *b, uint8_t dims);
void gv_builder_begin_geom(gv_builder *b, uint8_t type_byte);
void gv_builder_set_type(gv_builder *b, uint8_t type_byte); /* fix up after parsing */
void gv_builder_set_srid(gv_builder *b, int32_t srid);
void gv_builder_begin_part(gv_builder *b, uint8_t kind);
void gv_builder_begin_ring(gv_builder *b);
/* z, m ignored unless the current geometry has them (NaN when absent). */
void gv_builder_coord(gv_builder *b, double x, double y, double z, double m);
/* Room for `count` coordinates of `stride` doubles each, to be filled by the
 * caller (bulk copies); NULL on allocation failure. */
double *gv_builder_coords_alloc(gv_builder *b, int64_t count);
void gv_builder_token(gv_builder *b, uint8_t type_byte, int32_t count);
/* Patches the count of a token written earlier (collections know their
 * child count only at the end). Returns the token's position. */
size_t gv_builder_token_pos(const gv_builder *b);
void gv_builder_patch_token(gv_builder *b, size_t pos, uint8_t type_byte, int32_t count);
void gv_builder_end_geom(gv_builder *b);
void gv_builder_abort_geom(gv_builder *b);
void gv_builder_null(gv_builder *b);
/* Appends a copy of geometry i of array a (any layout). */
void gv_builder_append(gv_builder *b, const gv_array *a, int64_t i);
/* Appends copies of parts [pb, pe) of array a to the current geometry,
 * reading z / m only where the type byte t has them. */
void gv_builder_copy_parts(gv_builder *b, const gv_array *a, uint8_t t, int32_t pb, int32_t pe);
/* Current counts, for parsers that enforce limits. */
static inline int64_t gv_builder_ncoords(const gv_builder *b) {
  return (int64_t)(b->coords.len / sizeof(double)) / b->stride;
}
/* Turns the builder into an array (NULL on allocation failure). The builder
 * is left empty. */
gv_array *gv_builder_finish(gv_builder *b);

/* ---- number parsing and formatting ------------------------------------------ */
/* Parses a number at s, at most `len` bytes; correctly rounded. With json
 * set, only JSON's grammar is accepted; otherwise also a leading '+',
 * leading zeros, ".5" and "5.". Returns the number of bytes consumed, 0 if
 * there is no number. Overflow gives +-Infinity: callers check finiteness. */
size_t gv_parse_double(const char *s, size_t len, int json, double *out);
/* Writes the shortest decimal that reads back as v (finite v only; -0 is
 * written "-0"). Returns the length; buf must hold 32 bytes. Integers are
 * written without ".0". */
int gv_format_double(double v, char *buf);
/* Writes v for WKT and GeoJSON: the shortest round-trip text when
 * precision < 0, else rounded to `precision` digits after the point (at most
 * GV_MAX_PRECISION) with trailing zeros trimmed, and "0" for anything that
 * rounds to zero. buf must hold GV_NUMBER_ROOM bytes. */
#define GV_MAX_PRECISION 17
#define GV_NUMBER_ROOM 340
int gv_format_number(double v, int precision, char *buf);

/* ---- parsers and writers ------------------------------------------------------ */
typedef struct gv_parse_opts {
  int on_invalid_null; /* 0: stop at the first error; 1: bad elements become null */
  /* WKB / WKT: which elements are null, an Arrow validity bitmap (bit i,
   * LSB first, 0 = null); NULL when every element is present. */
  const uint8_t *validity;
} gv_parse_opts;

/* WKB: n elements; element i is data[offsets[i] .. offsets[i+1]).
 * offsets are 64-bit (doubles in the host ABI) so one buffer may exceed 2 GB.
 * Null elements are those the validity bitmap marks; a present element of
 * zero bytes is not a geometry and is a parse error (as in GEOS). */
gv_status gv_parse_wkb(const uint8_t *data, const int64_t *offsets, int64_t n,
                       const gv_parse_opts *opts, gv_array **out, gv_errors *err);
/* WKT: the same framing over UTF-8 text (an empty string is an error). */
gv_status gv_parse_wkt(const uint8_t *data, const int64_t *offsets, int64_t n,
                       const gv_parse_opts *opts, gv_array **out, gv_errors *err);
/* GeoJSON: one UTF-8 document (FeatureCollection, Feature, Geometry, or a
 * JSON array of them). When props is not NULL it receives, per feature, the
 * byte range [start, end) of the feature's "properties" value and of its
 * "id" value in the input, as 4 int64 per feature (-1 when absent).
 * One element per Feature / bare Geometry (null items of a top-level array
 * give null elements). on_invalid_null turns a bad feature or geometry in
 * valid JSON into null (a Feature keeps its property and id ranges) and
 * returns GV_OK with the errors listed; a JSON syntax error, or a bad
 * FeatureCollection (no "features"), stops the parse with GV_ERR_PARSE in
 * both modes. Error offsets are relative to the start of the document. */
gv_status gv_parse_geojson(const uint8_t *data, size_t len, const gv_parse_opts *opts,
                           gv_array **out, gv_buf *props, gv_errors *err);

/* Writers fill `out` with the concatenated encodings and `offsets` with
 * n+1 int64 boundaries (a null element is zero bytes). Elements are
 * [begin, end) of the array. */
typedef struct gv_write_opts {
  int byte_order;  /* WKB: 1 little endian (default), 0 big endian */
  int ewkb;        /* WKB: 1 writes EWKB flags and SRIDs, 0 ISO (default);
                      WKT: 1 writes EWKT "SRID=n;" prefixes */
  int precision;   /* WKT/GeoJSON: -1 shortest round trip (default), else digits after the point */
} gv_write_opts;
gv_status gv_write_wkb(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                       gv_buf *out, gv_buf *offsets);
gv_status gv_write_wkt(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                       gv_buf *out, gv_buf *offsets);
/* GeoJSON geometry objects (null elements are written as "null"). XYM
 * geometries lose M (GeoJSON has no M without Z). */
gv_status gv_write_geojson(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                           gv_buf *out, gv_buf *offsets);

#ifdef __cplusplus
}
#endif
#endif
