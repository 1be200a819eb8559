from django.urls import path

from noivu.personnel.addresses import views

urlpatterns = [
    path("addresses/", views.addresses, name="addresses"),
    path("addresses/convert/", views.addresses_convert, name="addresses_convert"),
    path("addresses/<int:pk>/choose/", views.address_choose, name="address_choose"),
    path("<int:pk>/addresses/", views.person_addresses, name="person_addresses"),
]
