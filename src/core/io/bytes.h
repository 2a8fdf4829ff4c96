/* Byte order helpers shared by the WKB reader and writer. */
#ifndef GEOVEC_BYTES_H
#define GEOVEC_BYTES_H

#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
#define HOST_LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
#else
static inline int host_le(void) {
  const uint16_t one = 1;
  uint8_t first;
  memcpy(&first, &one, 1);
  return first;
}
#define HOST_LE host_le()
#endif

static inline uint32_t bswap32(uint32_t v) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_bswap32(v);
#else
  return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
#endif
}

static inline uint64_t bswap64(uint64_t v) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_bswap64(v);
#else
  return ((uint64_t)bswap32((uint32_t)v) << 32) | bswap32((uint32_t)(v >> 32));
#endif
}

#endif
