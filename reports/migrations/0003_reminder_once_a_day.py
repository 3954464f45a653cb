from django.db import migrations, models


def keep_the_first_reminder_of_each_day(apps, schema_editor):
    """Before the new rule, an automatic reminder and a 催办 could both go out on one day."""
    SentReminder = apps.get_model("reports", "SentReminder")
    seen = set()
    extra = []
    for pk, expected_id, sent_on in SentReminder.objects.order_by("created_at", "pk").values_list(
        "pk", "expected_id", "sent_on"
    ):
        if (expected_id, sent_on) in seen:
            extra.append(pk)
        seen.add((expected_id, sent_on))
    SentReminder.objects.filter(pk__in=extra).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_reporting_flow"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="sentreminder", name="reminder_once_a_day"),
        migrations.RunPython(keep_the_first_reminder_of_each_day, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="sentreminder",
            constraint=models.UniqueConstraint(
                fields=("expected", "sent_on"), name="reminder_once_a_day"
            ),
        ),
    ]
