# English screens keep the Vietnamese administrative habit of dd/mm/yyyy dates, and group figures as
# English does: 2,530,000 VND, 5,000 records.
from noivu.formats.vi.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
DECIMAL_SEPARATOR = "."
