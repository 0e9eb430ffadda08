from django.contrib import admin

from tongban.audit.admin import AuditedModelAdmin
from tongban.org.models import ApiToken, Department, Hall, Region, RoleAssignment, Staff, Window, Zone


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("division_code", "name", "level", "parent")
    search_fields = ("division_code", "name")


@admin.register(Department)
class DepartmentAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "region")
    search_fields = ("name",)


class WindowInline(admin.TabularInline):
    model = Window
    extra = 0


@admin.register(Hall)
class HallAdmin(AuditedModelAdmin):
    list_display = ("name", "region", "department", "address")
    inlines = [WindowInline]


@admin.register(Zone)
class ZoneAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "department")


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Staff)
class StaffAdmin(AuditedModelAdmin):
    list_display = ("name", "department", "employee_no")
    list_filter = ("department",)
    search_fields = ("name", "user__username")
    inlines = [RoleInline]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
