"""Chinese numerals as they appear in dates and headings (二〇二三, 十三, 二十一)."""

from __future__ import annotations

_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def to_int(text: str) -> int | None:
    """'13' -> 13, '十三' -> 13, '二十一' -> 21, '二〇二三' -> 2023 (digit by digit)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" not in text:
        # Years are written digit by digit: 二〇二三.
        if all(ch in _DIGITS for ch in text):
            return int("".join(str(_DIGITS[ch]) for ch in text))
        return None
    tens, _, ones = text.partition("十")
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
