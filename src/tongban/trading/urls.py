"""The 数据铁笼 workbench, mounted at /workbench/trading/ (src/tongban/urls.py)."""

from django.urls import path

from tongban.trading import views

app_name = "trading"

urlpatterns = [
    path("", views.ranked, name="ranked"),
    path("lots/<int:lot_id>/", views.lot_detail, name="lot"),
    path("lots/<int:lot_id>/decide/", views.decide, name="decide"),
    path("lots/<int:lot_id>/refer/", views.refer, name="refer"),
    path("bidders/<int:bidder_id>/", views.bidder_detail, name="bidder"),
    path("import/", views.import_page, name="import"),
    path("assess/", views.assess, name="assess"),
]
