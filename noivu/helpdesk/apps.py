from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "noivu.helpdesk"
    label = "helpdesk"
    verbose_name = "Đường dây nóng, hỏi đáp, hướng dẫn nghiệp vụ"

    def ready(self) -> None:
        # Its dashboard cards and its part of the demo data set.
        from noivu.core.files import delete_orphaned_files
        from noivu.helpdesk import cards, demo  # noqa: F401
        from noivu.helpdesk.models import Attachment, EventMaterial

        # A file no attachment or material names any more is deleted from the storage.
        delete_orphaned_files(Attachment)
        delete_orphaned_files(EventMaterial)
