from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "noivu.personnel"
    label = "personnel"
    verbose_name = "Hồ sơ cán bộ, công chức, viên chức"

    def ready(self) -> None:
        # Its dashboard card, unit panel and tree counts, shown by reports and organizations.
        import noivu.personnel.cards  # noqa: F401

        # Its statistical report of the quantity and quality of cadres, shown by reports.
        import noivu.personnel.quality_report  # noqa: F401

        # Its statistical report of the retirements due, shown by reports.
        import noivu.personnel.retirement.report  # noqa: F401

        # People and addresses follow an adopted arrangement of communes (admin_units' registry).
        from noivu.personnel import arrangement  # noqa: F401

        # Register the background jobs for the workers, which never load the URL configuration.
        from noivu.personnel.addresses import jobs as address_jobs  # noqa: F401
        from noivu.personnel.dossier import parts  # noqa: F401  (personnel's own parts of the record)
        from noivu.personnel.excel import jobs as excel_jobs  # noqa: F401
