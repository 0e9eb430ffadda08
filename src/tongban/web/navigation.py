"""The navigation registry: the only place that decides what the portal header and the workbench sidebar link to.

Another app adds a page to the navigation by adding one `NavItem` to a list below, e.g. in WORKBENCH_NAV:

    NavSection(_("办件"), (
        NavItem(_("待办件"), "cases:queue", roles=(Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER), icon="inbox"),
    )),

and, once the catalogue has its guide pages, in PORTAL_NAV:

    NavItem(_("办事指南"), "catalog:guide_list", icon="journal-text"),

Rules:
- `url_name` must reverse without arguments; link only to pages that exist (a test reverses every item).
- `roles`: the item is shown to staff holding any of these roles (a system administrator sees everything);
  empty means every member of staff. Showing a link is not permission: the view still checks.
- `icon`: a Bootstrap Icons name without the `bi-` prefix.
- `exact`: mark the item active only on its own URL, not on the pages below it (use it for section roots).

Everything here is an immutable constant; the per-request menus are built by `portal_menu` / `workbench_menu`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongban.org.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    icon: str = ""
    exact: bool = False

    def __post_init__(self):
        object.__setattr__(self, "roles", frozenset(str(r) for r in self.roles))

    def visible_to(self, roles: Iterable[str]) -> bool:
        held = set(roles)
        return not self.roles or Role.SYSTEM_ADMIN in held or bool(self.roles & held)


@dataclass(frozen=True)
class NavSection:
    label: str
    items: tuple[NavItem, ...]


# 办事大厅 (public portal) header. Sign-in / "my workbench" / sign-out are added by the layout itself.
PORTAL_NAV: tuple[NavItem, ...] = (
    NavItem(_("首页"), "web:portal", icon="house", exact=True),
    NavItem(_("办事指南"), "catalog:home", icon="journal-text"),
    NavItem(_("一件事"), "bundles_portal:list", icon="collection"),
    NavItem(_("我的办件"), "cases_portal:mine", icon="folder2-open"),
    NavItem(_("证照与文书核验"), "seals_verify:home", icon="patch-check"),
)

# 工作台 (staff workbench) sidebar, in display order. Sections with nothing visible to the user are left out.
WORKBENCH_NAV: tuple[NavSection, ...] = (
    NavSection(
        _("工作台"),
        (NavItem(_("工作台首页"), "web:workbench", icon="grid-1x2", exact=True),),
    ),
    NavSection(
        _("办件"),
        (
            NavItem(_("我的待办"), "cases_admin:tasks",
                    roles=(Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER), icon="inbox", exact=True),
            NavItem(_("窗口收件"), "cases_window:register", roles=(Role.WINDOW_CLERK,), icon="box-arrow-in-down"),
            NavItem(_("部门办件"), "cases_admin:department",
                    roles=(Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.SUPERVISOR, Role.INSPECTOR,
                           Role.LEGAL_OFFICER), icon="folder2-open"),
            NavItem(_("办件查询"), "cases_admin:search",
                    roles=(Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.SUPERVISOR, Role.INSPECTOR,
                           Role.LEGAL_OFFICER), icon="search"),
            NavItem(_("一件事"), "bundles_admin:queue",
                    roles=(Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.INSPECTOR, Role.SUPERVISOR),
                    icon="collection"),
            NavItem(_("超期督办"), "cases_admin:overdue", roles=(Role.INSPECTOR, Role.SUPERVISOR),
                    icon="alarm"),
            NavItem(_("消息"), "cases_admin:notifications", icon="bell"),
        ),
    ),
    NavSection(
        _("事项清单"),
        (
            NavItem(_("事项编写"), "catalog_admin:item_list", roles=(Role.DEPT_ADMIN,), icon="pencil-square"),
            # The page admits the bureau's reviewers only; the registry cannot tell bureau from department staff.
            NavItem(_("审核发布"), "catalog_admin:review_queue", roles=(Role.REVIEWER,), icon="clipboard-check"),
            NavItem(_("事项指标"), "catalog_admin:dashboard", roles=(Role.INSPECTOR, Role.DEPT_ADMIN),
                    icon="bar-chart"),
            NavItem(_("一件事成效"), "bundles_admin:savings", roles=(Role.INSPECTOR, Role.DEPT_ADMIN),
                    icon="bar-chart-steps"),
        ),
    ),
    NavSection(
        _("数据铁笼"),
        (
            NavItem(_("串标围标研判"), "trading:ranked", roles=(Role.TRADING_INSPECTOR,), icon="shield-exclamation",
                    exact=True),
            NavItem(_("交易数据导入"), "trading:import", roles=(Role.TRADING_INSPECTOR,), icon="upload"),
        ),
    ),
    NavSection(
        _("组织机构"),
        (NavItem(_("部门与人员"), "org:department_list", icon="diagram-3"),),
    ),
    NavSection(
        _("个人设置"),
        (NavItem(_("修改密码"), "web:password_change", icon="key"),),
    ),
)


@dataclass(frozen=True)
class MenuLink:
    """A navigation item resolved for one request."""

    label: str
    url: str
    icon: str
    active: bool


@dataclass(frozen=True)
class MenuSection:
    label: str
    links: tuple[MenuLink, ...]


def _link(item: NavItem, path: str) -> MenuLink:
    url = reverse(item.url_name)
    active = path == url or (not item.exact and path.startswith(url))
    return MenuLink(label=item.label, url=url, icon=item.icon, active=active)


def portal_menu(path: str, items: Iterable[NavItem] = PORTAL_NAV) -> tuple[MenuLink, ...]:
    return tuple(_link(item, path) for item in items)


def workbench_menu(
    path: str, roles: Iterable[str], sections: Iterable[NavSection] = WORKBENCH_NAV
) -> tuple[MenuSection, ...]:
    held = set(roles)
    menu = []
    for section in sections:
        links = tuple(_link(item, path) for item in section.items if item.visible_to(held))
        if links:
            menu.append(MenuSection(label=section.label, links=links))
    return tuple(menu)
