"""The 统一社会信用代码 (unified social credit code) of GB 32100-2015.

Eighteen characters from a 31-character alphabet (the digits and the capitals without I, O,
Z, S, V, which read like digits); the last is a check character computed from the other
seventeen with fixed weights, modulo 31. A mistyped character, or two swapped, changes it, so
a code copied wrongly from a licence is caught at entry rather than at the inspection.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th character for the first seventeen (which must be in the alphabet)."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    """As clerks type it: spaces removed, upper case (the alphabet is capitals only)."""
    return "".join(code.split()).upper()


def problem(code: str) -> str | None:
    """None for a valid code, else which rule it breaks: "length", "character" or "check"."""
    if len(code) != LENGTH:
        return "length"
    if any(char not in ALPHABET for char in code):
        return "character"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None


def is_valid(code: str) -> bool:
    return problem(code) is None


def with_check(first17: str) -> str:
    """A whole code from its first seventeen characters (for demo data and tests)."""
    return first17 + check_character(first17)
