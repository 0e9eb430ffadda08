from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tongban.people"
    verbose_name = "申请人"
