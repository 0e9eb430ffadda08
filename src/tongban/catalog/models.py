"""The service catalogue: items (事项), their versioned implementation specs (实施规范), materials, steps,
delegations to development zones (赋权), themes and the knowledge base.

A published ItemVersion never changes; a change is a new version. Cases keep the version they were filed under.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tongban.org.models import Department, Hall, Role, Window, Zone

# GB/T 39554.1-2020 实施编码 as observed (legal-rules.md §7): 14-character 基本编码, 12-digit 行政区划,
# 3 digits, 18-character 实施机构统一社会信用代码, 1 digit, 2-digit 业务办理项.
# Segment semantics beyond 区划 and 信用代码 are unconfirmed, so only the shape is enforced.
ITEM_CODE_RE = r"^[0-9A-Z]{14}-\d{12}-\d{3}-[0-9A-HJ-NPQRTUWXY]{18}-\d-\d{2}$"
item_code_validator = RegexValidator(
    ITEM_CODE_RE, _("事项编码应为 GB/T 39554.1 格式：14位基本编码-12位区划-3位-18位信用代码-1位-2位办理项")
)


class ItemType(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    PAYMENT = "payment", _("行政给付")
    ADJUDICATION = "adjudication", _("行政裁决")
    REWARD = "reward", _("行政奖励")
    FILING = "filing", _("行政备案")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    OTHER_POWER = "other_power", _("其他行政权力")


class Theme(models.Model):
    """A life event in the directory (个人: 出生、就业…; 法人: 准入准营、工程建设…)."""

    class Audience(models.TextChoices):
        PERSONAL = "personal", _("个人")
        LEGAL = "legal", _("法人")

    name = models.CharField(_("名称"), max_length=64)
    audience = models.CharField(_("服务对象"), max_length=16, choices=Audience.choices)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
        ordering = ["audience", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["audience", "name"], name="catalog_theme_unique")]

    def __str__(self) -> str:
        return f"{self.get_audience_display()} · {self.name}"


class ServiceItem(models.Model):
    """The stable identity of an item across its versions."""

    code = models.CharField(_("事项编码"), max_length=64, unique=True, validators=[item_code_validator])
    owner = models.ForeignKey(Department, models.PROTECT, related_name="owned_items", verbose_name=_("维护部门"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="sub_items", verbose_name=_("上级事项（子项所属）")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("事项")
        verbose_name_plural = _("事项")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ItemVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审核")
        PUBLISHED = "published", _("已发布")
        RETIRED = "retired", _("已停用")

    class Handling(models.TextChoices):
        INSTANT = "instant", _("即办件")
        PROMISED = "promised", _("承诺件")

    item = models.ForeignKey(ServiceItem, models.PROTECT, related_name="versions", verbose_name=_("事项"))
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    name = models.CharField(_("事项名称"), max_length=128)
    item_type = models.CharField(_("事项类型"), max_length=16, choices=ItemType.choices)
    competent_department = models.ForeignKey(
        Department, models.PROTECT, related_name="competent_versions", verbose_name=_("主管部门")
    )
    implementing_department = models.ForeignKey(
        Department, models.PROTECT, related_name="implementing_versions", verbose_name=_("实施机关")
    )
    summary = models.TextField(_("事项简介"), blank=True)
    acceptance_conditions = models.TextField(_("受理条件"))
    review_criteria = models.TextField(_("审查标准"), blank=True)
    # 行政许可法 第五十八条: no fee unless a law or administrative regulation provides for one.
    free_of_charge = models.BooleanField(_("不收费"), default=True)
    statutory_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"))
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"))
    handling = models.CharField(_("办件类型"), max_length=16, choices=Handling.choices, default=Handling.PROMISED)
    online_depth = models.PositiveSmallIntegerField(
        _("网办深度"), validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 信息公开，2 在线预约/下载，3 在线申请，4 全程网办"),
    )
    visits = models.PositiveSmallIntegerField(_("到现场次数"), validators=[MaxValueValidator(2)])
    tolerance_allowed = models.BooleanField(_("容缺受理"), default=False)
    tolerance_conditions = models.TextField(_("容缺受理条件"), blank=True)
    commitment_allowed = models.BooleanField(_("告知承诺"), default=False)
    commitment_conditions = models.TextField(_("告知承诺条件"), blank=True)
    consultation_phone = models.CharField(_("咨询电话"), max_length=64)
    complaint_phone = models.CharField(_("投诉电话"), max_length=64)
    halls = models.ManyToManyField(Hall, blank=True, related_name="item_versions", verbose_name=_("办理大厅"))
    windows = models.ManyToManyField(Window, blank=True, related_name="item_versions", verbose_name=_("办理窗口"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="item_versions", verbose_name=_("主题"))
    # The application form: a list of typed fields (see catalog.forms_schema for the shape).
    form_schema = models.JSONField(_("申请表"), default=list, blank=True)
    # Special procedures this item may use beyond 行政许可法 第四十五条's list (e.g. 现场勘验).
    extra_procedures = models.JSONField(_("可用特别程序"), default=list, blank=True)
    # 行政许可法 第四十二条: +10 working days by default; another law may say otherwise.
    extension_days = models.PositiveSmallIntegerField(_("可延长（工作日）"), default=10)

    change_note = models.TextField(_("修订说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("编写人")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("审核人")
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("实施规范版本")
        verbose_name_plural = _("实施规范版本")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="catalog_version_unique_number"),
            # One published version per item at a time.
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="published"), name="catalog_one_published_version"
            ),
            # 优化营商环境条例 第三十六条: a region may shorten a statutory period, never lengthen it.
            models.CheckConstraint(
                condition=Q(promised_days__lte=F("statutory_days")), name="catalog_promised_within_statutory"
            ),
            models.CheckConstraint(condition=Q(online_depth__gte=1, online_depth__lte=4), name="catalog_depth_1_4"),
            models.CheckConstraint(condition=Q(visits__lte=2), name="catalog_visits_0_2"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.number}）"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class LegalBasis(models.Model):
    class Kind(models.TextChoices):
        SETTING = "setting", _("设定依据")
        IMPLEMENTING = "implementing", _("实施依据")

    version = models.ForeignKey(ItemVersion, models.CASCADE, related_name="legal_bases")
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    law = models.CharField(_("法律法规名称"), max_length=128)
    article = models.CharField(_("条款"), max_length=64, blank=True)
    text = models.TextField(_("条文内容"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("法律依据")
        verbose_name_plural = _("法律依据")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"


class Fee(models.Model):
    version = models.ForeignKey(ItemVersion, models.CASCADE, related_name="fees")
    name = models.CharField(_("收费项目"), max_length=128)
    standard = models.CharField(_("收费标准"), max_length=255)
    basis = models.CharField(_("收费依据"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("收费")
        verbose_name_plural = _("收费")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class MaterialRequirement(models.Model):
    class Source(models.TextChoices):
        APPLICANT = "applicant", _("申请人自备")
        DEPARTMENT = "department", _("其他部门出具")
        LICENSE = "license", _("电子证照库调取")

    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        ORIGINAL_AND_COPY = "both", _("原件及复印件")
        ELECTRONIC = "electronic", _("电子材料")

    version = models.ForeignKey(ItemVersion, models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=255)
    source = models.CharField(_("来源渠道"), max_length=16, choices=Source.choices, default=Source.APPLICANT)
    source_detail = models.CharField(
        _("出具部门或证照类型"), max_length=128, blank=True, help_text=_("来源为其他部门或证照库时填写")
    )
    form = models.CharField(_("材料形式"), max_length=16, choices=Form.choices, default=Form.ELECTRONIC)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    formats = models.JSONField(_("接受格式"), default=list, blank=True)
    condition = models.CharField(
        _("提交条件"), max_length=255, blank=True, help_text=_("留空表示必须提交；否则写明在何种情形下提交")
    )
    blank_form = models.ForeignKey(
        "files.StoredFile", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("空白表格")
    )
    sample = models.ForeignKey(
        "files.StoredFile", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("填写样表")
    )
    notes = models.TextField(_("填报须知"), blank=True)
    # Marks facts that the reviewing steps must have verified by two staff (行政许可法 第三十四条第三款).
    needs_dual_verification = models.BooleanField(_("须两人核查"), default=False)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_conditional(self) -> bool:
        return bool(self.condition)


class ReviewStep(models.Model):
    version = models.ForeignKey(ItemVersion, models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("环节名称"), max_length=64)
    role = models.CharField(_("办理角色"), max_length=24, choices=Role.choices)
    workdays = models.PositiveSmallIntegerField(_("时限（工作日）"))
    description = models.TextField(_("办理内容"), blank=True)

    class Meta:
        verbose_name = _("审查环节")
        verbose_name_plural = _("审查环节")
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_step_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Delegation(models.Model):
    """赋权: an item handed to a development zone from a date, until withdrawn."""

    item = models.ForeignKey(ServiceItem, models.PROTECT, related_name="delegations", verbose_name=_("事项"))
    zone = models.ForeignKey(Zone, models.PROTECT, related_name="delegations", verbose_name=_("开发区"))
    effective_from = models.DateField(_("赋权日期"))
    withdrawn_on = models.DateField(_("收回日期"), null=True, blank=True)
    basis = models.CharField(_("赋权文件"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("赋权")
        verbose_name_plural = _("赋权")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=F("effective_from")),
                name="catalog_delegation_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.zone}"

    def in_force(self, on) -> bool:
        return self.effective_from <= on and (self.withdrawn_on is None or on < self.withdrawn_on)


class Faq(models.Model):
    item = models.ForeignKey(ServiceItem, models.CASCADE, related_name="faqs", verbose_name=_("事项"))
    question = models.CharField(_("问题"), max_length=255)
    answer = models.TextField(_("解答"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question
