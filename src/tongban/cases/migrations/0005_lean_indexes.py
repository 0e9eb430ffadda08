# Fewer indexes on cases_case: each one is updated by every application's INSERT and by every step that changes
# an indexed column (docs/benchmarks.md, cases at scale). Dropped: a second index on applicant_name, the indexes
# of status (and its LIKE variant), due_on, department and item_version (composite indexes lead with each), and
# on PostgreSQL the LIKE variant of number (a case number is looked up whole).

import django.db.models.deletion
from django.db import migrations, models

import tongban.cases.domain

# Django's name for the varchar_pattern_ops index it adds to a unique CharField on PostgreSQL.
NUMBER_LIKE = "cases_case_number_980c9551_like"


def drop_number_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NUMBER_LIKE}"')


def restore_number_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{NUMBER_LIKE}" ON cases_case (number varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_postgresql_task_index'),
        ('catalog', '0003_legal_basis_order'),
        ('org', '0002_department_code'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='cases_applicant_idx',
        ),
        migrations.RunPython(drop_number_like, restore_number_like, elidable=False),
        migrations.AlterField(
            model_name='case',
            name='department',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='org.department', verbose_name='办理部门'),
        ),
        migrations.AlterField(
            model_name='case',
            name='due_on',
            field=models.DateField(blank=True, null=True, verbose_name='决定期限'),
        ),
        migrations.AlterField(
            model_name='case',
            name='item_version',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='catalog.itemversion', verbose_name='事项版本'),
        ),
        migrations.AlterField(
            model_name='case',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('received', '待受理'), ('supplement_requested', '待补正'), ('in_review', '审查中'), ('decided', '已决定待送达'), ('refused', '不予受理待送达'), ('concluded', '已办结'), ('withdrawn', '已撤回')], default=tongban.cases.domain.Status['DRAFT'], max_length=24, verbose_name='状态'),
        ),
    ]
