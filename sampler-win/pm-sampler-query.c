/* pm-sampler-query.c: SystemPoolTagInformation, asked and parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "pm-sampler.h"

/* A pool-tag list is a few hundred KB at most; anything past this is a
 * broken answer, not a bigger machine. */
#define MAX_BUFFER_SIZE ((size_t) 64 * 1024 * 1024)
#define FIRST_BUFFER_SIZE ((size_t) 64 * 1024)
#define MAX_ATTEMPTS 8

int
pm_buf_reserve (PmBuf  *buf,
                size_t  extra)
{
  size_t need = buf->len + extra;
  size_t capacity;
  char *data;

  if (need <= buf->capacity)
    return 0;

  capacity = buf->capacity ? buf->capacity : 4096;
  while (capacity < need)
    capacity *= 2;

  data = realloc (buf->data, capacity);
  if (data == NULL)
    return -1;

  buf->data = data;
  buf->capacity = capacity;
  return 0;
}

void
pm_buf_clear (PmBuf *buf)
{
  free (buf->data);
  buf->data = NULL;
  buf->len = 0;
  buf->capacity = 0;
}

void
pm_pool_query_init (PmPoolQuery *query,
                    PmQueryFunc  func,
                    void        *user_data)
{
  memset (query, 0, sizeof *query);
  query->func = func;
  query->user_data = user_data;
}

void
pm_pool_query_clear (PmPoolQuery *query)
{
  free (query->buffer);
  free (query->tags);
  memset (query, 0, sizeof *query);
}

static uint32_t
read_u32 (const unsigned char *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static uint64_t
read_u64 (const unsigned char *p)
{
  return (uint64_t) read_u32 (p) | (uint64_t) read_u32 (p + 4) << 32;
}

PmQueryResult
pm_pool_query_parse (PmPoolQuery *query,
                     const void  *data,
                     size_t       len)
{
  const unsigned char *p = data;
  size_t count;

  query->n_tags = 0;

  if (len < PM_POOLTAG_HEADER_SIZE)
    return PM_QUERY_FAILED;

  /* The count must fit the bytes the kernel says it wrote: never read past
   * them, whatever the count claims. */
  count = read_u32 (p);
  if (count > (len - PM_POOLTAG_HEADER_SIZE) / PM_POOLTAG_ENTRY_SIZE)
    return PM_QUERY_FAILED;

  if (count > query->tags_capacity)
    {
      size_t capacity = query->tags_capacity ? query->tags_capacity : 256;
      PmPoolTag *tags;

      while (capacity < count)
        capacity *= 2;
      tags = realloc (query->tags, capacity * sizeof *tags);
      if (tags == NULL)
        return PM_QUERY_NO_MEMORY;
      query->tags = tags;
      query->tags_capacity = capacity;
    }

  for (size_t i = 0; i < count; i++)
    {
      const unsigned char *e = p + PM_POOLTAG_HEADER_SIZE + i * PM_POOLTAG_ENTRY_SIZE;
      PmPoolTag *tag = &query->tags[i];

      /* Some drivers pad short tags with NULs instead of spaces; a NUL
       * cannot go into a CSV field, and poolmon shows both the same. */
      for (int b = 0; b < 4; b++)
        tag->tag[b] = e[b] != 0 ? (char) e[b] : ' ';
      tag->paged_allocs = read_u32 (e + 4);
      tag->paged_frees = read_u32 (e + 8);
      tag->paged_used = read_u64 (e + 16);
      tag->non_paged_allocs = read_u32 (e + 24);
      tag->non_paged_frees = read_u32 (e + 28);
      tag->non_paged_used = read_u64 (e + 32);
    }

  query->n_tags = count;
  return PM_QUERY_OK;
}

static int
grow_buffer (PmPoolQuery *query,
             size_t       wanted)
{
  unsigned char *buffer;

  if (wanted > MAX_BUFFER_SIZE)
    return -1;

  /* The old contents are of no use: free first, no copy. */
  free (query->buffer);
  query->buffer = NULL;
  query->buffer_size = 0;
  buffer = malloc (wanted);
  if (buffer == NULL)
    return -1;

  query->buffer = buffer;
  query->buffer_size = wanted;
  return 0;
}

PmQueryResult
pm_pool_query_run (PmPoolQuery *query)
{
  query->n_calls = 0;
  query->n_tags = 0;

  if (query->buffer == NULL && grow_buffer (query, FIRST_BUFFER_SIZE) != 0)
    return PM_QUERY_NO_MEMORY;

  for (unsigned int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      uint32_t size = (uint32_t) query->buffer_size;
      uint32_t needed = 0;
      size_t wanted;

      query->n_calls++;
      query->status = query->func (query->buffer, size, &needed, query->user_data);

      if (query->status == PM_STATUS_SUCCESS)
        return pm_pool_query_parse (query, query->buffer, needed <= size ? needed : size);

      if (query->status == PM_STATUS_INVALID_INFO_CLASS
          || query->status == PM_STATUS_NOT_IMPLEMENTED
          || query->status == PM_STATUS_NOT_SUPPORTED)
        return PM_QUERY_UNSUPPORTED;

      if ((query->status != PM_STATUS_INFO_LENGTH_MISMATCH
           && query->status != PM_STATUS_BUFFER_TOO_SMALL)
          || attempt + 1 == MAX_ATTEMPTS)
        return PM_QUERY_FAILED;

      /* Tags appear between two calls, so the size the kernel asked for may
       * already be short by the next call: leave room for more. When it
       * names no size, double. */
      if (needed > size)
        wanted = (size_t) needed + needed / 4 + 16 * PM_POOLTAG_ENTRY_SIZE;
      else
        wanted = query->buffer_size * 2;

      if (grow_buffer (query, wanted) != 0)
        return PM_QUERY_NO_MEMORY;
    }

  /* Not reached: the last attempt returns above. The list kept outgrowing
   * the buffer. */
  return PM_QUERY_FAILED;
}
