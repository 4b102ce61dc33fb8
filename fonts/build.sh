#!/usr/bin/env bash
# Rebuilds the fonts gongkai embeds in every PDF: GBK-coverage subsets of Noto Serif CJK SC
# (宋体 role: body text, tables) and Noto Sans CJK SC (黑体 role: titles, headings, table
# headers), converted from CFF to TrueType (glyf) outlines, renamed (OFL 1.1 §3: a modified
# version is distributed under its own name), with ☐ and ☑ drawn in (the Noto fonts lack them).
#
# Re-runnable and reproducible: same Debian font package + same fontTools → same bytes.
#
#   apt-get install -y fonts-noto-cjk && pip install fonttools
#   bash fonts/build.sh            # writes fonts/*.ttf and fonts/OFL.txt
#
# Sources: Debian package fonts-noto-cjk (Noto CJK 2.004, SIL Open Font License 1.1).
set -euo pipefail
cd "$(dirname "$0")"
SRC=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
for f in NotoSerifCJK-Regular.ttc NotoSansCJK-Regular.ttc; do
  [ -f "$SRC/$f" ] || { echo "missing $SRC/$f: apt-get install -y fonts-noto-cjk" >&2; exit 1; }
done
python3 -c 'import fontTools' 2>/dev/null || { echo "missing fontTools: pip install fonttools" >&2; exit 1; }

python3 - "$SRC" <<'PY'
import sys, os
from fontTools.ttLib import TTCollection, newTable
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

SRC = sys.argv[1]
# (source collection, PostScript name of the SC face, output family, output file)
FONTS = [
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular", "Gongkai Serif SC", "GongkaiSerifSC-Regular.ttf"),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular", "Gongkai Sans SC", "GongkaiSansSC-Regular.ttf"),
]
MAX_ERR = 1.0  # cu2qu tolerance in font units (1/1000 em): invisible at any print size


def repertoire():
    """Every character the fonts must cover: GBK, CJK and full-width punctuation, Latin."""
    cps = set(range(0x20, 0x7F))                       # ASCII
    cps |= set(range(0xA0, 0x100))                     # Latin-1 supplement
    for lead in range(0x81, 0xFF):                     # every GBK two-byte code
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            try:
                s = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in s)
    cps |= set(range(0x2010, 0x2028)) | set(range(0x2030, 0x205F))  # general punctuation
    cps |= set(range(0x3000, 0x3040))                  # CJK symbols and punctuation
    cps |= set(range(0xFF01, 0xFFEF))                  # half-width and full-width forms
    cps |= set(range(0x2160, 0x2180)) | set(range(0x2460, 0x24FF))  # Ⅰ…, ①…
    cps |= {0x2264, 0x2265, 0x00D7, 0x00F7, 0x2103, 0x2030, 0x2116}  # ≤ ≥ × ÷ ℃ ‰ №
    return {c for c in cps if not 0xE000 <= c <= 0xF8FF}  # no private use


def fwid_map(font):
    """Single substitutions of the font's `fwid` (full-width) feature."""
    out = {}
    gsub = font["GSUB"].table
    for fr in gsub.FeatureList.FeatureRecord:
        if fr.FeatureTag != "fwid":
            continue
        for li in fr.Feature.LookupListIndex:
            for st in gsub.LookupList.Lookup[li].SubTable:
                st = getattr(st, "ExtSubTable", st)
                out.update(getattr(st, "mapping", {}))
    return out


def to_quadratic(font):
    """CFF outlines → TrueType glyf outlines (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for t in ("CFF ", "VORG"):
        if t in font:
            del font[t]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",):
        setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    post = font["post"]
    post.formatType = 3.0
    font.sfntVersion = "\0\1\0\0"


def add_checkboxes(font, stroke):
    """Draws ☐ (U+2610) and ☑ (U+2611) on the ideographic em box: a square outline of
    `stroke` units, and the same square with a check mark."""
    def square(pen):
        lo, hi, top, bot = 120, 880, 760, 0       # 760 × 760 box on the baseline
        for (x0, y0, x1, y1, cw) in ((lo, bot, hi, top, True),
                                     (lo + stroke, bot + stroke, hi - stroke, top - stroke, False)):
            pts = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
            if not cw:
                pts.reverse()
            pen.moveTo(pts[0])
            for p in pts[1:]:
                pen.lineTo(p)
            pen.closePath()

    def check(pen):
        w = stroke * 1.4
        pts = [(250, 400), (250 + w, 400 + w * 0.2), (440, 190 + w * 0.6), (760, 640), (760 + w * 0.6, 640 - w * 0.5), (440, 150 - w * 0.2)]
        pts = [(round(x), round(y)) for x, y in pts]
        pen.moveTo(pts[0])
        for p in pts[1:]:
            pen.lineTo(p)
        pen.closePath()

    order = font.getGlyphOrder()
    for cp, name, parts in ((0x2610, "uni2610", (square,)), (0x2611, "uni2611", (square, check))):
        pen = TTGlyphPen(None)
        for draw in parts:
            draw(pen)
        g = pen.glyph()
        order.append(name)
        font["glyf"].glyphs[name] = g
        g.recalcBounds(font["glyf"])
        font["hmtx"].metrics[name] = (1000, g.xMin)
        for t in font["cmap"].tables:
            if t.isUnicode():
                t.cmap[cp] = name
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order


def rename(font, family, ps):
    name = font["name"]
    keep = {0, 7, 8, 9, 11, 12, 13, 14}   # copyright, trademark, vendor, designer, licence
    name.names = [n for n in name.names if n.nameID in keep and n.platformID == 3 and n.langID == 0x409]
    for nid, s in ((1, family), (2, "Regular"), (3, ps + ";gongkai"), (4, family),
                   (5, "Version 2.004;gongkai subset GBK"), (6, ps)):
        name.setName(s, nid, 3, 1, 0x409)


chars = repertoire()
notices = []
for src, psname, family, out in FONTS:
    coll = TTCollection(os.path.join(SRC, src))
    font = next(f for f in coll.fonts if f["name"].getDebugName(6) == psname)
    font.recalcTimestamp = False             # keep head.modified: reproducible bytes
    cmap = font.getBestCmap()
    fw = fwid_map(font)
    # U+2014 EM DASH: the full-width form, so that "——" is one unbroken rule.
    for t in font["cmap"].tables:
        if t.isUnicode() and 0x2014 in t.cmap and t.cmap[0x2014] in fw:
            t.cmap[0x2014] = fw[t.cmap[0x2014]]
    present = sorted(c for c in chars if c in cmap)
    missing = sorted(c for c in chars if c not in cmap and c not in (0x2610, 0x2611))
    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG", "JSTF"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.glyph_names = False
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=present)
    sub.subset(font)
    to_quadratic(font)
    add_checkboxes(font, 60 if "Sans" in family else 50)
    notices.append(font["name"].getDebugName(0))
    rename(font, family, out[:-4])
    font.save(out, reorderTables=True)
    print(f"{out}: {len(font.getGlyphOrder())} glyphs, {len(present) + 2} characters, "
          f"{os.path.getsize(out) / 1e6:.1f} MB; not in the source font: "
          f"{''.join(chr(c) for c in missing if c >= 0x2E80)!s:.60} ({len(missing)})")

# The licence: copyright notices of the sources, then the OFL 1.1 text from Debian's copyright
# file of fonts-noto-cjk.
ofl = []
with open("/usr/share/doc/fonts-noto-cjk/copyright", encoding="utf-8") as f:
    lines = f.read().splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("License: SIL-1.1") and lines[i + 1].startswith(" "))
for l in lines[start + 1:]:
    if not l.startswith(" "):
        break
    l = l[1:]
    ofl.append("" if l == "." else l)
with open("OFL.txt", "w", encoding="utf-8") as f:
    f.write("The fonts in this directory are modified versions (subset to the GBK repertoire,\n"
            "converted to TrueType outlines, renamed, with ☐ and ☑ added) of\n"
            "Noto Serif CJK SC and Noto Sans CJK SC, from the Debian package fonts-noto-cjk.\n"
            "Upstream: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font\n"
            "Name 'Source'; these modified versions are named Gongkai Serif SC / Gongkai Sans SC.\n\n")
    for n in dict.fromkeys(notices):
        f.write(n + "\n")
    f.write("\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n")
    f.write("\n".join(ofl).strip() + "\n")
print("OFL.txt written")
PY
