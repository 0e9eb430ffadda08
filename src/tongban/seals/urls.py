"""Public verification pages, mounted at /verify/ (src/tongban/urls.py): the QR codes on issued documents
point to /verify/<token>/ (tongban.seals.documents.production.VERIFY_PATH)."""

from django.urls import path

from tongban.seals import views

app_name = "seals_verify"
urlpatterns = [
    path("", views.verify_home, name="home"),
    path("root.pem", views.root_certificate, name="root"),
    path("crl.der", views.revocation_list, name="crl"),
    path("<slug:token>/", views.verify_document, name="document"),
    path("<slug:token>/signature.ses", views.document_signature, name="signature"),
    path("<slug:token>/document.pdf", views.document_pdf, name="pdf"),
]
