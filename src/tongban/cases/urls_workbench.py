"""Workbench case pages (我的待办 · 部门办件 · 办件查询 · 超期督办 · 消息), mounted at /workbench/cases/:
`path("workbench/cases/", include("tongban.cases.urls_workbench"))`."""

from django.urls import path

from tongban.cases import views_workbench as views

app_name = "cases_admin"
urlpatterns = [
    path("", views.tasks, name="tasks"),
    path("department/", views.department, name="department"),
    path("search/", views.search, name="search"),
    path("overdue/", views.overdue, name="overdue"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification_read"),
    path("notifications/badge/", views.unread_badge, name="unread_badge"),
    path("summary/", views.summary, name="summary"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/materials/<int:material_id>/", views.material_content, name="material_content"),
    path("<int:case_id>/actions/<slug:action>/", views.act, name="act"),
]
