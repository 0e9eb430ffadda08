"""Django settings, read from the environment.

`TONGBAN_ENV=production` switches on the hardened defaults checked by `tongban check --deploy`;
anything else is the demo/development mode used by `make run` and the tests.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TONGBAN_VAR_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("TONGBAN_ENV", "development") == "production"
DEBUG = not PRODUCTION and os.environ.get("TONGBAN_DEBUG", "1") == "1"


def _env_list(name: str, default: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment; in demo mode generated once into var/ (never in the repository)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("生产模式必须通过环境变量 SECRET_KEY 设置密钥 (SECRET_KEY is required in production).")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "tongban.core",
    "tongban.holidays",
    "tongban.audit",
    "tongban.org",
    "tongban.people",
    "tongban.files",
    "tongban.seals",
    "tongban.catalog",
    "tongban.cases",
    "tongban.trading",
    "tongban.bundles",
    "tongban.web",
    "tongban.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tongban.web.middleware.ChoiceLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tongban.core.middleware.ServiceErrorMiddleware",
    "tongban.holidays.middleware.OneCalendarPerRequest",
]

ROOT_URLCONF = "tongban.urls"
WSGI_APPLICATION = "tongban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tongban.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tongban.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so two writers
    # queue instead of failing half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workbench"
LOGOUT_REDIRECT_URL = "web:portal"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Serve straight from the apps' static folders until collectstatic has run (demo mode needs no build step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Files: the filesystem by default; any S3-compatible store (MinIO, OSS, COS …) by setting TONGBAN_STORAGE=s3.
if os.environ.get("TONGBAN_STORAGE", "filesystem") == "s3":
    _file_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", "tongban"),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "region_name": os.environ.get("S3_REGION") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    _file_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _file_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Seals: the public address printed in QR codes and certificates, and the key-encryption key for seal keys
# (demo mode generates one into var/; production requires it). TONGBAN_SEAL_KEY_BACKEND: database | pkcs11.
TONGBAN_PUBLIC_URL = os.environ.get("TONGBAN_PUBLIC_URL", "http://127.0.0.1:8000")
TONGBAN_SEAL_KEK = os.environ.get("TONGBAN_SEAL_KEK", "")
if PRODUCTION and len(TONGBAN_SEAL_KEK) < 32:
    raise ImproperlyConfigured("生产模式必须设置 TONGBAN_SEAL_KEK（至少 32 个字符的随机密钥）。")
TONGBAN_SEAL_KEY_BACKEND = os.environ.get("TONGBAN_SEAL_KEY_BACKEND", "database")

# Upload limits (files app): a regional deployment may change them.
TONGBAN_UPLOAD_MAX_BYTES = int(os.environ.get("TONGBAN_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The statutory clock (tongban.clock): a case is 临期 when this many working days or fewer are left.
TONGBAN_DUE_SOON_WORKDAYS = int(os.environ.get("TONGBAN_DUE_SOON_WORKDAYS", 3))
# Whether a 调休 make-up weekend day counts as a working day for statutory deadlines
# (legal-rules.md §0: unconfirmed in statute; practice says it does, so that is the default).
TONGBAN_MAKEUP_DAYS_COUNT = os.environ.get("TONGBAN_MAKEUP_DAYS_COUNT", "1") == "1"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tongban@localhost")
# SMS: a class with send(phone, text); the default prints to the console.
# 数据铁笼: the collusion model file saved by `tongban collusion fit`. Empty: lots are ranked by the rules and the
# statistical screens (a ranking, clearly labelled on the pages), not scored by a model.
TONGBAN_COLLUSION_MODEL = os.environ.get("TONGBAN_COLLUSION_MODEL", "")
TONGBAN_SMS_BACKEND = os.environ.get("TONGBAN_SMS_BACKEND", "tongban.cases.sms.ConsoleSmsBackend")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
