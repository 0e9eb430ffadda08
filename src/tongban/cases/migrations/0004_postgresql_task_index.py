# Written by hand, PostgreSQL only (as 0002, whose notes apply): the index 我的待办 reads a reviewer's tasks
# from — the cases in review, by department and the role of their active step (Case.task_role), in deadline
# order, with the ids: for one department's reviewer the whole list (thousands) is one index range read without
# the table, counted and ordered in one pass (selectors.urgency_page). Measured in docs/benchmarks.md.

from django.db import migrations

NAME = "cases_review_task_idx"
DEFINITION = "ON cases_case (department_id, task_role, due_on, id) WHERE status = 'in_review'"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAME} {DEFINITION}")
        schema_editor.execute("ANALYZE cases_case")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0003_task_role"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
