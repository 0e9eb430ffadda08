"""一件事 (bundles): definitions, versioned like catalogue items, and the applications that run them.

- `Bundle` is the stable identity (a code); `BundleVersion` holds everything an applicant sees — draft, then
  published (immutable: a change is a new version), then retired. `BundleMember` rows name the catalogue items.
- The shared data dictionary (`fields`: asked once, mapped into each item's form) and the de-duplicated
  materials (`materials`: one upload, several items' requirements) are JSON validated by `spec.BundleSpec`.
- `BundleCase` is one application; each member that applies becomes a real `cases.Case` (`BundleMemberCase`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tongban.bundles.domain import AGGREGATE_LABELS, MEMBER_STATE_LABELS, Aggregate, MemberState

USER = settings.AUTH_USER_MODEL


class Bundle(models.Model):
    code = models.CharField(_("一件事编码"), max_length=32, unique=True)
    owner = models.ForeignKey("org.Department", models.PROTECT, related_name="owned_bundles",
                              verbose_name=_("维护部门（牵头部门）"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class BundleVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        RETIRED = "retired", _("已停用")

    class Theme(models.TextChoices):
        # 国办发〔2025〕24号: the enterprise and the individual 全生命周期.
        ENTERPRISE = "enterprise", _("企业全生命周期")
        PERSONAL = "personal", _("个人全生命周期")

    class ListLevel(models.TextChoices):
        NATIONAL = "national", _("国家重点事项清单")
        PROVINCIAL = "provincial", _("省级清单")
        CITY = "city", _("市级特色清单")

    bundle = models.ForeignKey(Bundle, models.PROTECT, related_name="versions", verbose_name=_("一件事"))
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    name = models.CharField(_("名称"), max_length=128)
    summary = models.TextField(_("简介"), blank=True)
    theme = models.CharField(_("生命周期"), max_length=16, choices=Theme.choices)
    stage = models.CharField(_("阶段"), max_length=32, blank=True, help_text=_("如 准入准营、注销退出"))
    list_level = models.CharField(_("所属清单"), max_length=16, choices=ListLevel.choices)
    list_year = models.PositiveSmallIntegerField(_("清单年度"))
    lead_department = models.ForeignKey("org.Department", models.PROTECT, related_name="led_bundle_versions",
                                        verbose_name=_("牵头部门"))
    cooperating_departments = models.ManyToManyField("org.Department", blank=True, related_name="+",
                                                     verbose_name=_("配合部门"))
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"))
    # 行政许可法 第二十六条、第四十二条第二款: 统一办理/联合办理/集中办理 — 45 + 15 working days.
    joint_licence = models.BooleanField(_("联合办理的行政许可"), default=False)
    visits = models.PositiveSmallIntegerField(_("到现场次数"), default=0, validators=[MaxValueValidator(2)])
    combined_report = models.BooleanField(_("汇总出具合并报告"), default=False,
                                          help_text=_("如拟上市企业无违规证明：各部门结果汇总为一份盖章报告"))
    fields = models.JSONField(_("一表申请字段"), default=list, blank=True)
    materials = models.JSONField(_("一套材料"), default=list, blank=True)
    change_note = models.TextField(_("修订说明"), blank=True)
    created_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("一件事版本")
        verbose_name_plural = _("一件事版本")
        ordering = ["bundle", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "number"], name="bundles_version_unique_number"),
            models.UniqueConstraint(fields=["bundle"], condition=Q(status="published"),
                                    name="bundles_one_published_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.number}）"


class BundleMember(models.Model):
    class Mode(models.TextChoices):
        PARALLEL = "parallel", _("并行办理")
        AFTER = "after", _("在前置事项准予后办理")

    version = models.ForeignKey(BundleVersion, models.CASCADE, related_name="members")
    key = models.SlugField(_("成员标识"), max_length=32)
    item = models.ForeignKey("catalog.ServiceItem", models.PROTECT, related_name="bundle_members",
                             verbose_name=_("事项"))
    order = models.PositiveSmallIntegerField(default=0)
    mode = models.CharField(_("办理方式"), max_length=16, choices=Mode.choices, default=Mode.PARALLEL)
    after = models.SlugField(_("前置成员"), max_length=32, blank=True)
    condition = models.JSONField(_("办理条件"), default=dict, blank=True)
    # item form field → bundle field; unmapped item fields of the same name take the bundle field of that name.
    field_map = models.JSONField(_("字段映射"), default=dict, blank=True)
    # item form field → a fixed value for every application of this bundle (e.g. 公章 不是遗失补刻).
    fixed = models.JSONField(_("固定取值"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="bundles_member_unique_key")]

    def __str__(self) -> str:
        return self.key


class BundleCase(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        WINDOW = "window", _("窗口收件")

    number = models.CharField(_("一件事编号"), max_length=32, unique=True, null=True, blank=True)
    version = models.ForeignKey(BundleVersion, models.PROTECT, related_name="cases", verbose_name=_("一件事版本"))
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    receiving_window = models.ForeignKey("org.Window", models.PROTECT, null=True, blank=True, related_name="+")
    applicant_person = models.ForeignKey("people.NaturalPerson", models.PROTECT, null=True, blank=True,
                                         related_name="bundle_cases")
    applicant_legal = models.ForeignKey("people.LegalPerson", models.PROTECT, null=True, blank=True,
                                        related_name="bundle_cases")
    applicant_name = models.CharField(_("申请人"), max_length=200)
    submitted_by = models.ForeignKey(USER, models.PROTECT, related_name="bundle_cases")
    form_data = models.JSONField(_("一表申请"), default=dict, blank=True)
    submitted = models.BooleanField(default=False)
    received_on = models.DateField(_("收件日"), null=True, blank=True)
    accepted_on = models.DateField(_("首个子项受理日"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("经批准延长（工作日）"), default=0)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(_("总体状态"), max_length=16, default=Aggregate.DRAFT,
                              choices=[(a.value, label) for a, label in AGGREGATE_LABELS.items()])
    delivered_at = models.DateTimeField(_("统一送达时间"), null=True, blank=True)
    report = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("合并报告"))
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("一件事申请")
        verbose_name_plural = _("一件事申请")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_person__isnull=False, applicant_legal__isnull=True)
                | Q(applicant_person__isnull=True, applicant_legal__isnull=False),
                name="bundles_one_applicant",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"一件事草稿 {self.pk}"

    @property
    def status_label(self) -> str:
        return gettext(AGGREGATE_LABELS[Aggregate(self.status)])


class BundleMaterial(models.Model):
    """One upload for one shared material (the bundle's material code), used by every member that needs it."""

    bundle_case = models.ForeignKey(BundleCase, models.CASCADE, related_name="uploads")
    code = models.SlugField(max_length=48)
    file = models.ForeignKey("files.StoredFile", models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.bundle_case_id} {self.code} ({self.round})"


class BundleMemberCase(models.Model):
    bundle_case = models.ForeignKey(BundleCase, models.CASCADE, related_name="member_cases")
    member = models.ForeignKey(BundleMember, models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=[(s.value, label) for s, label in MEMBER_STATE_LABELS.items()])
    case = models.OneToOneField("cases.Case", models.PROTECT, null=True, blank=True, related_name="bundle_link")
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["member__order"]
        constraints = [models.UniqueConstraint(fields=["bundle_case", "member"], name="bundles_member_case_once")]

    def __str__(self) -> str:
        return f"{self.bundle_case_id}/{self.member_id}: {self.state}"

    @property
    def state_label(self) -> str:
        return gettext(MEMBER_STATE_LABELS[MemberState(self.state)])


class BundleSupplement(models.Model):
    """One combined 补正告知书 for every sub-case that lacks something (行政许可法 第三十二条第一款第（四）项)."""

    bundle_case = models.ForeignKey(BundleCase, models.CASCADE, related_name="supplements")
    round = models.PositiveSmallIntegerField()
    items = models.JSONField(help_text="[{code, name, reason, cases: [case_id]}]")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    answered_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["round"]
        constraints = [models.UniqueConstraint(fields=["bundle_case", "round"], name="bundles_supplement_round")]

    def __str__(self) -> str:
        return f"{self.bundle_case_id} 补正 {self.round}"


class BundleEvent(models.Model):
    bundle_case = models.ForeignKey(BundleCase, models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=128)
    summary = models.CharField(max_length=500)
    document = models.ForeignKey("seals.IssuedDocument", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.bundle_case_id} {self.summary[:40]}"


class BundleSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
