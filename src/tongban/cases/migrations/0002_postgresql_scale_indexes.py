# Written by hand: PostgreSQL-only indexes for the workbench lists at scale, measured by
# bench/bench_cases_scale.py on 1,000,000 cases (figures and EXPLAIN ANALYZE before/after in docs/benchmarks.md).
# Other backends need nothing here: SQLite deployments are one office's cases, where the model's indexes do.
#
# Built CONCURRENTLY (so the migration never blocks a running system's writes on a large cases table), hence the
# migration is not atomic; IF [NOT] EXISTS makes a retry after an interrupted build safe.
#
# 1. cases_active_due_idx — the department queue and 我的待办 in deadline order (selectors.department_queue,
#    my_tasks, overdue_cases): a partial index over the cases still in progress (about 7 % of all cases), in
#    (due_on, received_on) order. Without it PostgreSQL walks the due_on index from the oldest deadline — the
#    concluded cases of three years ago — to find the first 50 active ones: ~830,000 rows read for one page.
#    Department and status are in the index so that "in review, in these departments" is checked without
#    reading the table, which is also what lets the planner see that this index is the cheap way.
# 2. cases_step_active_idx — which case has an active step for which role (my_tasks): the active steps are ~2 % of
#    cases_casestep; without it every 我的待办 page scans the whole steps table.
# 3. cases_dept_status_received_idx — search by status and received-date range, newest first, within a
#    department (case_search), and its count, from the index alone.
# 4. cases_received_idx — newest-first search pages over several departments (a bureau's divisions) or broad
#    filters: PostgreSQL reads backwards from the newest case until the page is full.
# 5. cases_item_received_idx — search by item, newest first, and its count from the index alone (department and
#    status carried as INCLUDE columns).
# 6. cases_item_department_stats — extended statistics: an item's cases all belong to its handling department, so
#    "item = x AND department = y" is as selective as "item = x" alone; without them PostgreSQL multiplies the two
#    selectivities, expects ~1,000 rows where there are ~30,000, and sorts the whole result instead of reading
#    the newest 50 from an index.
# 7. A finer histogram for applicant_name (statistics target 1000 instead of 100): with 100 buckets over a million
#    names PostgreSQL guesses a two-character prefix such as 孙华 matches ~10,000 cases (it matches ~180), and then
#    prefers reading the newest-first index backwards until 50 match — through the whole table when fewer exist.

from django.db import migrations

INDEXES = {
    "cases_active_due_idx": (
        "ON cases_case (due_on, received_on, department_id, status) "
        "WHERE status IN ('received', 'supplement_requested', 'in_review', 'decided', 'refused')"
    ),
    "cases_step_active_idx": "ON cases_casestep (case_id, role) WHERE state = 'active'",
    "cases_dept_status_received_idx": "ON cases_case (department_id, status, received_on, id)",
    "cases_received_idx": "ON cases_case (received_on, id)",
    "cases_item_received_idx": "ON cases_case (item_version_id, received_on, id) INCLUDE (department_id, status)",
}


STATISTICS = "cases_item_department_stats"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {definition}")
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (dependencies) ON item_version_id, department_id FROM cases_case"
    )
    schema_editor.execute("ALTER TABLE cases_case ALTER COLUMN applicant_name SET STATISTICS 1000")
    schema_editor.execute("ANALYZE cases_case")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE cases_case ALTER COLUMN applicant_name SET STATISTICS -1")
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
