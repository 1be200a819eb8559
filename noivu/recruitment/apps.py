from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "noivu.recruitment"
    label = "recruitment"
    verbose_name = "Tuyển dụng, thu hút nhân tài"

    def ready(self) -> None:
        # Register the demo step, the part of a person's record and the background jobs (for the workers,
        # which never load the URL configuration).
        from noivu.core.files import delete_orphaned_files
        from noivu.recruitment import demo, dossier, jobs  # noqa: F401
        from noivu.recruitment.models import ApplicationDocument

        # A file no application document names any more (removed, replaced, its plan deleted) is deleted.
        delete_orphaned_files(ApplicationDocument)
