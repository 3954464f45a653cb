from django.db import migrations

# The categories issue #3 names; clerks can edit the list in the admin.
DEFAULT_CATEGORIES = ["宣传", "学习培训", "帮扶", "执法打假", "监督抽查", "评奖与品牌", "开放日与公众参与", "其他"]


def add_categories(apps, schema_editor):
    ActivityCategory = apps.get_model("activities", "ActivityCategory")
    for position, name in enumerate(DEFAULT_CATEGORIES, start=1):
        ActivityCategory.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_initial")]
    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
