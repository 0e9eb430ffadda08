"""Admin: read-only and masked.

Registering and changing applicants goes through the services (validated, permission-checked, audited); the
admin shows masked values only, so browsing it is not an unaudited read of personal data.
"""

from django.contrib import admin

from tongban.people import identity
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NaturalPerson)
class NaturalPersonAdmin(_ReadOnlyAdmin):
    list_display = ("id", "masked_name", "id_type", "masked_id_number", "masked_phone", "has_account", "verified_at")
    list_filter = ("id_type",)
    # Name only: a document number typed here would travel in the URL and land in access logs.
    search_fields = ("name",)
    fields = readonly_fields = (
        "masked_name", "id_type", "masked_id_number", "birth_year", "gender", "masked_phone", "has_account",
        "verified_at", "created_at", "updated_at",
    )

    @admin.display(description="姓名")
    def masked_name(self, obj):
        return identity.mask_name(obj.name)

    @admin.display(description="证件号码")
    def masked_id_number(self, obj):
        return identity.mask_id_number(obj.id_number)

    @admin.display(description="联系电话")
    def masked_phone(self, obj):
        return identity.mask_phone(obj.phone)

    @admin.display(description="出生年份")
    def birth_year(self, obj):
        return obj.birth_date.year if obj.birth_date else "—"

    @admin.display(description="已关联账号", boolean=True)
    def has_account(self, obj):
        return obj.user_id is not None


@admin.register(LegalPerson)
class LegalPersonAdmin(_ReadOnlyAdmin):
    list_display = ("id", "name", "uscc", "organisation_type", "division_code", "legal_representative_name",
                    "masked_representative_id")
    search_fields = ("name", "=uscc")
    fields = readonly_fields = (
        "name", "uscc", "organisation_type", "division_code", "legal_representative_name",
        "legal_representative_id_type", "masked_representative_id", "address", "created_at",
    )

    @admin.display(description="法定代表人证件号码")
    def masked_representative_id(self, obj):
        return identity.mask_id_number(obj.legal_representative_id_number)


@admin.register(AgentAuthorisation)
class AgentAuthorisationAdmin(_ReadOnlyAdmin):
    list_display = ("id", "agent", "principal", "valid_from", "valid_until", "revoked_at")
    list_select_related = ("agent", "principal_person", "principal_legal_person")
    list_filter = ("valid_until",)
    fields = readonly_fields = (
        "agent", "principal", "scope", "valid_from", "valid_until", "recorded_by", "recorded_at", "revoked_at",
        "revoked_by", "revoke_reason",
    )
