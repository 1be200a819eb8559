from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from noivu.core.money import coefficient_amount, format_dong, to_dong
from noivu.core.numbers import grouped


def test_coefficient_amount_is_exact_integer_dong():
    # 2.34 × 2,340,000 = 5,475,600 exactly; binary floats would give 5475599.999…
    assert coefficient_amount("2.34", 2_340_000) == 5_475_600
    assert coefficient_amount(Decimal("4.98"), 1_800_000) == 8_964_000


def test_to_dong_rounds_half_up():
    assert to_dong(Decimal("1234.5")) == 1235
    assert to_dong(Decimal("1234.49")) == 1234


def test_format_dong_uses_dot_grouping():
    with translation.override("vi"):
        assert format_dong(2_340_000) == "2.340.000 đ"
        assert format_dong(-50_000) == "-50.000 đ"


def test_money_and_counts_are_written_as_the_pages_language_writes_them():
    with translation.override("en"):
        assert format_dong(2_530_000) == "2,530,000 VND"
        assert format_dong(-50_000) == "-50,000 VND"
        assert grouped(5000) == "5,000"
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 12345})) == "12,345"
    with translation.override("vi"):
        assert format_dong(2_530_000) == "2.530.000 đ"
        assert grouped(5000) == "5.000"
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 12345})) == "12.345"
