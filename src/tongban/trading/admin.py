from django.contrib import admin

from tongban.audit.admin import AuditedModelAdmin
from tongban.trading import models as m


class LotInline(admin.TabularInline):
    model = m.Lot
    extra = 0
    fields = ("code", "name", "opening_at", "ceiling_price", "label")


@admin.register(m.Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "buyer", "sector", "region", "amount", "published_on", "source")
    list_filter = ("sector", "source", "region")
    search_fields = ("code", "name", "buyer")
    inlines = [LotInline]


class BidInline(admin.TabularInline):
    model = m.Bid
    extra = 0
    fields = ("bidder", "price", "submitted_at", "is_winner", "is_valid")
    raw_id_fields = ("bidder",)


@admin.register(m.Lot)
class LotAdmin(AuditedModelAdmin):
    list_display = ("__str__", "name", "opening_at", "ceiling_price", "label")
    search_fields = ("code", "name", "project__code", "project__name")
    list_select_related = ("project",)
    inlines = [BidInline]


@admin.register(m.Bidder)
class BidderAdmin(AuditedModelAdmin):
    list_display = ("name", "masked_uscc", "external_id", "masked_legal_representative")
    search_fields = ("name", "uscc", "external_id")


class BidFileInline(admin.StackedInline):
    model = m.BidFile
    extra = 0


class BidBondInline(admin.TabularInline):
    model = m.BidBond
    extra = 0


class KeyStaffInline(admin.TabularInline):
    model = m.KeyStaff
    extra = 0


@admin.register(m.Bid)
class BidAdmin(AuditedModelAdmin):
    list_display = ("lot", "bidder", "price", "is_winner", "is_valid")
    list_select_related = ("lot__project", "bidder")
    raw_id_fields = ("lot", "bidder")
    inlines = [BidFileInline, BidBondInline, KeyStaffInline]


@admin.register(m.CompanyRelation)
class CompanyRelationAdmin(AuditedModelAdmin):
    list_display = ("bidder", "kind", "other", "share_ratio")
    list_filter = ("kind",)
    raw_id_fields = ("bidder", "other")


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("imported_at", "format", "filename", "imported_by", "counts")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("lot", "code", "title", "strength", "legal_basis")
    list_filter = ("code", "strength")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.TenderAssessment)
class TenderAssessmentAdmin(admin.ModelAdmin):
    list_display = ("lot", "score", "method", "flag_count", "strongest", "status", "assessed_at")
    list_filter = ("method", "status", "strongest")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: decisions are recorded through the workbench (audited service)."""

    list_display = ("lot", "outcome", "decided_by", "decided_at")
    list_filter = ("outcome",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
