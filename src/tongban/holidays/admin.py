from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from tongban.audit.admin import AuditedModelAdmin
from tongban.core.errors import ServiceError
from tongban.holidays.models import CalendarDay, HolidaySchedule
from tongban.holidays.services import schedule_import
from tongban.org.permissions import is_system_admin


def _may_manage(request) -> bool:
    """The calendar is changed by system administrators (the same rule as schedule_import)."""
    return is_system_admin(request.user)


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ("date", "kind", "name")
    ordering = ("date",)

    def has_add_permission(self, request, obj=None):
        return _may_manage(request)

    def has_change_permission(self, request, obj=None):
        return _may_manage(request)

    def has_delete_permission(self, request, obj=None):
        return _may_manage(request)

    def has_view_permission(self, request, obj=None):
        return _may_manage(request) or super().has_view_permission(request, obj)


class ScheduleImportForm(forms.Form):
    file = forms.FileField(label=_("节假日安排文件（CSV 或 JSON）"))
    replace = forms.BooleanField(label=_("替换已有安排"), required=False)


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(AuditedModelAdmin):
    """Anyone with admin access may look; only a system administrator changes the calendar."""

    list_display = (
        "year",
        "notice_title",
        "notice_number",
        "published_on",
        "source",
        "loaded_by",
        "updated_at",
    )
    list_filter = ("source",)
    search_fields = ("year", "notice_title", "notice_number")
    readonly_fields = ("source", "loaded_by", "created_at", "updated_at")
    inlines = [CalendarDayInline]
    change_list_template = "admin/holidays/holidayschedule/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return _may_manage(request)

    def has_change_permission(self, request, obj=None):
        return _may_manage(request)

    def has_delete_permission(self, request, obj=None):
        return _may_manage(request)

    def has_view_permission(self, request, obj=None):
        return _may_manage(request) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return _may_manage(request) or super().has_module_permission(request)

    def save_model(self, request, obj, form, change):
        obj.source = HolidaySchedule.Source.ADMIN
        obj.loaded_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # A day edited alone must still change the schedule's version stamp (tongban.holidays.selectors).
        form.instance.save(update_fields=["updated_at"])

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="holidays_holidayschedule_import",
            )
        ]
        return urls + super().get_urls()

    def import_view(self, request):
        if not _may_manage(request):
            raise DjangoPermissionDenied
        form = ScheduleImportForm(request.POST or None, request.FILES or None)
        problems: dict[str, list[str]] = {}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                schedule = schedule_import(
                    actor=request.user,
                    data=upload.read(),
                    filename=upload.name,
                    replace=form.cleaned_data["replace"],
                )
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                problems = exc.errors
            else:
                messages.success(request, f"已导入 {schedule.year} 年节假日安排：{schedule.notice_title}")
                return redirect(reverse("admin:holidays_holidayschedule_change", args=[schedule.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "导入节假日安排",
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/holidays/holidayschedule/import.html", context)
