"""Seal pictures: drawn from the agency name, or uploaded and validated."""

import io

import pytest
from PIL import Image

from tongban.core.errors import ValidationFailed
from tongban.seals import picture


def _img(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def _is_red(pixel) -> bool:
    r, g, b, a = pixel
    return a > 200 and r > 150 and g < 80 and b < 80


def _red_count(img: Image.Image) -> int:
    raw = img.convert("RGBA").tobytes()
    return sum(1 for i in range(0, len(raw), 4) if _is_red(raw[i:i + 4]))


@pytest.fixture(scope="module")
def drawn():
    return picture.draw_seal(name="苏州市行政审批局", purpose="行政审批专用章", code="3205000212345")


def test_a_drawn_seal_is_a_transparent_png_of_the_true_size(drawn):
    img = _img(drawn)
    assert img.format == "PNG"
    assert img.size == (496, 496)  # 42 mm at 300 dpi
    assert round(img.info["dpi"][0]) == 300  # prints at 42 mm
    rgba = img.convert("RGBA")
    for corner in [(0, 0), (495, 0), (0, 495), (495, 495)]:
        assert rgba.getpixel(corner)[3] == 0  # transparent outside the ring


def test_a_drawn_seal_has_ring_star_and_text(drawn):
    rgba = _img(drawn).convert("RGBA")
    c = 248
    assert _is_red(rgba.getpixel((c, c)))  # the star's centre
    assert _is_red(rgba.getpixel((c, 6))) and _is_red(rgba.getpixel((4 + 2, c)))  # the ring, top and left
    # the name along the upper arc: plenty of red between the ring and the star
    assert _red_count(rgba.crop((100, 25, 396, 110))) > 2000
    # the purpose under the star and the code near the bottom
    assert _red_count(rgba.crop((120, 340, 376, 390))) > 500
    assert _red_count(rgba.crop((130, 420, 366, 465))) > 100


def test_the_name_is_drawn_with_real_glyphs():
    """Different names give different pictures (no blank boxes), and a character without a glyph is refused."""
    a = _img(picture.draw_seal(name="苏州市行政审批局")).convert("RGBA")
    b = _img(picture.draw_seal(name="苏州市卫生健康委")).convert("RGBA")
    assert a.tobytes() != b.tobytes()
    with pytest.raises(ValidationFailed) as refused:
        picture.draw_seal(name="苏州市\U0001f600审批局")
    assert "\U0001f600" in refused.value.detail


def test_a_long_name_still_fits_inside_the_ring():
    rgba = _img(picture.draw_seal(name="苏州工业园区管理委员会行政审批局", purpose="受理专用章")).convert("RGBA")
    assert rgba.getpixel((0, 248))[3] == 0 and rgba.getpixel((495, 248))[3] == 0


def test_other_diameters():
    assert _img(picture.draw_seal(name="某某局", diameter_mm=38)).size == (449, 449)
    with pytest.raises(ValidationFailed):
        picture.draw_seal(name="某某局", diameter_mm=5)
    with pytest.raises(ValidationFailed):
        picture.draw_seal(name="  ")


def _png(mode="RGBA", size=(200, 200), color=(214, 0, 28, 0)) -> bytes:
    img = Image.new(mode, size, color)
    if mode == "RGBA":
        img.putpixel((size[0] // 2, size[1] // 2), (214, 0, 28, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_an_uploaded_png_is_checked():
    ok = _png()
    assert picture.sniff_picture(ok) == "PNG"
    assert picture.validate_png(ok) == ok
    with pytest.raises(ValidationFailed, match="透明背景"):
        picture.validate_png(_png(mode="RGB", color=(255, 255, 255)))
    with pytest.raises(ValidationFailed, match="像素"):
        picture.validate_png(_png(size=(20, 20)))
    with pytest.raises(ValidationFailed, match="有效的 PNG"):
        picture.validate_png(picture.PNG_MAGIC + b"\x00" * 100)
    with pytest.raises(ValidationFailed, match="全透明"):
        buf = io.BytesIO()
        Image.new("RGBA", (100, 100), (0, 0, 0, 0)).save(buf, "PNG")
        picture.validate_png(buf.getvalue())
    with pytest.raises(ValidationFailed, match="PNG 或 SVG"):
        picture.sniff_picture(b"GIF89a....")


SVG_OK = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>'


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "脚本"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
         b'<image xlink:href="http://evil.example/x.png"/></svg>', "外部资源"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/#p)"/></svg>', "外部资源"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', "DOCTYPE"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "<svg>"),
        (b"<svg", "XML"),
    ],
)
def test_an_unsafe_or_broken_svg_is_refused(svg, message):
    with pytest.raises(ValidationFailed) as refused:
        picture.validate_svg(svg)
    assert message in refused.value.detail


def test_a_safe_svg_is_rasterised():
    assert picture.validate_svg(SVG_OK) == SVG_OK
    png = picture.svg_to_png(SVG_OK, width_mm=42, height_mm=42)
    img = _img(png).convert("RGBA")
    assert img.size == (496, 496)
    assert _is_red(img.getpixel((248, 248))) and img.getpixel((0, 0))[3] == 0
