"""Cases (办件) and what happens to them: materials, 补正 requests, review steps, opinions, fact checks,
suspensions, extensions, decisions, deliveries, the timeline and notifications.

Status changes only through `tongban.cases.services` (over the table in `domain.py`); `row_version` lets a
service refuse an action prepared against an older view of the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongban.cases.domain import ACTION_LABELS, STATUS_LABELS, Status
from tongban.clock import SuspensionReason

USER = settings.AUTH_USER_MODEL


class CaseSequence(models.Model):
    """The last case number used per department and year; locked to allocate the next one."""

    department = models.ForeignKey("org.Department", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="cases_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.year}: {self.last}"


class Case(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        WINDOW = "window", _("窗口收件")
        CROSS_REGION = "cross_region", _("跨域通办")

    class Acceptance(models.TextChoices):
        EXPLICIT = "explicit", _("受理")
        DEEMED = "deemed", _("视为受理")
        INSTANT = "instant", _("即办")

    class Decision(models.TextChoices):
        GRANT = "grant", _("准予")
        DENY = "deny", _("不予")

    number = models.CharField(_("办件编号"), max_length=32, unique=True, null=True, blank=True)
    # No index of their own on item_version, department, status and due_on: the composite indexes lead with them
    # (Meta.indexes, migrations 0002 and 0004), and every index is one more to update on each write (0005).
    item_version = models.ForeignKey("catalog.ItemVersion", models.PROTECT, related_name="cases",
                                     verbose_name=_("事项版本"), db_index=False)
    department = models.ForeignKey("org.Department", models.PROTECT, related_name="cases", verbose_name=_("办理部门"),
                                   db_index=False)
    # The optional links below are indexed only where set (Meta.indexes): most cases have no zone, window, company
    # or agent, and a full index would still take an entry for every case on every INSERT (0006).
    zone = models.ForeignKey("org.Zone", models.PROTECT, null=True, blank=True, related_name="cases",
                             verbose_name=_("赋权开发区"), db_index=False)
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    receiving_window = models.ForeignKey("org.Window", models.PROTECT, null=True, blank=True, related_name="cases",
                                         verbose_name=_("收件窗口"), db_index=False)
    applicant_person = models.ForeignKey("people.NaturalPerson", models.PROTECT, null=True, blank=True,
                                         related_name="cases", verbose_name=_("申请人（自然人）"))
    applicant_legal = models.ForeignKey("people.LegalPerson", models.PROTECT, null=True, blank=True,
                                        related_name="cases", verbose_name=_("申请人（法人）"), db_index=False)
    applicant_name = models.CharField(_("申请人"), max_length=200, db_index=True)
    agent = models.ForeignKey("people.NaturalPerson", models.PROTECT, null=True, blank=True,
                              related_name="agent_cases", verbose_name=_("代办人"), db_index=False)
    submitted_by = models.ForeignKey(USER, models.PROTECT, related_name="submitted_cases", verbose_name=_("提交账号"))
    form_data = models.JSONField(_("申请表"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=24, default=Status.DRAFT,
                              choices=[(s.value, label) for s, label in STATUS_LABELS.items()])
    idempotency_key = models.CharField(max_length=64, blank=True)

    received_on = models.DateField(_("收件日"), null=True, blank=True)
    # The five-working-day intake clock starts here: receipt, or the day a supplement was completed.
    intake_started_on = models.DateField(_("受理审查起算日"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日"), null=True, blank=True)
    acceptance = models.CharField(_("受理方式"), max_length=16, choices=Acceptance.choices, blank=True)
    current_step = models.PositiveSmallIntegerField(_("当前环节"), null=True, blank=True)
    # The role of the active review step, copied from it by the services that move the steps: 我的待办 then reads
    # a reviewer's tasks from one index instead of probing every case's steps (docs/benchmarks.md, cases at scale).
    task_role = models.CharField(_("当前环节角色"), max_length=24, blank=True, default="", editable=False)
    decision = models.CharField(_("决定"), max_length=8, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    decided_on = models.DateField(_("决定日"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    # Denormalised from the clock on every event, for queues and search; the clock remains the truth.
    due_on = models.DateField(_("决定期限"), null=True, blank=True)

    row_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_person__isnull=False, applicant_legal__isnull=True)
                | Q(applicant_person__isnull=True, applicant_legal__isnull=False),
                name="cases_one_applicant",
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"], condition=~Q(idempotency_key=""),
                name="cases_idempotency_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status", "due_on"], name="cases_queue_idx"),
            *(models.Index(fields=[f], condition=Q(**{f"{f}__isnull": False}), name=f"cases_{f}_set_idx")
              for f in ("zone", "receiving_window", "applicant_legal", "agent")),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]

    @property
    def applicant(self):
        return self.applicant_person or self.applicant_legal


class CaseMaterial(models.Model):
    case = models.ForeignKey(Case, models.CASCADE, related_name="materials")
    requirement = models.ForeignKey("catalog.MaterialRequirement", models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("材料要求"))
    file = models.ForeignKey("files.StoredFile", models.PROTECT, related_name="+", verbose_name=_("文件"))
    round = models.PositiveSmallIntegerField(_("补正轮次"), default=0)
    uploaded_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requirement__order", "round", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.file_id}"


class SupplementRequest(models.Model):
    """一次性补正告知: every missing or defective material listed at once (第三十二条第一款第（四）项)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="supplement_requests")
    round = models.PositiveSmallIntegerField()
    items = models.JSONField(help_text="[{requirement_id, name, reason}]")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    answered_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["round"]
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="cases_supplement_round_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} 补正 {self.round}"


class CaseStep(models.Model):
    """One review step of the case, copied from the item version when the case is accepted."""

    class State(models.TextChoices):
        PENDING = "pending", _("未开始")
        ACTIVE = "active", _("办理中")
        DONE = "done", _("已完成")

    case = models.ForeignKey(Case, models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=64)
    role = models.CharField(max_length=24)
    workdays = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    started_on = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["case", "order"], name="cases_step_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Opinion(models.Model):
    class Verdict(models.TextChoices):
        AGREE = "agree", _("同意")
        DISAGREE = "disagree", _("不同意")
        RETURN = "return", _("退回")

    case = models.ForeignKey(Case, models.CASCADE, related_name="opinions")
    step = models.ForeignKey(CaseStep, models.CASCADE, related_name="opinions")
    author = models.ForeignKey(USER, models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=8, choices=Verdict.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.step}: {self.get_verdict_display()}"


class FactCheck(models.Model):
    """第三十四条第三款: a material fact verified on site; each needs two different staff."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="fact_checks")
    requirement = models.ForeignKey("catalog.MaterialRequirement", models.PROTECT, related_name="+")
    checker = models.ForeignKey(USER, models.PROTECT, related_name="+")
    finding = models.TextField()
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "requirement", "checker"], name="cases_fact_check_once")]

    def __str__(self) -> str:
        return f"{self.case_id} 核查 {self.requirement_id}"


class Suspension(models.Model):
    case = models.ForeignKey(Case, models.CASCADE, related_name="suspensions")
    reason = models.CharField(max_length=16, choices=[(r.value, r.value) for r in SuspensionReason])
    detail = models.TextField(blank=True)
    started_on = models.DateField()
    expected_workdays = models.PositiveSmallIntegerField()
    ended_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(ended_on__isnull=True), name="cases_one_open_suspension"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.reason}"


class Extension(models.Model):
    """第四十二条: one extension, requested by the case officer, approved by an approver (the agency head's
    delegate), the reasons sent to the applicant in a sealed notice."""

    case = models.OneToOneField(Case, models.CASCADE, related_name="extension")
    days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    requested_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    requested_on = models.DateField()
    approved_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    approved_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days}"


class Delivery(models.Model):
    class Method(models.TextChoices):
        ELECTRONIC = "electronic", _("电子送达")
        IN_PERSON = "in_person", _("窗口领取")
        POST = "post", _("邮寄送达")

    case = models.ForeignKey(Case, models.CASCADE, related_name="deliveries")
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, related_name="deliveries")
    method = models.CharField(max_length=16, choices=Method.choices)
    delivered_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["delivered_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_method_display()}"


class CaseEvent(models.Model):
    """The timeline the applicant and staff see; the audit log keeps the tamper-evident copy."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="events")
    action = models.CharField(max_length=24, choices=[(a.value, label) for a, label in ACTION_LABELS.items()])
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=128)
    summary = models.CharField(max_length=500)
    public = models.BooleanField(default=True, help_text=_("申请人可见"))
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class Notification(models.Model):
    recipient = models.ForeignKey(USER, models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, models.CASCADE, null=True, blank=True, related_name="notifications")
    title = models.CharField(max_length=128)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="cases_notification_unread_idx")]

    def __str__(self) -> str:
        return self.title
