"""The PDF itself: every font embedded, legible without any Chinese font installed, the page's parts in place,
PDF/A-2b markers that survive sealing, the QR code pointing at the verification page."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from tongban.seals.documents.kinds import DocumentKind
from tongban.seals.documents.testing import make_material, need, produce_sample
from tongban.seals.pdf_fonts import MissingGlyphs
from tongban.seals.pdf_render import SEAL_FIELD, NoticeLayout, Paragraph, render_notice


@pytest.fixture(scope="module")
def sealed():
    return produce_sample("acceptance", material=make_material())


def _run(tool: str, *args, pdf: bytes, tmp_path: Path, env=None) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    tail = ["-"] if tool == "pdftotext" else []  # to stdout, not doc.txt
    proc = subprocess.run([need(tool, "poppler-utils"), *args, str(path), *tail], capture_output=True, text=True,
                          timeout=60, env=env, check=True)
    return proc.stdout


def test_every_font_is_embedded_subset_and_has_unicode_map(sealed, tmp_path):
    out = _run("pdffonts", pdf=sealed, tmp_path=tmp_path)
    rows = out.strip().splitlines()[2:]
    assert len(rows) == 2, out  # the regular and bold faces
    for row in rows:
        # name type encoding emb sub uni object ID
        assert re.search(r"\s+yes\s+yes\s+yes\s+\d+\s+0$", row), row
        assert "+" in row.split()[0]  # subset prefix ABCDEF+Name


def test_renders_identically_with_no_font_installed(sealed, tmp_path):
    """The page drawn by pdftoppm with an empty fontconfig equals the one drawn with the system's fonts."""
    empty = tmp_path / "empty"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{empty}</dir><cachedir>{tmp_path / "cache"}</cachedir>'
                    "</fontconfig>")
    import os

    no_fonts = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    listed = subprocess.run(["fc-list"], env=no_fonts, capture_output=True, text=True, check=False).stdout
    assert listed.strip() == ""  # really no font at all
    (tmp_path / "doc.pdf").write_bytes(sealed)
    pdftoppm = need("pdftoppm", "poppler-utils")
    subprocess.run([pdftoppm, "-r", "50", "-png", str(tmp_path / "doc.pdf"), str(tmp_path / "bare")],
                   env=no_fonts, check=True, timeout=60, capture_output=True)
    subprocess.run([pdftoppm, "-r", "50", "-png", str(tmp_path / "doc.pdf"), str(tmp_path / "system")], check=True,
                   timeout=60, capture_output=True)
    bare, system = (tmp_path / "bare-1.png").read_bytes(), (tmp_path / "system-1.png").read_bytes()
    assert bare == system
    from PIL import Image

    image = Image.open(io.BytesIO(bare)).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 2000  # there is text on the page, not a blank


def test_page_has_title_number_addressee_body_issuer_date_and_caption(sealed, tmp_path):
    text = _run("pdftotext", "-layout", pdf=sealed, tmp_path=tmp_path)
    for part in ("苏州市行政审批局", "受理通知书", "苏审批受字〔2026〕第 1 号", "苏州示范餐饮管理有限公司：",
                 "决定予以受理", "特此通知。", "2026年3月2日", "扫码核验"):
        assert part in text, part
    info = _run("pdfinfo", pdf=sealed, tmp_path=tmp_path)
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"PDF version:\s+1\.7", info)  # PDF/A-2 is PDF 1.7 (pyHanko is kept from declaring 2.0)


def test_pdfa_markers_survive_sealing(sealed):
    reader = PdfFileReader(io.BytesIO(sealed))
    root = reader.root
    xmp = root["/Metadata"].get_object().data.decode()
    assert 'pdfaid:part="2"' in xmp or "<pdfaid:part>2</pdfaid:part>" in xmp
    assert 'pdfaid:conformance="B"' in xmp or "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert len(intent["/DestOutputProfile"].get_object().data) > 400  # an sRGB ICC profile
    info = reader.trailer["/Info"].get_object()
    # Info and XMP agree (PDF/A-2 §6.6.2.3.1): the producer pyHanko writes into both.
    assert info["/Producer"] in xmp
    assert info["/Creator"] == "Tongban"
    assert "/Encrypt" not in reader.trailer


def test_the_seal_is_the_signature_appearance_over_the_issuing_line(sealed):
    reader = PdfFileReader(io.BytesIO(sealed))
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    widget = page["/Annots"][0].get_object()
    assert widget["/FT"] == "/Sig" and widget["/T"] == SEAL_FIELD
    assert int(widget["/F"]) & 4  # printable (PDF/A)
    appearance = widget["/AP"]["/N"].get_object()
    image = appearance["/Resources"]["/XObject"]["/Im1"].get_object()
    assert image["/Subtype"] == "/Image" and "/SMask" in image
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    assert round((x1 - x0) / 72 * 25.4) == 42  # the seal's size in mm
    # Right half of the page, above the bottom margin: over the agency name and date.
    assert x0 > 595 / 2 - 50 and y0 > 35 / 25.4 * 72
    sig = reader.embedded_signatures[0]
    assert sig.field_name == SEAL_FIELD


def test_qr_code_opens_the_verification_page(sealed):
    """The QR drawn on the page decodes to the document's verification URL (segno's matrix, re-read)."""
    import segno

    url = "https://tongban.example.gov.cn/verify/testtoken0000000000001/"
    expected = segno.make_qr(url, error="m")
    reader = PdfFileReader(io.BytesIO(sealed))
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    content = page["/Contents"].get_object().data.decode("latin-1")
    rects = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re", content)
    dark_modules = sum(sum(row) for row in expected.matrix)
    widths = sum(round(float(w) / float(h)) for _x, _y, w, h in rects)
    assert widths == dark_modules  # every dark module of the expected code is drawn


def test_text_the_font_cannot_draw_is_refused_before_anything_is_issued():
    layout = NoticeLayout(agency="苏州市行政审批局", title="受理通知书", number="1", addressee="\U000f0000",
                          body=(Paragraph("正文"),), issuer="苏州市行政审批局", date_text="2026年3月2日",
                          verify_url="https://x/verify/t/")
    with pytest.raises(MissingGlyphs) as exc:
        render_notice(layout)
    assert exc.value.chars == "\U000f0000"


def test_long_documents_flow_onto_numbered_pages(tmp_path):
    reasons = tuple(f"第 {i} 项不符合：" + "申请材料所载内容与现场核查情况不一致，" * 4 for i in range(1, 9))
    pdf = produce_sample("denial", reasons=reasons)
    info = _run("pdfinfo", pdf=pdf, tmp_path=tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    text = _run("pdftotext", pdf=pdf, tmp_path=tmp_path)
    assert re.search(r"—\s*1\s*—", text) and re.search(rf"—\s*{pages}\s*—", text)
    # The seal and the closing words are on the last page, together.
    reader = PdfFileReader(io.BytesIO(pdf))
    kids = reader.root["/Pages"]["/Kids"]
    assert "/Annots" in kids[-1].get_object() and "/Annots" not in kids[0].get_object()


@pytest.mark.parametrize("kind", [k.value for k in DocumentKind])
def test_every_kind_renders_on_one_page(kind, tmp_path):
    pdf = produce_sample(kind)
    info = _run("pdfinfo", pdf=pdf, tmp_path=tmp_path)
    assert re.search(r"Pages:\s+1\n", info), kind
    text = _run("pdftotext", pdf=pdf, tmp_path=tmp_path).replace("\n", "")
    assert DocumentKind(kind).label in text


def test_fonts_come_from_settings(settings, tmp_path):
    settings.TONGBAN_DOCUMENT_FONT_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    pdf = produce_sample("acceptance")
    fonts = _run("pdffonts", pdf=pdf, tmp_path=tmp_path)
    assert "NotoSansCJKsc-Regular" in fonts and "NotoSerifCJKsc-Bold" in fonts
    settings.TONGBAN_DOCUMENT_FONT_REGULAR = str(tmp_path / "missing.otf")
    from tongban.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        produce_sample("acceptance")
    assert exc.value.code == "font_not_found"
