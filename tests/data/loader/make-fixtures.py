#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the loader's fixtures, byte for byte. Run it from this folder; the
files it writes are committed, so tests never depend on it."""
import random

COLS = ["DateTime", "DateTimeUTC", "Tag", "PagedAllocs", "PagedFrees", "PagedDiff",
        "PagedUsedBytes", "NonPagedAllocs", "NonPagedFrees", "NonPagedDiff",
        "NonPagedUsedBytes", "TotalUsedBytes", "Binary", "Description"]


def q(v):
    return '"' + str(v).replace('"', '""') + '"'


def row(local, utc, tag, pa, pf, pu, na, nf, nu, binary="", desc="", pdiff=None, ndiff=None):
    def sub(a, b):
        return a - b if isinstance(a, int) and isinstance(b, int) else 0

    def add(a, b):
        return a + b if isinstance(a, int) and isinstance(b, int) else 0
    pd = sub(pa, pf) if pdiff is None else pdiff
    nd = sub(na, nf) if ndiff is None else ndiff
    return [local, utc, tag, pa, pf, pd, pu, na, nf, nd, nu, add(pu, nu), binary, desc]


def csv(rows, cols=COLS, quote=True, eol="\r\n"):
    f = q if quote else str
    return eol.join(",".join(f(v) for v in r) for r in [cols] + rows) + eol


def write(name, text, encoding="utf-8", bom=b""):
    with open(name, "wb") as fh:
        fh.write(bom + text.encode(encoding))


# Three snapshots, three tags: the reference content every encoding must give.
T = [("2021-07-13T10:00:00", "2021-07-13T17:00:00"),
     ("2021-07-13T10:01:00", "2021-07-13T17:01:00"),
     ("2021-07-13T10:02:00", "2021-07-13T17:02:00")]
BASIC = []
for i, (lt, ut) in enumerate(T):
    BASIC.append(row(lt, ut, "Mm  ", 100 + i, 50, 1000 * (i + 1), 7, 2, 10, "nt!mm", "Mm fundamental"))
    BASIC.append(row(lt, ut, "Ntfx", 20 + 2 * i, 10, 2000, 0, 0, 0, "ntfs.sys", "General, \"quoted\""))
    BASIC.append(row(lt, ut, "AfdB", 5, 5, 0, 300 + i, 100, 4096 * (i + 1)))

write("basic-utf16le.csv", csv(BASIC), "utf-16-le", b"\xff\xfe")
write("basic-utf16be.csv", csv(BASIC), "utf-16-be", b"\xfe\xff")
write("basic-utf8-bom.csv", csv(BASIC), "utf-8", b"\xef\xbb\xbf")
write("basic-utf8-lf-unquoted.csv", csv([[str(v).replace('"', '') .replace(",", ";") for v in r] for r in BASIC],
                                          quote=False, eol="\n"))
write("utf16-nobom.csv", csv(BASIC), "utf-16-le")

# A subset of the columns in another order; TotalDiff and the used bytes of
# non-paged memory cannot be had.
sub_cols = ["Tag", "PagedUsedBytes", "DateTimeUTC", "PagedDiff"]
write("subset.csv", csv([["Io  ", 512, "2021-07-13T17:00:00", 4],
                         ["Io  ", 640, "2021-07-13T17:01:00", 5]], sub_cols))

# Files named the old way, without timestamp columns: times from the name.
write("2021.07.13_10.15.00_1626196500.pool.csv",
      csv([["Vad ", 100, 1], ["Thre", 200, 2]], ["Tag", "NonPagedUsedBytes", "NonPagedDiff"]))

# Wrapped counters: Allocs passed 2^32 and started again below Frees.
write("wrap.csv", csv([row(*T[0], "Busy", 4294967290, 4294967000, 100, 0, 0, 0),
                       row(*T[1], "Busy", 5, 4294967200, 100, 0, 0, 0),
                       # the old sampler's negative int64 Diff, without Allocs/Frees
                       ]))
write("old-negative-diff.csv", csv([["2021-07-13T17:00:00", "Busy", "-4294967185"]],
                                   ["DateTimeUTC", "Tag", "PagedDiff"]))

# Loop mode: many snapshots, header once.
loop = []
for i in range(4):
    ut = "2021-07-13T17:%02d:00" % (10 * i)
    lt = "2021-07-13T10:%02d:00" % (10 * i)
    loop.append(row(lt, ut, "Leak", 10 * (i + 1), 0, 100 * (i + 1), 0, 0, 0))
    loop.append(row(lt, ut, "Flat", 10, 0, 500, 0, 0, 0))
write("loop.csv", csv(loop), "utf-16-le", b"\xff\xfe")

# Tags as they come: trailing spaces, case, non-ASCII, a comma and a quote.
odd = [row(*T[0], t, 1, 0, 10, 0, 0, 0) for t in ["Mm  ", "mm  ", "MM  ", "Ä\u00e9x ", 'a,"b', "Z"]]
write("odd-tags.csv", csv(odd), "utf-16-le", b"\xff\xfe")

# A file saved in a legacy code page (Windows-1252): tag bytes above 0x7F and a
# description with an accent and a euro sign.
write("cp1252.csv", csv([row(*T[0], "Ab\u00e9 ", 1, 0, 10, 0, 0, 0, "x.sys", "caf\u00e9 \u20ac")]),
      "cp1252")

# A reboot between the third and the fourth snapshot: every counter starts
# again. Ten tags, one of them busy enough to wrap at the second step (which
# is not a reboot).
boot = []
for i in range(6):
    ut = "2021-07-13T17:%02d:00" % i
    lt = "2021-07-13T10:%02d:00" % i
    for t in range(10):
        if t == 0:
            allocs = (4294967000 + 200 * i) % 2**32 if i < 3 else 50 * (i - 2)
        else:
            allocs = 1000 * (t + 1) + 10 * i if i < 3 else 10 * (i - 2) + t
        boot.append(row(lt, ut, "Bt%02d" % t, allocs, 0, 100 + t, 0, 0, 0))
write("reboot.csv", csv(boot))

# ---- bad input ---------------------------------------------------------------
write("empty.csv", "")
write("header-only.csv", csv([]))
rnd = random.Random(1234)
with open("garbage.csv", "wb") as fh:
    fh.write(bytes(rnd.randrange(256) for _ in range(8192)))

# A sampler killed mid-write: the last line stops inside a field.
text = csv(BASIC[:3])
text += '"2021-07-13T10:01:00","2021-07-13T17:01:00","Mm  ","101","5'
write("truncated.csv", text, "utf-16-le", b"\xff\xfe")

data = b"\xff\xfe" + csv(BASIC[:3]).encode("utf-16-le") + b"\x41"
with open("utf16-odd.csv", "wb") as fh:
    fh.write(data)

lines = csv(BASIC[:3]).splitlines(keepends=True)
bad_fields = (lines[0] + lines[1]
              + '"2021-07-13T10:00:00","2021-07-13T17:00:00","Xtra","1","0","1","8","0","0","0","0","8","","","surplus"\r\n'
              + '"2021-07-13T10:00:00","2021-07-13T17:00:00","Shrt","1","0"\r\n'
              + lines[2] + lines[3])
write("fields.csv", bad_fields)

nums = [row(*T[0], "Good", 10, 5, 100, 0, 0, 0),
        row(*T[0], "NaN ", "abc", 5, 100, 0, 0, 0),
        row(*T[0], "Neg ", 10, 5, -100, 0, 0, 0),
        row(*T[0], "Huge", 10, 5, 99999999999999999999, 0, 0, 0),
        row(*T[0], "Big ", 10, 5, 9223372036854775807, 0, 0, 0),
        row(*T[0], "Emp ", 10, 5, "", 0, 0, 0)]
nums[3][11] = 0
nums[4][11] = 9223372036854775807
nums[5][11] = 0
write("numbers.csv", csv(nums))

ts = [row(*T[0], "Good", 1, 0, 10, 0, 0, 0),
      row("2021-13-40T10:00:00", "2021-13-40T17:00:00", "BadM", 1, 0, 10, 0, 0, 0),
      row("yesterday", "yesterday", "Word", 1, 0, 10, 0, 0, 0),
      row("2021-07-13T10:00:00", "2021-07-13 17:00:00", "Spce", 1, 0, 10, 0, 0, 0)]
write("timestamps.csv", csv(ts))

# Two files concatenated: the header again in the middle.
write("repeated-header.csv", csv(BASIC[:3]) + csv(BASIC[3:6]), "utf-16-le", b"\xff\xfe")

# Quotes, commas and line breaks inside fields.
quoted = [row(*T[0], "Qt  ", 1, 0, 10, 0, 0, 0, 'a "quoted" b.sys', "line one\r\nline two, with comma"),
          row(*T[0], "Qt2 ", 1, 0, 20, 0, 0, 0, "x.sys", "plain")]
write("quoted.csv", csv(quoted))

# The same tag twice in one snapshot: the first row is kept.
write("duplicate-tag.csv", csv([row(*T[0], "Dupl", 1, 0, 10, 0, 0, 0),
                                row(*T[0], "Dupl", 1, 0, 99, 0, 0, 0),
                                row(*T[0], "Once", 1, 0, 5, 0, 0, 0)]))
# The same snapshot in two files (copied twice): the file read first wins.
write("dup-snapshot-a.csv", csv([row(*T[0], "Same", 1, 0, 10, 0, 0, 0)]))
write("dup-snapshot-b.csv", csv([row(*T[0], "Same", 1, 0, 77, 0, 0, 0),
                                 row(*T[0], "Only", 1, 0, 3, 0, 0, 0)]))

# Not snapshots at all.
write("not-snapshots.csv", "Name,Value\r\nfoo,1\r\n")

with open("pooltag.txt", "w") as fh:
    fh.write("rem Pool tags for the loader's tests\n"
             "// comment\n"
             "AfdB - afd.sys      - AFD buffers\n"
             "Afd? - afd.sys      - AFD objects\n"
             "Io   - nt!io        - general IO allocations\n"
             "Vad  - nt!mm        - Mm virtual address descriptors\n"
             "Th*  - nt!ps        - Threads\n"
             "Nt?x - ntfs.sys     - never used: the file names Ntfx itself\n")
