"""The letterhead's settings. Each column has a database default, so that rows written by code
that predates it (a migration test's historical models, a server not yet restarted) still save."""


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0017_report_settings_and_export'),
    ]

    operations = [
        migrations.AddField(
            model_name='branch',
            name='address',
            field=models.TextField(blank=True, db_default='', default='', help_text="Printed on the branch's letterhead, a line each.", max_length=500, verbose_name='postal address'),
        ),
        migrations.AddField(
            model_name='branch',
            name='full_name',
            field=models.CharField(blank=True, db_default='', default='', help_text='As a letter names the branch, e.g. Main Library. The short name if blank.', max_length=200),
        ),
        migrations.AddField(
            model_name='librarysettings',
            name='library_name',
            field=models.CharField(db_default='The Public Library', default='The Public Library', help_text='At the head of every letter and under every signature.', max_length=200),
        ),
        migrations.AddField(
            model_name='staffprofile',
            name='job_title',
            field=models.CharField(blank=True, db_default='', default='', help_text='Under their name when they sign a letter, e.g. Branch Supervisor.', max_length=100),
        ),
    ]
