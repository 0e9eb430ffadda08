"""Workbench catalogue pages (事项编写 · 审核发布 · 事项指标), mounted at /workbench/catalog/:
`path("workbench/catalog/", include("tongban.catalog.urls_workbench"))`."""

from django.urls import path

from tongban.catalog import views

app_name = "catalog_admin"
urlpatterns = [
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<str:code>/", views.item_detail, name="item_detail"),
    path("items/<str:code>/versions/new/", views.version_new, name="version_new"),
    path("items/<str:code>/faqs/", views.faq_save, name="faq_save"),
    path("faqs/<int:faq_id>/delete/", views.faq_delete, name="faq_delete"),
    path("versions/<int:version_id>/", views.version_detail, name="version"),
    path("versions/<int:version_id>/edit/", views.version_edit, name="version_edit"),
    path("versions/<int:version_id>/submit/", views.version_submit, name="version_submit"),
    path("versions/<int:version_id>/review/", views.version_review, name="version_review"),
    path("versions/<int:version_id>/retire/", views.version_retire, name="version_retire"),
    path("review/", views.review_queue, name="review_queue"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
