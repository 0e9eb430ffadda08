"""Reads for applicants and agents.

Lists are masked. Unmasked data comes only from `person_detail`, which records every call in the audit log
(`audit_personal_read`), so the person can see who looked at their data, when, from where and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from django.db.models import QuerySet
from django.utils import timezone

from tongban.audit.selectors import subject_access_log
from tongban.audit.services import PERSONAL_READ, audit_personal_read
from tongban.core.errors import NotFound, PermissionDenied, ValidationFailed
from tongban.people import identity
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson
from tongban.people.permissions import is_case_staff

T = TypeVar("T")


class MappedRows(Sequence, Generic[T]):
    """A queryset seen through a row function: counted and sliced in the database, mapped per page.

    Pagination (django-ninja's and Django's Paginator) slices it, so only one page is ever fetched and
    masked; nothing unmasked leaves the selector.
    """

    def __init__(self, queryset: QuerySet, row: Callable[[object], T]):
        self._queryset = queryset
        self._row = row

    def __len__(self) -> int:
        return self._queryset.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(obj) for obj in self._queryset[index]]
        return self._row(self._queryset[index])

    def __iter__(self):
        return (self._row(obj) for obj in self._queryset.iterator())


# ---------------------------------------------------------------------------------------------------------
# Natural persons


@dataclass(frozen=True)
class PersonRow:
    """One masked line of the person list."""

    id: int
    name: str
    id_type: str
    id_type_label: str
    id_number: str
    phone: str
    has_account: bool
    verified: bool


def person_row(person: NaturalPerson) -> PersonRow:
    return PersonRow(
        id=person.pk,
        name=identity.mask_name(person.name),
        id_type=person.id_type,
        id_type_label=str(person.get_id_type_display()),
        id_number=identity.mask_id_number(person.id_number),
        phone=identity.mask_phone(person.phone),
        has_account=person.user_id is not None,
        verified=person.verified_at is not None,
    )


def person_list(*, actor, q: str = "", id_type: str = "", id_number: str = "") -> MappedRows[PersonRow]:
    """Masked rows for case staff: `q` matches part of the name; `id_number` (with `id_type`) must match exactly.

    Matching a partial document number is deliberately impossible: it would let a searcher recover the
    masked digits one at a time.
    """
    if not is_case_staff(actor):
        raise PermissionDenied("只有办件工作人员可以查询自然人名录。")
    qs = NaturalPerson.objects.all()
    q = (q or "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    if id_number:
        qs = qs.filter(id_number=identity.normalise(id_number))
        if id_type:
            qs = qs.filter(id_type=id_type)
    return MappedRows(qs.order_by("name", "id"), person_row)


@dataclass(frozen=True)
class PersonDetail:
    """Everything about one person, unmasked. Only `person_detail` builds it, and it audits the read."""

    id: int
    name: str
    id_type: str
    id_type_label: str
    id_number: str
    birth_date: date | None
    gender: str
    gender_label: str
    phone: str
    address: str
    has_account: bool
    verified_at: datetime | None
    created_at: datetime


# What an unmasked read discloses, as it is written into the audit entry.
DETAIL_FIELDS = ["姓名", "证件号码", "出生日期", "性别", "联系电话", "联系地址"]


def person_detail(*, actor, person: NaturalPerson | int, purpose: str = "", request=None) -> PersonDetail:
    """The unmasked record, for case staff (who must state a purpose) or the person themself. Audited."""
    staff = is_case_staff(actor)
    if not isinstance(person, NaturalPerson):
        found = NaturalPerson.objects.filter(pk=person).first()
        if found is None:
            # Only staff learn that a number is unused; anyone else gets the same answer as for a stranger.
            if staff:
                raise NotFound("该自然人不存在。")
            raise PermissionDenied("您无权查看该自然人的个人信息。")
        person = found
    own = getattr(actor, "is_authenticated", False) and person.user_id == actor.pk
    if not (staff or own):
        raise PermissionDenied("您无权查看该自然人的个人信息。")
    purpose = (purpose or "").strip()
    if not own and not purpose:
        # 个人信息保护法 第六条: 处理个人信息应当具有明确、合理的目的.
        raise ValidationFailed("查看完整个人信息须说明目的（例如：受理核验）。", errors={"purpose": ["请说明查看目的。"]})
    if len(purpose) > 100:
        raise ValidationFailed("查看目的最多 100 个字。", errors={"purpose": ["查看目的最多 100 个字。"]})
    audit_personal_read(
        actor=actor,
        subject=person.audit_subject,
        target=person,
        fields=DETAIL_FIELDS,
        purpose=purpose or "本人查看",
        request=request,
    )
    return PersonDetail(
        id=person.pk,
        name=person.name,
        id_type=person.id_type,
        id_type_label=str(person.get_id_type_display()),
        id_number=person.id_number,
        birth_date=person.birth_date,
        gender=person.gender,
        gender_label=str(person.get_gender_display()) if person.gender else "",
        phone=person.phone,
        address=person.address,
        has_account=person.user_id is not None,
        verified_at=person.verified_at,
        created_at=person.created_at,
    )


def person_get(*, person_id: int) -> NaturalPerson:
    person = NaturalPerson.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(f"自然人 {person_id} 不存在。")
    return person


def person_of(user) -> NaturalPerson | None:
    """The natural person linked to a portal account, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return NaturalPerson.objects.filter(user=user).first()


# ---------------------------------------------------------------------------------------------------------
# Legal persons


@dataclass(frozen=True)
class LegalPersonRow:
    id: int
    name: str
    uscc: str
    organisation_type: str
    organisation_type_label: str
    division_code: str
    legal_representative_name: str
    legal_representative_id_number: str


def legal_person_row(lp: LegalPerson) -> LegalPersonRow:
    # The 统一社会信用代码 and the representative's name are printed on the public business licence; the
    # representative's document number is personal data and stays masked.
    return LegalPersonRow(
        id=lp.pk,
        name=lp.name,
        uscc=lp.uscc,
        organisation_type=lp.organisation_type,
        organisation_type_label=lp.organisation_type_label,
        division_code=lp.division_code,
        legal_representative_name=lp.legal_representative_name,
        legal_representative_id_number=identity.mask_id_number(lp.legal_representative_id_number),
    )


def legal_person_list(*, actor, q: str = "") -> MappedRows[LegalPersonRow]:
    """Case staff only. `q` matches part of the name, or the whole 统一社会信用代码."""
    if not is_case_staff(actor):
        raise PermissionDenied("只有办件工作人员可以查询法人名录。")
    qs = LegalPerson.objects.all()
    q = (q or "").strip()
    if q:
        code = identity.normalise(q)
        qs = qs.filter(uscc=code) if len(code) == 18 and code.isalnum() else qs.filter(name__icontains=q)
    return MappedRows(qs.order_by("name", "id"), legal_person_row)


def legal_person_get(*, legal_person_id: int) -> LegalPerson:
    legal_person = LegalPerson.objects.filter(pk=legal_person_id).first()
    if legal_person is None:
        raise NotFound(f"法人 {legal_person_id} 不存在。")
    return legal_person


# ---------------------------------------------------------------------------------------------------------
# Agents


def agent_can_act_for(*, agent: NaturalPerson, principal: NaturalPerson | LegalPerson, on_date: date | None = None) -> bool:
    """Does `agent` hold an authorisation from `principal` that is in force on `on_date` (default: today)?"""
    on_date = on_date or timezone.localdate()
    qs = AgentAuthorisation.objects.filter(agent=agent)
    if isinstance(principal, NaturalPerson):
        qs = qs.filter(principal_person=principal)
    else:
        qs = qs.filter(principal_legal_person=principal)
    return qs.in_force(on_date).exists()


def principal_get(*, person_id: int | None = None, legal_person_id: int | None = None) -> NaturalPerson | LegalPerson:
    """The principal of an authorisation: exactly one of a natural person or a legal person."""
    if (person_id is None) == (legal_person_id is None):
        message = "请填写且只填写一个委托人：自然人（principal_person_id）或法人（principal_legal_person_id）。"
        raise ValidationFailed(message, errors={"principal": [message]})
    if person_id is not None:
        return person_get(person_id=person_id)
    return legal_person_get(legal_person_id=legal_person_id)


def agent_authorisation_get(*, authorisation_id: int) -> AgentAuthorisation:
    authorisation = (
        AgentAuthorisation.objects.select_related("agent", "principal_person", "principal_legal_person")
        .filter(pk=authorisation_id)
        .first()
    )
    if authorisation is None:
        raise NotFound(f"代办授权 {authorisation_id} 不存在。")
    return authorisation


# ---------------------------------------------------------------------------------------------------------
# "谁查看了我的信息"

ACTION_LABELS = {
    PERSONAL_READ: "查看个人信息",
    "people.person.register": "登记个人信息",
    "people.person.update_contact": "修改联系方式",
    "people.person.link_user": "核验证件并关联账号",
    "people.agent.authorise": "登记代办授权",
    "people.agent.revoke": "撤销代办授权",
}


@dataclass(frozen=True)
class AccessLogRow:
    at: datetime
    actor: str
    by_self: bool
    action: str
    action_label: str
    summary: str
    fields: list[str] = field(default_factory=list)
    purpose: str = ""
    ip: str | None = None


def my_access_log(*, user) -> MappedRows[AccessLogRow]:
    """Who viewed or changed the data of the person linked to `user`: newest first, with time, IP, fields."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied("请先登录。")
    person = person_of(user)
    if person is None:
        return MappedRows(subject_access_log(subject="").none(), _access_row(user))
    return MappedRows(subject_access_log(subject=person.audit_subject), _access_row(user))


def _access_row(user) -> Callable:
    def row(entry) -> AccessLogRow:
        data = entry.data if isinstance(entry.data, dict) else {}
        fields = data.get("fields")
        return AccessLogRow(
            at=entry.created_at,
            actor="本人" if entry.actor_id == user.pk else entry.actor_label,
            by_self=entry.actor_id == user.pk,
            action=entry.action,
            action_label=ACTION_LABELS.get(entry.action, entry.action),
            summary=entry.summary,
            fields=list(fields) if isinstance(fields, list) else [],
            purpose=str(data.get("purpose", "")),
            ip=entry.ip,
        )

    return row

