#!/usr/bin/env python3
"""Draws a flame graph as SVG from collapsed stacks (async-profiler's "collapsed" output).

Usage: flamegraph.py STACKS.collapsed OUT.svg TITLE

Each input line is "frame;frame;...;leaf COUNT". The root is at the bottom and every frame is as
wide as its share of all samples; frames narrower than a pixel are left out. Frames are coloured
by kind so the eye finds the layers: the JDK and its libraries, the web server, the database
driver and pool, JSON, this project, native and kernel code. Standard library only.
"""
import html
import sys
import zlib

WIDTH = 1600
ROW = 17
PAD = 30
KINDS = (  # (substring of a frame, base colour): the first match wins
    ("dev/svcinfra", (80, 160, 90)), ("dev.svcinfra", (80, 160, 90)),
    ("org/postgresql", (70, 120, 200)), ("org.postgresql", (70, 120, 200)),
    ("com/zaxxer", (100, 140, 210)), ("com.zaxxer", (100, 140, 210)),
    ("jackson", (170, 110, 190)),
    ("jetty", (220, 150, 60)), ("javalin", (230, 170, 70)),
    ("io/vertx", (220, 150, 60)), ("io/netty", (210, 130, 60)),
)


def colour(name):
    base = (215, 90, 60)  # JDK, native and everything else: flame red
    for key, c in KINDS:
        if key in name:
            base = c
            break
    if name.endswith("_[k]"):
        base = (190, 190, 80)
    jitter = zlib.crc32(name.encode()) % 30 - 15
    return "rgb({},{},{})".format(*(max(0, min(255, v + jitter)) for v in base))


def tree(path):
    root = {"n": "all", "v": 0, "c": {}}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            n = int(count)
            node = root
            node["v"] += n
            for frame in stack.split(";"):
                node = node["c"].setdefault(frame, {"n": frame, "v": 0, "c": {}})
                node["v"] += n
    return root


def depth(node):
    return 1 + max((depth(c) for c in node["c"].values()), default=0)


def main():
    src, out, title = sys.argv[1], sys.argv[2], sys.argv[3]
    root = tree(src)
    if not root["v"]:
        sys.exit(f"flamegraph: no samples in {src}")
    rows = depth(root)
    height = rows * ROW + 2 * PAD
    scale = (WIDTH - 20) / root["v"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect width="{WIDTH}" height="{height}" fill="#f8f8f4"/>',
             f'<text x="{WIDTH // 2}" y="20" text-anchor="middle" font-size="15">'
             f'{html.escape(title)} ({root["v"]} samples)</text>']

    def draw(node, x, level):
        w = node["v"] * scale
        if w < 1:
            return
        y = height - PAD - (level + 1) * ROW
        share = 100.0 * node["v"] / root["v"]
        label = f'{node["n"]} ({share:.1f}%)'
        parts.append(f'<g><title>{html.escape(label)}</title><rect x="{x:.1f}" y="{y}" '
                     f'width="{w:.1f}" height="{ROW - 1}" fill="{colour(node["n"])}" rx="2"/>')
        fits = int((w - 4) / 6.2)
        if fits >= 3:
            text = label if len(label) <= fits else label[:fits - 2] + ".."
            parts.append(f'<text x="{x + 2:.1f}" y="{y + ROW - 5}">{html.escape(text)}</text>')
        parts.append("</g>")
        cx = x
        for child in sorted(node["c"].values(), key=lambda c: c["n"]):
            draw(child, cx, level + 1)
            cx += child["v"] * scale

    draw(root, 10, 0)
    parts.append("</svg>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
