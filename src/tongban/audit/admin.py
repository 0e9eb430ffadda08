from django.contrib import admin

from tongban.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for superusers."""

    list_display = ("seq", "created_at", "actor_label", "action", "target_type", "target_id", "summary")
    list_filter = ("action",)
    search_fields = ("actor_label", "action", "target_id", "subject")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes are state changes too: each save and delete writes an audit entry in the same transaction."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from tongban.audit.services import audit_record

        verb = "change" if change else "create"
        fields = sorted(form.changed_data) if form is not None else []
        audit_record(
            actor=request.user, action=f"admin.{verb}", target=obj, request=request,
            summary=f"后台{'修改' if change else '新增'} {obj._meta.verbose_name}：{obj}", data={"fields": fields},
        )

    def delete_model(self, request, obj):
        from tongban.audit.services import audit_record

        audit_record(
            actor=request.user, action="admin.delete", target=obj, request=request,
            summary=f"后台删除 {obj._meta.verbose_name}：{obj}",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        from tongban.audit.services import audit_record

        super().save_formset(request, form, formset, change)
        for verb, objs in (("create", formset.new_objects), ("change", [o for o, _ in formset.changed_objects]),
                           ("delete", formset.deleted_objects)):
            for obj in objs:
                audit_record(
                    actor=request.user, action=f"admin.{verb}", target=obj if verb != "delete" else form.instance,
                    request=request, summary=f"后台{ {'create': '新增', 'change': '修改', 'delete': '删除'}[verb] } "
                    f"{obj._meta.verbose_name}：{obj}",
                )
