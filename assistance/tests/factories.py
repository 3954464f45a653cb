from entities.credit_code import with_check

# Valid 统一社会信用代码 of invented enterprises.
CODES = [with_check(f"9143010{n}MA4L00000") for n in range(1, 6)]
