"""Admin: look only. Seals are made, rotated and revoked through the services (permission-checked, audited);
private-key references are never shown."""

from django.contrib import admin
from django.utils.html import format_html

from tongban.seals.models import Seal, SealAuthority


class _ReadOnlyAdmin(admin.ModelAdmin):
    hidden = ("key_ref", "sm2_key_ref", "picture_png_data", "picture_svg_data", "ses_seal_der")

    def get_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in self.hidden] + list(self.extra_fields)

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    extra_fields: tuple[str, ...] = ()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SealAuthority)
class SealAuthorityAdmin(_ReadOnlyAdmin):
    list_display = ("algorithm", "key_backend", "created_at")


@admin.register(Seal)
class SealAdmin(_ReadOnlyAdmin):
    list_display = ("name", "department", "kind", "generation", "status", "valid_until", "es_id")
    list_filter = ("kind", "status", "key_backend")
    search_fields = ("name", "=es_id", "=code", "=certificate_serial", "=sm2_certificate_serial", "department__name")
    list_select_related = ("department",)
    extra_fields = ("picture_preview",)

    @admin.display(description="印章图片")
    def picture_preview(self, obj):
        import base64

        data = base64.b64encode(obj.picture_png()).decode()
        return format_html('<img src="data:image/png;base64,{}" style="width:42mm;height:auto" alt="">', data)
