from django.urls import path

from . import feeds, views
from .exports import views as exports
from .rappel import views as rappel
from .subscriptions import views as subscriptions

app_name = "commitments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("toezeggingen/", views.commitment_list, name="commitment_list"),
    path("toezeggingen/export.csv", exports.commitments_csv, name="commitment_export"),
    path("toezeggingen/deadlines.ics", feeds.deadlines_ics, name="deadlines_ics"),
    path("toezeggingen/feed.atom", feeds.changes_atom, name="changes_atom"),
    path("toezeggingen/<int:pk>/", views.commitment_detail, name="commitment"),
    path("toezeggingen/<int:pk>/volgen/", subscriptions.follow, name="follow"),
    path("abonnementen/", subscriptions.subscriptions, name="subscriptions"),
    path("abonnementen/nieuw/", subscriptions.subscribe, name="subscribe"),
    path("abonnementen/<int:pk>/opzeggen/", subscriptions.delete_subscription, name="subscription_delete"),
    path("abonnementen/afmelden/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("moties/", views.motion_index, name="motion_index"),
    path("moties/export.csv", exports.motions_csv, name="motion_export"),
    path("moties/<str:identifier>/", views.motion_detail, name="motion"),
    path("kamerstukken/<str:identifier>/", views.document_detail, name="document"),
    path("dossiers/", views.dossier_index, name="dossier_index"),
    path("dossiers/<str:slug>/", views.dossier_detail, name="dossier"),
    path("personen/", views.person_index, name="person_index"),
    path("ministeries/", views.ministry_index, name="ministry_index"),
    path("commissies/", views.committee_index, name="committee_index"),
    path("personen/<int:pk>/", views.person_detail, name="person"),
    path("ministeries/<str:abbreviation>/", views.ministry_detail, name="ministry"),
    path("commissies/<str:abbreviation>/", views.committee_detail, name="committee"),
    path("rappel/", rappel.rappel_index, name="rappel_index"),
    path("rappel/<str:ministry>/", rappel.rappel_ministry, name="rappel_ministry"),
    path("rappel/<str:ministry>/export.csv", rappel.rappel_export, name="rappel_export"),
    path("rappel/<str:ministry>/besluiten/", rappel.rappel_decisions, name="rappel_decisions"),
]
