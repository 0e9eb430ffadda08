from django.apps import AppConfig


class TradingConfig(AppConfig):
    name = "tongban.trading"
    label = "trading"
    verbose_name = "公共资源交易"
