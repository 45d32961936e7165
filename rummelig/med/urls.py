from django.urls import path

from . import views

app_name = "med"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("nyt/", views.committee_edit, name="create"),
    path("indlaes/", views.load, name="load"),
    path("indlaes/skabelon.xlsx", views.load_template, name="load_template"),
    path("temaer/", views.themes, name="themes"),
    path("temaer/nyt/", views.theme_edit, name="theme_create"),
    path("temaer/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("<int:pk>/", views.committee_detail, name="detail"),
    path("<int:pk>/rediger/", views.committee_edit, name="edit"),
    path("<int:committee_pk>/pladser/ny/", views.membership_edit, name="membership_create"),
    path("<int:committee_pk>/pladser/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("<int:committee_pk>/pladser/<int:pk>/slet/", views.membership_delete, name="membership_delete"),
    path("<int:committee_pk>/temaer/nyt/", views.theme_edit, name="local_theme_create"),
    path("<int:committee_pk>/moeder/nyt/", views.meeting_create, name="meeting_create"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moeder/<int:pk>/referat.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("moeder/<int:meeting_pk>/punkter/nyt/", views.item_edit, name="item_create"),
    path("moeder/<int:meeting_pk>/punkter/<int:pk>/", views.item_edit, name="item_edit"),
]
