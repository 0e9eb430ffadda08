"""The navigation registry: every item links to a real page, and the menu follows the user's roles."""

import dataclasses

import pytest
from django.urls import reverse
from tests.factories import make_staff

from tongban.org.models import Role
from tongban.web import navigation as nav
from tongban.web.navigation import NavItem, NavSection, workbench_menu


def _all_items():
    yield from nav.PORTAL_NAV
    for section in nav.WORKBENCH_NAV:
        yield from section.items


@pytest.mark.parametrize("item", list(_all_items()), ids=lambda item: item.url_name)
def test_every_item_links_to_an_existing_page(item):
    assert reverse(item.url_name)


def test_the_registry_cannot_change_at_run_time():
    assert isinstance(nav.PORTAL_NAV, tuple) and isinstance(nav.WORKBENCH_NAV, tuple)
    item = nav.PORTAL_NAV[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.label = "x"
    assert all(isinstance(section.items, tuple) for section in nav.WORKBENCH_NAV)


ARCHIVE = NavItem("档案", "web:portal", roles=[Role.ARCHIVIST])
OPEN = NavItem("首页", "web:workbench", exact=True)
SECTIONS = (NavSection("公共", (OPEN,)), NavSection("档案管理", (ARCHIVE,)))


def test_items_follow_roles():
    assert OPEN.visible_to(set())
    assert not ARCHIVE.visible_to({Role.REVIEWER})
    assert ARCHIVE.visible_to({Role.REVIEWER, Role.ARCHIVIST})
    assert ARCHIVE.visible_to({Role.SYSTEM_ADMIN})


def test_sections_with_nothing_visible_are_left_out():
    menu = workbench_menu("/workbench/", {Role.REVIEWER}, SECTIONS)
    assert [s.label for s in menu] == ["公共"]
    menu = workbench_menu("/workbench/", {Role.ARCHIVIST}, SECTIONS)
    assert [s.label for s in menu] == ["公共", "档案管理"]


def test_active_item_exact_and_prefix():
    below = NavItem("下级", "web:workbench")
    menu = workbench_menu("/workbench/password/", set(), (NavSection("s", (OPEN, below)),))
    assert [link.active for link in menu[0].links] == [False, True]
    menu = workbench_menu("/workbench/", set(), (NavSection("s", (OPEN,)),))
    assert menu[0].links[0].active


@pytest.mark.django_db
def test_the_sidebar_renders_the_registry_for_the_users_roles(org_world, client, monkeypatch):
    monkeypatch.setattr(nav, "WORKBENCH_NAV", nav.WORKBENCH_NAV + (NavSection("档案管理", (ARCHIVE,)),))
    client.force_login(org_world.reviewer_a.user)
    assert "档案管理" not in client.get("/workbench/").content.decode()
    archivist = make_staff("archivist", org_world.bureau, Role.ARCHIVIST, name="档案员")
    client.force_login(archivist.user)
    assert "档案管理" in client.get("/workbench/").content.decode()
    client.force_login(org_world.admin.user)
    assert "档案管理" in client.get("/workbench/").content.decode()
