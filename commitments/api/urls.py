"""/api/v1/ (the resources and the integration writes), /api/schema/ and its documentation pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views, writes

app_name = "api"

router = DefaultRouter()
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("motions", views.MotionViewSet, basename="motion")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("dossiers", views.DossierViewSet, basename="dossier")
router.register("persons", views.PersonViewSet, basename="person")
router.register("ministries", views.MinistryViewSet, basename="ministry")
router.register("committees", views.CommitteeViewSet, basename="committee")

urlpatterns = [
    path("v1/letters/", writes.RegisterLetterView.as_view(), name="letter-register"),
    path("v1/letters/<str:identifier>/closures/", writes.CloseWithLetterView.as_view(), name="letter-close"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
