from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("opgaver/", views.task_list, name="tasks"),
    path("haandter/", views.alert_handle, name="handle"),
    path("udtalelse/<int:pk>/", views.statement, name="statement"),
    path("udtalelse/<int:pk>/udtalelse.pdf", views.statement_pdf, name="statement_pdf"),
    path("udtalelse/<int:pk>/papir/", views.paper_statement, name="paper_statement"),
    path("udtalelse/<int:pk>/scanning/", views.statement_scan, name="statement_scan"),
    path("udtalelse/<int:pk>/hvem-udtaler/", views.route_statement, name="route_statement"),
    path("udtalelse/<int:pk>/paamindelse/", views.remind_representative, name="remind_representative"),
    path("ansaettelse/<int:pk>/marker-startet/", views.mark_started, name="mark_started"),
    path("balance/<int:pk>/", views.balance_threshold, name="balance_threshold"),
    path("rimelighedskrav/", views.ratio_preview, name="ratio_preview"),
]
