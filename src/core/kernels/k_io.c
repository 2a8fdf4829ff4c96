/* Kernels for the parsers and writers: argument checks and framing. */
#include "kernels.h"

/* Reads n+1 element boundaries (int32 or int64, by `width`) into int64,
 * checking that they are non-decreasing and inside the data. */
static gv_status read_frames(gv_call *c, const gv_span *frames, int64_t n, int width, size_t data_len,
                             int64_t **out) {
  *out = NULL;
  if (n < 0 || (width != 4 && width != 8) || frames->len != (size_t)(n + 1) * (size_t)width) {
    gv_errors_add(&c->err, -1, -1, "offsets must hold n + 1 = %lld int%d values", (long long)n + 1,
                  width * 8);
    return GV_ERR_ARG;
  }
  int64_t *f = gv_malloc((size_t)(n + 1) * sizeof *f);
  if (!f) return GV_ERR_NOMEM;
  for (int64_t i = 0; i <= n; i++) {
    f[i] = width == 4 ? ((const int32_t *)frames->data)[i] : ((const int64_t *)frames->data)[i];
    if (f[i] < 0 || (uint64_t)f[i] > data_len || (i > 0 && f[i] < f[i - 1])) {
      gv_errors_add(&c->err, i, -1, "offset %lld is out of order or outside the data (%zu bytes)",
                    (long long)f[i], data_len);
      gv_free(f);
      return GV_ERR_ARG;
    }
  }
  *out = f;
  return GV_OK;
}

typedef gv_status (*framed_parser)(const uint8_t *, const int64_t *, int64_t, const gv_parse_opts *,
                                   gv_array **, gv_errors *);

/* A parse that produced an array has succeeded, even if some elements
 * became null (their errors stay in c->err for the host to report). */
static gv_status settle(gv_call *c, gv_status s) {
  return c->out_arr && s == GV_ERR_PARSE ? GV_OK : s;
}

/* parse_wkb / parse_wkt: in0 data, in1 offsets, in2 optional validity
 * bitmap (bit i = 0: element i is null; absent: none is); num0 n, num1
 * offset width (4 or 8), num2 on_invalid_null -> out_arr */
static gv_status parse_framed(gv_call *c, framed_parser parse) {
  int64_t n = (int64_t)c->num[0], *frames;
  const gv_span *valid = &c->in[2];
  if (valid->data && n >= 0 && valid->len < (size_t)((n + 7) / 8)) {
    gv_errors_add(&c->err, -1, -1, "the validity bitmap holds %zu bytes, %lld elements need %lld", valid->len,
                  (long long)n, (long long)((n + 7) / 8));
    return GV_ERR_ARG;
  }
  gv_status s = read_frames(c, &c->in[1], n, (int)c->num[1], c->in[0].len, &frames);
  if (s) return s;
  gv_parse_opts opts = {.on_invalid_null = (int)c->num[2], .validity = valid->data};
  s = parse(c->in[0].data, frames, n, &opts, &c->out_arr, &c->err);
  gv_free(frames);
  return settle(c, s);
}
gv_status gv_k_parse_wkb(gv_call *c) { return parse_framed(c, gv_parse_wkb); }
gv_status gv_k_parse_wkt(gv_call *c) { return parse_framed(c, gv_parse_wkt); }

/* parse_geojson: in0 document; num0 on_invalid_null, num1 want properties
 * -> out_arr, out0 int64 [props begin, end, id begin, end] per element */
gv_status gv_k_parse_geojson(gv_call *c) {
  gv_parse_opts opts = {.on_invalid_null = (int)c->num[0]};
  gv_buf props = {0};
  gv_status s = gv_parse_geojson(c->in[0].data, c->in[0].len, &opts, &c->out_arr,
                                 c->num[1] ? &props : NULL, &c->err);
  c->out[0].len = props.len;
  c->out[0].data = gv_buf_take(&props);
  return settle(c, s);
}

typedef gv_status (*writer)(const gv_array *, int64_t, int64_t, const gv_write_opts *, gv_buf *,
                            gv_buf *);

/* write_*: arr0; num0 begin, num1 end, then per writer: wkb num2 byte order,
 * num3 ewkb; wkt num2 precision, num3 ewkt (SRID=n; prefixes); geojson num2
 * precision -> out0 bytes, out1 int64 offsets */
static gv_status write_range(gv_call *c, writer w, gv_write_opts o) {
  const gv_array *a = c->arr[0];
  int64_t begin = (int64_t)c->num[0], end = (int64_t)c->num[1];
  if (!a || begin < 0 || end < begin || end > a->n) return GV_ERR_ARG;
  gv_buf out = {0}, offsets = {0};
  gv_status s = w(a, begin, end, &o, &out, &offsets);
  if (s) {
    gv_buf_free(&out);
    gv_buf_free(&offsets);
    return s;
  }
  c->out[0].len = out.len;
  c->out[0].data = gv_buf_take(&out);
  c->out[1].len = offsets.len;
  c->out[1].data = gv_buf_take(&offsets);
  return GV_OK;
}
gv_status gv_k_write_wkb(gv_call *c) {
  return write_range(c, gv_write_wkb, (gv_write_opts){(int)c->num[2], (int)c->num[3], -1});
}
gv_status gv_k_write_wkt(gv_call *c) {
  return write_range(c, gv_write_wkt, (gv_write_opts){1, (int)c->num[3], (int)c->num[2]});
}
gv_status gv_k_write_geojson(gv_call *c) {
  return write_range(c, gv_write_geojson, (gv_write_opts){1, 0, (int)c->num[2]});
}

/* parquet_wkb: in0 the bytes of one column chunk of a top-level WKB
 * BYTE_ARRAY column (from its first page to its end); num0 rows, num1 codec
 * (0 uncompressed, 1 snappy), num2 max definition level (0 or 1), num3 the
 * chunk's file offset, num4 the chunk's first file row, num5 1 when the host
 * has decompressed the pages -> out_arr (see io/parquet_pages.h) */
#include "io/parquet_pages.h"
gv_status gv_k_parquet_wkb(gv_call *c) {
  gv_pq_opts o = {.num_values = (int64_t)c->num[0], .codec = (int)c->num[1], .max_def = (int)c->num[2],
                  .file_offset = (int64_t)c->num[3], .first_row = (int64_t)c->num[4],
                  .host_decompressed = (int)c->num[5]};
  if (!(c->num[0] >= 0 && c->num[0] < 9e15)) return GV_ERR_ARG;
  return gv_parse_parquet_wkb(c->in[0].data, c->in[0].len, &o, &c->out_arr, &c->err);
}

/* parquet_wkb_chunks: the column chunks of several row groups of one
 * column in one array. in0 the chunks' bytes one after the other; in1
 * float64, 6 per chunk: offset in in0, length, rows, codec (0 / 1), file
 * offset, first file row; num0 max definition level (0 or 1) -> out_arr */
gv_status gv_k_parquet_wkb_chunks(gv_call *c) {
  const double *t = c->in[1].data;
  size_t k = c->in[1].len / (6 * sizeof(double));
  if (c->in[1].len != k * 6 * sizeof(double) || k > 1000000) return GV_ERR_ARG;
  gv_pq_chunk *ch = gv_malloc((k ? k : 1) * sizeof *ch);
  if (!ch) return GV_ERR_NOMEM;
  const uint8_t *base = c->in[0].data;
  for (size_t j = 0; j < k; j++) {
    const double *r = t + 6 * j;
    if (!(r[0] >= 0 && r[1] >= 0 && r[0] + r[1] <= (double)c->in[0].len && r[2] >= 0 && r[2] < 9e15)) {
      gv_free(ch);
      return GV_ERR_ARG;
    }
    ch[j].data = base ? base + (size_t)r[0] : NULL;
    ch[j].len = (size_t)r[1];
    ch[j].opts = (gv_pq_opts){.num_values = (int64_t)r[2], .codec = (int)r[3], .max_def = (int)c->num[0],
                              .file_offset = (int64_t)r[4], .first_row = (int64_t)r[5]};
  }
  gv_status s = gv_parse_parquet_wkb_chunks(ch, (int)k, &c->out_arr, &c->err);
  gv_free(ch);
  return s;
}
