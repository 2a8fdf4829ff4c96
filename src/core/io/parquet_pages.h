/* Parquet column chunk decoding for GeoParquet WKB geometry columns.
 *
 * The host reads the file footer (schema, row groups, column chunk offsets)
 * itself; this module takes the bytes of one column chunk of a top-level
 * BYTE_ARRAY column (from its dictionary page, or its first data page, to
 * the end of the chunk) and decodes them into a geometry array in one call:
 * Thrift compact page headers (DATA_PAGE, DATA_PAGE_V2, DICTIONARY_PAGE;
 * INDEX_PAGE skipped), SNAPPY or no compression, definition levels (the
 * RLE / bit-packed hybrid) for nulls, PLAIN values and RLE_DICTIONARY
 * indices, each WKB value parsed straight into the builder. */
#ifndef GEOVEC_PARQUET_PAGES_H
#define GEOVEC_PARQUET_PAGES_H

#include "geovec.h"

/* Parquet's CompressionCodec numbers for the codecs decoded here. */
#define GV_PQ_UNCOMPRESSED 0
#define GV_PQ_SNAPPY 1

typedef struct gv_pq_opts {
  int64_t num_values; /* rows the chunk must hold (the row group's row count) */
  int codec;          /* GV_PQ_UNCOMPRESSED or GV_PQ_SNAPPY */
  int max_def;        /* 0: REQUIRED column, 1: OPTIONAL (nulls by definition level) */
  /* 1: the host has decompressed every page already (other codecs): each
   * page's body is uncompressed_page_size bytes, read as is. */
  int host_decompressed;
  int64_t file_offset; /* where the chunk starts in the file, for messages */
  int64_t first_row;   /* the file row of the chunk's first value, for messages */
} gv_pq_opts;

/* Decodes a column chunk. GV_OK with *out; GV_ERR_PARSE with one error in
 * err (index: the file row or -1; offset: the file byte or -1; the message
 * names the page, the file byte and the row); GV_ERR_LIMIT with a message
 * starting "unsupported" for encodings this decoder does not read (the host
 * falls back to another reader); GV_ERR_NOMEM. */
gv_status gv_parse_parquet_wkb(const uint8_t *chunk, size_t len, const gv_pq_opts *o, gv_array **out,
                               gv_errors *err);

/* Several column chunks of the same column (row groups, in order) decoded
 * into one array: the rows of chunk j follow those of chunk j - 1. Errors
 * as gv_parse_parquet_wkb, each naming its own chunk's file offset and
 * rows. */
typedef struct gv_pq_chunk {
  const uint8_t *data;
  size_t len;
  gv_pq_opts opts;
} gv_pq_chunk;
gv_status gv_parse_parquet_wkb_chunks(const gv_pq_chunk *chunks, int k, gv_array **out, gv_errors *err);

/* Raw (unframed) snappy, as Parquet stores it: decompresses src into dst,
 * which must be exactly dst_len bytes long (the length the stream starts
 * with must equal it). 0 on success, -1 with a reason and the offending
 * byte offset in src. */
int gv_snappy_decompress(const uint8_t *src, size_t n, uint8_t *dst, size_t dst_len, size_t *err_at,
                         const char **why);

/* Reads the uncompressed length a raw snappy stream starts with; -1 when the
 * varint is bad. */
int gv_snappy_length(const uint8_t *src, size_t n, uint64_t *len);

/* One WKB value appended to b as a geometry (defined in wkb_read.c, the
 * per-geometry parse of gv_parse_wkb). 0 on success; -1 with the reason in
 * msg and its byte offset within the value in *err_off, the geometry
 * dropped (b->status shows out of memory). */
int gv_wkb_read_value(gv_builder *b, const uint8_t *p, size_t len, size_t *err_off, char *msg,
                      size_t msg_size);

#endif
