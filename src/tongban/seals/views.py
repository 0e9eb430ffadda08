"""Public verification pages (证照与文书核验), reached by a document's QR code or from the portal menu.

- /verify/                     upload a PDF to check it (nothing uploaded is kept)
- /verify/<token>/             the document behind a QR code
- /verify/<token>/signature.ses   its GB/T 38540 SM2 detached signature (public: it holds no personal data)
- /verify/<token>/document.pdf    the document itself, for staff only (audited read)
- /verify/root.pem, /verify/crl.der   the deployment root to trust, and the seal certificates' CRL

No login needed except for the PDF. Logic lives in tongban.seals.documents.selectors.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tongban.core.errors import NotFound
from tongban.files.api import content_disposition
from tongban.org.access import staff_required
from tongban.seals.documents import selectors

VERIFY_MAX_BYTES = 20 * 1024 * 1024


def verify_max_bytes() -> int:
    return int(getattr(settings, "TONGBAN_VERIFY_MAX_BYTES", VERIFY_MAX_BYTES))


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("选择要核验的 PDF 文件"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = verify_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(_("文件过大：最多 %(mb)d MB。") % {"mb": limit // (1024 * 1024)})
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("只能核验 PDF 文件：所选文件不是 PDF。"))
        return upload


def _context(verification, **extra):
    doc = verification.document
    return {
        "v": verification,
        "doc": doc,
        "recipient": selectors.mask_recipient(doc.recipient) if doc else "",
        **extra,
    }


@require_http_methods(["GET", "POST"])
def verify_home(request):
    verification = None
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            verification = selectors.verify_upload(form.cleaned_data["file"].read())
            form = VerifyUploadForm()
    else:
        form = VerifyUploadForm()
    context = _context(verification, form=form) if verification else {"form": form}
    return render(request, "seals/verify_home.html", context)


@require_GET
def verify_document(request, token: str):
    try:
        verification = selectors.verify_token(token, request=request)
    except NotFound as exc:
        # The QR code or link is wrong (or forged): say so plainly, and offer the upload form.
        return render(request, "seals/verify_document.html", {"not_found": exc.detail, "form": VerifyUploadForm()},
                      status=404)
    return render(request, "seals/verify_document.html", _context(verification, form=VerifyUploadForm()))


@require_GET
def document_signature(request, token: str):
    doc = selectors.document_by_token(token)
    response = HttpResponse(bytes(doc.sm2_signature), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition(f"{doc.get_kind_display()}-{doc.number}.ses")
    return response


@require_GET
def root_certificate(request):
    """The deployment root (PEM) a relying party trusts in pdfsig, Adobe Reader or `tongban verify --root`."""
    from tongban.seals.keys import deployment_root_pem

    response = HttpResponse(deployment_root_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="tongban-root.pem"'
    return response


@require_GET
def revocation_list(request):
    """The current CRL (DER) of the seal certificates, for `tongban verify --crl` and other validators."""
    from tongban.seals.keys import crl_der

    response = HttpResponse(crl_der(), content_type="application/pkix-crl")
    response["Content-Disposition"] = 'attachment; filename="tongban-seals.crl"'
    return response


@staff_required
@require_GET
def document_pdf(request, token: str):
    doc = selectors.document_by_token(token)
    from tongban.files.services import file_open

    stream = file_open(actor=request.user, stored_file=doc.pdf, request=request)
    response = FileResponse(stream, content_type="application/pdf")
    response["Content-Length"] = str(doc.size)
    response["Content-Disposition"] = content_disposition(f"{doc.get_kind_display()}-{doc.number}.pdf").replace(
        "attachment", "inline", 1
    )
    return response
