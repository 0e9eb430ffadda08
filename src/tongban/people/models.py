"""Applicants: natural persons, legal persons (法人和其他组织), and agents (代办人) acting for them.

Numbers are validated by `tongban.people.identity` (GB 11643-1999, GB 32100-2015) in the services and in
`clean()`; the database adds the invariants one row can carry (uniqueness, one principal, dates in order).
`__str__` is masked everywhere, so a person printed into a log, an admin message or an error is never exposed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongban.people import identity
from tongban.people.identity import DocumentKind, Gender


class IdType(models.TextChoices):
    RESIDENT_ID = DocumentKind.RESIDENT_ID.value, _("居民身份证")
    RESIDENCE_PERMIT = DocumentKind.RESIDENCE_PERMIT.value, _("港澳台居民居住证")
    HK_MACAU_PERMIT = DocumentKind.HK_MACAU_PERMIT.value, _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = DocumentKind.TAIWAN_PERMIT.value, _("台湾居民来往大陆通行证")
    PASSPORT = DocumentKind.PASSPORT.value, _("护照")


class GenderChoice(models.TextChoices):
    MALE = Gender.MALE.value, _("男")
    FEMALE = Gender.FEMALE.value, _("女")


class NaturalPerson(models.Model):
    """A citizen or other natural person who applies, or for whom an agent applies."""

    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    id_type = models.CharField(_("证件类型"), max_length=24, choices=IdType.choices, default=IdType.RESIDENT_ID)
    id_number = models.CharField(_("证件号码"), max_length=32)
    # Derived from a GB 11643 number (居民身份证, 港澳台居民居住证); empty for other documents.
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    gender = models.CharField(_("性别"), max_length=8, choices=GenderChoice.choices, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    address = models.CharField(_("联系地址"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="person",
        verbose_name=_("门户账号"),
    )
    # Set when staff checked the document in person; a self-registered record stays unverified.
    verified_at = models.DateTimeField(_("现场核验时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("自然人")
        verbose_name_plural = _("自然人")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["id_type", "id_number"], name="people_person_unique_document"),
        ]

    def __str__(self) -> str:
        return f"{identity.mask_name(self.name)}（{self.get_id_type_display()} {identity.mask_id_number(self.id_number)}）"

    @property
    def audit_subject(self) -> str:
        return f"person:{self.pk}"

    def clean(self) -> None:
        try:
            doc = identity.parse_document(self.id_type, self.id_number, today=timezone.localdate())
        except identity.IdentityError as exc:
            raise ValidationError({"id_number": exc.message}) from None
        self.id_number = doc.number
        self.birth_date = doc.birth_date
        self.gender = doc.gender.value if doc.gender else ""


class LegalPerson(models.Model):
    """A legal person or other organisation (法人和其他组织), identified by its 统一社会信用代码."""

    name = models.CharField(_("名称"), max_length=200, db_index=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    # Derived from the code (GB 32100-2015): 登记管理部门代码 + 机构类别代码, and the 6-digit 登记管理机关区划.
    organisation_type = models.CharField(_("机构类别代码"), max_length=2)
    division_code = models.CharField(_("登记管理机关行政区划代码"), max_length=6)
    legal_representative_name = models.CharField(_("法定代表人（负责人）"), max_length=64)
    legal_representative_id_type = models.CharField(
        _("法定代表人证件类型"), max_length=24, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    legal_representative_id_number = models.CharField(_("法定代表人证件号码"), max_length=32)
    address = models.CharField(_("住所"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("法人和其他组织")
        verbose_name_plural = _("法人和其他组织")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{identity.mask_uscc(self.uscc)}）"

    @property
    def audit_subject(self) -> str:
        return f"legal_person:{self.pk}"

    @property
    def organisation_type_label(self) -> str:
        return identity.organisation_type_label(self.organisation_type) if self.organisation_type else ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            code = identity.parse_uscc(self.uscc)
        except identity.IdentityError as exc:
            errors["uscc"] = exc.message
        else:
            self.uscc = code.code
            self.organisation_type = code.organisation_type
            self.division_code = code.division_code
        try:
            doc = identity.parse_document(
                self.legal_representative_id_type, self.legal_representative_id_number, today=timezone.localdate()
            )
        except identity.IdentityError as exc:
            errors["legal_representative_id_number"] = exc.message
        else:
            self.legal_representative_id_number = doc.number
        if errors:
            raise ValidationError(errors)


def _start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AgentAuthorisationQuerySet(models.QuerySet):
    def in_force(self, on_date: date) -> AgentAuthorisationQuerySet:
        """Authorisations usable on `on_date`: within their term and not revoked on or before that day.

        A revocation takes effect on the day it is recorded (民法典 第一百七十三条: 委托代理终止 when the
        principal withdraws it), so an authorisation revoked at any time on day D is not usable on day D.
        """
        return self.filter(valid_from__lte=on_date, valid_until__gte=on_date).filter(
            Q(revoked_at__isnull=True) | Q(revoked_at__gte=_start_of_day(on_date + timedelta(days=1)))
        )


class AgentAuthorisation(models.Model):
    """A written authorisation (授权委托书) letting `agent` apply on behalf of one principal."""

    agent = models.ForeignKey(
        NaturalPerson, models.PROTECT, related_name="authorisations_as_agent", verbose_name=_("代办人")
    )
    principal_person = models.ForeignKey(
        NaturalPerson, models.PROTECT, null=True, blank=True, related_name="authorisations_given",
        verbose_name=_("委托人（自然人）"),
    )
    principal_legal_person = models.ForeignKey(
        LegalPerson, models.PROTECT, null=True, blank=True, related_name="agent_authorisations",
        verbose_name=_("委托人（法人）"),
    )
    scope = models.TextField(_("委托事项和权限"))
    valid_from = models.DateField(_("生效日期"))
    valid_until = models.DateField(_("截止日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("撤销人")
    )
    revoke_reason = models.CharField(_("撤销原因"), max_length=255, blank=True)

    objects = AgentAuthorisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("代办授权")
        verbose_name_plural = _("代办授权")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(principal_person__isnull=False, principal_legal_person__isnull=True)
                | Q(principal_person__isnull=True, principal_legal_person__isnull=False),
                name="people_agent_one_principal",
            ),
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="people_agent_term_order"),
            models.CheckConstraint(condition=~Q(principal_person=F("agent")), name="people_agent_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} 代办 {self.principal}"

    @property
    def principal(self) -> NaturalPerson | LegalPerson:
        return self.principal_person or self.principal_legal_person

    def is_in_force(self, on_date: date) -> bool:
        if not (self.valid_from <= on_date <= self.valid_until):
            return False
        return self.revoked_at is None or timezone.localdate(self.revoked_at) > on_date
