from constellations.api import views

routes = [
    ("constellations", views.ConstellationViewSet, "constellation"),
    ("space-objects", views.SpaceObjectViewSet, "spaceobject"),
    ("catalog-imports", views.CatalogImportViewSet, "catalogimport"),
    ("sync-records", views.SyncRecordViewSet, "syncrecord"),
]
