/* pm-sampler-loop.c: snapshots on a schedule, and the program around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sampler runs unattended for months: a failed snapshot (full disk, a
 * query error) is reported with its time and the loop goes on; only a
 * query the system does not know at all ends it, since it never will.
 */
#include <string.h>

#include "pm-format.h"
#include "pm-sampler.h"

#ifndef PM_VERSION
# define PM_VERSION "unknown"
#endif

/* A line for standard error, built without printf (see pm-sampler-format.c). */
typedef struct
{
  char   text[1024];
  size_t len;
} Line;

static void
line_add (Line       *line,
          const char *s)
{
  while (*s != '\0' && line->len + 1 < sizeof line->text)
    line->text[line->len++] = *s++;
  line->text[line->len] = '\0';
}

static void
line_add_dec (Line     *line,
              uint64_t  value)
{
  char digits[21];
  int n = (int) sizeof digits - 1;

  digits[n] = '\0';
  do
    {
      digits[--n] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  line_add (line, digits + n);
}

static void
line_add_status (Line     *line,
                 uint32_t  status)
{
  char hex[11] = "0x";

  for (int i = 0; i < 8; i++)
    hex[2 + i] = "0123456789ABCDEF"[(status >> (28 - 4 * i)) & 0xF];
  hex[10] = '\0';
  line_add (line, hex);
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian), so that UTC
 * needs neither gmtime_r (POSIX) nor gmtime_s (Windows). */
void
pm_sampler_utc_time (int64_t    epoch,
                     struct tm *tm)
{
  int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t secs = epoch - days * 86400;
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2);

  memset (tm, 0, sizeof *tm);
  tm->tm_year = (int) (year - 1900);
  tm->tm_mon = (int) (month - 1);
  tm->tm_mday = (int) day;
  tm->tm_hour = (int) (secs / 3600);
  tm->tm_min = (int) (secs / 60 % 60);
  tm->tm_sec = (int) (secs % 60);
  tm->tm_wday = (int) ((days % 7 + 11) % 7);
}

static void
line_add_time (Line                 *line,
               const PmSnapshotTime *time)
{
  char stamp[PM_FORMAT_TIMESTAMP_LEN + 1];

  if (strftime (stamp, sizeof stamp, PM_FORMAT_TIMESTAMP_STRFTIME, &time->utc) == 0)
    stamp[0] = '\0';
  line_add (line, stamp);
  line_add (line, "Z ");
}

uint64_t
pm_schedule_next_slot (uint64_t start_ms,
                       uint64_t interval_ms,
                       uint64_t now_ms,
                       uint64_t last_k)
{
  uint64_t k = last_k + 1;

  if (now_ms > start_ms)
    {
      uint64_t late_k = (now_ms - start_ms + interval_ms - 1) / interval_ms;

      if (late_k > k)
        k = late_k;
    }
  return k;
}

uint64_t
pm_schedule_n_slots (uint64_t interval_ms,
                     uint64_t duration_ms)
{
  if (duration_ms == 0)
    return UINT64_MAX;
  return (duration_ms + interval_ms - 1) / interval_ms;
}

void
pm_sampler_init (PmSampler              *self,
                 const PmSamplerOptions *options,
                 const PmSamplerHooks   *hooks,
                 PmQueryFunc             func,
                 void                   *func_data)
{
  memset (self, 0, sizeof *self);
  self->options = options;
  self->hooks = *hooks;
  pm_pool_query_init (&self->query, func, func_data);
}

void
pm_sampler_clear (PmSampler *self)
{
  pm_pool_query_clear (&self->query);
  pm_buf_clear (&self->out);
  pm_tag_file_free (self->tag_file);
  self->tag_file = NULL;
}

void
pm_sampler_snapshot_time (PmSampler      *self,
                          PmSnapshotTime *time)
{
  time->epoch = self->hooks.wall_now (self->hooks.user_data);
  pm_sampler_utc_time (time->epoch, &time->utc);
  self->hooks.local_time (time->epoch, &time->local, self->hooks.user_data);
}

PmQueryResult
pm_sampler_format_snapshot (PmSampler            *self,
                            const PmSnapshotTime *time)
{
  PmQueryResult result;

  self->out.len = 0;

  result = pm_pool_query_run (&self->query);
  if (result != PM_QUERY_OK)
    return result;

  if (pm_sampler_format_header (&self->out) != 0
      || pm_sampler_format_rows (&self->out, time, self->query.tags, self->query.n_tags,
                                 self->tag_file,
                                 (const char * const *) self->options->patterns,
                                 self->options->n_patterns) != 0)
    return PM_QUERY_NO_MEMORY;

  return PM_QUERY_OK;
}

static void
add_query_problem (Line          *line,
                   PmSampler     *self,
                   PmQueryResult  result)
{
  switch (result)
    {
    case PM_QUERY_UNSUPPORTED:
      line_add (line, "this system does not answer the pool-tag query "
                      "(NtQuerySystemInformation, SystemPoolTagInformation): NTSTATUS ");
      line_add_status (line, self->query.status);
      line_add (line, " (wine, for one, does not implement it)");
      break;
    case PM_QUERY_FAILED:
      line_add (line, "the pool-tag query failed: NTSTATUS ");
      line_add_status (line, self->query.status);
      if (self->query.status == PM_STATUS_SUCCESS)
        line_add (line, " with a malformed answer");
      break;
    case PM_QUERY_NO_MEMORY:
      line_add (line, "out of memory");
      break;
    case PM_QUERY_OK:
    default:
      break;
    }
}

/* Returns 0 when written, 1 when this snapshot failed, 2 when the query is
 * not supported at all. */
int
pm_sampler_take_snapshot (PmSampler *self)
{
  PmSnapshotTime time;
  PmQueryResult result;
  char name[PM_SAMPLER_FILE_NAME_MAX];
  char error[512];
  Line line = { { 0 }, 0 };

  pm_sampler_snapshot_time (self, &time);
  line_add_time (&line, &time);
  line_add (&line, "poolmon-sampler: snapshot not written: ");

  result = pm_sampler_format_snapshot (self, &time);
  if (result != PM_QUERY_OK)
    {
      add_query_problem (&line, self, result);
      self->hooks.report (line.text, self->hooks.user_data);
      self->n_failed++;
      return result == PM_QUERY_UNSUPPORTED ? 2 : 1;
    }

  if (pm_sampler_file_name (&time, name, sizeof name) != 0)
    {
      line_add (&line, "no file name for this time");
      self->hooks.report (line.text, self->hooks.user_data);
      self->n_failed++;
      return 1;
    }

  error[0] = '\0';
  if (self->hooks.write_file (self->options->out_dir, name, self->out.data, self->out.len,
                              error, sizeof error, self->hooks.user_data) != 0)
    {
      line_add (&line, error);
      self->hooks.report (line.text, self->hooks.user_data);
      self->n_failed++;
      return 1;
    }

  self->n_written++;
  return 0;
}

int
pm_sampler_run_loop (PmSampler *self)
{
  const PmSamplerOptions *options = self->options;
  const PmSamplerHooks *hooks = &self->hooks;
  uint64_t interval_ms = (uint64_t) options->interval * 1000;
  uint64_t n_slots = pm_schedule_n_slots (interval_ms,
                                          (uint64_t) (options->duration_hours * 3600.0 * 1000.0));
  uint64_t start = hooks->mono_now_ms (hooks->user_data);
  uint64_t k = 0;
  unsigned long taken = 0;

  if (options->count != 0)
    n_slots = UINT64_MAX;

  while (!hooks->stop_requested (hooks->user_data))
    {
      uint64_t next;

      if (pm_sampler_take_snapshot (self) == 2)
        return PM_EXIT_UNSUPPORTED;

      taken++;
      if (options->count != 0 && taken >= options->count)
        break;

      next = pm_schedule_next_slot (start, interval_ms, hooks->mono_now_ms (hooks->user_data), k);
      if (next >= n_slots)
        break;

      if (next > k + 1)
        {
          Line line = { { 0 }, 0 };

          line_add (&line, "poolmon-sampler: late by ");
          line_add_dec (&line, next - k - 1);
          line_add (&line, " interval(s) (machine busy or asleep): skipped to the next one");
          hooks->report (line.text, hooks->user_data);
        }
      k = next;

      if (hooks->wait_until_ms (start + k * interval_ms, hooks->user_data))
        break;
    }

  return self->n_written == 0 && self->n_failed > 0 ? PM_EXIT_FAILURE : PM_EXIT_OK;
}

static PmTagFile *
find_tag_file (const PmSamplerHooks *hooks,
               const char           *exe_dir,
               const char * const   *defaults)
{
  if (exe_dir != NULL)
    {
      Line path = { { 0 }, 0 };
      char sep[2] = { pm_os_dir_separator (), '\0' };
      PmTagFile *tag_file;

      line_add (&path, exe_dir);
      line_add (&path, sep);
      line_add (&path, "pooltag.txt");
      if (hooks->file_exists (path.text, hooks->user_data)
          && (tag_file = pm_tag_file_new_from_path (path.text)) != NULL)
        return tag_file;
    }

  for (size_t i = 0; defaults != NULL && defaults[i] != NULL; i++)
    {
      PmTagFile *tag_file;

      if (hooks->file_exists (defaults[i], hooks->user_data)
          && (tag_file = pm_tag_file_new_from_path (defaults[i])) != NULL)
        return tag_file;
    }

  return NULL;
}

static int
run (PmSampler            *sampler,
     const char           *exe_dir,
     const char * const   *default_tag_files)
{
  const PmSamplerOptions *options = sampler->options;
  const PmSamplerHooks *hooks = &sampler->hooks;
  Line line = { { 0 }, 0 };

  if (options->tag_file != NULL)
    {
      sampler->tag_file = pm_tag_file_new_from_path (options->tag_file);
      if (sampler->tag_file == NULL)
        {
          line_add (&line, "poolmon-sampler: cannot read the tag file ");
          line_add (&line, options->tag_file);
          hooks->report (line.text, hooks->user_data);
          return PM_EXIT_FAILURE;
        }
    }
  else
    {
      sampler->tag_file = find_tag_file (hooks, exe_dir, default_tag_files);
      if (sampler->tag_file == NULL && !options->once)
        hooks->report ("poolmon-sampler: no pooltag.txt found (see --tagfile): "
                       "Binary and Description stay empty", hooks->user_data);
    }

  if (options->once)
    {
      PmSnapshotTime time;
      PmQueryResult result;

      pm_sampler_snapshot_time (sampler, &time);
      result = pm_sampler_format_snapshot (sampler, &time);
      if (result != PM_QUERY_OK)
        {
          line_add (&line, "poolmon-sampler: ");
          add_query_problem (&line, sampler, result);
          hooks->report (line.text, hooks->user_data);
          return result == PM_QUERY_UNSUPPORTED ? PM_EXIT_UNSUPPORTED : PM_EXIT_FAILURE;
        }
      if (hooks->write_stdout (sampler->out.data, sampler->out.len, hooks->user_data) != 0)
        return PM_EXIT_FAILURE;
      return PM_EXIT_OK;
    }

  /* A mistyped --out would otherwise fail every snapshot for days. */
  if (!hooks->dir_exists (options->out_dir, hooks->user_data))
    {
      line_add (&line, "poolmon-sampler: the output folder does not exist: ");
      line_add (&line, options->out_dir);
      hooks->report (line.text, hooks->user_data);
      return PM_EXIT_FAILURE;
    }

  line_add (&line, "poolmon-sampler: a snapshot every ");
  line_add_dec (&line, options->interval);
  line_add (&line, " s into ");
  line_add (&line, options->out_dir);
  if (options->count != 0)
    {
      line_add (&line, ", ");
      line_add_dec (&line, options->count);
      line_add (&line, " in all");
    }
  else if (options->duration_hours > 0)
    {
      line_add (&line, " for ");
      line_add_dec (&line, (uint64_t) (options->duration_hours * 60 + 0.5));
      line_add (&line, " min");
    }
  else
    line_add (&line, " until stopped");
  hooks->report (line.text, hooks->user_data);

  return pm_sampler_run_loop (sampler);
}

int
pm_sampler_main (int                   argc,
                 char                **argv,
                 PmQueryFunc           func,
                 void                 *func_data,
                 const PmSamplerHooks *hooks,
                 const char           *exe_dir,
                 const char * const   *default_tag_files)
{
  PmSamplerOptions options;
  PmSampler sampler;
  char error[256];
  int status;

  if (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) != 0)
    {
      Line line = { { 0 }, 0 };

      line_add (&line, "poolmon-sampler: ");
      line_add (&line, error);
      line_add (&line, " (try --help)");
      hooks->report (line.text, hooks->user_data);
      pm_sampler_options_clear (&options);
      return PM_EXIT_FAILURE;
    }

  if (options.help || options.version)
    {
      const char *text = options.help ? pm_sampler_usage ()
                                      : "poolmon-sampler " PM_VERSION "\n";

      status = hooks->write_stdout (text, strlen (text), hooks->user_data) == 0
               ? PM_EXIT_OK : PM_EXIT_FAILURE;
      pm_sampler_options_clear (&options);
      return status;
    }

  pm_sampler_init (&sampler, &options, hooks, func, func_data);
  status = run (&sampler, exe_dir, default_tag_files);
  pm_sampler_clear (&sampler);
  pm_sampler_options_clear (&options);
  return status;
}
