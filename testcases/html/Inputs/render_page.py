#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium: writes the DOM Chromium built
(--dump-dom) to DOM_OUT for FileCheck, takes a screenshot and fails unless it
shows something (many colours, not one background), and fails if the page
asks for anything outside itself.

Usage: render_page.py PAGE.html DOM_OUT [--screenshot PNG_OUT]

Chromium missing is a failure, not a skip: scripts/install-deps.sh installs
it, and a test that passes without it checks nothing.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("render_page.py: chromium not found; scripts/install-deps.sh "
             "installs the Debian package 'chromium'")


def run_chromium(args, profile):
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--user-data-dir=" + profile] + args
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=180)
    if result.returncode != 0:
        sys.exit("render_page.py: chromium failed (%d): %s" %
                 (result.returncode, result.stderr.decode(errors="replace")))
    return result.stdout.decode("utf-8", errors="replace")


def png_pixels(path):
    """(width, height, rows of RGB(A) tuples) of an 8-bit RGB/RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("render_page.py: %s is not a PNG" % path)
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    if depth != 8 or colour not in (2, 6):
        sys.exit("render_page.py: unexpected PNG format %d/%d" % (depth, colour))
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (
                    up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_screenshot(path):
    width, height, channels, rows = png_pixels(path)
    counts = {}
    for row in rows[::2]:
        for x in range(0, width * channels, channels * 2):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    colours = len(counts)
    drawn = 1 - background / total
    print("screenshot %dx%d: %d colours, %.1f%% not background" %
          (width, height, colours, 100 * drawn))
    if colours < 16 or drawn < 0.05:
        sys.exit("render_page.py: the screenshot %s looks blank" % path)


def check_self_contained(page):
    html = open(page, encoding="utf-8").read()
    # The SVG namespace is a name, not a fetch; anything else is.
    outside = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)|<link\b|"""
                         r"""<script\b|@import|url\((?!#)""", html, re.I)
    if outside:
        sys.exit("render_page.py: the page is not self-contained: %s" % outside)


def main():
    args = sys.argv[1:]
    screenshot = None
    if "--screenshot" in args:
        i = args.index("--screenshot")
        screenshot = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    page, dom_out = os.path.abspath(args[0]), args[1]
    check_self_contained(page)
    url = "file://" + page
    with tempfile.TemporaryDirectory(prefix="tangle-chromium-") as profile:
        dom = run_chromium(["--dump-dom", url], profile)
    if "<body" not in dom:
        sys.exit("render_page.py: chromium returned no document")
    with open(dom_out, "w", encoding="utf-8") as out:
        out.write(dom)
    if screenshot:
        if os.path.exists(screenshot):
            os.remove(screenshot)
        with tempfile.TemporaryDirectory(prefix="tangle-chromium-") as profile:
            run_chromium(["--screenshot=" + os.path.abspath(screenshot),
                          "--window-size=1000,1000", "--hide-scrollbars", url],
                         profile)
        if not os.path.exists(screenshot):
            sys.exit("render_page.py: chromium wrote no screenshot")
        check_screenshot(screenshot)


if __name__ == "__main__":
    main()
