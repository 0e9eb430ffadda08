"""The 一件事 pages: the public list and guide with the savings, the one form with one upload per material,
the application page with sub-cases and the combined 补正, the workbench detail and the savings dashboard."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tongban.bundles.models import BundleCase
from tongban.bundles.plan import plan_of
from tongban.files.tests.samples import pdf


def _client(user=None):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_list_and_guide_are_public(world):
    page = _client().get("/bundles/").content.decode()
    assert "企业开办一件事" in page and "4 张表合为 1 张" in page
    guide = _client().get("/bundles/QYKB/").content.decode()
    assert "在“公司设立登记”准予后自动办理" in guide and "仅当是否招用员工为“是”时办理" in guide
    assert "data-savings" in guide and "公司章程" in guide
    assert _client().get("/bundles/NOPE/").status_code == 404


def test_apply_in_one_form_with_one_upload_per_material(world, form, django_capture_on_commit_callbacks):
    c = _client(world.applicant_user)
    r = c.post("/bundles/QYKB/start/")
    bc = BundleCase.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/bundles/applications/{bc.pk}/edit/"
    page = c.get(r["Location"]).content.decode()
    assert page.count('type="file"') == len(plan_of(world.bundle).materials) == 4
    post = {f"field_{k}": ("true" if v is True else str(v)) for k, v in form.items()}
    # Submitting without the materials: the form keeps what was typed and names what is missing.
    r = c.post(f"/bundles/applications/{bc.pk}/edit/", {**post, "action": "submit"})
    assert r.status_code == 422 and "请上传“公司章程”" in r.content.decode()
    assert "苏州一件事科技有限公司" in r.content.decode()
    files = {f"material_{m.code}": SimpleUploadedFile(f"{m.code}.pdf", pdf(m.code), "application/pdf")
             for m in plan_of(world.bundle).materials}
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/bundles/applications/{bc.pk}/edit/", {**post, **files, "action": "submit"})
    assert r.status_code == 302 and r["Location"] == f"/bundles/applications/{bc.pk}/"
    detail = c.get(r["Location"]).content.decode()
    assert 'data-status="intake"' in detail and 'data-member="seal"' in detail and 'data-state="waiting"' in detail
    bc.refresh_from_db()
    assert "公司设立登记" in detail and bc.number in detail
    mine = c.get("/bundles/mine/").content.decode()
    assert "企业开办一件事" in mine


def test_workbench_combined_supplement_and_savings_dashboard(world, form, django_capture_on_commit_callbacks):
    from tongban.bundles import services
    from tongban.bundles.tests.conftest import upload

    bc = services.bundle_case_draft(actor=world.applicant_user, version=world.bundle, person=world.person,
                                    form_data=form)
    for m in plan_of(world.bundle).materials:
        services.bundle_attach(actor=world.applicant_user, bundle_case=bc, code=m.code,
                               file=upload(world.applicant_user, m.code))
    with django_capture_on_commit_callbacks(execute=True):
        bc = services.bundle_submit(actor=world.applicant_user, bundle_case=bc)
    clerk = _client(world.clerk.user)
    page = clerk.get(f"/workbench/bundles/{bc.pk}/").content.decode()
    assert "出具补正告知书" in page and "cases_admin" not in page
    assert clerk.get("/workbench/bundles/").content.decode().count(bc.number) == 1
    r = clerk.post(f"/workbench/bundles/{bc.pk}/supplement/", {"code": ["articles"], "reason_articles": "缺签字"})
    assert r.status_code == 302
    bc.refresh_from_db()
    assert bc.status == "supplement"
    # The applicant answers once on the application page.
    c = _client(world.applicant_user)
    assert "请补正材料（一次性告知）" in c.get(f"/bundles/applications/{bc.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/bundles/applications/{bc.pk}/supplement/",
               {"material_articles": SimpleUploadedFile("新章程.pdf", pdf("新章程"), "application/pdf")})
    bc.refresh_from_db()
    assert bc.status == "intake"
    # A reviewer of another department sees the bundle (one of its sub-cases is theirs), not the clerk's forms.
    page = _client(world.staff["hr"].reviewer.user).get(f"/workbench/bundles/{bc.pk}/").content.decode()
    assert "社会保险登记" in page and "出具补正告知书" not in page
    dash = _client(world.inspector.user).get("/workbench/bundles/savings/").content.decode()
    assert "echarts.min.js" in dash and 'id="savings-data"' in dash and "企业开办一件事" in dash
    assert _client(world.applicant_user).get("/workbench/bundles/savings/").status_code == 403


def test_a_window_clerk_registers_a_walk_in_bundle(world, form, django_capture_on_commit_callbacks):
    from tongban.org.models import Hall, Window

    hall = Hall.objects.create(name="市民中心", region=world.city, department=world.bureau)
    window = Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive", department=world.bureau)
    clerk = _client(world.clerk.user)
    r = clerk.post("/workbench/bundles/register/", {"bundle": "QYKB", "window": window.pk, "id_number": "110105194912310000"})
    assert r.status_code == 400 and "请先在“窗口收件”页面登记申请人" in r.content.decode()
    r = clerk.post("/workbench/bundles/register/", {"bundle": "QYKB", "window": window.pk,
                                                    "id_number": world.person.id_number})
    bc = BundleCase.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/workbench/bundles/{bc.pk}/edit/"
    assert bc.channel == "window" and bc.receiving_window == window and bc.submitted_by == world.clerk.user
    post = {f"field_{k}": ("true" if v is True else str(v)) for k, v in form.items()}
    files = {f"material_{m.code}": SimpleUploadedFile(f"{m.code}.pdf", pdf(m.code), "application/pdf")
             for m in plan_of(world.bundle).materials}
    with django_capture_on_commit_callbacks(execute=True):
        r = clerk.post(f"/workbench/bundles/{bc.pk}/edit/", {**post, **files, "action": "submit"})
    assert r.status_code == 302 and r["Location"] == f"/workbench/bundles/{bc.pk}/"
    bc.refresh_from_db()
    assert bc.submitted and all(link.case.channel == "window" for link in bc.member_cases.filter(case__isnull=False))
    with django_capture_on_commit_callbacks(execute=True):
        r = clerk.post(f"/workbench/bundles/{bc.pk}/accept/")
    assert "已一窗受理 3 个子项" in clerk.get(f"/workbench/bundles/{bc.pk}/").content.decode()
