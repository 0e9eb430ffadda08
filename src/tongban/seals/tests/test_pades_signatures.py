"""PAdES seals checked by two independent validators, pyHanko and poppler's pdfsig (NSS trusting our root), and
every kind of change to a sealed PDF reported invalid by both."""

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tongban.seals.documents.testing import NssTrust, make_material, produce_sample
from tongban.seals.pdf_render import SEAL_FIELD
from tongban.seals.pdf_sign import SealText, pades_seal, simple_signer
from tongban.seals.verify import check_pdf


@pytest.fixture(scope="module")
def material():
    return make_material()


@pytest.fixture(scope="module")
def sealed(material):
    return produce_sample("acceptance", material=material)


@pytest.fixture(scope="module")
def nss(material):
    trust = NssTrust(material.root)
    yield trust
    trust.close()


def _pyhanko(pdf: bytes, material):
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    root = asn1_x509.Certificate.load(material.root.public_bytes(serialization.Encoding.DER))
    return [validate_pdf_signature(s, ValidationContext(trust_roots=[root])) for s in reader.embedded_signatures]


def test_pyhanko_validates_the_seal(sealed, material):
    (status,) = _pyhanko(sealed, material)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.docmdp_ok  # a certification signature: no changes allowed
    assert status.signing_cert.dump() == material.certificate.public_bytes(serialization.Encoding.DER)
    assert check_pdf(sealed, trust_roots=[material.root]).ok


def test_pdfsig_validates_the_seal_once_the_root_is_trusted(sealed, nss):
    result = nss.pdfsig(sealed)
    assert result.valid, result.output
    assert "Signer full Distinguished Name: CN=苏州市行政审批局,OU=受理专用章,O=苏州市行政审批局" in result.output
    assert "Signature Type: ETSI.CAdES.detached" in result.output
    assert f"Signature Field Name: {SEAL_FIELD}" in result.output


def test_pdfsig_without_the_root_does_not_trust_it(sealed):
    stranger = NssTrust(make_material().root)  # trusts some other root
    try:
        result = stranger.pdfsig(sealed)
    finally:
        stranger.close()
    assert result.signature_valid and not result.trusted and not result.valid


def _flip(pdf: bytes, offset: int) -> bytes:
    out = bytearray(pdf)
    out[offset] ^= 0x01
    return bytes(out)


def test_one_flipped_byte_in_the_content_is_invalid_in_both(sealed, material, nss):
    # A byte inside the first page's content stream (covered by the signature).
    offset = sealed.index(b"stream\n", sealed.index(b"/Type /Page ") - 400) + 40
    tampered = _flip(sealed, offset)
    check = check_pdf(tampered, trust_roots=[material.root])
    assert not check.ok and "篡改" in check.reason
    result = nss.pdfsig(tampered)
    assert not result.signature_valid and not result.valid, result.output


def test_one_flipped_byte_in_the_signature_value_is_invalid_in_both(sealed, material, nss):
    start = sealed.index(b"/Contents <") + len(b"/Contents <")
    end = sealed.index(b">", start)
    from asn1crypto import cms

    der_length = len(cms.ContentInfo.load(bytes.fromhex(sealed[start:end].decode()), strict=False).dump())
    offset = start + 2 * (der_length - 8)  # the ECDSA signature value closes the CMS
    tampered = bytearray(sealed)
    tampered[offset] = ord("0") if tampered[offset] != ord("0") else ord("1")
    tampered = bytes(tampered)
    assert not check_pdf(tampered, trust_roots=[material.root]).ok
    assert not nss.pdfsig(tampered).valid


def _incremental(pdf: bytes, change) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_page_added_after_sealing_is_invalid_in_both(sealed, material, nss):
    def add_page(writer):
        page = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(0), generic.NumberObject(0), generic.NumberObject(595), generic.NumberObject(842)]
            ),
        })
        writer.insert_page(page)

    added = _incremental(sealed, add_page)
    assert added.startswith(sealed)  # the signed bytes are untouched: only appended to
    check = check_pdf(added, trust_roots=[material.root])
    assert not check.ok and check.intact and not check.whole_file
    (status,) = _pyhanko(added, material)
    assert status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    result = nss.pdfsig(added)
    assert result.signature_valid and not result.whole_document and not result.valid, result.output


def test_an_incremental_update_that_alters_the_text_is_invalid_in_both(sealed, material, nss):
    def rewrite_content(writer):
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        stream = generic.StreamObject(stream_data=b"BT /F1 16 Tf 100 700 Td <0001> Tj ET")
        page["/Contents"] = writer.add_object(stream)
        writer.update_container(page)

    altered = _incremental(sealed, rewrite_content)
    check = check_pdf(altered, trust_roots=[material.root])
    assert not check.ok and "修改" in check.reason
    (status,) = _pyhanko(altered, material)
    assert not status.docmdp_ok or status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    result = nss.pdfsig(altered)
    assert not result.valid, result.output


def test_a_certified_document_takes_no_further_signature(sealed):
    """DocMDP "no changes": pyHanko refuses to add a signature at all (the notice is final)."""
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError

    other = make_material()
    with pytest.raises(SigningError):
        signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(sealed)),
            signers.PdfSignatureMetadata(field_name="Other"),
            signer=simple_signer(key=other.key, certificate=other.certificate, chain=other.chain),
            new_field_spec=fields.SigFieldSpec("Other"),
        )


def test_our_cms_has_the_structure_pyhanko_itself_produces(material):
    """SealCmsSigner and pyHanko's SimpleSigner: the same signed attributes, signer id, algorithms, certificates."""
    from datetime import datetime

    from tongban.clock import WorkCalendar
    from tongban.seals.documents.kinds import DocumentKind
    from tongban.seals.documents.production import layout_for
    from tongban.seals.documents.testing import DAY, sample_data, seal_picture
    from tongban.seals.documents.wording import Agency, resolve
    from tongban.seals.pdf_render import render_notice
    from tongban.seals.pdf_sign import signer_for

    resolved = resolve(DocumentKind.ACCEPTANCE, sample_data("acceptance"), today=DAY,
                       calendar=WorkCalendar.from_chinesecalendar())
    unsigned = render_notice(layout_for(resolved, agency=Agency("苏州市行政审批局", "苏州市"), number="1", token="t",
                                        public_url="https://x", phone="", seal=seal_picture(), seal_name="印章",
                                        created=datetime(2026, 3, 2).astimezone()))
    ours = pades_seal(unsigned, signer=signer_for(material), text=SealText("印章", "测试"))
    stock = pades_seal(unsigned, signer=simple_signer(key=material.key, certificate=material.certificate,
                                                      chain=material.chain), text=SealText("印章", "测试"))

    def shape(pdf):
        sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
        si = sig.signer_info
        return (
            sig.sig_object["/SubFilter"],
            sorted(a["type"].dotted for a in si["signed_attrs"]),
            si["sid"].name,
            si["digest_algorithm"]["algorithm"].native,
            si["signature_algorithm"]["algorithm"].native,
            sorted(c.chosen.dump() for c in sig.signed_data["certificates"]),
        )

    assert shape(ours) == shape(stock)
    assert shape(ours)[1] == ["1.2.840.113549.1.9.16.2.47", "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4"]
    for pdf in (ours, stock):
        (status,) = _pyhanko(pdf, material)
        assert status.bottom_line
