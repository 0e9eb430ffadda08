"""What the case tells the outside world: the sealed notices the law requires (through the seals app) and
notifications to the applicant and to staff (in the app, by e-mail, and by SMS through a pluggable backend).

Documents are issued by the system on behalf of the agency: the case service has already checked the actor's
role, and the case timeline and audit log name the person who acted.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.module_loading import import_string

from tongban.cases.models import Case, Notification
from tongban.org.models import Department, Staff
from tongban.org.permissions import department_scope
from tongban.seals.documents.services import document_issue

log = logging.getLogger(__name__)


def agency(department: Department) -> Department:
    """The legal entity that acts: a bureau's division acts in the bureau's name."""
    return department.parent if department.kind == Department.Kind.DIVISION and department.parent else department


def _base(case: Case) -> dict:
    return {"recipient": case.applicant_name, "item_name": case.item_version.name,
            "applied_on": case.received_on, "case_ref": case.number or ""}


def _issue(kind: str, case: Case, data: dict, request=None, on=None):
    """`on`: the day of the act the document records (its 成文日期)."""
    data = {**_base(case), **data, **({"issued_on": on} if on else {})}
    return document_issue(actor=None, kind=kind, department=agency(case.department), data=data, request=request)


def acceptance(actor, case: Case, request=None, on=None):
    materials = tuple(sorted({m.requirement.name for m in case.materials.select_related("requirement") if m.requirement}))
    return _issue("acceptance", case, {"accepted_on": case.accepted_on, "decision_due": case.due_on,
                                       "time_limit_workdays": case.item_version.promised_days,
                                       "materials": materials}, request, on)


def supplement(actor, case: Case, request_row, request=None, on=None):
    items = tuple({"name": i["name"], "requirement": i["reason"]} for i in request_row.items)
    return _issue("supplement", case, {"missing_items": items}, request, on)


def intake_refusal(actor, case: Case, reasons, ground, competent_agency, request=None, on=None):
    return _issue("intake_refusal", case, {"reasons": tuple(reasons), "ground": ground,
                                           "competent_agency": competent_agency}, request, on)


def grant(actor, case: Case, content: str, request=None, on=None):
    bases = "；".join(f"《{b.law}》{b.article}" for b in case.item_version.legal_bases.all())
    return _issue("grant", case, {"accepted_on": case.accepted_on, "legal_basis": bases,
                                  "permit_content": content or f"准予{case.item_version.name}"}, request, on)


def denial(actor, case: Case, reasons, request=None, on=None):
    bases = "；".join(f"《{b.law}》{b.article}" for b in case.item_version.legal_bases.all())
    return _issue("denial", case, {"accepted_on": case.accepted_on, "reasons": tuple(reasons),
                                   "legal_basis": bases}, request, on)


def special_procedure(actor, case: Case, suspension, request=None, on=None):
    return _issue("special_procedure", case, {"accepted_on": case.accepted_on, "procedure": suspension.reason,
                                              "duration_workdays": suspension.expected_workdays,
                                              "starts_on": suspension.started_on, "reason": suspension.detail},
                  request, on)


def extension(actor, case: Case, ext, original_due, request=None, on=None):
    return _issue("extension", case, {"accepted_on": case.accepted_on, "original_due": original_due,
                                      "reasons": (ext.reason,), "extension_workdays": ext.days,
                                      "new_due": case.due_on}, request, on)


# -- notifications -------------------------------------------------------------------------------------------


def applicant_users(case: Case) -> list:
    """Accounts that speak for the applicant: the submitter (unless staff), the applicant's and agent's accounts."""
    speaking = {p.user_id for p in (case.applicant_person, case.agent) if p is not None and p.user_id}
    if speaking == {case.submitted_by_id}:  # applied online for themself: the one account, no query
        return [case.submitted_by]
    accounts = get_user_model().objects.filter(pk__in=speaking | {case.submitted_by_id}).annotate(
        is_staff_member=Exists(Staff.objects.filter(user_id=OuterRef("pk"))))
    users = [u for u in accounts if u.pk in speaking or not u.is_staff_member]
    return sorted(users, key=lambda u: u.pk != case.submitted_by_id)  # the submitter first


def notify_applicant(case: Case, title: str, body: str) -> None:
    phones = [p.phone for p in (case.applicant_person, case.agent) if p is not None and p.phone]
    _notify(case, applicant_users(case), title, body, phones=phones)


def notify_role(case: Case, role: str, title: str, body: str) -> None:
    staff = [s for s in Staff.objects.select_related("user").filter(roles__role=role).distinct()
             if _covers(s.user, role, case.department)]
    _notify(case, [s.user for s in staff], title, body)


def notify_department(case: Case, title: str, body: str) -> None:
    from tongban.org.models import Role

    notify_role(case, Role.WINDOW_CLERK, title, body)


def _covers(user, role, department) -> bool:
    scope = department_scope(user, [role])
    return scope is None or department.pk in scope


def _notify(case: Case, users, title: str, body: str, phones=()) -> None:
    Notification.objects.bulk_create(Notification(recipient=u, case=case, title=title, body=body) for u in users)
    emails = [u.email for u in users if u.email]

    def send():  # after commit: a rolled-back action sends nothing
        if emails:
            try:
                send_mail(f"【通办】{title}", body, settings.DEFAULT_FROM_EMAIL, emails)
            except OSError:
                log.warning("邮件通知发送失败：办件 %s", case.pk)
        for phone in phones:
            sms_backend().send(phone, f"【通办】{body}")

    transaction.on_commit(send)


def sms_backend():
    return import_string(getattr(settings, "TONGBAN_SMS_BACKEND", "tongban.cases.sms.ConsoleSmsBackend"))()
