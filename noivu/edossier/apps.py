from django.apps import AppConfig


class EdossierConfig(AppConfig):
    name = "noivu.edossier"
    label = "edossier"
    verbose_name = "Hồ sơ điện tử (Nghị định 27/2026/NĐ-CP)"

    def ready(self) -> None:
        # Register the record's completeness section, the outbox's audit listener, the listener keeping a
        # personal account's user name the dossier identifier, the export job and the demo step; install
        # the triggers marking stale stored documents after every migrate.
        from django.db.models.signals import post_migrate

        from noivu.core.files import delete_orphaned_files
        from noivu.edossier import demo, documents, dossier, jobs, sync  # noqa: F401
        from noivu.edossier.models import ChangeProposal
        from noivu.edossier.selfservice import actions  # noqa: F401

        delete_orphaned_files(ChangeProposal, "attachment")
        post_migrate.connect(documents.install_triggers, sender=self, dispatch_uid="edossier.triggers")
