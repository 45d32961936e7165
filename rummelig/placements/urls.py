from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("", views.placement_list, name="list"),
    path("eksport.xlsx", views.placement_export, name="export"),
    path("ny/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/rediger/", views.placement_edit, name="edit"),
    path("<int:pk>/annuller/", views.placement_annul, name="annul"),
    path("soeg-person/", views.person_search, name="person_search"),
    path("arbejdspladser-i-center/", views.workplace_options, name="workplace_options"),
    path("ansaettelser-for-person/", views.employment_options, name="employment_options"),
]
