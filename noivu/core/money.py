"""Money in integer đồng.

Coefficients (hệ số) are exact two-decimal values; amounts are whole đồng. Rounding follows the
usual half-up rule of payroll practice, never binary floating point.
"""

from decimal import ROUND_HALF_UP, Decimal

Dong = int


def to_dong(value: Decimal | int | str) -> Dong:
    """Round an exact amount to whole đồng, half up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def coefficient_amount(coefficient: Decimal | str, base_salary: Dong) -> Dong:
    """Amount of a salary coefficient at a base salary: hệ số × mức lương cơ sở, in đồng."""
    return to_dong(Decimal(coefficient) * base_salary)


def format_dong(amount: Dong) -> str:
    """Format as the sector writes it: 2.340.000 đ."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,} đ".replace(",", ".")
