"""Draws docs/ingest.svg from the ingest table recorded in docs/benchmarks.md
(rows/s per core and peak RSS per engine), so the plot always shows the
recorded run. No plotting library needed.

Usage: python3 bench/ingest/plot.py
"""
import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "benchmarks.md"
OUT = REPO / "docs" / "ingest.svg"


def rows():
    text = DOC.read_text()
    section = text[text.index("## Ingest:"):]
    out = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) not in (7, 8) or not re.match(r"^[\d,]+$", cells[2]):
            continue
        if "generator only" in cells[0] or "less its fixed cost" in cells[0]:
            continue
        out.append((cells[0].replace("`", ""), int(cells[2].replace(",", "")), float(cells[5])))
    return out


def bars(x0, title, unit, data, scale, fmt):
    w, bar_h, gap = 360, 26, 14
    parts = [f'<text x="{x0}" y="30" font-size="15" font-weight="bold">{title}</text>']
    top = max(v for _, v in data)
    for i, (name, v) in enumerate(data):
        y = 50 + i * (bar_h + gap)
        length = max(2, int(w * v / top))
        colour = "#2a7ab8" if name.startswith("sluice") else "#9a9a9a"
        parts.append(f'<text x="{x0}" y="{y + 17}" font-size="12">{name[:34]}</text>')
        parts.append(f'<rect x="{x0 + 230}" y="{y}" width="{length * 0.6:.0f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(f'<text x="{x0 + 236 + length * 0.6:.0f}" y="{y + 17}" font-size="12">{fmt(v / scale)} {unit}</text>')
    return parts


def main():
    data = rows()
    if not data:
        raise SystemExit("no ingest rows found in docs/benchmarks.md")
    h = 70 + len(data) * 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="{h}" font-family="sans-serif">',
             '<rect width="100%" height="100%" fill="white"/>']
    parts += bars(10, "Ingest to Delta: rows/s per core (higher is better)", "M rows/s",
                  [(n, r) for n, r, _ in data], 1e6, lambda v: f"{v:.2f}")
    parts += bars(560, "Peak RSS (lower is better)", "MiB", [(n, m) for n, _, m in data], 1, lambda v: f"{v:.0f}")
    parts.append("</svg>")
    OUT.write_text("\n".join(parts) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
