"""Seal pictures: drawn by the platform from the agency name, or uploaded (PNG or SVG, validated).

A drawn seal follows the look of a Chinese agency seal (国发〔1999〕25号 《国务院关于国家行政机关和企业事业单位
社会团体印章管理的规定》: round, a five-pointed star in the centre, the agency name along the upper arc,
宋体 characters): a red ring, the star, the name clockwise along the upper arc, the seal's purpose (for a
专用章) in a straight line under the star, and the seal code along the lower arc. Transparent background,
`diameter_mm` across (42 mm by default, TONGBAN_SEAL_DIAMETER_MM), rendered at 300 dpi with the dpi recorded
in the PNG so that it prints at its true size.

The font is Noto Serif CJK SC Bold from Debian's fonts-noto-cjk (scripts/ensure-debian-packages). A character
the font lacks is refused rather than drawn as a blank box.
"""

from __future__ import annotations

import functools
import io
import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tongban.core.errors import ValidationFailed

SEAL_RED = (214, 0, 28, 255)
DPI = 300
SUPERSAMPLE = 3
PNG_MAX_BYTES = 2 * 1024 * 1024
SVG_MAX_BYTES = 512 * 1024
MIN_MM, MAX_MM = 10, 100
MIN_PX, MAX_PX = 64, 4096

_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
_FONT_FAMILY = "CJK SC"


@functools.cache
def _font_file() -> tuple[str, int]:
    """(path, face index) of a Simplified-Chinese CJK face: Noto Serif CJK SC Bold preferred."""
    paths = list(_FONT_CANDIDATES)
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Serif CJK SC:bold"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        if found:
            paths.append(found)
    except (OSError, subprocess.SubprocessError):
        pass
    for path in paths:
        if not Path(path).exists():
            continue
        for index in range(12):
            try:
                face = ImageFont.truetype(path, 20, index=index)
            except OSError:
                break
            if _FONT_FAMILY in face.getname()[0]:
                return path, index
    raise ValidationFailed(
        "服务器未安装中文字体（fonts-noto-cjk），无法绘制印章图片。请运行 scripts/ensure-debian-packages。",
        code="seal_font_missing",
    )


@functools.lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path, index = _font_file()
    return ImageFont.truetype(path, size, index=index)


def _glyph_missing(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    if ch.isspace():
        return False
    # A character without a glyph renders as .notdef, the same as a private-use code point.
    notdef = font.getmask("\ue000")
    mask = font.getmask(ch)
    return mask.size == notdef.size and bytes(mask) == bytes(notdef)


def check_glyphs(text: str) -> None:
    font = _font(64)
    missing = sorted({ch for ch in text if _glyph_missing(font, ch)})
    if missing:
        raise ValidationFailed(f"印章文字中有字体无法显示的字符：{''.join(missing)}", code="seal_glyph_missing")


def _glyph(ch: str, size: int, width_scale: float, fill) -> Image.Image:
    """One character, its box `size` high and `size * width_scale` wide, centred, on transparency."""
    font = _font(size)
    canvas = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(canvas).text((size, size), ch, font=font, fill=255, anchor="mm")
    if width_scale != 1.0:
        canvas = canvas.resize((max(1, round(size * 2 * width_scale)), size * 2), Image.LANCZOS)
    glyph = Image.new("RGBA", canvas.size, fill[:3] + (0,))
    glyph.putalpha(canvas)
    return glyph


def _paste_rotated(img: Image.Image, glyph: Image.Image, centre: tuple[float, float], degrees: float) -> None:
    rotated = glyph.rotate(degrees, resample=Image.BICUBIC, expand=True)
    x = round(centre[0] - rotated.width / 2)
    y = round(centre[1] - rotated.height / 2)
    img.alpha_composite(rotated, (x, y)) if x >= 0 and y >= 0 else img.paste(rotated, (x, y), rotated)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r_outer: float, fill) -> None:
    r_inner = r_outer * math.sin(math.radians(18)) / math.sin(math.radians(126))  # a regular star: ≈ 0.382 R
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        a = math.radians(-90 + i * 36)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    draw.polygon(points, fill=fill)


def draw_seal(*, name: str, purpose: str = "", code: str = "", diameter_mm: int = 42, dpi: int = DPI) -> bytes:
    """The seal picture as PNG bytes (RGBA, transparent background, `dpi` recorded)."""
    name = name.strip()
    if not name:
        raise ValidationFailed("印章名称不能为空。")
    if not MIN_MM <= diameter_mm <= MAX_MM:
        raise ValidationFailed(f"印章直径应在 {MIN_MM}–{MAX_MM} 毫米之间。")
    check_glyphs(name + purpose + code)

    px = round(diameter_mm / 25.4 * dpi)
    big = px * SUPERSAMPLE
    mm = big / diameter_mm  # pixels per millimetre at the drawing scale
    img = Image.new("RGBA", (big, big), SEAL_RED[:3] + (0,))
    draw = ImageDraw.Draw(img)
    c = big / 2

    # The ring: 1.2 mm wide for a 42 mm seal, in proportion otherwise.
    ring = 1.2 * mm * diameter_mm / 42
    margin = 0.3 * mm
    draw.ellipse((margin, margin, big - margin, big - margin), outline=SEAL_RED, width=round(ring))
    inner_r = c - margin - ring

    # The star: about a third of the diameter across (14 mm on a 42 mm seal).
    star_r = inner_r * 0.36
    _star(draw, c, c, star_r, SEAL_RED)

    # The name along the upper arc, clockwise, characters upright to the centre.
    n = len(name)
    text_h = inner_r * (0.30 if n <= 12 else 0.26 if n <= 18 else 0.22)
    text_r = inner_r - 0.6 * mm - text_h / 2
    span = math.radians(min(250.0, 60 + n * 20))
    step = span / n
    width_scale = min(1.0, (text_r * step * 0.92) / text_h)
    size = round(text_h)
    for i, ch in enumerate(name):
        phi = -span / 2 + step * (i + 0.5)
        centre = (c + text_r * math.sin(phi), c - text_r * math.cos(phi))
        _paste_rotated(img, _glyph(ch, size, width_scale, SEAL_RED), centre, -math.degrees(phi))

    # The purpose (专用章) straight under the star.
    if purpose:
        p_h = inner_r * 0.17
        max_w = inner_r * 1.05
        p_scale = min(1.0, max_w / (len(purpose) * p_h))
        p_size = round(p_h)
        y = c + star_r + p_h * 0.95
        total = len(purpose) * p_h * p_scale
        for i, ch in enumerate(purpose):
            x = c - total / 2 + p_h * p_scale * (i + 0.5)
            _paste_rotated(img, _glyph(ch, p_size, p_scale, SEAL_RED), (x, y), 0)

    # The code along the lower arc, left to right, bottoms outward.
    if code:
        k_h = inner_r * 0.085
        k_r = inner_r - 0.6 * mm - k_h / 2
        k_step = math.radians(4.6)
        k_span = k_step * len(code)
        for i, ch in enumerate(code):
            alpha = k_span / 2 - k_step * (i + 0.5)  # from the left (positive: left of the bottom) to the right
            centre = (c - k_r * math.sin(alpha), c + k_r * math.cos(alpha))
            _paste_rotated(img, _glyph(ch, round(k_h), 0.8, SEAL_RED), centre, -math.degrees(alpha))

    out = img.resize((px, px), Image.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


# ---- uploads ----------------------------------------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_SVG_TAGS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video"}
_EXTERNAL_REF = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def sniff_picture(data: bytes) -> str:
    """"PNG" or "SVG", or ValidationFailed."""
    if data.startswith(PNG_MAGIC):
        return "PNG"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--"):
        return "SVG"
    raise ValidationFailed("印章图片只能是 PNG 或 SVG 格式。", code="seal_picture_type")


def validate_png(data: bytes) -> bytes:
    """A PNG seal picture as uploaded: a real PNG of sane size with a transparent background. Returns it as-is."""
    if len(data) > PNG_MAX_BYTES:
        raise ValidationFailed(f"印章图片不能超过 {PNG_MAX_BYTES // 1024 // 1024} MB。", code="seal_picture_size")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        img = Image.open(io.BytesIO(data))
        img.load()
    except Exception as exc:  # Pillow raises many types for broken files
        raise ValidationFailed("印章图片不是有效的 PNG 文件。", code="seal_picture_invalid") from exc
    if img.format != "PNG":
        raise ValidationFailed("印章图片不是有效的 PNG 文件。", code="seal_picture_invalid")
    if not (MIN_PX <= img.width <= MAX_PX and MIN_PX <= img.height <= MAX_PX):
        raise ValidationFailed(f"印章图片的宽和高应在 {MIN_PX}–{MAX_PX} 像素之间。", code="seal_picture_dimensions")
    rgba = img.convert("RGBA")
    alpha = rgba.getchannel("A")
    lo, hi = alpha.getextrema()
    if lo == 255:
        raise ValidationFailed("印章图片必须是透明背景的 PNG（盖在文字上时不能遮住文字）。", code="seal_picture_opaque")
    if hi == 0:
        raise ValidationFailed("印章图片是全透明的，看不到印章。", code="seal_picture_empty")
    return data


def validate_svg(data: bytes) -> bytes:
    """An SVG seal picture: well-formed, an <svg> root, no scripts, entities or external references."""
    if len(data) > SVG_MAX_BYTES:
        raise ValidationFailed(f"SVG 印章图片不能超过 {SVG_MAX_BYTES // 1024} KB。", code="seal_picture_size")
    upper = data.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise ValidationFailed("SVG 印章图片不能包含 DOCTYPE 或实体声明。", code="seal_picture_unsafe")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValidationFailed("SVG 印章图片不是格式正确的 XML。", code="seal_picture_invalid") from exc
    if root.tag not in (_SVG_NS + "svg", "svg"):
        raise ValidationFailed("SVG 印章图片的根元素必须是 <svg>。", code="seal_picture_invalid")
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in _FORBIDDEN_SVG_TAGS:
            raise ValidationFailed(f"SVG 印章图片不能包含 <{tag}> 元素。", code="seal_picture_unsafe")
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                raise ValidationFailed("SVG 印章图片不能包含脚本事件属性。", code="seal_picture_unsafe")
            if local == "href" and _EXTERNAL_REF.match(value) and not value.strip().lower().startswith("data:image/"):
                raise ValidationFailed("SVG 印章图片不能引用外部资源。", code="seal_picture_unsafe")
            if "url(" in value and re.search(r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//)", value, re.I):
                raise ValidationFailed("SVG 印章图片不能引用外部资源。", code="seal_picture_unsafe")
    return data


def svg_to_png(data: bytes, *, width_mm: int, height_mm: int, dpi: int = DPI) -> bytes:
    """Rasterise a validated SVG to the PNG placed on documents (cairosvg; external resources not fetched)."""
    import cairosvg

    try:
        png = cairosvg.svg2png(
            bytestring=data,
            output_width=round(width_mm / 25.4 * dpi),
            output_height=round(height_mm / 25.4 * dpi),
            unsafe=False,
        )
    except Exception as exc:  # cairosvg raises parser and cairo errors of many kinds
        raise ValidationFailed("SVG 印章图片无法绘制。", code="seal_picture_invalid") from exc
    img = Image.open(io.BytesIO(png)).convert("RGBA")
    if img.getchannel("A").getextrema()[1] == 0:
        raise ValidationFailed("SVG 印章图片绘制后是空白的。", code="seal_picture_empty")
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


