from django.contrib import admin

from tongban.audit.admin import AuditedModelAdmin
from tongban.bundles.models import BundleCase, BundleMember, BundleVersion


class MemberInline(admin.TabularInline):
    model = BundleMember
    extra = 0
    fields = ("order", "key", "item", "mode", "after", "condition", "field_map", "fixed")

    def has_change_permission(self, request, obj=None):  # a published version never changes
        return obj is None or obj.status == BundleVersion.Status.DRAFT


@admin.register(BundleVersion)
class BundleVersionAdmin(AuditedModelAdmin):
    list_display = ("name", "bundle", "number", "status", "list_level", "list_year", "lead_department",
                    "promised_days", "joint_licence")
    list_filter = ("status", "theme", "list_level", "list_year")
    search_fields = ("name", "bundle__code")
    inlines = [MemberInline]
    readonly_fields = ("status", "published_at", "published_by", "created_by")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status == BundleVersion.Status.DRAFT)


@admin.register(BundleCase)
class BundleCaseAdmin(AuditedModelAdmin):
    list_display = ("number", "version", "applicant_name", "status", "received_on")
    list_filter = ("status",)
    search_fields = ("number", "applicant_name")

    def has_change_permission(self, request, obj=None):
        return False  # runs only through the services
