import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tongban.audit.models import AuditEntry
from tongban.audit.selectors import audit_verify, subject_views
from tongban.audit.services import audit_personal_read, audit_record


@pytest.fixture
def chain(db, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x")
    for i in range(5):
        audit_record(actor=user, action="test.change", summary=f"变更 {i}", data={"n": i, "名称": "测试"})
    return user


def _raw(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_intact_chain_verifies(chain, capsys):
    count, problems = audit_verify()
    assert (count, problems) == (5, [])
    call_command("audit", "verify")
    assert "审计链完整：共 5 条记录" in capsys.readouterr().out


def test_each_entry_links_to_the_previous_hash(chain):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]


def test_altered_entry_is_named(chain):
    _raw("UPDATE audit_auditentry SET summary = %s WHERE seq = 3", ["被改过"])
    _, problems = audit_verify()
    assert [p.message for p in problems] == ["第 3 条内容被篡改（哈希不符）"]
    with pytest.raises(CommandError, match="发现 1 处问题"):
        call_command("audit", "verify")


def test_deleted_entry_is_named(chain):
    _raw("DELETE FROM audit_auditentry WHERE seq = 2")
    _, problems = audit_verify()
    assert problems[0].message.startswith("第 2 条已被删除")


def test_deleted_tail_is_named(chain):
    _raw("DELETE FROM audit_auditentry WHERE seq = 5")
    _, problems = audit_verify()
    assert [p.message for p in problems] == ["第 5 条已被删除（链尾缺失）"]


def test_reordered_entries_are_named(chain):
    # Swap the stored positions of rows 2 and 3 with their contents intact, as an attacker reordering rows would.
    id2, id3 = (AuditEntry.objects.get(seq=s).id for s in (2, 3))
    _raw("UPDATE audit_auditentry SET id = %s WHERE id = %s", [10_000, id2])
    _raw("UPDATE audit_auditentry SET id = %s WHERE id = %s", [id2, id3])
    _raw("UPDATE audit_auditentry SET id = %s WHERE id = %s", [id3, 10_000])
    _, problems = audit_verify()
    assert [p.message for p in problems] == ["第 3 条顺序被调换（写入顺序与序号不符）"]


def test_application_cannot_update_or_delete(chain):
    entry = AuditEntry.objects.first()
    entry.summary = "x"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_personal_read_is_visible_to_the_subject(chain):
    audit_personal_read(actor=chain, subject="person:7", target=None, fields=["身份证号"], purpose="受理核验")
    views = list(subject_views(subject="person:7"))
    assert len(views) == 1 and views[0].actor_label == "clerk" and "身份证号" in views[0].summary
