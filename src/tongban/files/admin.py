"""Admin: look only. Files enter through `file_upload` (checked and audited); content never changes."""

from django.contrib import admin

from tongban.files.models import Blob, StoredFile


class _ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StoredFileInline(admin.TabularInline):
    model = StoredFile
    fields = ("filename", "uploaded_by", "purpose", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Blob)
class BlobAdmin(_ReadOnlyAdmin):
    list_display = ("sha256", "size", "content_type", "created_at")
    list_filter = ("content_type",)
    search_fields = ("=sha256", "=sm3")
    date_hierarchy = "created_at"
    inlines = [StoredFileInline]


@admin.register(StoredFile)
class StoredFileAdmin(_ReadOnlyAdmin):
    list_display = ("filename", "uploaded_by", "purpose", "content_type", "size", "created_at")
    list_filter = ("blob__content_type",)
    list_select_related = ("blob", "uploaded_by")
    search_fields = ("filename", "purpose", "=blob__sha256")
    date_hierarchy = "created_at"

    @admin.display(description="内容类型", ordering="blob__content_type")
    def content_type(self, obj):
        return obj.blob.content_type

    @admin.display(description="大小（字节）", ordering="blob__size")
    def size(self, obj):
        return obj.blob.size
