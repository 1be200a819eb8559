# English screens keep the Vietnamese administrative habits: dd/mm/yyyy and dot-grouped đồng.
from noivu.formats.vi.formats import *  # noqa: F403
