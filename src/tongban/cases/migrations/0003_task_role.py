# Case.task_role: the role of the case's active review step, copied onto the case so that 我的待办 reads a
# reviewer's tasks from one index (0004) instead of probing the steps of every case in review.

from django.db import migrations, models

BACKFILL = """
UPDATE cases_case SET task_role = COALESCE(
    (SELECT s.role FROM cases_casestep s WHERE s.case_id = cases_case.id AND s.state = 'active'), '')
WHERE status = 'in_review'
"""


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_postgresql_scale_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="task_role",
            field=models.CharField(blank=True, default="", editable=False, max_length=24, verbose_name="当前环节角色"),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=False),
    ]
