from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: depends on every app, nothing depends on it."""

    name = "tongban.demo"
    verbose_name = "演示数据"
