"""Applicant pages (网上申请 · 我的办件), mounted at /apply/: `path("apply/", include("tongban.cases.urls_portal"))`."""

from django.urls import path

from tongban.cases import views_portal as views

app_name = "cases_portal"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("register/", views.register, name="register"),
    path("items/<str:code>/start/", views.start, name="start"),
    path("cases/<int:pk>/", views.detail, name="detail"),
    path("cases/<int:pk>/edit/", views.edit, name="edit"),
    path("cases/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("cases/<int:pk>/supplement/", views.supplement, name="supplement"),
    path("cases/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:pk>/documents/<int:doc_id>/", views.document, name="document"),
    path("cases/<int:pk>/documents/<int:doc_id>/pdf/", views.document_pdf, name="document_pdf"),
    path("cases/<int:pk>/materials/<int:material_id>/", views.material_file, name="material_file"),
]
