"""Money in integer đồng.

Coefficients (hệ số) are exact two-decimal values; amounts are whole đồng. Rounding follows the
usual half-up rule of payroll practice, never binary floating point. Amounts are written in the
language of the page: 2.340.000 đ in Vietnamese, 2,340,000 VND in English.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

Dong = int


def to_dong(value: Decimal | int | str) -> Dong:
    """Round an exact amount to whole đồng, half up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def coefficient_amount(coefficient: Decimal | str, base_salary: Dong) -> Dong:
    """Amount of a salary coefficient at a base salary: hệ số × mức lương cơ sở, in đồng."""
    return to_dong(Decimal(coefficient) * base_salary)


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def format_amount(amount: Dong) -> str:
    """The figure of an amount, grouped as the page's language writes it: 2.340.000 / 2,340,000."""
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,}"
    return sign + (grouped if _english() else grouped.replace(",", "."))


def format_dong(amount: Dong) -> str:
    """An amount as the sector writes it: 2.340.000 đ in Vietnamese, 2,340,000 VND in English."""
    return f"{format_amount(amount)} {'VND' if _english() else 'đ'}"
