"""Regions, departments, halls, windows, development zones, staff roles and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# GB/T 2260 行政区划代码: six digits.
division_code_validator = RegexValidator(r"^\d{6}$", _("行政区划代码应为 6 位数字"))


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        DISTRICT = "district", _("县区级")
        STREET = "street", _("乡镇街道")

    division_code = models.CharField(_("行政区划代码"), max_length=6, unique=True, validators=[division_code_validator])
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级"))

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["division_code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.division_code}）"


class Department(models.Model):
    class Kind(models.TextChoices):
        BUREAU = "bureau", _("行政审批局")
        DIVISION = "division", _("内设处室")
        FUNCTIONAL = "functional", _("职能部门")
        ZONE_BUREAU = "zone_bureau", _("园区审批机构")
        GOVERNMENT = "government", _("人民政府")

    name = models.CharField(_("名称"), max_length=128)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    # Letters used in case numbers (2026-SCJG-000123); empty means "D" + id.
    code = models.CharField(
        _("办件编号代码"), max_length=8, blank=True, validators=[RegexValidator(r"^[A-Z]{2,8}$", _("应为 2–8 位大写字母"))]
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="departments", verbose_name=_("行政区划"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="divisions", verbose_name=_("上级机构")
    )
    phone = models.CharField(_("咨询电话"), max_length=32, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["region__division_code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="org_department_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def case_code(self) -> str:
        return self.code or f"D{self.pk}"


class Zone(models.Model):
    """A development zone (开发区/园区): a target to which items can be delegated (赋权)."""

    class Kind(models.TextChoices):
        ETDZ = "etdz", _("国家级经济技术开发区")
        HIGH_TECH = "high_tech", _("国家级高新技术产业开发区")
        FTZ = "ftz", _("自由贸易试验区片区")
        PROVINCIAL = "provincial", _("省级开发区")

    name = models.CharField(_("名称"), max_length=128, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(Region, models.PROTECT, related_name="zones", verbose_name=_("所在区划"))
    department = models.OneToOneField(
        Department, models.PROTECT, null=True, blank=True, related_name="zone", verbose_name=_("园区审批机构")
    )

    class Meta:
        verbose_name = _("开发区")
        verbose_name_plural = _("开发区")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Hall(models.Model):
    name = models.CharField(_("名称"), max_length=128, unique=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="halls", verbose_name=_("行政区划"))
    department = models.ForeignKey(Department, models.PROTECT, related_name="halls", verbose_name=_("管理部门"))
    address = models.CharField(_("地址"), max_length=255)
    opening_hours = models.CharField(_("办公时间"), max_length=128, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("政务服务大厅")
        verbose_name_plural = _("政务服务大厅")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    class Kind(models.TextChoices):
        COMPREHENSIVE = "comprehensive", _("综合受理窗口")
        SPECIALISED = "specialised", _("专业窗口")
        CROSS_REGION = "cross_region", _("跨域通办窗口")
        HELP = "help", _("帮办代办窗口")
        COMPLAINT = "complaint", _("办不成事反映窗口")

    hall = models.ForeignKey(Hall, models.CASCADE, related_name="windows", verbose_name=_("大厅"))
    number = models.CharField(_("窗口号"), max_length=16)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="windows", verbose_name=_("进驻部门")
    )

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["hall", "number"]
        constraints = [models.UniqueConstraint(fields=["hall", "number"], name="org_window_unique_number")]

    def __str__(self) -> str:
        return f"{self.hall.name} {self.number}号 {self.name}"


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("窗口人员")
    REVIEWER = "reviewer", _("审查人员")
    APPROVER = "approver", _("审批人员")
    DEPT_ADMIN = "dept_admin", _("部门管理员")
    SUPERVISOR = "supervisor", _("监管人员")
    ARCHIVIST = "archivist", _("档案人员")
    LEGAL_OFFICER = "legal_officer", _("法制人员")
    INSPECTOR = "inspector", _("督查人员")
    TRADING_INSPECTOR = "trading_inspector", _("交易监管人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")


class Staff(models.Model):
    """A member of staff: a login account with a home department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="staff", verbose_name=_("账号"))
    name = models.CharField(_("姓名"), max_length=64)
    department = models.ForeignKey(Department, models.PROTECT, related_name="staff", verbose_name=_("所在部门"))
    employee_no = models.CharField(_("工号"), max_length=32, blank=True)
    phone = models.CharField(_("电话"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        ordering = ["department", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.department}）"


class RoleAssignment(models.Model):
    """A role held in a scope: one department (and its divisions) or one region (and the regions below it)."""

    staff = models.ForeignKey(Staff, models.CASCADE, related_name="roles", verbose_name=_("工作人员"))
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)
    department = models.ForeignKey(
        Department, models.CASCADE, null=True, blank=True, related_name="role_assignments", verbose_name=_("部门范围")
    )
    region = models.ForeignKey(
        Region, models.CASCADE, null=True, blank=True, related_name="role_assignments", verbose_name=_("区划范围")
    )

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(department__isnull=False, region__isnull=True)
                | models.Q(department__isnull=True, region__isnull=False),
                name="org_role_one_scope",
            ),
            models.UniqueConstraint(fields=["staff", "role", "department", "region"], name="org_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.get_role_display()} · {self.department or self.region}"


class ApiToken(models.Model):
    """A bearer token for an integrating system; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("账号"))
    name = models.CharField(_("用途"), max_length=64)
    prefix = models.CharField(_("前缀"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
