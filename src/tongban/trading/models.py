"""Public-resource trading data (公共资源交易): projects, lots, bidders, bids and what the platform records
around a bid (file fingerprints, bonds, key staff), company relationships, and the analytics results
(flags, assessments, decisions).

The analytics unit is the lot (标段): it is what is opened, priced and awarded, and what 招标投标法实施条例
第三十四条 ("同一标段") and 第四十条 speak of. "Tender" in the collusion package means a lot here.

Personal data (a legal representative's or project manager's ID number) is stored for the rules that compare
them and masked on every page (`masked_*` properties; tongban.people.identity).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongban.people import identity


class Sector(models.TextChoices):
    BUILDING = "building", _("房屋建筑")
    MUNICIPAL = "municipal", _("市政工程")
    TRANSPORT = "transport", _("交通工程")
    WATER = "water", _("水利工程")
    GOODS = "goods", _("政府采购货物")
    SERVICES = "services", _("政府采购服务")
    LAND = "land", _("土地矿业权")
    OTHER = "other", _("其他")


class Source(models.TextChoices):
    CSV = "csv", _("CSV")
    OCDS = "ocds", _("OCDS")
    LABELLED = "labelled", _("标注数据")
    DEMO = "demo", _("演示数据")


class ImportBatch(models.Model):
    """One import: the file, who imported it and what it brought in. A failed import leaves no batch."""

    format = models.CharField(_("格式"), max_length=16, choices=Source.choices)
    filename = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    counts = models.JSONField(_("导入数量"), default=dict, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.get_format_display()} {self.filename}"


class Project(models.Model):
    """A procurement project (招标项目 / 采购项目), announced by one buyer (招标人 / 采购人)."""

    code = models.CharField(_("项目编号"), max_length=64, unique=True)
    name = models.CharField(_("项目名称"), max_length=255)
    buyer = models.CharField(_("招标人"), max_length=128, db_index=True)
    buyer_uscc = models.CharField(_("招标人统一社会信用代码"), max_length=18, blank=True)
    agency = models.CharField(_("招标代理机构"), max_length=128, blank=True)
    sector = models.CharField(_("行业"), max_length=16, choices=Sector.choices, default=Sector.OTHER, db_index=True)
    region = models.CharField(_("地区"), max_length=64, blank=True, db_index=True)
    amount = models.DecimalField(_("项目金额（元）"), max_digits=18, decimal_places=2, null=True, blank=True)
    published_on = models.DateField(_("公告日期"), null=True, blank=True, db_index=True)
    source = models.CharField(_("数据来源"), max_length=16, choices=Source.choices, default=Source.CSV)
    batch = models.ForeignKey(ImportBatch, verbose_name=_("导入批次"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="projects")

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-published_on", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Lot(models.Model):
    """A lot (标段 / 包): opened, priced and awarded on its own. The analytics' "tender"."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="lots")
    code = models.CharField(_("标段编号"), max_length=64)
    name = models.CharField(_("标段名称"), max_length=255, blank=True)
    opening_at = models.DateTimeField(_("开标时间"), null=True, blank=True, db_index=True)
    ceiling_price = models.DecimalField(_("最高投标限价（元）"), max_digits=18, decimal_places=2, null=True,
                                        blank=True)
    # A known outcome: from a labelled data set, or from an inspector's decision (confirmed / dismissed).
    label = models.BooleanField(_("串标标注"), null=True, blank=True)

    class Meta:
        verbose_name = _("标段")
        verbose_name_plural = _("标段")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="trading_lot_unique_code")]
        ordering = ["project__code", "code"]

    def __str__(self):
        return f"{self.project.code}/{self.code}"

    @property
    def title(self) -> str:
        return f"{self.project.name}{(' ' + self.name) if self.name and self.name != self.project.name else ''}"


class Bidder(models.Model):
    """A bidding company (投标人). Identified by its 统一社会信用代码 (GB 32100-2015) when known; imported
    labelled data only has an anonymous id (`external_id`)."""

    name = models.CharField(_("投标人名称"), max_length=128)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    external_id = models.CharField(_("外部编号"), max_length=64, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=64, blank=True)
    legal_representative_id_number = models.CharField(_("法定代表人身份证号"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("投标人")
        verbose_name_plural = _("投标人")
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""), name="trading_bidder_unique_uscc"),
            models.UniqueConstraint(fields=["external_id"], condition=~Q(external_id=""),
                                    name="trading_bidder_unique_external_id"),
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def masked_uscc(self) -> str:
        return identity.mask_uscc(self.uscc) if self.uscc else ""

    @property
    def masked_legal_representative(self) -> str:
        return identity.mask_name(self.legal_representative)


class Bid(models.Model):
    """One bidder's bid in one lot (投标文件 and its price)."""

    lot = models.ForeignKey(Lot, verbose_name=_("标段"), on_delete=models.CASCADE, related_name="bids")
    bidder = models.ForeignKey(Bidder, verbose_name=_("投标人"), on_delete=models.PROTECT, related_name="bids")
    price = models.DecimalField(_("投标报价（元）"), max_digits=18, decimal_places=2)
    submitted_at = models.DateTimeField(_("递交时间"), null=True, blank=True)
    validity_days = models.PositiveIntegerField(_("投标有效期（日）"), null=True, blank=True)
    is_winner = models.BooleanField(_("中标"), default=False)
    is_valid = models.BooleanField(_("有效投标"), default=True)
    contact_person = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    # 办理人: who handled the bidder's affairs on the platform (download, bond, opening) — 第四十条第（二）项.
    agent_name = models.CharField(_("投标事宜办理人"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("投标")
        verbose_name_plural = _("投标")
        constraints = [models.UniqueConstraint(fields=["lot", "bidder"], name="trading_bid_one_per_bidder")]
        ordering = ["price"]

    def __str__(self):
        return f"{self.bidder} @ {self.lot}"


class BidFile(models.Model):
    """What the e-bidding platform recorded about a bid file: where and on what machine it was made and sent."""

    bid = models.OneToOneField(Bid, verbose_name=_("投标"), on_delete=models.CASCADE, related_name="file")
    upload_ip = models.GenericIPAddressField(_("上传 IP"), null=True, blank=True)
    mac_address = models.CharField(_("MAC 地址"), max_length=32, blank=True)
    machine_code = models.CharField(_("文件制作机器码"), max_length=128, blank=True)
    hardware_serial = models.CharField(_("CPU / 硬盘序列号"), max_length=128, blank=True)
    file_creation_id = models.CharField(_("文件创建标识码"), max_length=128, blank=True)
    ca_serial = models.CharField(_("CA 证书序列号"), max_length=128, blank=True)
    pricing_lock_serial = models.CharField(_("造价软件加密锁序列号"), max_length=128, blank=True)
    author = models.CharField(_("文档作者"), max_length=128, blank=True)
    template_fingerprint = models.CharField(_("模板指纹"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("投标文件信息")
        verbose_name_plural = _("投标文件信息")

    def __str__(self):
        return f"{self.bid}"


class BidBond(models.Model):
    """投标保证金 (or an e-guarantee): who paid it, from which account."""

    bid = models.ForeignKey(Bid, verbose_name=_("投标"), on_delete=models.CASCADE, related_name="bonds")
    amount = models.DecimalField(_("金额（元）"), max_digits=18, decimal_places=2, null=True, blank=True)
    account = models.CharField(_("付款账号"), max_length=64, blank=True)
    account_holder = models.CharField(_("付款户名"), max_length=128, blank=True)
    paid_at = models.DateTimeField(_("缴纳时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投标保证金")
        verbose_name_plural = _("投标保证金")

    def __str__(self):
        return f"{self.bid}"

    @property
    def masked_account(self) -> str:
        value = self.account.replace(" ", "")
        return value[:4] + "*" * max(len(value) - 8, 0) + value[-4:] if len(value) > 8 else "*" * len(value)


class KeyStaff(models.Model):
    """A person a bid names as a key member (项目经理, 技术负责人 …)."""

    bid = models.ForeignKey(Bid, verbose_name=_("投标"), on_delete=models.CASCADE, related_name="key_staff")
    role = models.CharField(_("岗位"), max_length=32)
    name = models.CharField(_("姓名"), max_length=64)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    certificate_number = models.CharField(_("注册证书编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("主要人员")
        verbose_name_plural = _("主要人员")

    def __str__(self):
        return f"{self.role} {identity.mask_name(self.name)}"

    @property
    def masked_name(self) -> str:
        return identity.mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return identity.mask_id_number(self.id_number)


class CompanyRelation(models.Model):
    """A business-registry (工商) link of a bidder: to another bidder (控股, 管理), or through a person
    (股东, 法定代表人, 董事/监事/高管)."""

    class Kind(models.TextChoices):
        CONTROLS = "controls", _("控股")
        MANAGES = "manages", _("管理关系")
        SHAREHOLDER = "shareholder", _("股东")
        LEGAL_REPRESENTATIVE = "legal_rep", _("法定代表人")
        OFFICER = "officer", _("董事、监事或高级管理人员")

    bidder = models.ForeignKey(Bidder, verbose_name=_("投标人"), on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("关系"), max_length=16, choices=Kind.choices)
    # CONTROLS / MANAGES: `bidder` controls or manages `other`. Person kinds: the person is named.
    other = models.ForeignKey(Bidder, verbose_name=_("关联投标人"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="related_from")
    person_name = models.CharField(_("关联人姓名"), max_length=64, blank=True)
    person_id_number = models.CharField(_("关联人身份证号"), max_length=18, blank=True)
    share_ratio = models.DecimalField(_("持股比例（%）"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("企业关联关系")
        verbose_name_plural = _("企业关联关系")

    def __str__(self):
        target = self.other.name if self.other_id else identity.mask_name(self.person_name)
        return f"{self.bidder} {self.get_kind_display()} {target}"


class Strength(models.TextChoices):
    STRONG = "strong", _("强")
    MEDIUM = "medium", _("中")
    WEAK = "weak", _("弱")


class Flag(models.Model):
    """One rule that fired on a lot, with its legal basis and the evidence rows. Recomputed as a whole."""

    lot = models.ForeignKey(Lot, verbose_name=_("标段"), on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(_("规则编号"), max_length=16)
    title = models.CharField(_("情形"), max_length=128)
    legal_basis = models.CharField(_("法律依据"), max_length=255)
    strength = models.CharField(_("强度"), max_length=8, choices=Strength.choices)
    bidders = models.ManyToManyField(Bidder, verbose_name=_("涉及投标人"), related_name="flags", blank=True)
    evidence = models.JSONField(_("证据"), default=list, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        ordering = ["lot", "code"]

    def __str__(self):
        return f"{self.lot} {self.code} {self.title}"


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("待研判")
    DISMISSED = "dismissed", _("排除")
    REFERRED = "referred", _("移送")
    CONFIRMED = "confirmed", _("查实")


class TenderAssessment(models.Model):
    """The latest score of a lot, how it was computed, and why; the inspectors' current status of the lot."""

    class Method(models.TextChoices):
        MODEL = "model", _("模型评分")
        RULES_SCREENS = "rules_screens", _("规则与统计筛查排序（未配置模型）")

    lot = models.OneToOneField(Lot, verbose_name=_("标段"), on_delete=models.CASCADE, related_name="assessment")
    score = models.FloatField(_("可疑度"), db_index=True)
    method = models.CharField(_("计算方法"), max_length=16, choices=Method.choices)
    model_version = models.CharField(_("模型"), max_length=255, blank=True)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    screens = models.JSONField(_("统计筛查指标"), default=dict, blank=True)
    strongest = models.CharField(_("最强规则"), max_length=8, choices=Strength.choices, blank=True)
    flag_count = models.PositiveIntegerField(_("规则数"), default=0)
    status = models.CharField(_("研判状态"), max_length=16, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.OPEN, db_index=True)
    assessed_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("标段研判")
        verbose_name_plural = _("标段研判")
        ordering = ["-score"]

    def __str__(self):
        return f"{self.lot} {self.score:.2f}"


class Decision(models.Model):
    """An inspector's decision on a lot. Kept as history; the latest one sets the assessment's status."""

    lot = models.ForeignKey(Lot, verbose_name=_("标段"), on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("结论"), max_length=16, choices=AssessmentStatus.choices)
    reason = models.TextField(_("理由"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("研判人"), on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("研判时间"), auto_now_add=True)
    document = models.ForeignKey("seals.IssuedDocument", verbose_name=_("移送函"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("研判记录")
        verbose_name_plural = _("研判记录")
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.lot} {self.get_outcome_display()}"
