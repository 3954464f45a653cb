"""Personal data as shown to staff who do not need it in full (最小必要)."""


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234."""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧**娜: the first character, and the last one for long names."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
