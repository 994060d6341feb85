#!/usr/bin/env python3
"""Draws Lectern's toolbar and store icons (an open page of text on a blue
tile) at every size the Chromium and Firefox stores ask for. Standard library
only, so that any machine can redraw them; the PNGs are committed."""
import struct
import sys
import zlib
from pathlib import Path

SIZES = [16, 19, 32, 38, 48, 96, 128]
SS = 4  # supersampling per axis, for smooth edges
TILE = (0x2F, 0x5D, 0x8A)
PAGE = (0xFB, 0xFA, 0xF7)
INK = (0x2F, 0x5D, 0x8A)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def shade(u, v):
    """Colour and alpha at a point of the unit square."""
    if not inside_round_rect(u, v, 0.0, 0.0, 1.0, 1.0, 0.2):
        return None
    if inside_round_rect(u, v, 0.22, 0.16, 0.78, 0.84, 0.04):
        # Text lines, the last one short, as the end of a paragraph.
        for i, top in enumerate((0.28, 0.40, 0.52, 0.64)):
            right = 0.56 if i == 3 else 0.68
            if 0.32 <= u <= right and top <= v <= top + 0.065:
                return INK
        return PAGE
    return TILE


def png(size):
    rows = []
    n = size * SS
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(SS):
                for sx in range(SS):
                    c = shade((x * SS + sx + 0.5) / n, (y * SS + sy + 0.5) / n)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 1
            k = acc[3]
            if k:
                row += bytes((acc[0] // k, acc[1] // k, acc[2] // k, 255 * k // (SS * SS)))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    for s in SIZES:
        (out / f"icon-{s}.png").write_bytes(png(s))
