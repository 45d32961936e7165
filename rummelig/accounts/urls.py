from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="list"),
    path("ny/", views.user_create, name="create"),
    path("<int:pk>/", views.user_detail, name="detail"),
    path("<int:pk>/rediger/", views.user_edit, name="edit"),
    path("<int:pk>/deaktiver/", views.user_deactivate, name="deactivate"),
    path("<int:pk>/genaktiver/", views.user_reactivate, name="reactivate"),
    path("<int:pk>/roller/ny/", views.role_grant, name="role_grant"),
    path("<int:pk>/roller/<int:assignment_pk>/fjern/", views.role_revoke, name="role_revoke"),
    path("<int:pk>/tokens/<int:token_pk>/tilbagekald/", views.token_revoke, name="token_revoke"),
    path("person/<int:person_pk>/knyt/", views.person_link, name="person_link"),
    path("person/<int:person_pk>/fjern-knytning/", views.person_unlink, name="person_unlink"),
]
