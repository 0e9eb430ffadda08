"""Read-only admin: a case changes only through its services, so no path here can skip the transition table."""

from django.contrib import admin

from tongban.cases.models import Case, CaseEvent


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "action", "actor_label", "summary", "public")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("number", "item_version", "applicant_name", "department", "status", "received_on", "due_on")
    list_filter = ("status", "channel", "department")
    search_fields = ("number",)
    inlines = [CaseEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
