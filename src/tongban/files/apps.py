from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "tongban.files"
