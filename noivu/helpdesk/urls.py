from django.urls import path

from noivu.helpdesk.events import views as events
from noivu.helpdesk.knowledge import views as knowledge
from noivu.helpdesk.questions import views as questions

app_name = "helpdesk"
urlpatterns = [
    path("", questions.question_list, name="questions"),
    path("ask/", questions.ask, name="ask"),
    path("import-email/", questions.import_email, name="import_email"),
    path("questions/<int:pk>/", questions.question_detail, name="question"),
    path("questions/<int:pk>/assign/", questions.assign, name="assign"),
    path("questions/<int:pk>/answer/", questions.answer, name="answer"),
    path("questions/<int:pk>/publish/", questions.publish, name="publish"),
    path("attachments/<int:pk>/", questions.attachment, name="attachment"),
    path("knowledge/", knowledge.knowledge, name="knowledge"),
    path("knowledge/<int:pk>/", knowledge.article, name="article"),
    path("events/", events.events, name="events"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event, name="event"),
    path("events/<int:pk>/materials/", events.material_add, name="material_add"),
    path("events/<int:pk>/participants/", events.participants_add, name="participants_add"),
    path("events/<int:pk>/attendance/", events.attendance, name="attendance"),
    path("materials/<int:pk>/", events.material, name="material"),
]
