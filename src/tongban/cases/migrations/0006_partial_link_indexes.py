# The case's optional links (zone, receiving window, company applicant, agent) indexed only where set: most cases
# have none of them, and a full index takes an entry for every case on every INSERT (docs/benchmarks.md, cases at
# scale). Every lookup by them is `= id`, which a partial index WHERE … IS NOT NULL serves.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_lean_indexes'),
        ('catalog', '0003_legal_basis_order'),
        ('org', '0002_department_code'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='case',
            name='agent',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='agent_cases', to='people.naturalperson', verbose_name='代办人'),
        ),
        migrations.AlterField(
            model_name='case',
            name='applicant_legal',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='people.legalperson', verbose_name='申请人（法人）'),
        ),
        migrations.AlterField(
            model_name='case',
            name='receiving_window',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='org.window', verbose_name='收件窗口'),
        ),
        migrations.AlterField(
            model_name='case',
            name='zone',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='org.zone', verbose_name='赋权开发区'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('zone__isnull', False)), fields=['zone'], name='cases_zone_set_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('receiving_window__isnull', False)), fields=['receiving_window'], name='cases_receiving_window_set_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('applicant_legal__isnull', False)), fields=['applicant_legal'], name='cases_applicant_legal_set_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('agent__isnull', False)), fields=['agent'], name='cases_agent_set_idx'),
        ),
    ]
