"""Render and seal one document: wording → page layout → PDF/A-2b → PAdES signature. No database here.

`produce` is the hot path measured by bench/bench_seal_documents.py; services.document_issue wraps it with the
number, the seal from the database, storage, the SM2 signature and the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyhanko.sign import signers

from tongban.core.errors import ValidationFailed
from tongban.seals.documents.wording import Agency, Resolved, cn_date, compose, summary
from tongban.seals.pdf_fonts import FontNotFound, MissingGlyphs
from tongban.seals.pdf_render import NoticeLayout, SealPicture, render_notice
from tongban.seals.pdf_sign import SealText, pades_seal

VERIFY_PATH = "/verify/"  # where tongban.seals.urls is mounted (src/tongban/urls.py)


def verify_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}{VERIFY_PATH}{token}/"


@dataclass(frozen=True)
class SealUse:
    """The seal as a document uses it: its picture and name, and a pyHanko signer for its certificate."""

    name: str
    picture: SealPicture
    signer: signers.Signer


def layout_for(resolved: Resolved, *, agency: Agency, number: str, token: str, public_url: str, phone: str,
               seal: SealPicture | None, seal_name: str, created: datetime) -> NoticeLayout:
    url = verify_url(public_url, token)
    footnote = (
        f"本文书加盖{seal_name}电子印章，与加盖实物印章的纸质文书具有同等法律效力（《中华人民共和国电子签名法》第十四条，"
        f"《国务院关于在线政务服务的若干规定》第九条）。扫描本页二维码或访问 {public_url.rstrip('/')}{VERIFY_PATH}"
        " 可核验真伪。"
    )
    if phone:
        footnote += f"咨询电话：{phone}。"
    data = resolved.data
    return NoticeLayout(
        agency=agency.name,
        title=resolved.kind.label,
        number=number,
        addressee=data.recipient,
        body=tuple(compose(resolved, agency)),
        issuer=agency.name,
        date_text=cn_date(resolved.issued_on),  # GB/T 9704-2012 §7.3.5.1
        verify_url=url,
        seal=seal,
        footnote=footnote,
        subject=summary(resolved),
        keywords=f"{resolved.kind.label},{number}",
        created=created,
        fonts=configured_fonts(),
    )


def configured_fonts() -> dict[str, str]:
    """Font files set by the deployment (TONGBAN_DOCUMENT_FONT_REGULAR / _BOLD: "path" or "path#index")."""
    from django.conf import settings

    fonts = {}
    for style in ("regular", "bold"):
        spec = getattr(settings, f"TONGBAN_DOCUMENT_FONT_{style.upper()}", "")
        if spec:
            fonts[style] = spec
    return fonts


def produce(resolved: Resolved, *, agency: Agency, number: str, token: str, public_url: str, phone: str,
            seal: SealUse, created: datetime) -> bytes:
    """The sealed PDF. Raises ValidationFailed when a character of the data cannot be typeset."""
    spec = layout_for(resolved, agency=agency, number=number, token=token, public_url=public_url, phone=phone,
                      seal=seal.picture, seal_name=seal.name, created=created)
    try:
        unsigned = render_notice(spec)
    except MissingGlyphs as exc:
        raise ValidationFailed(
            f"文书中有字库无法显示的字符：{exc.chars}。请改用规范汉字，或由系统管理员配置包含这些字符的字体。",
            code="missing_glyphs",
        ) from None
    except FontNotFound as exc:
        raise ValidationFailed(str(exc), code="font_not_found") from None
    return pades_seal(unsigned, signer=seal.signer, text=SealText(
        name=seal.name, reason=f"{resolved.kind.label} {number}", location=agency.name,
    ))
