"""Imported notices stored their level 1 headings' numbers without the 、 ("一" for "一、"),
unlike notices written in the form: shown as "一活动主题", and turned into plain paragraphs
when the text was edited and saved. Give them the 、 they had in the document."""

import re

from django.db import migrations

BARE = re.compile(r"^[一二三四五六七八九十百零〇]+$")


def add_the_mark(apps, schema_editor):
    Notice = apps.get_model("campaigns", "Notice")
    for notice in Notice.objects.exclude(body=[]).only("pk", "body").iterator():
        changed = False
        for block in notice.body or []:
            if isinstance(block, dict) and block.get("level") == 1:
                if BARE.match(block.get("number") or ""):
                    block["number"] += "、"
                    changed = True
        if changed:
            Notice.objects.filter(pk=notice.pk).update(body=notice.body)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_notice_delivery_contact_noticeattachment_and_more")]

    operations = [migrations.RunPython(add_the_mark, migrations.RunPython.noop)]
