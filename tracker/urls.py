from django.contrib import admin
from django.urls import include, path

from .health import healthz

admin.site.site_header = "Toezeggingen"
admin.site.site_title = "Toezeggingen"
admin.site.index_title = "Griffie"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("commitments.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("commitments.urls")),
]
