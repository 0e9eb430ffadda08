"""Chinese fonts for sealed documents: find them, measure text, and embed a per-document subset.

The renderer never asks the operating system to draw text: it needs one font file per style, reads its metrics
through HarfBuzz (uharfbuzz) and embeds, in every PDF, only the glyphs that document uses (HarfBuzz's subsetter:
about a millisecond for a notice, against hundreds with fontTools on a 65,535-glyph CJK font). So the PDF shows
the same text on a machine without any Chinese font (`pdffonts`: every font "emb yes, sub yes").

Which files: settings `TONGBAN_DOCUMENT_FONT_REGULAR` / `TONGBAN_DOCUMENT_FONT_BOLD` ("path" or "path#index"
for a collection), else Noto Serif CJK SC from Debian's fonts-noto-cjk (a Song/明体 face, the closest free
relative of the 宋体 used in government documents), else Noto Sans CJK SC. OpenType/CFF and TrueType outlines
are both supported: CFF goes in as a bare CID-keyed CFF (FontFile3/CIDFontType0C), TrueType as FontFile2.

Caches: a font file is parsed once per process (keyed by its path and face index); nothing here depends on
request or database state, so several processes behave the same.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb

NOTO_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/local/share/fonts"),
)
DEFAULTS = {
    "regular": ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc"),
    "bold": ("NotoSerifCJK-Bold.ttc", "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc"),
}
# The simplified-Chinese face of a Noto/Source Han collection.
PREFERRED_FAMILY_SUFFIX = " SC"

# Tables a PDF font program needs (ISO 32000-1 §9.9): outlines and metrics. Layout tables (GSUB, GPOS …) are
# not used by a PDF viewer and would pull in thousands of glyphs.
_DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "name", "post", "DSIG",
                "cmap", "kern", "meta", "STAT", "COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC",
                "EBSC", "gasp", "hdmx", "LTSH", "PCLT", "VDMX")


# A process that has subset a face this many times will subset it again: preprocess it then.
PREPROCESS_AFTER = 3


class FontNotFound(RuntimeError):
    """No usable Chinese font: install fonts-noto-cjk or set TONGBAN_DOCUMENT_FONT_REGULAR."""


class MissingGlyphs(ValueError):
    """The text holds characters the font cannot draw (a rare character outside the font's repertoire)."""

    def __init__(self, chars: str):
        self.chars = chars
        super().__init__(f"字库中没有以下字符：{chars}")


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("latin-1"), "big")


@dataclass
class FontProgram:
    """One face of one font file, measured once. `glyph` and `advance` are cached lookups."""

    path: str
    index: int
    face: hb.Face = field(repr=False)
    font: hb.Font = field(repr=False)
    postscript_name: str
    upem: int
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    is_cff: bool
    _gids: dict[int, int] = field(default_factory=dict, repr=False)
    _advances: dict[int, int] = field(default_factory=dict, repr=False)
    _preprocessed: object = field(default=None, repr=False)
    _subsets: int = 0

    # -- metrics -----------------------------------------------------------------------------------------

    def glyph(self, codepoint: int) -> int:
        gid = self._gids.get(codepoint)
        if gid is None:
            gid = self.font.get_nominal_glyph(codepoint) or 0
            self._gids[codepoint] = gid
        return gid

    def advance(self, gid: int) -> int:
        """Horizontal advance in font units."""
        adv = self._advances.get(gid)
        if adv is None:
            adv = self.font.get_glyph_h_advance(gid)
            self._advances[gid] = adv
        return adv

    def text_width(self, text: str, size: float) -> float:
        """Width in points of `text` at `size` points (no kerning: CJK text has none)."""
        glyph, advance = self.glyph, self.advance
        return sum(advance(glyph(ord(c))) for c in text) * size / self.upem

    def missing(self, text: str) -> str:
        """The distinct characters of `text` the font has no glyph for (control characters excluded)."""
        seen = []
        for c in text:
            if c >= " " and self.glyph(ord(c)) == 0 and c not in seen:
                seen.append(c)
        return "".join(seen)

    # -- embedding ---------------------------------------------------------------------------------------

    def subset(self, gids: set[int]) -> tuple[bytes, dict[int, int]]:
        """(font program, old gid → new gid) holding exactly `gids` (and .notdef).

        CFF fonts come back as a bare CID-keyed CFF table whose CIDs equal the new glyph ids (identity
        charset), TrueType fonts as a TrueType file: either way the PDF content addresses glyphs by new id.
        """
        inp = hb.SubsetInput()
        for gid in gids:
            inp.glyph_set.add(gid)
        inp.glyph_set.add(0)
        flags = hb.SubsetFlags.NO_LAYOUT_CLOSURE | hb.SubsetFlags.NO_HINTING
        if self.is_cff:
            # Identity charset: CID n is glyph n, so Identity-H codes are the new glyph ids.
            flags |= hb.SubsetFlags.CFF_IDENTITY_CHARSET | hb.SubsetFlags.DESUBROUTINIZE
        inp.flags = flags
        drop = inp.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
        for tag in _DROP_TABLES:
            drop.add(_tag(tag))
        if self.is_cff:
            drop.add(_tag("OS/2"))
        self._subsets += 1
        if self._subsets == PREPROCESS_AFTER:
            self.preprocess()
        source = self._preprocessed or self.face
        plan = hb.SubsetPlan(source, inp)
        mapping = dict(plan.old_to_new_glyph_mapping.items())
        out = plan.execute()
        if self.is_cff:
            program = out.reference_table("CFF ").data
        else:
            program = out.blob.data
        return bytes(program), mapping

    def preprocess(self) -> None:
        """Spend about a second once for ~5× faster subsetting afterwards (HarfBuzz's subset preprocessing).

        Done on the PREPROCESS_AFTER-th subset of a face in a process, so a one-off command does not pay it
        and a worker issuing documents does.
        """
        if self._preprocessed is None:
            self._preprocessed = hb.subset_preprocess(self.face)

    def subset_tag(self, gids: set[int]) -> str:
        """The six-letter subset prefix (ISO 32000-1 §9.6.4), derived from the glyph set so it is stable."""
        digest = hashlib.sha1(repr(sorted(gids)).encode() + self.postscript_name.encode()).digest()
        return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _table(face: hb.Face, tag: str) -> bytes:
    return bytes(face.reference_table(tag).data)


def _load(path: str, index: int) -> FontProgram:
    blob = hb.Blob.from_file_path(path)
    face = hb.Face(blob, index)
    if face.glyph_count == 0:
        raise FontNotFound(f"{path}#{index} 不是可用的字体")
    font = hb.Font(face)
    present = set(face.table_tags)
    head = _table(face, "head")
    x_min, y_min, x_max, y_max = struct.unpack(">hhhh", head[36:44])
    extents = font.get_font_extents("ltr")
    cap_height = int(extents.ascender * 0.7)
    os2 = _table(face, "OS/2")
    if len(os2) >= 90 and struct.unpack(">H", os2[0:2])[0] >= 2:
        cap_height = struct.unpack(">h", os2[88:90])[0] or cap_height
    is_cff = "CFF " in present
    if not is_cff and "glyf" not in present:
        raise FontNotFound(f"{path}#{index}：只支持 CFF 或 TrueType 轮廓的字体")
    ps_name = face.get_name(6) or Path(path).stem
    return FontProgram(
        path=path,
        index=index,
        face=face,
        font=font,
        postscript_name="".join(c for c in ps_name if c.isalnum() or c in "-_") or "Font",
        upem=face.upem,
        ascent=extents.ascender,
        descent=extents.descender,
        cap_height=cap_height,
        bbox=(x_min, y_min, x_max, y_max),
        is_cff=is_cff,
    )


def _face_index(path: str) -> int:
    """In a Noto/Source Han collection, the SC face; otherwise the first face."""
    blob = hb.Blob.from_file_path(path)
    for i in range(64):
        face = hb.Face(blob, i)
        if face.glyph_count == 0:
            break
        if (face.get_name(1) or "").endswith(PREFERRED_FAMILY_SUFFIX):
            return i
    return 0


def _split(spec: str) -> tuple[str, int | None]:
    if "#" in spec:
        path, _, index = spec.rpartition("#")
        return path, int(index)
    return spec, None


@lru_cache(maxsize=8)
def load_font(spec: str) -> FontProgram:
    """A font from "path" or "path#index" (a collection without an index: its SC face, else face 0)."""
    path, index = _split(spec)
    if not Path(path).is_file():
        raise FontNotFound(f"找不到字体文件：{path}")
    return _load(path, _face_index(path) if index is None else index)


def default_font_spec(style: str) -> str:
    for name in DEFAULTS[style]:
        for folder in NOTO_DIRS:
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
    raise FontNotFound(
        "没有找到中文字体：请安装 Debian 软件包 fonts-noto-cjk（scripts/ensure-debian-packages），"
        "或在设置中用 TONGBAN_DOCUMENT_FONT_REGULAR / TONGBAN_DOCUMENT_FONT_BOLD 指定字体文件。"
    )


def font_for(style: str, spec: str | None = None) -> FontProgram:
    """The font for "regular" or "bold": an explicit spec, else the default search."""
    return load_font(spec or default_font_spec(style))
