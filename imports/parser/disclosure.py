"""The metadata table a government disclosure page (政府信息公开) puts above the text.

    索引号: | 1115…/202209-00022 | 组配分类: | 产品质量 |
    名称: | …关于印发…的通知 | 文号: | 呼市监质量字〔2022〕5号 |
    成文日期: | 2022-09-02 | 发布日期: | 2022-09-02 |

It states the title, number, date and issuer outright, so it beats anything read from the
text; its rows are taken out of the text so they are not mistaken for the document's own lines.
"""

from __future__ import annotations

import re

from . import rules


def read(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Return (field → value, the lines without the table's rows)."""
    found: dict[str, str] = {}
    rest: list[str] = []
    for line in lines:
        row = rules.DISCLOSURE_ROW.match(line)
        # "文号：| …号 | 发布日期：| …": a row of the table, read cell by cell below.
        plain = None if row else rules.DISCLOSURE_LINE.match(line)
        if plain:
            # Kept in the text too: unlike the table's cells, the line reads as a sentence.
            found.setdefault(rules.DISCLOSURE_LABELS[plain.group(1)], plain.group(2))
        if not row:
            rest.append(line)
            continue
        cells = [c.strip() for c in line.split("|")]
        for label, value in zip(cells, cells[1:], strict=False):
            key = rules.DISCLOSURE_LABELS.get(re.sub(r"[\s：:]", "", label))
            if key and value and key not in found:
                found[key] = value
    return found, rest


def iso_date(value: str | None) -> str | None:
    """ "2022-09-02" or "2022年9月2日" → "2022-09-02"."""
    m = rules.ISO_DATE.search(value or "")
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
