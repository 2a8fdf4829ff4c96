/* Parquet column chunk pages -> geometry array (see parquet_pages.h).
 *
 * Written from the format descriptions: Apache Parquet's parquet.thrift
 * (PageHeader and its page kinds), the Thrift compact protocol, Parquet's
 * RLE / bit-packing hybrid, and Google's snappy format_description.txt.
 *
 * Every length read from the input is checked against the bytes that are
 * there before it is used; every loop consumes input or counts down a
 * bound, so a hostile chunk ends in an error, never a crash or a hang.
 * Allocations are bounded by what the input can describe (a snappy page
 * expands at most 64/3 times; a page's values are at most the rows left in
 * the row group). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* madvise */
#endif
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/bytes.h"
#include "parquet_pages.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Asks Linux for transparent huge pages over the 2 MiB-aligned interior of
 * a large block about to be filled: first-touch page faults dominate
 * writing a fresh 100+ MB coordinate buffer on some machines, and huge
 * pages take 512 times fewer. A hint only (ignored where THP is off). */
static void huge_pages(void *p, size_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (n < ((size_t)8 << 20)) return;
  uintptr_t a = ((uintptr_t)p + 0x1fffff) & ~(uintptr_t)0x1fffff, e = ((uintptr_t)p + n) & ~(uintptr_t)0x1fffff;
  if (e > a) (void)madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
  (void)p;
  (void)n;
#endif
}

/* ---- snappy ------------------------------------------------------------------------ */
int gv_snappy_length(const uint8_t *src, size_t n, uint64_t *len) {
  uint64_t v = 0;
  for (size_t i = 0; i < n && i < 5; i++) {
    v |= (uint64_t)(src[i] & 0x7f) << (7 * i);
    if (!(src[i] & 0x80)) {
      if (v > 0xffffffffu) return -1;
      *len = v;
      return (int)(i + 1);
    }
  }
  return -1;
}

int gv_snappy_decompress(const uint8_t *src, size_t n, uint8_t *dst, size_t dst_len, size_t *err_at,
                         const char **why) {
  uint64_t want;
  int h = gv_snappy_length(src, n, &want);
  *err_at = 0;
  if (h < 0) {
    *why = "snappy: bad uncompressed length (varint)";
    return -1;
  }
  if (want != dst_len) {
    *why = "snappy: the stream's uncompressed length differs from the page header's";
    return -1;
  }
  size_t ip = (size_t)h, op = 0;
  while (ip < n) {
    size_t at = ip;
    uint8_t tag = src[ip++];
    size_t len, off;
    switch (tag & 3) {
    case 0: {
      len = tag >> 2;
      if (len >= 60) {
        size_t nb = len - 59;
        if (n - ip < nb) goto truncated;
        len = 0;
        for (size_t k = 0; k < nb; k++) len |= (size_t)src[ip + k] << (8 * k);
        ip += nb;
      }
      len += 1;
      if (n - ip < len) {
        *err_at = at;
        *why = "snappy: a literal runs past the end of the stream";
        return -1;
      }
      if (dst_len - op < len) goto overflow;
      memcpy(dst + op, src + ip, len);
      op += len;
      ip += len;
      continue;
    }
    case 1:
      if (n - ip < 1) goto truncated;
      len = ((tag >> 2) & 7) + 4;
      off = ((size_t)(tag >> 5) << 8) | src[ip];
      ip += 1;
      break;
    case 2:
      if (n - ip < 2) goto truncated;
      len = (size_t)(tag >> 2) + 1;
      off = (size_t)src[ip] | ((size_t)src[ip + 1] << 8);
      ip += 2;
      break;
    default:
      if (n - ip < 4) goto truncated;
      len = (size_t)(tag >> 2) + 1;
      off = (size_t)src[ip] | ((size_t)src[ip + 1] << 8) | ((size_t)src[ip + 2] << 16) |
            ((size_t)src[ip + 3] << 24);
      ip += 4;
      break;
    }
    if (off == 0 || off > op) {
      *err_at = at;
      *why = "snappy: a copy reaches back before the start of the output";
      return -1;
    }
    if (dst_len - op < len) goto overflow;
    uint8_t *d = dst + op;
    const uint8_t *s = d - off;
    if (off >= len) {
      memcpy(d, s, len);
    } else {
      for (size_t k = 0; k < len; k++) d[k] = s[k];
    }
    op += len;
    continue;
  truncated:
    *err_at = at;
    *why = "snappy: the stream ends inside an element";
    return -1;
  overflow:
    *err_at = at;
    *why = "snappy: the output runs past the uncompressed length";
    return -1;
  }
  if (op != dst_len) {
    *err_at = n;
    *why = "snappy: the stream ends before the uncompressed length is reached";
    return -1;
  }
  return 0;
}

/* ---- Thrift compact protocol ----------------------------------------------------------- */
typedef struct tc {
  const uint8_t *p;
  size_t len, pos;
  const char *why;
} tc;

static int tc_byte(tc *t, uint8_t *b) {
  if (t->pos >= t->len) {
    t->why = "the page header runs past the column chunk";
    return -1;
  }
  *b = t->p[t->pos++];
  return 0;
}

static int tc_varint(tc *t, uint64_t *v) {
  uint64_t r = 0;
  for (int i = 0; i < 10; i++) {
    uint8_t b;
    if (tc_byte(t, &b)) return -1;
    r |= (uint64_t)(b & 0x7f) << (7 * i);
    if (!(b & 0x80)) {
      *v = r;
      return 0;
    }
  }
  t->why = "a varint of more than 10 bytes in the page header";
  return -1;
}

static int tc_zigzag(tc *t, int64_t *v) {
  uint64_t u;
  if (tc_varint(t, &u)) return -1;
  uint64_t r = (u >> 1) ^ (~(u & 1) + 1);
  memcpy(v, &r, 8);
  return 0;
}

enum { T_TRUE = 1, T_FALSE = 2, T_BYTE = 3, T_I16 = 4, T_I32 = 5, T_I64 = 6, T_DOUBLE = 7,
       T_BINARY = 8, T_LIST = 9, T_SET = 10, T_MAP = 11, T_STRUCT = 12 };

static int tc_skip(tc *t, int type, int depth);

/* An element of a list, set or map: booleans are one byte there. */
static int tc_skip_elem(tc *t, int type, int depth) {
  uint8_t b;
  if (type == T_TRUE || type == T_FALSE) return tc_byte(t, &b);
  return tc_skip(t, type, depth);
}

static int tc_skip(tc *t, int type, int depth) {
  uint64_t u;
  uint8_t b;
  if (depth > 16) {
    t->why = "the page header is nested too deeply";
    return -1;
  }
  switch (type) {
  case T_TRUE:
  case T_FALSE: return 0; /* a field's value is in its header */
  case T_BYTE: return tc_byte(t, &b);
  case T_I16:
  case T_I32:
  case T_I64: return tc_varint(t, &u);
  case T_DOUBLE:
    if (t->len - t->pos < 8) break;
    t->pos += 8;
    return 0;
  case T_BINARY:
    if (tc_varint(t, &u)) return -1;
    if (u > t->len - t->pos) break;
    t->pos += (size_t)u;
    return 0;
  case T_LIST:
  case T_SET: {
    if (tc_byte(t, &b)) return -1;
    uint64_t n = b >> 4;
    int et = b & 15;
    if (n == 15 && tc_varint(t, &n)) return -1;
    if (n > t->len - t->pos) break; /* every element takes a byte at least */
    for (uint64_t i = 0; i < n; i++)
      if (tc_skip_elem(t, et, depth + 1)) return -1;
    return 0;
  }
  case T_MAP: {
    if (tc_varint(t, &u)) return -1;
    if (u == 0) return 0;
    if (tc_byte(t, &b)) return -1;
    if (u > (t->len - t->pos) / 2) break;
    for (uint64_t i = 0; i < u; i++)
      if (tc_skip_elem(t, b >> 4, depth + 1) || tc_skip_elem(t, b & 15, depth + 1)) return -1;
    return 0;
  }
  case T_STRUCT:
    for (;;) {
      if (tc_byte(t, &b)) return -1;
      if (b == 0) return 0;
      if ((b >> 4) == 0) {
        int64_t id;
        if (tc_zigzag(t, &id)) return -1;
      }
      if (tc_skip(t, b & 15, depth + 1)) return -1;
    }
  default:
    t->why = "an unknown Thrift type in the page header";
    return -1;
  }
  t->why = "the page header runs past the column chunk";
  return -1;
}

/* The next field of a struct: 1 at its end, 0 with *type and *id, -1 on error. */
static int tc_field(tc *t, int *last, int *type, int *id) {
  uint8_t h;
  if (tc_byte(t, &h)) return -1;
  if (h == 0) return 1;
  *type = h & 15;
  if (h >> 4) {
    *id = *last + (h >> 4);
  } else {
    int64_t v;
    if (tc_zigzag(t, &v)) return -1;
    *id = v < -32768 || v > 32767 ? 0 : (int)v;
  }
  *last = *id;
  return 0;
}

/* An i32 field; any other type is an error (a field of a known id must have its type). */
static int tc_i32(tc *t, int type, int32_t *v) {
  int64_t x;
  if (type != T_I32) {
    t->why = "a page header field has the wrong Thrift type";
    return -1;
  }
  if (tc_zigzag(t, &x)) return -1;
  if (x < INT32_MIN || x > INT32_MAX) {
    t->why = "a page header field is out of the int32 range";
    return -1;
  }
  *v = (int32_t)x;
  return 0;
}

enum { PAGE_DATA = 0, PAGE_INDEX = 1, PAGE_DICT = 2, PAGE_DATA_V2 = 3 };
enum { ENC_PLAIN = 0, ENC_PLAIN_DICT = 2, ENC_RLE = 3, ENC_RLE_DICT = 8 };

typedef struct page_hdr {
  int32_t type, usize, csize;
  int have_type, have_usize, have_csize, have_sub;
  /* DataPageHeader / DictionaryPageHeader / DataPageHeaderV2 */
  int32_t nv, enc, def_enc;
  int32_t nulls, rows, def_len, rep_len;
  int have_nv, have_enc, have_nulls, have_levels;
  int compressed; /* v2 is_compressed (default true) */
} page_hdr;

/* DataPageHeader (1 num_values, 2 encoding, 3 def level encoding, 4 rep level
 * encoding), DictionaryPageHeader (1 num_values, 2 encoding, 3 is_sorted) and
 * DataPageHeaderV2 (1 num_values, 2 num_nulls, 3 num_rows, 4 encoding, 5 def
 * levels byte length, 6 rep levels byte length, 7 is_compressed). */
static int read_sub(tc *t, page_hdr *h, int kind) {
  int last = 0, type = 0, id = 0, r;
  int32_t junk;
  while ((r = tc_field(t, &last, &type, &id)) == 0) {
    int rc = 0;
    if (id == 1 && type == T_I32) {
      rc = tc_i32(t, type, &h->nv);
      h->have_nv = 1;
    } else if (kind == PAGE_DATA_V2) {
      if (id == 2 && type == T_I32) rc = tc_i32(t, type, &h->nulls), h->have_nulls = 1;
      else if (id == 3 && type == T_I32) rc = tc_i32(t, type, &h->rows);
      else if (id == 4 && type == T_I32) rc = tc_i32(t, type, &h->enc), h->have_enc = 1;
      else if (id == 5 && type == T_I32) rc = tc_i32(t, type, &h->def_len), h->have_levels |= 1;
      else if (id == 6 && type == T_I32) rc = tc_i32(t, type, &h->rep_len), h->have_levels |= 2;
      else if (id == 7 && (type == T_TRUE || type == T_FALSE)) h->compressed = type == T_TRUE;
      else rc = tc_skip(t, type, 1);
    } else {
      if (id == 2 && type == T_I32) rc = tc_i32(t, type, &h->enc), h->have_enc = 1;
      else if (kind == PAGE_DATA && id == 3 && type == T_I32) rc = tc_i32(t, type, &h->def_enc);
      else if (kind == PAGE_DATA && id == 4 && type == T_I32) rc = tc_i32(t, type, &junk);
      else rc = tc_skip(t, type, 1);
    }
    if (rc) return -1;
  }
  return r < 0 ? -1 : 0;
}

/* PageHeader: 1 type, 2 uncompressed_page_size, 3 compressed_page_size, 4 crc,
 * 5 data_page_header, 6 index_page_header, 7 dictionary_page_header,
 * 8 data_page_header_v2. */
static int read_page_header(tc *t, page_hdr *h) {
  memset(h, 0, sizeof *h);
  h->compressed = 1;
  h->def_enc = ENC_RLE;
  int last = 0, type = 0, id = 0, r;
  while ((r = tc_field(t, &last, &type, &id)) == 0) {
    int rc = 0;
    if (id == 1) rc = tc_i32(t, type, &h->type), h->have_type = 1;
    else if (id == 2) rc = tc_i32(t, type, &h->usize), h->have_usize = 1;
    else if (id == 3) rc = tc_i32(t, type, &h->csize), h->have_csize = 1;
    else if (h->have_type && type == T_STRUCT &&
             ((id == 5 && h->type == PAGE_DATA) || (id == 7 && h->type == PAGE_DICT) ||
              (id == 8 && h->type == PAGE_DATA_V2))) {
      rc = read_sub(t, h, h->type);
      h->have_sub = 1;
    } else {
      rc = tc_skip(t, type, 1);
    }
    if (rc) return -1;
  }
  if (r < 0) return -1;
  if (!h->have_type || !h->have_usize || !h->have_csize) {
    t->why = "the page header lacks its type or sizes";
    return -1;
  }
  if (h->usize < 0 || h->csize < 0) {
    t->why = "the page header gives a negative page size";
    return -1;
  }
  return 0;
}

/* ---- the decoder ------------------------------------------------------------------------ */
typedef struct ctx {
  const uint8_t *chunk;
  size_t len;
  const gv_pq_opts *o;
  gv_errors *err;
  gv_builder b;
  int64_t row;      /* values decoded so far */
  int page;         /* page number within the chunk */
  size_t page_at;   /* chunk offset of the page's header */
  int64_t page_row; /* the page's first value */
  /* the dictionary: entries point into dict_buf (or into the chunk) */
  uint8_t *dict_buf;
  const uint8_t **dict_ptr;
  uint32_t *dict_len;
  int64_t dict_n;
  int have_dict;
  uint8_t *scratch; /* decompressed page */
  size_t scratch_cap;
  uint32_t *levels;
  size_t levels_cap;
  uint32_t *idx;
  size_t idx_cap;
  /* Points mode: while every value is a plain 2D WKB point (or a null), x
   * and y go straight into pts_xy and a type byte into pts_types, with no
   * per-geometry builder work. The first other value replays them into the
   * builder (demote) and the chunk goes on there. */
  size_t total_len;      /* bytes of every chunk of the call (hints) */
  int64_t total_values;  /* rows of every chunk of the call */
  int pts_mode;
  int64_t pts_n, pts_nc; /* geometries, coordinates (non-null points) */
  int pts_nulls;
  double *pts_xy;
  size_t pts_xy_cap;
  uint8_t *pts_types;
  size_t pts_types_cap;
} ctx;

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
static gv_status bad(ctx *c, int64_t chunk_byte, const char *fmt, ...) {
  char msg[240];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  int64_t at = c->o->file_offset + (chunk_byte >= 0 ? chunk_byte : (int64_t)c->page_at);
  gv_errors_add(c->err, c->o->first_row + c->page_row, at,
                "page %d (file byte %lld, rows from %lld): %s", c->page, (long long)at,
                (long long)(c->o->first_row + c->page_row), msg);
  return GV_ERR_PARSE;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static gv_status unsupported(ctx *c, const char *fmt, ...) {
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  gv_errors_add(c->err, -1, -1, "unsupported: %s (page %d)", msg, c->page);
  return GV_ERR_LIMIT;
}

static int grow(void **p, size_t *cap, size_t need) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap : 4096;
  while (n < need) n = n > SIZE_MAX / 2 ? need : n * 2;
  void *q = gv_realloc(*p, n);
  if (!q) return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* Decodes `count` values of the RLE / bit-packing hybrid of bit width bw
 * from p[0, n). 0, or -1 with *why and *at (offset in p). */
static int hybrid(const uint8_t *p, size_t n, int bw, uint32_t *out, size_t count, size_t *at,
                  const char **why) {
  size_t pos = 0, k = 0;
  size_t vbytes = (size_t)(bw + 7) / 8;
  while (k < count) {
    *at = pos;
    if (pos >= n) {
      *why = "the levels or indices end before every value has one";
      return -1;
    }
    uint64_t h = 0;
    int i = 0;
    for (;; i++) {
      if (i == 10 || pos >= n) {
        *why = "a bad run header (varint) in levels or indices";
        return -1;
      }
      uint8_t b = p[pos++];
      h |= (uint64_t)(b & 0x7f) << (7 * i);
      if (!(b & 0x80)) break;
    }
    if (h & 1) { /* bit-packed groups of 8 */
      uint64_t groups = h >> 1;
      if (bw && groups > (n - pos) / (size_t)bw) {
        *why = "a bit-packed run runs past the end of the levels or indices";
        return -1;
      }
      uint64_t vals = groups * 8;
      size_t take = vals < count - k ? (size_t)vals : count - k;
      const uint8_t *q = p + pos;
      size_t qlen = (size_t)groups * (size_t)bw;
      if (bw == 0) {
        memset(out + k, 0, take * sizeof *out);
      } else if (bw == 1) {
        for (size_t j = 0; j < take; j++) out[k + j] = (q[j >> 3] >> (j & 7)) & 1;
      } else {
        uint32_t mask = bw == 32 ? 0xffffffffu : ((1u << bw) - 1);
        for (size_t j = 0; j < take; j++) {
          size_t bit = j * (size_t)bw, byte = bit >> 3;
          uint64_t acc = 0;
          for (size_t m = 0; m < 5 && byte + m < qlen; m++) acc |= (uint64_t)q[byte + m] << (8 * m);
          out[k + j] = (uint32_t)(acc >> (bit & 7)) & mask;
        }
      }
      pos += qlen;
      k += take;
    } else { /* a run of one value */
      uint64_t run = h >> 1;
      if (n - pos < vbytes) {
        *why = "an RLE run's value runs past the end of the levels or indices";
        return -1;
      }
      uint32_t v = 0;
      for (size_t m = 0; m < vbytes; m++) v |= (uint32_t)p[pos + m] << (8 * m);
      if (bw < 32 && (v >> bw)) {
        *why = "an RLE run's value does not fit its bit width";
        return -1;
      }
      pos += vbytes;
      size_t take = run < count - k ? (size_t)run : count - k;
      for (size_t j = 0; j < take; j++) out[k + j] = v;
      k += take;
    }
  }
  return 0;
}

/* Page bytes as the decoder reads them: the body decompressed if need be. */
static gv_status page_bytes(ctx *c, const uint8_t *body, size_t clen, size_t ulen, int compressed,
                            size_t body_at, const uint8_t **data) {
  if (!compressed || c->o->codec == GV_PQ_UNCOMPRESSED || c->o->host_decompressed) {
    if (clen != ulen)
      return bad(c, (int64_t)body_at, "the page's compressed size %zu differs from its uncompressed size %zu, in an uncompressed page",
                 clen, ulen);
    *data = body;
    return GV_OK;
  }
  /* a snappy element of 3 bytes gives at most 64 */
  if ((uint64_t)ulen > (uint64_t)clen * 22 + 64)
    return bad(c, (int64_t)body_at, "uncompressed page size %zu is impossible for %zu bytes of snappy", ulen, clen);
  if (grow((void **)&c->scratch, &c->scratch_cap, ulen ? ulen : 1)) return GV_ERR_NOMEM;
  size_t at;
  const char *why;
  if (gv_snappy_decompress(body, clen, c->scratch, ulen, &at, &why))
    return bad(c, (int64_t)(body_at + at), "%s (byte %zu of the page's %zu compressed bytes)", why, at, clen);
  *data = c->scratch;
  return GV_OK;
}

static gv_status dictionary_page(ctx *c, const page_hdr *h, const uint8_t *body, size_t blen, size_t body_at) {
  if (c->have_dict) return bad(c, -1, "a second dictionary page");
  if (c->row > 0) return bad(c, -1, "a dictionary page after data pages");
  if (!h->have_sub || !h->have_nv) return bad(c, -1, "a dictionary page without its header");
  if (h->have_enc && h->enc != ENC_PLAIN && h->enc != ENC_PLAIN_DICT)
    return unsupported(c, "dictionary page encoding %d", (int)h->enc);
  size_t ulen = c->o->host_decompressed ? blen : (size_t)h->usize;
  const uint8_t *data;
  gv_status s = page_bytes(c, body, blen, ulen, 1, body_at, &data);
  if (s) return s;
  if (h->nv < 0 || (uint64_t)h->nv > ulen / 4)
    return bad(c, -1, "the dictionary page claims %d values in %zu bytes", (int)h->nv, ulen);
  /* keep the bytes: data pages that follow reuse the scratch buffer */
  if (data == c->scratch) {
    c->dict_buf = c->scratch;
    c->scratch = NULL;
    c->scratch_cap = 0;
  }
  size_t n = (size_t)h->nv;
  c->dict_ptr = gv_malloc((n ? n : 1) * sizeof *c->dict_ptr);
  c->dict_len = gv_malloc((n ? n : 1) * sizeof *c->dict_len);
  if (!c->dict_ptr || !c->dict_len) return GV_ERR_NOMEM;
  size_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    if (ulen - pos < 4) return bad(c, -1, "dictionary entry %zu runs past the page", i);
    uint32_t l = (uint32_t)data[pos] | ((uint32_t)data[pos + 1] << 8) | ((uint32_t)data[pos + 2] << 16) |
                 ((uint32_t)data[pos + 3] << 24);
    pos += 4;
    if (l > ulen - pos) return bad(c, -1, "dictionary entry %zu (%u bytes) runs past the page", i, l);
    c->dict_ptr[i] = data + pos;
    c->dict_len[i] = l;
    pos += l;
  }
  if (pos != ulen) return bad(c, -1, "%zu bytes after the dictionary's %zu values", ulen - pos, n);
  c->dict_n = (int64_t)n;
  c->have_dict = 1;
  return GV_OK;
}

/* Leaves points mode: the values so far go into the builder as the WKB
 * reader would have put them there. */
static gv_status demote(ctx *c) {
  c->pts_mode = 0;
  /* WKB is at least as long as the coordinates it holds: a hint */
  if (c->total_len < SIZE_MAX / 4) gv_buf_reserve(&c->b.coords, c->total_len);
  const double *xy = c->pts_xy;
  for (int64_t i = 0; i < c->pts_n; i++) {
    if (!c->pts_types[i]) {
      gv_builder_null(&c->b);
      continue;
    }
    gv_builder_begin_geom(&c->b, GV_POINT);
    gv_builder_begin_part(&c->b, GV_POINT);
    gv_builder_begin_ring(&c->b);
    gv_builder_coord(&c->b, xy[0], xy[1], NAN, NAN);
    gv_builder_end_geom(&c->b);
    xy += 2;
  }
  gv_free(c->pts_xy);
  gv_free(c->pts_types);
  c->pts_xy = NULL;
  c->pts_types = NULL;
  c->pts_xy_cap = c->pts_types_cap = 0;
  c->pts_n = c->pts_nc = 0;
  return c->b.status;
}

/* Room for one more geometry in points mode. */
static gv_status pts_room(ctx *c) {
  if ((size_t)c->pts_n >= c->pts_types_cap) {
    /* the first guess: the values a chunk of this size can hold, or the rows */
    size_t want = c->pts_types_cap ? c->pts_types_cap * 2 : c->total_len / 25 + 16;
    if ((int64_t)want > c->total_values) want = (size_t)c->total_values;
    if (want <= (size_t)c->pts_n) want = (size_t)c->pts_n + 1;
    uint8_t *t = gv_realloc(c->pts_types, want);
    if (!t) return GV_ERR_NOMEM;
    c->pts_types = t;
    c->pts_types_cap = want;
    double *xy = gv_realloc(c->pts_xy, want * 2 * sizeof(double));
    if (!xy) return GV_ERR_NOMEM;
    huge_pages(xy, want * 2 * sizeof(double));
    c->pts_xy = xy;
    c->pts_xy_cap = want;
  }
  return GV_OK;
}

/* A null value. */
static gv_status null_value(ctx *c) {
  if (c->pts_mode) {
    gv_status s = pts_room(c);
    if (s) return s;
    c->pts_types[c->pts_n++] = GV_NULL;
    c->pts_nulls = 1;
    return GV_OK;
  }
  gv_builder_null(&c->b);
  return c->b.status;
}

/* A plain 2D WKB point (21 bytes: byte order, type 1, x, y) with finite
 * coordinates, or both NaN (POINT EMPTY): 1 with x and y; 0 for anything
 * else, which the WKB reader then parses (and reports). */
static int wkb_point2d(const uint8_t *p, size_t len, double *x, double *y) {
  if (len != 21 || p[0] > 1) return 0;
  int swap = (p[0] == 1) != HOST_LE;
  uint32_t t;
  memcpy(&t, p + 1, 4);
  if ((swap ? bswap32(t) : t) != 1) return 0;
  uint64_t u[2];
  memcpy(u, p + 5, 16);
  if (swap) {
    u[0] = bswap64(u[0]);
    u[1] = bswap64(u[1]);
  }
  memcpy(x, &u[0], 8);
  memcpy(y, &u[1], 8);
  if (isfinite(*x) && isfinite(*y)) return 1;
  if (isnan(*x) && isnan(*y)) {
    *x = *y = NAN; /* one canonical NaN, as the WKB reader stores POINT EMPTY */
    return 1;
  }
  return 0;
}

/* One WKB value of row `row` (within the chunk). */
static gv_status value(ctx *c, const uint8_t *p, size_t len) {
  if (c->pts_mode) {
    double x, y;
    if (wkb_point2d(p, len, &x, &y)) {
      gv_status s = pts_room(c);
      if (s) return s;
      c->pts_types[c->pts_n++] = GV_POINT;
      double *d = c->pts_xy + 2 * c->pts_nc++;
      d[0] = x;
      d[1] = y;
      return GV_OK;
    }
    gv_status s = demote(c);
    if (s) return s;
  }
  if (len == 0) {
    gv_errors_add(c->err, c->o->first_row + c->row, 0,
                  "row %lld: an empty value (0 bytes) is not WKB; a null geometry is a null value",
                  (long long)(c->o->first_row + c->row));
    return GV_ERR_PARSE;
  }
  size_t off = 0;
  char msg[200];
  if (gv_wkb_read_value(&c->b, p, len, &off, msg, sizeof msg)) {
    if (c->b.status) return c->b.status;
    gv_errors_add(c->err, c->o->first_row + c->row, (int64_t)off, "row %lld: %s (byte %zu of its WKB value)",
                  (long long)(c->o->first_row + c->row), msg, off);
    return GV_ERR_PARSE;
  }
  return c->b.status;
}

static gv_status data_page(ctx *c, const page_hdr *h, const uint8_t *body, size_t blen, size_t body_at) {
  int v2 = h->type == PAGE_DATA_V2;
  if (!h->have_sub || !h->have_nv || !h->have_enc) return bad(c, -1, "a data page without its data page header");
  if (h->nv < 0) return bad(c, -1, "a data page with %d values", (int)h->nv);
  int64_t left = c->o->num_values - c->row;
  if ((int64_t)h->nv > left)
    return bad(c, -1, "the page holds %d values, the row group has %lld rows left", (int)h->nv, (long long)left);
  size_t nv = (size_t)h->nv;
  const uint8_t *vals, *defs = NULL;
  size_t vlen, dlen = 0;
  if (v2) {
    if (h->def_len < 0 || h->rep_len < 0 || (uint64_t)h->def_len + (uint64_t)h->rep_len > blen ||
        (uint64_t)h->def_len + (uint64_t)h->rep_len > (uint64_t)h->usize)
      return bad(c, -1, "level lengths %d + %d do not fit the page (%zu bytes)", (int)h->rep_len, (int)h->def_len, blen);
    if (h->rep_len) return bad(c, -1, "repetition levels in a column that is not repeated");
    defs = body + h->rep_len;
    dlen = (size_t)h->def_len;
    size_t lv = (size_t)h->rep_len + dlen;
    size_t ulen = c->o->host_decompressed ? blen - lv : (size_t)h->usize - lv;
    gv_status s = page_bytes(c, body + lv, blen - lv, ulen, h->compressed, body_at + lv, &vals);
    if (s) return s;
    vlen = ulen;
  } else {
    size_t ulen = c->o->host_decompressed ? blen : (size_t)h->usize;
    const uint8_t *data;
    gv_status s = page_bytes(c, body, blen, ulen, 1, body_at, &data);
    if (s) return s;
    vals = data;
    vlen = ulen;
    if (c->o->max_def > 0) {
      if (h->def_enc != ENC_RLE) return unsupported(c, "definition level encoding %d", (int)h->def_enc);
      if (vlen < 4) return bad(c, -1, "the definition levels' length runs past the page");
      uint32_t l = (uint32_t)vals[0] | ((uint32_t)vals[1] << 8) | ((uint32_t)vals[2] << 16) | ((uint32_t)vals[3] << 24);
      if (l > vlen - 4) return bad(c, -1, "the definition levels (%u bytes) run past the page (%zu bytes)", l, vlen);
      defs = vals + 4;
      dlen = l;
      vals += 4 + (size_t)l;
      vlen -= 4 + (size_t)l;
    }
  }
  /* definition levels: 1 = present, 0 = null */
  size_t present = nv;
  const uint32_t *lv = NULL;
  if (c->o->max_def > 0) {
    if (grow((void **)&c->levels, &c->levels_cap, (nv ? nv : 1) * sizeof *c->levels)) return GV_ERR_NOMEM;
    size_t at;
    const char *why;
    if (hybrid(defs, dlen, 1, c->levels, nv, &at, &why)) return bad(c, -1, "definition levels: %s (byte %zu)", why, at);
    lv = c->levels;
    present = 0;
    for (size_t i = 0; i < nv; i++) present += lv[i];
  }
  if (v2 && h->have_nulls && (size_t)h->nulls != nv - present)
    return bad(c, -1, "the page header counts %d nulls, the definition levels %zu", (int)h->nulls, nv - present);
  if (h->enc == ENC_PLAIN) {
    size_t pos = 0;
    for (size_t i = 0; i < nv; i++, c->row++) {
      if (lv && !lv[i]) {
        gv_status s = null_value(c);
        if (s) return s;
        continue;
      }
      if (vlen - pos < 4) return bad(c, -1, "value %zu of %zu (row %lld) runs past the page: the levels count more values than the page holds", i, nv, (long long)(c->o->first_row + c->row));
      uint32_t l = (uint32_t)vals[pos] | ((uint32_t)vals[pos + 1] << 8) | ((uint32_t)vals[pos + 2] << 16) |
                   ((uint32_t)vals[pos + 3] << 24);
      pos += 4;
      if (l > vlen - pos) return bad(c, -1, "value %zu (row %lld, %u bytes) runs past the page", i, (long long)(c->o->first_row + c->row), l);
      gv_status s = value(c, vals + pos, l);
      if (s) return s;
      pos += l;
    }
    if (pos != vlen) return bad(c, -1, "%zu bytes after the page's %zu values: the page holds more values than its levels count", vlen - pos, present);
    return GV_OK;
  }
  if (h->enc == ENC_RLE_DICT || h->enc == ENC_PLAIN_DICT) {
    if (!c->have_dict) return bad(c, -1, "a dictionary-encoded page without a dictionary page");
    if (grow((void **)&c->idx, &c->idx_cap, (present ? present : 1) * sizeof *c->idx)) return GV_ERR_NOMEM;
    if (present) {
      if (vlen < 1) return bad(c, -1, "the dictionary indices lack their bit width");
      int bw = vals[0];
      if (bw > 32) return bad(c, -1, "dictionary index bit width %d", bw);
      size_t at;
      const char *why;
      if (hybrid(vals + 1, vlen - 1, bw, c->idx, present, &at, &why)) return bad(c, -1, "dictionary indices: %s (byte %zu)", why, at + 1);
    }
    size_t k = 0;
    for (size_t i = 0; i < nv; i++, c->row++) {
      if (lv && !lv[i]) {
        gv_status s = null_value(c);
        if (s) return s;
        continue;
      }
      uint32_t d = c->idx[k++];
      if ((int64_t)d >= c->dict_n) return bad(c, -1, "row %lld: dictionary index %u, the dictionary holds %lld values", (long long)(c->o->first_row + c->row), d, (long long)c->dict_n);
      gv_status s = value(c, c->dict_ptr[d], c->dict_len[d]);
      if (s) return s;
    }
    return GV_OK;
  }
  return unsupported(c, "value encoding %d", (int)h->enc);
}

static gv_status decode(ctx *c) {
  size_t pos = 0;
  while (c->row < c->o->num_values) {
    c->page_at = pos;
    c->page_row = c->row;
    if (pos >= c->len)
      return bad(c, (int64_t)pos, "the column chunk ends after %lld of its %lld rows", (long long)c->row, (long long)c->o->num_values);
    tc t = {c->chunk, c->len, pos, NULL};
    page_hdr h;
    if (read_page_header(&t, &h)) return bad(c, (int64_t)t.pos, "bad page header: %s", t.why);
    size_t body_at = t.pos, left = c->len - t.pos;
    size_t blen = c->o->host_decompressed && h.type != PAGE_INDEX ? (size_t)h.usize : (size_t)h.csize;
    if (blen > left) return bad(c, -1, "the page (%zu bytes) runs past the column chunk (%zu bytes left)", blen, left);
    const uint8_t *body = c->chunk + body_at;
    gv_status s = GV_OK;
    switch (h.type) {
    case PAGE_DATA:
    case PAGE_DATA_V2: s = data_page(c, &h, body, blen, body_at); break;
    case PAGE_DICT: s = dictionary_page(c, &h, body, blen, body_at); break;
    case PAGE_INDEX: break;
    default: return bad(c, -1, "unknown page type %d", (int)h.type);
    }
    if (s) return s;
    pos = body_at + blen;
    c->page++;
  }
  return GV_OK;
}

/* The array of a chunk decoded in points mode to its end: the layout the
 * builder would give (type bytes; coordinates of the non-null points,
 * interleaved; part and ring levels the identity; a geometry level only
 * when there are nulls), its buffers adopted from the decoder. */
static gv_status points_array(ctx *c, gv_array **out) {
  size_t n = (size_t)c->pts_n, nc = (size_t)c->pts_nc;
  /* the exact sizes (never a zero-size block: the buffers exist even for an empty chunk) */
  double *xy = gv_realloc(c->pts_xy, (nc ? nc : 1) * 2 * sizeof(double));
  if (!xy) return GV_ERR_NOMEM;
  c->pts_xy = xy;
  uint8_t *types = gv_realloc(c->pts_types, n ? n : 1);
  if (!types) return GV_ERR_NOMEM;
  c->pts_types = types;
  int32_t *geom_off = NULL;
  if (c->pts_nulls) {
    geom_off = gv_malloc((n + 1) * sizeof *geom_off);
    if (!geom_off) return GV_ERR_NOMEM;
    int32_t k = 0;
    for (size_t i = 0; i < n; i++) {
      geom_off[i] = k;
      k += types[i] != GV_NULL;
    }
    geom_off[n] = k;
  }
  gv_array *a = gv_array_new();
  if (!a) {
    gv_free(geom_off);
    return GV_ERR_NOMEM;
  }
  /* three free slots in a new array: adopting cannot fail */
  gv_array_adopt(a, xy);
  gv_array_adopt(a, types);
  gv_array_adopt(a, geom_off);
  c->pts_xy = NULL;
  c->pts_types = NULL;
  a->n = (int64_t)n;
  a->types = types;
  a->geom_off = geom_off;
  a->stride = 2;
  a->dims = 0;
  a->x = xy;
  a->y = xy + 1;
  *out = a;
  return GV_OK;
}

/* Clears what belongs to one chunk (its dictionary, its counters). */
static void next_chunk(ctx *c) {
  gv_free(c->dict_buf);
  gv_free((void *)c->dict_ptr);
  gv_free(c->dict_len);
  c->dict_buf = NULL;
  c->dict_ptr = NULL;
  c->dict_len = NULL;
  c->dict_n = 0;
  c->have_dict = 0;
  c->row = 0;
  c->page = 0;
  c->page_at = 0;
  c->page_row = 0;
}

static int bad_opts(const gv_pq_opts *o, const uint8_t *chunk, size_t len) {
  return !o || (!chunk && len) || o->num_values < 0 || o->max_def < 0 || o->max_def > 1 ||
         (o->codec != GV_PQ_UNCOMPRESSED && o->codec != GV_PQ_SNAPPY && !o->host_decompressed);
}

gv_status gv_parse_parquet_wkb_chunks(const gv_pq_chunk *chunks, int k, gv_array **out, gv_errors *err) {
  if (!out || k < 0 || (k > 0 && !chunks)) return GV_ERR_ARG;
  *out = NULL;
  ctx c;
  memset(&c, 0, sizeof c);
  for (int j = 0; j < k; j++) {
    if (bad_opts(&chunks[j].opts, chunks[j].data, chunks[j].len)) return GV_ERR_ARG;
    c.total_len += chunks[j].len;
    c.total_values += chunks[j].opts.num_values;
  }
  gv_errors scratch_err = {0};
  c.err = err ? err : &scratch_err;
  gv_builder_init(&c.b);
  c.pts_mode = 1;
  gv_status s = GV_OK;
  for (int j = 0; j < k && !s; j++) {
    next_chunk(&c);
    c.chunk = chunks[j].data;
    c.len = chunks[j].len;
    c.o = &chunks[j].opts;
    s = decode(&c);
    if (!s) s = c.b.status;
  }
  if (!s && c.pts_mode) s = points_array(&c, out);
  next_chunk(&c);
  gv_free(c.scratch);
  gv_free(c.levels);
  gv_free(c.idx);
  gv_free(c.pts_xy);
  gv_free(c.pts_types);
  gv_errors_free(&scratch_err);
  if (s) {
    gv_builder_free(&c.b);
    return s;
  }
  if (*out) { /* points mode to the end */
    gv_builder_free(&c.b);
    return GV_OK;
  }
  *out = gv_builder_finish(&c.b);
  return *out ? GV_OK : GV_ERR_NOMEM;
}

gv_status gv_parse_parquet_wkb(const uint8_t *chunk, size_t len, const gv_pq_opts *o, gv_array **out,
                               gv_errors *err) {
  if (!out || bad_opts(o, chunk, len)) return GV_ERR_ARG;
  gv_pq_chunk one = {chunk, len, *o};
  return gv_parse_parquet_wkb_chunks(&one, 1, out, err);
}
