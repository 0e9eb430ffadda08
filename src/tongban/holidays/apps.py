from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HolidaysConfig(AppConfig):
    name = "tongban.holidays"
    verbose_name = _("节假日与工作日")

    def ready(self) -> None:
        # WorkCalendar.default() now answers from the database (tongban.holidays.selectors.calendar_from_database).
        from tongban.clock import set_default_provider
        from tongban.holidays.selectors import calendar_from_database

        set_default_provider(calendar_from_database)
