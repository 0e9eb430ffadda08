"""Lay out and write a Chinese government notice as PDF/A-2b, with an empty signature field over the seal spot.

The page follows GB/T 9704-2012 (党政机关公文格式) where a notice has the same parts as a 公文:

- A4, 版心 156 mm × 225 mm, 天头 37 mm, 订口 28 mm (§5.2);
- the issuing agency in red over a red rule, the title in bold 22 pt (二号), the body in 16 pt (三号),
  22 lines to the 版心 (§5.2.2, §7.2, §7.3.1);
- 成文日期 in Arabic numerals, year in full, month and day without a leading zero, set 右空四字; the agency
  署名 centred over the date (§7.3.5.1);
- the seal 端正、居中下压署名和成文日期, with the name and date below the seal's centre, and the seal's top within
  one line of the end of the body text (§7.3.5.1).

The seal is not drawn into the page content: it is the appearance of the signature field, so the picture a
reader sees is the one the PAdES signature carries (pdf_sign.py fills the field without redrawing it). A QR code
with "扫码核验" under it sits at the bottom left of the last page and opens the public verification page.

PDF/A-2b (ISO 19005-2, level B): every font embedded (subset), an sRGB output intent, XMP metadata with
pdfaid:part 2 / conformance B matching the Info dictionary, no encryption, colours in DeviceRGB under that
intent, the signature widget printable. Not machine-validated here (veraPDF is not available in this
environment); see docs/adr/0010-sealed-documents.md.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from xml.sax.saxutils import escape

import segno
from pyhanko.pdf_utils.metadata.model import VENDOR as PYHANKO_VENDOR

from tongban.seals.pdf_fonts import FontProgram, MissingGlyphs, font_for
from tongban.seals.pdf_writer import PdfWriter, name, num, pdf_date, text_string

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
# GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
MARGIN_TOP, MARGIN_LEFT = 37 * MM, 28 * MM
TEXT_W, TEXT_H = 156 * MM, 225 * MM
TEXT_BOTTOM = PAGE_H - MARGIN_TOP - TEXT_H
# §5.2.2 / §7.3.1: 三号 (16 pt) body, 22 lines to the 版心.
BODY_SIZE = 16.0
LINE = TEXT_H / 22
TITLE_SIZE = 22.0  # 二号
TITLE_LINE = 36.0
SMALL_SIZE = 9.0
RED = "0.8 0 0"
BLACK = "0 0 0"

SEAL_FIELD = "TongbanSeal"
# The Producer in both Info and XMP is the library that writes the final revision: pyHanko, which sets its own
# name in the XMP when it signs, so Info and XMP stay equal (PDF/A-2 §6.6.2.3.1). The creator is Tongban.
PRODUCER = PYHANKO_VENDOR

# 标点禁则: characters that may not open a line, and those that may not close one.
NO_LINE_START = set("，。、；：？！）》」』”’〕】〉…—～·％‰,.;:?!)]}%")
NO_LINE_END = set("（《「『“‘〔【〈([{")


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: float = 2  # first-line indent, in characters (正文首行缩进二字)
    align: str = "justify"  # justify | left | center | right
    style: str = "regular"
    size: float = BODY_SIZE
    space_before: float = 0  # in lines


@dataclass(frozen=True)
class SealPicture:
    png: bytes
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class NoticeLayout:
    """Everything the page shows, already worded (tongban.seals.documents builds it from case data)."""

    agency: str  # 发文机关标志 (red, top)
    title: str
    number: str  # 文号
    addressee: str  # 主送, without the colon
    body: tuple[Paragraph, ...]
    issuer: str  # 署名
    date_text: str  # 成文日期, e.g. 2026年3月2日
    verify_url: str
    seal: SealPicture | None = None
    qr_caption: str = "扫码核验"
    footnote: str = ""
    subject: str = ""  # PDF metadata
    keywords: str = ""
    created: datetime | None = None
    fonts: dict[str, str] = field(default_factory=dict)  # style → font spec (optional)


# -- text layout ------------------------------------------------------------------------------------------


@dataclass
class _Run:
    style: str
    size: float
    x: float
    y: float
    text: str
    char_spacing: float = 0.0
    color: str = BLACK


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-/_:@#&+=~'\"") or unicodedata.category(ch) == "Nd"


def _units(text: str) -> list[str]:
    """Breakable units: one CJK character, a Latin word, or a space; 禁则 characters glued to a neighbour."""
    units: list[str] = []
    word = ""
    for ch in text:
        if ch != " " and _is_latin(ch):
            word += ch
            continue
        if word:
            units.append(word)
            word = ""
        units.append(ch)
    if word:
        units.append(word)
    glued: list[str] = []
    carry = ""
    for unit in units:
        unit = carry + unit
        carry = ""
        if glued and unit[0] in NO_LINE_START and unit != " ":
            glued[-1] += unit
        elif unit[-1] in NO_LINE_END:
            carry = unit
        else:
            glued.append(unit)
    if carry:
        glued.append(carry)
    return glued


def wrap(text: str, font: FontProgram, size: float, width: float, first_indent: float = 0) -> list[str]:
    """Greedy line breaking with 标点禁则; a unit wider than the line is split by character."""
    lines: list[str] = []
    line, line_w = "", 0.0
    avail = width - first_indent
    for unit in _units(text):
        w = font.text_width(unit, size)
        if line_w + w <= avail + 0.01:
            line, line_w = line + unit, line_w + w
            continue
        if line.strip():
            lines.append(line.rstrip())
            avail = width
            line, line_w = "", 0.0
        unit = unit.lstrip(" ")
        if not unit:
            continue
        w = font.text_width(unit, size)
        if w <= avail + 0.01:
            line, line_w = unit, w
            continue
        for ch in unit:  # an over-long token (a URL, a long number): break anywhere
            cw = font.text_width(ch, size)
            if line_w + cw > avail + 0.01 and line:
                lines.append(line)
                avail = width
                line, line_w = "", 0.0
            line, line_w = line + ch, line_w + cw
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class _Pages:
    """A cursor over pages; `y` is the top of the next line, in PDF coordinates."""

    def __init__(self):
        self.pages: list[list[_Run]] = [[]]
        self.graphics: list[list[str]] = [[]]
        self.y = PAGE_H - MARGIN_TOP

    @property
    def runs(self) -> list[_Run]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.graphics.append([])
        self.y = PAGE_H - MARGIN_TOP

    def ensure(self, height: float) -> None:
        if self.y - height < TEXT_BOTTOM - 0.5 and self.runs:
            self.new_page()


def _baseline(top: float, size: float, pitch: float) -> float:
    # Centre the em box in the line pitch: the baseline sits 0.12 em above the em box's bottom.
    return top - (pitch - size) / 2 - size * 0.88


def _place_paragraph(pages: _Pages, para: Paragraph, fonts: dict[str, FontProgram], pitch: float) -> None:
    font = fonts[para.style]
    indent = para.indent * para.size
    lines = wrap(para.text, font, para.size, TEXT_W, indent)
    pages.y -= para.space_before * pitch
    for i, line in enumerate(lines):
        pages.ensure(pitch)
        top = pages.y
        natural = font.text_width(line, para.size)
        x = MARGIN_LEFT + (indent if i == 0 else 0)
        spacing = 0.0
        if para.align == "center":
            x = MARGIN_LEFT + (TEXT_W - natural) / 2
        elif para.align == "right":
            x = MARGIN_LEFT + TEXT_W - natural
        elif para.align == "justify" and i < len(lines) - 1 and len(line) > 1:
            spare = TEXT_W - (x - MARGIN_LEFT) - natural
            spacing = spare / (len(line) - 1)
            if spacing > para.size * 0.35 or spacing < 0:  # an odd line (a long token): leave it ragged
                spacing = 0.0
        pages.runs.append(_Run(para.style, para.size, x, _baseline(top, para.size, pitch), line, spacing))
        pages.y -= pitch


# -- the page ---------------------------------------------------------------------------------------------


QR_SIZE = 22 * MM
NOTE_SIZE = 8.0
# GB/T 9704-2012 §7.3.5.4: when the seal does not fit under the text, line spacing may be adjusted. A notice is
# first laid out on the standard 22 lines; if that takes a second page, on 24, 26, then 28 lines per 版心.
LINES_PER_PAGE = (22, 24, 26, 28)


def _centred(pages: _Pages, text: str, font: FontProgram, style: str, size: float, pitch: float,
             color: str = BLACK) -> None:
    for line in wrap(text, font, size, TEXT_W):
        w = font.text_width(line, size)
        pages.runs.append(_Run(style, size, MARGIN_LEFT + (TEXT_W - w) / 2, _baseline(pages.y, size, pitch), line,
                               color=color))
        pages.y -= pitch


def _layout(spec: NoticeLayout, fonts: dict[str, FontProgram]) -> tuple[_Pages, tuple[float, float, float, float]]:
    for lines in LINES_PER_PAGE:
        pages, seal_rect = _layout_at(spec, fonts, TEXT_H / lines)
        if len(pages.pages) == 1:
            break
    else:
        pages, seal_rect = _layout_at(spec, fonts, LINE)
    return pages, seal_rect


def _layout_at(spec: NoticeLayout, fonts: dict[str, FontProgram], pitch: float):
    pages = _Pages()
    bold, regular = fonts["bold"], fonts["regular"]
    title_pitch = TITLE_SIZE * 1.4
    # 发文机关标志 in red over a red rule (GB/T 9704-2012 §7.2.3, §7.2.5).
    _centred(pages, spec.agency, bold, "bold", TITLE_SIZE, title_pitch, RED)
    pages.y -= 3 * MM
    pages.graphics[-1].append(
        f"{RED} RG 1.2 w {num(MARGIN_LEFT)} {num(pages.y)} m {num(MARGIN_LEFT + TEXT_W)} {num(pages.y)} l S"
    )
    pages.y -= 5 * MM
    # 标题 (§7.3.2) and 文号 (§7.2.4) centred under it.
    _centred(pages, spec.title, bold, "bold", TITLE_SIZE, title_pitch)
    _place_paragraph(pages, Paragraph(spec.number, indent=0, align="center"), fonts, pitch)
    pages.y -= pitch / 2
    # 主送 (§7.3.3): flush left, full-width colon.
    _place_paragraph(pages, Paragraph(spec.addressee + "：", indent=0, align="left"), fonts, pitch)
    body = list(spec.body)
    for para in body[:-1]:
        _place_paragraph(pages, para, fonts, pitch)

    # The signature block (§7.3.5.1): the seal's top within one line of the text above it; the agency name and
    # the date, 右空四字, below the seal's centre. The QR code sits level with the seal, at the left.
    seal_h = (spec.seal.height_mm if spec.seal else 42) * MM
    seal_w = (spec.seal.width_mm if spec.seal else 42) * MM
    gap = 0.3 * pitch
    block = gap + max(seal_h, QR_SIZE + 5 * MM)
    last = body[-1] if body else None
    if last is not None:
        # Keep the closing line (特此通知。) with the block: never a page with only the seal on it.
        n = len(wrap(last.text, fonts[last.style], last.size, TEXT_W, last.indent * last.size))
        if pages.y - n * pitch - block < TEXT_BOTTOM:
            pages.new_page()
        _place_paragraph(pages, last, fonts, pitch)
    if pages.y - block < TEXT_BOTTOM:
        pages.new_page()
    seal_top = pages.y - gap
    seal_centre = seal_top - seal_h / 2
    middle = seal_centre - 0.1 * seal_h  # the two lines' middle, a little below the seal's centre
    date_w = regular.text_width(spec.date_text, BODY_SIZE)
    date_x = MARGIN_LEFT + TEXT_W - 4 * BODY_SIZE - date_w  # 右空四字
    centre_x = date_x + date_w / 2
    name_w = regular.text_width(spec.issuer, BODY_SIZE)
    name_x = min(centre_x - name_w / 2, MARGIN_LEFT + TEXT_W - name_w)
    pages.runs.append(_Run("regular", BODY_SIZE, name_x, _baseline(middle + pitch, BODY_SIZE, pitch), spec.issuer))
    pages.runs.append(_Run("regular", BODY_SIZE, date_x, _baseline(middle, BODY_SIZE, pitch), spec.date_text))
    seal_rect = (centre_x - seal_w / 2, seal_centre - seal_h / 2, centre_x + seal_w / 2, seal_centre + seal_h / 2)

    qr_bottom = seal_centre - QR_SIZE / 2 + 2 * MM
    pages.graphics[-1].append(_qr_ops(spec.verify_url, MARGIN_LEFT, qr_bottom, QR_SIZE))
    caption_w = regular.text_width(spec.qr_caption, SMALL_SIZE)
    pages.runs.append(_Run("regular", SMALL_SIZE, MARGIN_LEFT + (QR_SIZE - caption_w) / 2, qr_bottom - 4 * MM,
                           spec.qr_caption))
    # The note on electronic seals, in the bottom margin of the last page, under the page number's place.
    if spec.footnote:
        y = 16 * MM
        for line in wrap(spec.footnote, regular, NOTE_SIZE, TEXT_W):
            pages.runs.append(_Run("regular", NOTE_SIZE, MARGIN_LEFT, y, line))
            y -= NOTE_SIZE * 1.45
    # 页码 on documents of more than one page (§7.5): "— n —", 7 mm under the 版心.
    if len(pages.pages) > 1:
        for i, runs in enumerate(pages.pages, start=1):
            label = f"— {i} —"
            w = regular.text_width(label, 14)
            runs.append(_Run("regular", 14, MARGIN_LEFT + (TEXT_W - w) / 2, TEXT_BOTTOM - 7 * MM - 10, label))
    return pages, seal_rect


def _qr_ops(url: str, x: float, y: float, size: float) -> str:
    qr = segno.make_qr(url, error="m")
    matrix = qr.matrix
    n = len(matrix)
    module = size / n
    ops = [f"{BLACK} rg"]
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{num(x + start * module)} {num(top)} {num((col - start) * module)} {num(module)} re")
            else:
                col += 1
    ops.append("f")
    return "\n".join(ops)


# -- PDF objects ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@lru_cache(maxsize=32)
def _seal_image(png: bytes) -> tuple[int, int, bytes, bytes | None]:
    """(width, height, RGB samples, alpha samples or None), Flate-compressed, at most 1,000 px a side.

    Cached by the picture's bytes: a department signs many documents with the same seal.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    image.load()
    image = image.convert("RGBA")
    if max(image.size) > 1000:
        image.thumbnail((1000, 1000))
    alpha = image.getchannel("A")
    has_alpha = alpha.getextrema()[0] < 255
    rgb = image.convert("RGB")
    return (image.width, image.height, zlib.compress(rgb.tobytes(), 9),
            zlib.compress(alpha.tobytes(), 9) if has_alpha else None)


def _tounicode(pairs: list[tuple[int, str]]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for cid, ch in chunk)
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines).encode("ascii")


def _embed_font(pdf: PdfWriter, font: FontProgram, text: str) -> tuple[int, dict[int, int]]:
    """Write the Type0 font for the characters in `text`; returns its object number and old→new gid map."""
    chars: dict[int, str] = {}
    for ch in text:
        chars.setdefault(font.glyph(ord(ch)), ch)
    gids = set(chars)
    program, mapping = font.subset(gids)
    tag = font.subset_tag(gids)
    base = f"{tag}+{font.postscript_name}"
    scale = 1000 / font.upem
    inverse = sorted((new, old) for old, new in mapping.items())
    widths = " ".join(str(round(font.advance(old) * scale)) for _new, old in inverse)
    if font.is_cff:
        file_obj = pdf.add_stream("/Subtype /CIDFontType0C", program)
        file_key, cid_type, extra = "/FontFile3", "/CIDFontType0", ""
    else:
        file_obj = pdf.add_stream(f"/Length1 {len(program)}", program)
        file_key, cid_type, extra = "/FontFile2", "/CIDFontType2", " /CIDToGIDMap /Identity"
    x0, y0, x1, y1 = (round(v * scale) for v in font.bbox)
    # Flags: 2 = Serif-agnostic is fine to omit; 4 = Symbolic (a CJK font's glyphs lie outside the Latin set).
    descriptor = pdf.add(
        f"<< /Type /FontDescriptor /FontName {name(base)} /Flags 4 /FontBBox [{x0} {y0} {x1} {y1}]"
        f" /ItalicAngle 0 /Ascent {round(font.ascent * scale)} /Descent {round(font.descent * scale)}"
        f" /CapHeight {round(font.cap_height * scale)} /StemV 80 {file_key} {file_obj} 0 R >>"
    )
    cid_font = pdf.add(
        f"<< /Type /Font /Subtype {cid_type} /BaseFont {name(base)}"
        f" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        f" /FontDescriptor {descriptor} 0 R /DW 1000 /W [0 [{widths}]]{extra} >>"
    )
    to_unicode = pdf.add_stream("", _tounicode(sorted((mapping[g], ch) for g, ch in chars.items() if g in mapping)))
    type0 = pdf.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont {name(base)} /Encoding /Identity-H"
        f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )
    return type0, mapping


def _xmp(title: str, author: str, subject: str, keywords: str, created: datetime) -> bytes:
    stamp = created.isoformat(timespec="seconds")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
   <xmp:CreatorTool>Tongban</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def _hex(text: str, font: FontProgram, mapping: dict[int, int]) -> str:
    glyph = font.glyph
    return "".join(f"{mapping[glyph(ord(c))]:04X}" for c in text)


def render_notice(spec: NoticeLayout) -> bytes:
    """The unsigned PDF: one or more A4 pages, fonts embedded, the seal as the signature field's appearance."""
    fonts = {style: font_for(style, spec.fonts.get(style)) for style in ("regular", "bold")}
    for style, font in fonts.items():
        texts = [spec.agency, spec.title] if style == "bold" else [
            spec.number, spec.addressee, spec.issuer, spec.date_text, spec.qr_caption, spec.footnote,
            *(p.text for p in spec.body),
        ]
        missing = font.missing("".join(texts))
        if missing:
            raise MissingGlyphs(missing)
    created = spec.created or datetime.now().astimezone()
    pages, seal_rect = _layout(spec, fonts)

    pdf = PdfWriter()
    catalog = pdf.reserve()
    pages_obj = pdf.reserve()
    used = {style: "".join(r.text for p in pages.pages for r in p if r.style == style) for style in fonts}
    font_refs: dict[str, tuple[int, dict[int, int]]] = {}
    for style in ("regular", "bold"):
        if used[style]:
            font_refs[style] = _embed_font(pdf, fonts[style], used[style])
    resource_fonts = " ".join(
        f"/{key} {font_refs[style][0]} 0 R" for key, style in (("F1", "regular"), ("F2", "bold")) if style in font_refs
    )
    keys = {"regular": "F1", "bold": "F2"}

    page_refs = []
    widget = pdf.reserve()
    for index, (runs, graphics) in enumerate(zip(pages.pages, pages.graphics, strict=True)):
        ops = list(graphics)
        ops.append("BT")
        current = None
        for run in runs:
            font = fonts[run.style]
            state = (run.style, run.size, run.color, run.char_spacing)
            if state != current:
                ops.append(f"/{keys[run.style]} {num(run.size)} Tf {run.color} rg {num(run.char_spacing)} Tc")
                current = state
            ops.append(f"1 0 0 1 {num(run.x)} {num(run.y)} Tm <{_hex(run.text, font, font_refs[run.style][1])}> Tj")
        ops.append("ET")
        content = pdf.add_stream("", "\n".join(ops).encode("latin-1"))
        page = pdf.reserve()
        annots = f" /Annots [{widget} 0 R]" if index == len(pages.pages) - 1 else ""
        pdf.set(page, (
            f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {num(PAGE_W)} {num(PAGE_H)}]"
            f" /Resources << /Font << {resource_fonts} >> >> /Contents {content} 0 R{annots} >>"
        ))
        page_refs.append(page)
    pdf.set(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_refs)}] /Count {len(page_refs)} >>")

    # The seal: a Form XObject drawing the picture with Multiply blending, so the text under the red ink
    # stays legible as on paper. It is the normal appearance of the (still empty) signature field.
    x0, y0, x1, y1 = seal_rect
    w, h = x1 - x0, y1 - y0
    appearance_ops = "q\n"
    resources = ""
    if spec.seal is not None:
        iw, ih, rgb, alpha = _seal_image(spec.seal.png)
        smask = ""
        if alpha is not None:
            alpha_obj = pdf.add_stream(
                f"/Type /XObject /Subtype /Image /Width {iw} /Height {ih} /ColorSpace /DeviceGray"
                " /BitsPerComponent 8 /Filter /FlateDecode", alpha, compress=False)
            smask = f" /SMask {alpha_obj} 0 R"
        image = pdf.add_stream(
            f"/Type /XObject /Subtype /Image /Width {iw} /Height {ih} /ColorSpace /DeviceRGB"
            f" /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode{smask}", rgb, compress=False)
        resources = (f"/XObject << /Im1 {image} 0 R >>"
                     " /ExtGState << /GS1 << /Type /ExtGState /BM /Multiply /ca 1 /CA 1 >> >>")
        appearance_ops += f"/GS1 gs {num(w)} 0 0 {num(h)} 0 0 cm /Im1 Do\n"
    appearance_ops += "Q"
    appearance = pdf.add_stream(
        f"/Type /XObject /Subtype /Form /BBox [0 0 {num(w)} {num(h)}] /Resources << {resources} >>",
        appearance_ops.encode("latin-1"))
    # Widget flags 4 (Print, required by PDF/A) + 128 (Locked).
    pdf.set(widget, (
        f"<< /Type /Annot /Subtype /Widget /FT /Sig /T {text_string(SEAL_FIELD)} /F 132"
        f" /Rect [{num(x0)} {num(y0)} {num(x1)} {num(y1)}] /P {page_refs[-1]} 0 R /AP << /N {appearance} 0 R >> >>"
    ))

    title = f"{spec.title}（{spec.number}）"
    metadata = pdf.add_stream("/Type /Metadata /Subtype /XML",
                              _xmp(title, spec.issuer, spec.subject, spec.keywords, created), compress=False)
    icc = pdf.add_stream("/N 3", _srgb_profile())
    intent = pdf.add(
        f"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"
        f" /Info (sRGB IEC61966-2.1) /DestOutputProfile {icc} 0 R >>"
    )
    pdf.set(catalog, (
        f"<< /Type /Catalog /Pages {pages_obj} 0 R /Metadata {metadata} 0 R /OutputIntents [{intent} 0 R]"
        f" /AcroForm << /Fields [{widget} 0 R] /SigFlags 0 >> /Lang (zh-CN)"
        " /ViewerPreferences << /DisplayDocTitle true >> >>"
    ))
    stamp = pdf_date(created)
    info = pdf.add(
        f"<< /Title {text_string(title)} /Author {text_string(spec.issuer)} /Subject {text_string(spec.subject)}"
        f" /Keywords {text_string(spec.keywords)} /Creator (Tongban) /Producer {text_string(PRODUCER)}"
        f" /CreationDate ({stamp}) /ModDate ({stamp}) >>"
    )
    file_id = hashlib.sha256(f"{spec.number}|{spec.verify_url}|{stamp}".encode()).digest()[:16]
    return pdf.write(root=catalog, info=info, file_id=file_id)
