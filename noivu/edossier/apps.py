from django.apps import AppConfig


class EdossierConfig(AppConfig):
    name = "noivu.edossier"
    label = "edossier"
    verbose_name = "Hồ sơ điện tử (Nghị định 27/2026/NĐ-CP)"

    def ready(self) -> None:
        # Register the record's completeness section, the outbox's audit listener and the demo step.
        from noivu.core.files import delete_orphaned_files
        from noivu.edossier import demo, dossier, sync  # noqa: F401
        from noivu.edossier.models import ChangeProposal

        delete_orphaned_files(ChangeProposal, "attachment")
