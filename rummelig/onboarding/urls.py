from django.urls import path

from .views import follow_up, framework, mentors, positions, templates

app_name = "onboarding"

urlpatterns = [
    path("stillinger/", positions.position_list, name="positions"),
    path("stillinger/ny/", positions.position_edit, name="position_new"),
    path("stillinger/<int:pk>/", positions.position_detail, name="position"),
    path("stillinger/<int:pk>/ret/", positions.position_edit, name="position_edit"),
    path("skabeloner/", templates.template_list, name="templates"),
    path("skabeloner/<int:pk>/", templates.template_edit, name="template"),
    path("skabeloner/<int:pk>/tilpas/", templates.template_refine, name="template_refine"),
    path("ansaettelse/<int:pk>/", follow_up.placement_follow_up, name="placement"),
    path("ansaettelse/<int:pk>/tjekliste/", follow_up.make_list, name="make_checklist"),
    path("ansaettelse/<int:pk>/punkt/<int:item_pk>/", follow_up.tick_item, name="tick"),
    path("ansaettelse/<int:pk>/mentor/", follow_up.add_mentor, name="add_mentor"),
    path("ansaettelse/<int:pk>/evaluering/", follow_up.add_evaluation, name="add_evaluation"),
    path("ansaettelse/<int:pk>/opfoelgning/", follow_up.add_follow_up, name="add_follow_up"),
    path("mentor/", mentors.mentee_list, name="mentees"),
    path("mentor/<int:pk>/", mentors.mentee_detail, name="mentee"),
    path("rammer/", framework.framework_list, name="framework"),
    path("rammer/ny/", framework.framework_new, name="framework_new"),
    path("rammer/arbejdsplads/<int:pk>/", framework.framework_workplace, name="framework_workplace"),
]
