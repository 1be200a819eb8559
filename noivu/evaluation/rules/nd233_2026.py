"""Nghị định 233/2026/NĐ-CP (public employees, periods ending from 1/7/2026): the same four levels on a
100-point scale and the same bands as Nghị định 335/2025; quantity, quality and timeliness for non-managers
(Điều 11.2), plus the unit's results, organising capacity and rallying of staff for managers (Điều 11.3).
The decree sets no formula: each unit's evaluation regulation sets the points (Điều 12.5); the rule table's
``task_points`` row stands for that regulation until the unit issues its own. The head of a unit may not be
rated above the unit (Điều 12.7); at most 20 % of those rated "hoàn thành tốt" may be rated "xuất sắc",
25 % in a unit recognised for outstanding results (Điều 12.6)."""

from noivu.evaluation.rules.nd335_2025 import level_of, score, year_score

CITATION = "Nghị định 233/2026/NĐ-CP, Điều 10–12"

__all__ = ["CITATION", "level_of", "score", "year_score"]
