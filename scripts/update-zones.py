#!/usr/bin/env python3
"""Regenerates the built-in time zones: src/core/time/zones/table.rs.

Each zone the app offers is compiled by zic (Debian's tzdata and libc-bin)
into a slim TZif file holding only transitions from 1990 on, plus the POSIX
rule that carries it into the future. This script reads those files and
writes them as Rust data: the offsets in force before the rule takes over,
and the rule. About 10 KB for all 68 zones, where the full history
(chrono-tz) added ~250 KB to the page. Run it when tzdata changes:

    python3 scripts/update-zones.py [path/to/tzdata.zi]

The output is committed; building never runs this.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

# The zones offered, in the order the picker lists them.
ZONES = [
    "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
    "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Zurich",
    "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw",
    "Europe/Prague", "Europe/Vienna", "Europe/Athens", "Europe/Istanbul", "Europe/Kyiv",
    "Europe/Bucharest", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "America/Toronto", "America/Vancouver",
    "America/Halifax", "America/St_Johns", "America/Mexico_City", "America/Bogota", "America/Lima",
    "America/Santiago", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "Pacific/Honolulu",
    "Pacific/Auckland", "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei",
    "Asia/Singapore", "Asia/Manila", "Asia/Jakarta", "Asia/Bangkok", "Asia/Ho_Chi_Minh",
    "Asia/Kolkata", "Asia/Karachi", "Asia/Dhaka", "Asia/Kathmandu", "Asia/Dubai", "Asia/Riyadh",
    "Asia/Tehran", "Asia/Jerusalem", "Africa/Cairo", "Africa/Lagos", "Africa/Nairobi",
    "Africa/Johannesburg", "Africa/Casablanca", "Australia/Sydney", "Australia/Melbourne",
    "Australia/Brisbane", "Australia/Perth", "Australia/Adelaide",
]
# Transitions before this instant (1990-01-01T00:00:00Z) are left out.
FROM = 631152000


def read_tzif(data):
    """(first offset, [(instant, offset)], footer) of a TZif v2+ file (RFC 8536)."""
    assert data[:4] == b"TZif" and data[4] >= ord("2"), "a TZif v2+ file"

    def counts(at):
        return struct.unpack(">6l", data[at + 20:at + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    at = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut  # past the v1 block
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(at)
    at += 44
    times = struct.unpack(f">{timecnt}q", data[at:at + 8 * timecnt])
    at += 8 * timecnt
    kinds = data[at:at + timecnt]
    at += timecnt
    offsets = [struct.unpack(">l", data[at + 6 * k:at + 6 * k + 4])[0] for k in range(typecnt)]
    at += 6 * typecnt + charcnt + leap * 12 + isstd + isut
    footer = data[at:].split(b"\n")[1].decode()
    return offsets[0], [(t, offsets[k]) for t, k in zip(times, kinds)], footer


def seconds(text):
    """POSIX [+-]hh[:mm[:ss]] as seconds."""
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


NAME = r"(?:[A-Za-z]{3,}|<[^>]+>)"
OFFSET = r"[+-]?\d{1,2}(?::\d\d){0,2}"
CHANGE = r"M(\d+)\.(\d)\.(\d)(?:/(" + OFFSET + r"))?"
POSIX = re.compile(rf"^{NAME}({OFFSET})(?:{NAME}({OFFSET})?,{CHANGE},{CHANGE})?$")


def rust_rule(footer):
    """The footer as a Rust `Rule` (POSIX offsets count west of UTC)."""
    m = POSIX.match(footer)
    assert m, f"a POSIX rule this script reads: {footer}"
    std = -seconds(m.group(1))
    if m.group(3) is None:
        return f"Rule::Fixed({std})"
    dst = -seconds(m.group(2)) if m.group(2) else std + 3600

    def change(month, week, weekday, time):
        at = seconds(time) if time else 7200
        return f"Change {{ month: {month}, week: {week}, weekday: {weekday}, time: {at} }}"

    start = change(*m.group(3, 4, 5, 6))
    end = change(*m.group(7, 8, 9, 10))
    return f"Rule::Seasonal {{ std: {std}, dst: {dst}, start: {start}, end: {end} }}"


here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "core", "time", "zones", "table.rs")
source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/zoneinfo/tzdata.zi"
with open(source, encoding="utf-8") as f:
    text = f.read()
version = text.splitlines()[0].removeprefix("# version ").strip()
# Links ("L target alias") to an offered zone: old names files still use.
aliases = sorted(
    (alias, target)
    for line in text.splitlines()
    if line.startswith("L ")
    for target, alias in [line.split()[1:3]]
    if target in ZONES and alias not in ZONES
)

rows = []
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["zic", "-b", "slim", "-r", f"@{FROM}", "-d", tmp, source], check=True)
    for zone in ZONES:
        with open(os.path.join(tmp, zone), "rb") as f:
            first, transitions, footer = read_tzif(f.read())
        assert all(t >= FROM for t, _ in transitions), zone
        rows.append((zone, first, transitions, rust_rule(footer)))

with open(out, "w", encoding="utf-8") as f:
    f.write(f"// Generated by scripts/update-zones.py from tzdata {version}; do not edit.\n\n")
    f.write("use super::{Change, Rule, ZoneData};\n\n")
    f.write(f'/// The tzdata release the zones were compiled from.\npub const TZDATA: &str = "{version}";\n')
    f.write(f"/// Transitions before this instant (1990-01-01T00:00:00Z) are not built in;\n/// each zone's transitions count seconds from it.\npub const FROM: i64 = {FROM};\n\n")
    f.write("/// In the picker's order.\npub const ZONES: &[ZoneData] = &[\n")
    for zone, first, transitions, rule in rows:
        # Seconds since FROM fit a u32 until 2126: half the bytes of an i64.
        pairs = ", ".join(f"({t - FROM}, {o})" for t, o in transitions)
        f.write(f'    ZoneData {{\n        name: "{zone}",\n        first: {first},\n')
        f.write(f"        transitions: &[{pairs}],\n        rule: {rule},\n    }},\n")
    f.write("];\n\n/// Old or alternative names: (alias, zone).\npub const ALIASES: &[(&str, &str)] = &[\n")
    for alias, target in aliases:
        f.write(f'    ("{alias}", "{target}"),\n')
    f.write("];\n")
print(f"{len(ZONES)} zones, {sum(len(r[2]) for r in rows)} transitions, {len(aliases)} aliases, tzdata {version}")
