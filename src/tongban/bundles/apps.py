from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "tongban.bundles"
    verbose_name = "一件事"

    def ready(self) -> None:
        from tongban.bundles import receivers  # noqa: F401 — connects to cases.signals.case_event
