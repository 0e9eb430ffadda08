from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradingConfig(AppConfig):
    name = "tongban.trading"
    verbose_name = _("公共资源交易")
