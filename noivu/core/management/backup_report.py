"""The operator's summary of a backup or a restore, shared by the two commands."""

from noivu.core.backup import Report

STEPS = {"database": "cơ sở dữ liệu", "manifest": "bản kê", "media": "tệp", "verify": "đối chiếu"}


def describe(heading: str, report: Report) -> str:
    durations = ", ".join(
        f"{STEPS.get(step, step)} {seconds:.1f} s" for step, seconds in report.durations.items()
    )
    return (
        f"{heading}: {report.tables} bảng, {report.rows:,} dòng, {report.sampled_rows} bản ghi mẫu, "
        f"{report.files} tệp ({report.file_bytes:,} byte); thời gian: {durations}"
    )
