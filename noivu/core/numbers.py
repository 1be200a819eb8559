"""Numbers as the user's language writes them: 5.000 in Vietnamese, 5,000 in English."""

from django.utils.formats import number_format


def grouped(value: int) -> str:
    """A count with its thousands grouped in the active language (5.000 / 5,000)."""
    return number_format(value, force_grouping=True)
