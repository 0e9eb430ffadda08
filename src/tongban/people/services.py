"""Writes for applicants and agents. Each use case: one transaction, a permission check, an audit entry.

Audit entries carry masked values only (`identity.mask_*`): the log is read by auditors and shown to the data
subject, and an identity number in it would be a second copy outside the person's record.

Who may do what:
- staff holding a case role (`CASE_ROLES`) or the system administrator register and update anyone;
- a logged-in applicant without such a role registers themself (the record is linked to their account and
  stays unverified until staff check the document) and updates their own contact details;
- an agent authorisation is recorded by case staff, or by a natural-person principal for themself; it is
  revoked by case staff, the principal or the agent (民法典 第九百三十三条: either party may end a mandate).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.people import identity
from tongban.people.models import AgentAuthorisation, IdType, LegalPerson, NaturalPerson
from tongban.people.permissions import is_case_staff

NAME_MAX = 64
ORG_NAME_MAX = 200
ADDRESS_MAX = 255
SCOPE_MAX = 2000
# E.164 allows at most 15 digits; 7 is the shortest local number still in use.
_PHONE = re.compile(r"\+?[0-9][0-9 \-]*[0-9]")


def _authenticated(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


class _Errors:
    """Collects every field error so one response names all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            messages = [m for ms in self.errors.values() for m in ms]
            raise ValidationFailed("；".join(messages), errors=self.errors)


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def _check_name(errors: _Errors, field: str, value: str, *, label: str, max_length: int = NAME_MAX) -> str:
    name = _text(value)
    if not name:
        errors.add(field, f"请填写{label}。")
    elif len(name) > max_length:
        errors.add(field, f"{label}最多 {max_length} 个字，实际 {len(name)} 个字。")
    return name


def _check_phone(errors: _Errors, value: str | None) -> str:
    phone = _text(value)
    if not phone:
        return ""
    digits = sum(c.isdigit() for c in phone)
    if not _PHONE.fullmatch(phone):
        errors.add("phone", "联系电话只能包含数字、空格、连字符和开头的 +。")
    elif not 7 <= digits <= 15:
        errors.add("phone", f"联系电话应有 7 至 15 位数字，实际 {digits} 位。")
    elif digits == 11 and phone[0] == "1" and not re.fullmatch(r"1[3-9]\d{9}", re.sub(r"\D", "", phone)):
        # 手机号码: the numbering plan (工信部《电信网编号计划》) assigns mobile numbers 13x–19x.
        errors.add("phone", "手机号码第 2 位应为 3 至 9。")
    return phone


def _check_address(errors: _Errors, value: str | None, field: str = "address") -> str:
    address = _text(value)
    if len(address) > ADDRESS_MAX:
        errors.add(field, f"地址最多 {ADDRESS_MAX} 个字，实际 {len(address)} 个字。")
    return address


def _check_document(errors: _Errors, field: str, kind: str, number: str) -> identity.Document | None:
    try:
        return identity.parse_document(kind, number, today=timezone.localdate())
    except identity.IdentityError as exc:
        errors.add(field, exc.message)
        return None


def _document_label(kind: str) -> str:
    return IdType(kind).label if kind in IdType.values else kind


# ---------------------------------------------------------------------------------------------------------
# Natural persons


@transaction.atomic
def person_register(
    *,
    actor: AbstractBaseUser,
    name: str,
    id_number: str,
    id_type: str = IdType.RESIDENT_ID,
    phone: str = "",
    address: str = "",
    request=None,
) -> NaturalPerson:
    """Register a natural person. Case staff register anyone (document checked in person: verified);
    any other logged-in user registers themself, and the record is linked to their account."""
    staff = is_case_staff(actor)
    if not staff:
        if not _authenticated(actor):
            raise PermissionDenied("请先登录后再登记个人信息。")
        if NaturalPerson.objects.filter(user=actor).exists():
            raise Conflict("您的账号已关联个人信息，无需重复登记；如需修改联系方式，请使用“修改联系方式”。")
    errors = _Errors()
    name = _check_name(errors, "name", name, label="姓名")
    doc = _check_document(errors, "id_number", id_type, id_number)
    phone = _check_phone(errors, phone)
    address = _check_address(errors, address)
    errors.raise_if_any()

    existing = NaturalPerson.objects.filter(id_type=doc.kind.value, id_number=doc.number).first()
    if existing is not None:
        raise _duplicate_person(existing, staff=staff)
    try:
        with transaction.atomic():
            person = NaturalPerson.objects.create(
                name=name,
                id_type=doc.kind.value,
                id_number=doc.number,
                birth_date=doc.birth_date,
                gender=doc.gender.value if doc.gender else "",
                phone=phone,
                address=address,
                user=None if staff else actor,
                verified_at=timezone.now() if staff else None,
            )
    except IntegrityError:
        # Someone registered the same document between our check and the insert.
        raise _duplicate_person(
            NaturalPerson.objects.filter(id_type=doc.kind.value, id_number=doc.number).first(), staff=staff
        ) from None

    label = _document_label(person.id_type)
    audit_record(
        actor=actor,
        action="people.person.register",
        target=person,
        subject=person.audit_subject,
        summary=f"登记自然人 {identity.mask_name(name)}（{label} {identity.mask_id_number(person.id_number)}）"
        + ("" if staff else "，本人网上登记"),
        data={
            "name": identity.mask_name(name),
            "id_type": person.id_type,
            "id_number": identity.mask_id_number(person.id_number),
            "phone": identity.mask_phone(phone),
            "fields": ["姓名", "证件类型", "证件号码"] + (["联系电话"] if phone else []) + (["联系地址"] if address else []),
            "self_registered": not staff,
        },
        request=request,
    )
    return person


def _duplicate_person(existing: NaturalPerson | None, *, staff: bool) -> Conflict:
    if staff and existing is not None:
        return Conflict(f"该证件号码已登记（自然人编号 {existing.pk}），请直接使用已有记录。", code="person_exists")
    return Conflict(
        "该证件号码已登记。如确为本人，请携带证件到任一窗口核验后关联账号。", code="person_exists"
    )


@transaction.atomic
def person_update_contact(
    *,
    actor: AbstractBaseUser,
    person: NaturalPerson,
    phone: str | None = None,
    address: str | None = None,
    request=None,
) -> NaturalPerson:
    """Change the phone and/or address (None leaves a field as it is). Case staff, or the person themself."""
    person = NaturalPerson.objects.select_for_update().get(pk=person.pk)
    if not (is_case_staff(actor) or (_authenticated(actor) and person.user_id == actor.pk)):
        raise PermissionDenied("您无权修改该自然人的联系方式。")
    errors = _Errors()
    new_phone = _check_phone(errors, phone) if phone is not None else person.phone
    new_address = _check_address(errors, address) if address is not None else person.address
    errors.raise_if_any()

    changed = []
    if new_phone != person.phone:
        changed.append("联系电话")
    if new_address != person.address:
        changed.append("联系地址")
    if not changed:
        return person
    old_phone = person.phone
    person.phone, person.address = new_phone, new_address
    person.save(update_fields=["phone", "address", "updated_at"])
    data: dict = {"fields": changed}
    if "联系电话" in changed:
        data["phone"] = {"from": identity.mask_phone(old_phone), "to": identity.mask_phone(new_phone)}
    audit_record(
        actor=actor,
        action="people.person.update_contact",
        target=person,
        subject=person.audit_subject,
        summary=f"修改 {identity.mask_name(person.name)} 的{'、'.join(changed)}",
        data=data,
        request=request,
    )
    return person


@transaction.atomic
def person_link_user(*, actor: AbstractBaseUser, person: NaturalPerson, user: AbstractBaseUser, request=None) -> NaturalPerson:
    """Link a portal account to a person after staff checked the document in person (marks it verified)."""
    if not is_case_staff(actor):
        raise PermissionDenied("只有窗口等办件工作人员可以在核验证件后关联账号。")
    person = NaturalPerson.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None and person.user_id != user.pk:
        raise Conflict("该自然人已关联其他门户账号。")
    other = NaturalPerson.objects.filter(user=user).exclude(pk=person.pk).first()
    if other is not None:
        raise Conflict(f"该门户账号已关联其他自然人（编号 {other.pk}）。")
    person.user = user
    person.verified_at = timezone.now()
    person.save(update_fields=["user", "verified_at", "updated_at"])
    audit_record(
        actor=actor,
        action="people.person.link_user",
        target=person,
        subject=person.audit_subject,
        summary=f"核验证件并为 {identity.mask_name(person.name)} 关联门户账号",
        data={"user_id": user.pk, "fields": ["门户账号"]},
        request=request,
    )
    return person


# ---------------------------------------------------------------------------------------------------------
# Legal persons


@transaction.atomic
def legal_person_register(
    *,
    actor: AbstractBaseUser,
    name: str,
    uscc: str,
    legal_representative_name: str,
    legal_representative_id_number: str,
    legal_representative_id_type: str = IdType.RESIDENT_ID,
    address: str = "",
    request=None,
) -> LegalPerson:
    """Register a legal person or other organisation by its 统一社会信用代码 (case staff only)."""
    if not is_case_staff(actor):
        raise PermissionDenied("只有办件工作人员可以登记法人和其他组织。")
    errors = _Errors()
    name = _check_name(errors, "name", name, label="名称", max_length=ORG_NAME_MAX)
    try:
        code = identity.parse_uscc(uscc)
    except identity.IdentityError as exc:
        errors.add("uscc", exc.message)
        code = None
    rep_name = _check_name(errors, "legal_representative_name", legal_representative_name, label="法定代表人姓名")
    rep_doc = _check_document(
        errors, "legal_representative_id_number", legal_representative_id_type, legal_representative_id_number
    )
    address = _check_address(errors, address)
    errors.raise_if_any()

    existing = LegalPerson.objects.filter(uscc=code.code).first()
    if existing is not None:
        raise Conflict(f"该统一社会信用代码已登记（编号 {existing.pk}）。", code="legal_person_exists")
    try:
        with transaction.atomic():
            legal_person = LegalPerson.objects.create(
                name=name,
                uscc=code.code,
                organisation_type=code.organisation_type,
                division_code=code.division_code,
                legal_representative_name=rep_name,
                legal_representative_id_type=rep_doc.kind.value,
                legal_representative_id_number=rep_doc.number,
                address=address,
            )
    except IntegrityError:
        raise Conflict("该统一社会信用代码已登记。", code="legal_person_exists") from None
    audit_record(
        actor=actor,
        action="people.legal_person.register",
        target=legal_person,
        subject=legal_person.audit_subject,
        summary=f"登记法人 {name}（{identity.mask_uscc(code.code)}）",
        data={
            "uscc": identity.mask_uscc(code.code),
            "organisation_type": code.organisation_type,
            "legal_representative_name": identity.mask_name(rep_name),
            "legal_representative_id_number": identity.mask_id_number(rep_doc.number),
        },
        request=request,
    )
    return legal_person


# ---------------------------------------------------------------------------------------------------------
# Agents (代办人)


def _principal_label(principal: NaturalPerson | LegalPerson) -> str:
    if isinstance(principal, NaturalPerson):
        return identity.mask_name(principal.name)
    return principal.name


@transaction.atomic
def agent_authorise(
    *,
    actor: AbstractBaseUser,
    agent: NaturalPerson,
    principal: NaturalPerson | LegalPerson,
    scope: str,
    valid_from: date,
    valid_until: date,
    request=None,
) -> AgentAuthorisation:
    """Record that `principal` authorises `agent` to act for them in `scope` from `valid_from` to `valid_until`."""
    if not isinstance(principal, NaturalPerson | LegalPerson):
        raise ValidationFailed("委托人应为已登记的自然人或法人。", errors={"principal": ["委托人应为已登记的自然人或法人。"]})
    own = isinstance(principal, NaturalPerson) and _authenticated(actor) and principal.user_id == actor.pk
    if not (is_case_staff(actor) or own):
        raise PermissionDenied("只有办件工作人员或委托人本人可以登记代办授权。")
    errors = _Errors()
    scope = _text(scope)
    if not scope:
        errors.add("scope", "请填写委托事项和权限。")
    elif len(scope) > SCOPE_MAX:
        errors.add("scope", f"委托事项和权限最多 {SCOPE_MAX} 个字。")
    if isinstance(principal, NaturalPerson) and principal.pk == agent.pk:
        errors.add("agent", "代办人不能是委托人本人。")
    if valid_until < valid_from:
        errors.add("valid_until", f"截止日期 {valid_until.isoformat()} 早于生效日期 {valid_from.isoformat()}。")
    elif valid_until < timezone.localdate():
        errors.add("valid_until", f"截止日期 {valid_until.isoformat()} 已过，授权不会生效。")
    errors.raise_if_any()

    authorisation = AgentAuthorisation.objects.create(
        agent=agent,
        principal_person=principal if isinstance(principal, NaturalPerson) else None,
        principal_legal_person=principal if isinstance(principal, LegalPerson) else None,
        scope=scope,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=actor,
    )
    summary = (
        f"登记代办授权：{_principal_label(principal)} 委托 {identity.mask_name(agent.name)}，"
        f"{valid_from.isoformat()} 至 {valid_until.isoformat()}"
    )
    data = {
        "agent": agent.audit_subject,
        "principal": principal.audit_subject,
        "valid_from": valid_from.isoformat(),
        "valid_until": valid_until.isoformat(),
    }
    _audit_both(actor, "people.agent.authorise", authorisation, summary, data, request)
    return authorisation


def _audit_both(actor, action: str, authorisation: AgentAuthorisation, summary: str, data: dict, request) -> None:
    """One entry per data subject, so the agent and the principal each find it in their own access log."""
    for subject in (authorisation.principal.audit_subject, authorisation.agent.audit_subject):
        audit_record(
            actor=actor, action=action, target=authorisation, subject=subject, summary=summary, data=data,
            request=request,
        )


@transaction.atomic
def agent_authorisation_revoke(
    *, actor: AbstractBaseUser, authorisation: AgentAuthorisation, reason: str = "", request=None
) -> AgentAuthorisation:
    """End an authorisation now. Case staff, the natural-person principal or the agent may do it."""
    authorisation = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins that select_related adds.
        AgentAuthorisation.objects.select_for_update(of=("self",))
        .select_related("agent", "principal_person", "principal_legal_person")
        .get(pk=authorisation.pk)
    )
    party_user_ids = {authorisation.agent.user_id}
    if authorisation.principal_person is not None:
        party_user_ids.add(authorisation.principal_person.user_id)
    party = _authenticated(actor) and actor.pk in party_user_ids
    if not (is_case_staff(actor) or party):
        raise PermissionDenied("只有办件工作人员、委托人或代办人本人可以撤销代办授权。")
    if authorisation.revoked_at is not None:
        when = timezone.localtime(authorisation.revoked_at).strftime("%Y-%m-%d %H:%M")
        raise Conflict(f"该代办授权已于 {when} 撤销。", code="already_revoked")
    today = timezone.localdate()
    if authorisation.valid_until < today:
        raise Conflict(f"该代办授权已于 {authorisation.valid_until.isoformat()} 到期，无需撤销。", code="expired")
    reason = _text(reason)
    if len(reason) > 255:
        raise ValidationFailed("撤销原因最多 255 个字。", errors={"reason": ["撤销原因最多 255 个字。"]})
    authorisation.revoked_at = timezone.now()
    authorisation.revoked_by = actor
    authorisation.revoke_reason = reason
    authorisation.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    summary = (
        f"撤销代办授权：{_principal_label(authorisation.principal)} 委托 "
        f"{identity.mask_name(authorisation.agent.name)}" + (f"（{reason}）" if reason else "")
    )
    data = {
        "agent": authorisation.agent.audit_subject,
        "principal": authorisation.principal.audit_subject,
        "reason": reason,
    }
    _audit_both(actor, "people.agent.revoke", authorisation, summary, data, request)
    return authorisation
