"""The guide (办事指南) as a PDF: the same content as the web page, laid out for A4 by WeasyPrint.

Fonts: the PDF names Noto Sans CJK SC / Noto Serif CJK SC (Debian's fonts-noto-cjk, installed by
scripts/ensure-debian-packages), which WeasyPrint resolves through fontconfig and embeds as subsets, so the file
reads the same on a machine without Chinese fonts. Nothing is fetched while rendering: the stylesheet is inline
and the URL fetcher refuses every URL (see docs/adr/0008-guides-and-pdf.md).

A published version never changes, but its FAQs and delegations can, so the PDF is cached under the SHA-256 of
the HTML it is rendered from: any change to what the guide shows is a new cache entry.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tongban.catalog.models import ItemVersion

CACHE_SECONDS = 24 * 3600
# WeasyPrint narrates every rendering step at INFO ("Step 5 - Creating layout"); keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"办事指南 PDF 不加载外部资源：{url[:80]}")


def guide_html(version: ItemVersion, *, base_url: str = "") -> str:
    """The HTML the PDF is made from (in the active language)."""
    from tongban.catalog.views import guide_context

    context = guide_context(version, public=True)
    context.update(
        base_url=base_url.rstrip("/"),
        generated_on=timezone.localdate(),
        LANGUAGE_CODE=translation.get_language(),
    )
    return render_to_string("catalog/pdf/guide.html", context)


def guide_pdf(version: ItemVersion, *, base_url: str = "") -> bytes:
    """The guide of `version` as PDF bytes, fonts embedded. `base_url` makes the download links absolute."""
    html = guide_html(version, base_url=base_url)
    key = "catalog:guide-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NoFetch(URLFetcher):
        def fetch(self, url, headers=None):
            _refuse_fetch(url)

    data = HTML(string=html, base_url=None, url_fetcher=NoFetch()).write_pdf(pdf_tags=True)
    cache.set(key, data, CACHE_SECONDS)
    return data
