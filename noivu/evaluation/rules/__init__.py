"""One module per evaluation regime (chế độ đánh giá), each with the date it rates from and its citation;
:func:`noivu.evaluation.engine.regime_for` picks the one in force on the last day of the period."""
