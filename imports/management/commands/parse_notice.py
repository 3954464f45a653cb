"""python manage.py parse_notice FILE --json — print what the parser reads from a notice."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.parser import NoticeParseError, parse_file


class Command(BaseCommand):
    help = "解析上级“质量月”通知或方案文件（TXT/DOCX/PDF），输出结构化结果。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="通知文件路径（.txt / .docx / .pdf）")
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        parser.add_argument(
            "--with-text", action="store_true", help="保留各章节正文（默认省略以便阅读）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = parse_file(options["file"]).to_json()
        except NoticeParseError as exc:
            raise CommandError(f"解析失败：{exc}") from exc
        if not options["with_text"]:
            for section in result["sections"]:
                section.pop("text", None)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for key, value in result.items():
            if key in ("sections", "original_text"):
                continue
            shown = (
                value
                if isinstance(value, str | int | type(None))
                else json.dumps(value, ensure_ascii=False)
            )
            self.stdout.write(f"{key}: {shown}")
