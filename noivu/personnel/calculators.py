"""The calculators of personnel records, found by ``core`` at start-up under this module name; each
feature registers its own."""

from noivu.personnel.identity import calculators as identity
from noivu.personnel.retirement import calculators as retirement

__all__ = ["identity", "retirement"]
